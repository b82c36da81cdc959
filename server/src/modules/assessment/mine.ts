// 我的 of 量化考核 and 民主评议: the signed-in member's totals in the published rounds that assessed them and their
// published 民主评议 grades (the same readers as the member's record in 表彰, subjectRecord.ts). Only published results:
// what a round's managers have not yet published stays theirs.
import type { Platform } from '../../platform/context.js';
import { appraisalGradesOf, publishedResultsOf } from './subjectRecord.js';

export function registerAssessmentMine(p: Platform): void {
  p.mine.register({
    key: 'assessment.mine', title: '我的考核与评议', order: 30,
    compute: async ({ actor, member }) => {
      const [results, grades] = await Promise.all([
        publishedResultsOf(p.db, actor.tenantId, member.id),
        appraisalGradesOf(p.db, actor.tenantId, member.id),
      ]);
      const latest = results[0];
      const grade = grades[0];
      return {
        figures: [
          { label: latest ? `最近得分（${latest.periodLabel}）` : '最近得分', value: latest ? latest.total : null, unit: latest ? `/${latest.maxTotal}分` : '分' },
        ],
        items: [
          ...results.map((r) => ({ title: r.roundName, tag: '考核', note: `${r.periodLabel} · ${r.total}/${r.maxTotal} 分` })),
          ...grades.map((g) => ({ title: `${g.year}年度民主评议`, tag: '评议', note: g.grade ?? '未评定', tone: g.grade === '不合格' ? 'red' as const : g.grade ? 'green' as const : 'grey' as const })),
        ],
        empty: grade || latest ? undefined : '还没有公布的考核结果或民主评议等次',
        link: '/appraisals',
      };
    },
  });
}
