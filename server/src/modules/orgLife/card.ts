// The 工作台 card of 组织生活: this quarter's red, yellow and green organisations of the subtree, from the same problem
// list as the 问题清单 page (complianceReport), each red or yellow one linking to its own list.
import type { Platform } from '../../platform/context.js';
import { complianceReport } from './reports.js';

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2 } as const;

export function registerOrgLifeCard(p: Platform): void {
  p.cards.register({
    key: 'orgLife.compliance', title: '三会一课落实', order: 20, access: 'orgLife.read', display: true,
    compute: async ({ actor, org }) => {
      const { view } = await complianceReport(p, actor, { orgId: org.id });
      const link = (orgId: string) => `/org-life/compliance?orgId=${encodeURIComponent(orgId)}&period=${view.period.code}`;
      const flagged = view.orgs.filter((o) => o.light !== 'green').sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light]);
      return {
        link: link(org.id),
        period: view.period.label,
        figures: [
          { label: '红灯组织', value: view.summary.red, unit: '个', tone: 'red', link: link(org.id) },
          { label: '黄灯组织', value: view.summary.yellow, unit: '个', tone: 'yellow', link: link(org.id) },
          { label: '绿灯组织', value: view.summary.green, unit: '个', tone: 'green', link: link(org.id) },
        ],
        lines: flagged.slice(0, 8).map((o) => ({
          label: o.orgName,
          note: o.kinds.filter((k) => k.missing > 0).map((k) => `${k.name}缺${k.missing}次`).join('，') || (o.silent ? '长期无活动' : o.attendance.belowThreshold ? '出勤率偏低' : '记录不完整'),
          tone: o.light, link: link(o.orgId),
        })),
      };
    },
  });
}
