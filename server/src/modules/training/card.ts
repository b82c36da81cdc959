// The 工作台 card of 教育培训: this year's 学时 against the requirement for the organisation's subtree, from the same
// ledger as the 学时统计 page (hoursPage), with who is behind one click away.
import type { Platform } from '../../platform/context.js';
import { hoursPage } from './hoursLedger.js';

export function registerTrainingCard(p: Platform): void {
  p.cards.register({
    key: 'training.hours', title: '学时完成', order: 50, access: 'training.read', display: true,
    compute: async ({ actor, org, today }) => {
      const year = today.slice(0, 4);
      const h = await hoursPage(p, actor, { orgId: org.id, year, behind: false, page: 1, pageSize: 1 });
      const link = `/training/hours?orgId=${encodeURIComponent(org.id)}`;
      const behind = h.summary.members - h.summary.met;
      return {
        link,
        period: `${year}年`,
        figures: [
          { label: '学时达标率', value: h.summary.rate, unit: '%', tone: h.summary.rate === null ? undefined : h.summary.rate >= 80 ? 'green' : h.summary.rate >= 50 ? 'yellow' : 'red', link },
          { label: '已达标', value: h.summary.met, unit: '人', link },
          { label: '未达标', value: behind, unit: '人', tone: behind > 0 ? 'yellow' : 'green', link: `${link}&behind=1` },
          { label: '人均学时', value: h.summary.members ? Math.round(h.summary.totalTenths / h.summary.members) / 10 : null, unit: '学时', link },
        ],
      };
    },
  });
}
