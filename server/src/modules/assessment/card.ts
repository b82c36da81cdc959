// The 工作台 card of 量化考核: the subtree's ranking in the latest published round of organisations over or inside the
// chosen organisation (ranking.ts).
import type { Platform } from '../../platform/context.js';
import { subtreeRanking } from './ranking.js';

export function registerAssessmentCard(p: Platform): void {
  p.cards.register({
    key: 'assessment.ranking', title: '考核排名', order: 45, access: 'assessment.read', display: true,
    compute: async ({ actor, org }) => {
      const ranking = await subtreeRanking(p, actor, org);
      if (!ranking) return { link: '/assessment/rounds', period: '暂无已发布的考核', figures: [{ label: '参评组织', value: null, unit: '个' }] };
      const { round, items, average, top } = ranking;
      const link = `/assessment/rounds?id=${encodeURIComponent(round.id)}`;
      return {
        link,
        period: round.name.includes(round.period_label) ? round.name : `${round.name}（${round.period_label}）`,
        figures: [
          { label: '参评组织', value: items.length, unit: '个', link },
          { label: '平均分', value: average, unit: '分', link },
          { label: '最高分', value: top, unit: '分', link },
        ],
        lines: items.slice(0, 5).map((i) => ({ label: `第${i.rank}名 ${i.targetName}`, note: `${i.total}分 · ${i.starName}`, link })),
      };
    },
  });
}
