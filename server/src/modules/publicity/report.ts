// 宣传 in the 月度党建工作报告: manuscripts submitted, adopted and published in the month per organisation of the
// subtree, with each organisation's quota for its period, from the same statistics as the 统计排名 page
// (publicityStats for the month's days).
import type { Platform } from '../../platform/context.js';
import { publicityStats } from './stats.js';

export function registerPublicityReport(p: Platform): void {
  p.reportSections.register({
    key: 'publicity.monthly', title: '宣传工作', order: 60, access: 'publicity.read',
    monthly: async ({ actor, org, from, to }) => {
      const s = await publicityStats(p, actor, { orgId: org.id, from, to, format: 'json' });
      const sum = (k: 'submitted' | 'adopted' | 'published') => s.orgs.reduce((n, o) => n + o[k], 0);
      const [submitted, adopted, published] = [sum('submitted'), sum('adopted'), sum('published')];
      const quota = s.orgs.filter((o) => o.quota > 0);
      return {
        figures: [{ label: '投稿', value: submitted, unit: '篇' }, { label: '采用', value: adopted, unit: '篇' }, { label: '刊发', value: published, unit: '篇' }],
        sentences: [
          `本月投稿${submitted}篇，采用${adopted}篇，刊发${published}篇。`,
          ...(quota.length > 0 ? [`投稿定额按${s.quota.periodName}计${s.quota.countsName}稿件，本月计入的稿件见下表。`] : []),
        ],
        tables: s.orgs.length > 0 ? [{
          title: '各组织本月稿件', headers: ['组织', '投稿', '采用', '刊发', `定额（每${s.quota.periodName}）`],
          rows: [...s.orgs.map((o) => [o.orgName, o.submitted, o.adopted, o.published, o.quota || '—']), ['合计', submitted, adopted, published, '']],
        }] : [],
      };
    },
  });
}
