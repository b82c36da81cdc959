// The 工作台 card of 管控信息: information published this month against last month, the running total and the
// organisations with nothing new this month, from the same statistics as the 每月统计 page (infoStats).
import { shiftMonth } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { infoStats } from './stats.js';

export function registerInfoCard(p: Platform): void {
  p.cards.register({
    key: 'info.monthly', title: '管控信息', order: 40, access: 'info.read', display: true,
    compute: async ({ actor, org, today }) => {
      const month = today.slice(0, 7);
      const s = await infoStats(p, actor, { orgId: org.id, from: shiftMonth(month, -5), to: month });
      const [last, now] = [s.series.at(-2)!, s.series.at(-1)!];
      const silent = s.silent.at(-1)!.orgs;
      const link = `/info/stats?orgId=${encodeURIComponent(org.id)}`;
      return {
        link,
        period: `${Number(month.slice(5))}月`,
        figures: [
          { label: '本月新增', value: now.newTotal, unit: '条', link },
          { label: '上月新增', value: last.newTotal, unit: '条', link },
          { label: '累计', value: s.totals.atEnd, unit: '条', link: `/info?orgId=${encodeURIComponent(org.id)}` },
          { label: '本月无新增组织', value: silent.length, unit: '个', tone: silent.length > 0 ? 'yellow' : 'green', link },
        ],
        chart: { kind: 'bar', items: s.series.map((x) => ({ label: `${Number(x.month.slice(5))}月`, value: x.newTotal })) },
      };
    },
  });
}
