// The 工作台 card of 宣传: this quarter's manuscripts of the organisation's subtree (submitted, adopted, published)
// and the organisations below their quota, from the same statistics as the 统计排名 page (publicityStats).
import type { Platform } from '../../platform/context.js';
import { publicityStats } from './stats.js';

export function registerPublicityCard(p: Platform): void {
  p.cards.register({
    key: 'publicity.output', title: '宣传工作', order: 48, access: 'publicity.read', display: true,
    compute: async ({ actor, org }) => {
      const s = await publicityStats(p, actor, { orgId: org.id, format: 'json' });
      const sum = (f: (o: (typeof s.orgs)[number]) => number) => s.orgs.reduce((n, o) => n + f(o), 0);
      const below = s.orgs.filter((o) => o.belowQuota);
      const link = `/publicity/stats?orgId=${encodeURIComponent(org.id)}`;
      return {
        link,
        period: `${s.from} 至 ${s.to}`,
        figures: [
          { label: '投稿', value: sum((o) => o.submitted), unit: '篇', link },
          { label: '采用', value: sum((o) => o.adopted), unit: '篇', link },
          { label: '刊发', value: sum((o) => o.published), unit: '篇', link },
          { label: '未完成定额组织', value: below.length, unit: '个', tone: below.length > 0 ? 'yellow' : 'green', link },
        ],
        lines: below.slice(0, 8).map((o) => ({
          label: o.orgName, note: `${s.quota.countsName} ${o.counted}/${o.quotaTarget} 篇`, tone: 'yellow' as const,
          link: `/publicity/stats?orgId=${encodeURIComponent(o.orgId)}`,
        })),
      };
    },
  });
}
