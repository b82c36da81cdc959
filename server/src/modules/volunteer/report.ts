// 志愿服务 in the 月度党建工作报告: the month's visits and service hours (visits and voluntary labour) of the
// organisation's subtree, per subordinate organisation, from the same summary as the 服务时长 page (hoursSummary).
import type { Platform } from '../../platform/context.js';
import { hoursSummary } from './hours.js';

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

export function registerVolunteerReport(p: Platform): void {
  p.reportSections.register({
    key: 'volunteer.monthly', title: '志愿服务开展情况', order: 70, access: 'volunteer.read',
    monthly: async ({ actor, org, month }) => {
      const h = await hoursSummary(p, actor, { orgId: org.id, year: month.slice(0, 4) });
      const m = h.months.find((x) => x.month === month) ?? { visitMinutes: 0, activityMinutes: 0, visits: 0 };
      const index = Number(month.slice(5)) - 1;
      const total = hours(m.visitMinutes + m.activityMinutes);
      return {
        figures: [{ label: '服务时长', value: total, unit: '小时' }, { label: '走访', value: m.visits, unit: '次' }],
        sentences: [`本月开展关爱走访${m.visits}次，志愿服务时长${total}小时（走访${hours(m.visitMinutes)}小时，义务劳动${hours(m.activityMinutes)}小时）。`],
        tables: h.orgs.length > 0 ? [{
          title: '各组织本月志愿服务时长', headers: ['组织', '服务时长（小时）'],
          rows: [...h.orgs.map((o) => [o.orgName, hours(o.monthMinutes[index] ?? 0)]), ['合计', total]],
        }] : [],
      };
    },
  });
}
