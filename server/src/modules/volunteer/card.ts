// The 工作台 card of 志愿服务: this year's service hours of the organisation's subtree (visits and voluntary labour),
// from the same summary as the 服务时长 page (hoursSummary), with hours per month.
import type { Platform } from '../../platform/context.js';
import { hoursSummary } from './hours.js';

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

export function registerVolunteerCard(p: Platform): void {
  p.cards.register({
    key: 'volunteer.hours', title: '志愿服务', order: 60, access: 'volunteer.read', display: true,
    compute: async ({ actor, org, today }) => {
      const year = today.slice(0, 4);
      const h = await hoursSummary(p, actor, { orgId: org.id, year });
      const link = `/volunteer/hours?orgId=${encodeURIComponent(org.id)}`;
      const upTo = today.slice(0, 7);
      return {
        link,
        period: `${year}年`,
        figures: [
          { label: '服务时长', value: hours(h.total.visitMinutes + h.total.activityMinutes), unit: '小时', link },
          { label: '走访', value: h.total.visits, unit: '次', link: '/volunteer/visits' },
          { label: '参与志愿者', value: h.total.volunteers, unit: '人', link },
        ],
        chart: { kind: 'bar', items: h.months.filter((m) => m.month <= upTo).slice(-6).map((m) => ({ label: `${Number(m.month.slice(5))}月`, value: hours(m.visitMinutes + m.activityMinutes) })) },
      };
    },
  });
}
