// The 工作台 card of 量化考核: the latest published round of organisations that covers the chosen organisation,
// its ranking as the round's results page shows it (resultsFor), limited to the organisations in the subtree.
import type { Platform } from '../../platform/context.js';
import { tenantTree } from '../org/index.js';
import { resultsFor } from './results.js';
import { listRounds } from './rounds.js';

export function registerAssessmentCard(p: Platform): void {
  p.cards.register({
    key: 'assessment.ranking', title: '考核排名', order: 45, access: 'assessment.read', display: true,
    compute: async ({ actor, org }) => {
      const rounds = await listRounds(p.db, actor, { status: 'published' });
      // Rounds of organisations (not of members) over the chosen one or inside it, latest period first.
      const round = rounds.find((r) => r.target_type !== 'member' && (org.path.startsWith(r.root_org_path) || r.root_org_path.startsWith(org.path)));
      if (!round) return { link: '/assessment/rounds', period: '暂无已发布的考核', figures: [{ label: '参评组织', value: null, unit: '个' }] };
      const [results, tree] = await Promise.all([resultsFor(p, actor, round.id), tenantTree(p.db, actor.tenantId, actor.treeVersion)]);
      const inside = new Set(tree.filter((o) => o.path.startsWith(org.path)).map((o) => o.id));
      const items = results.items.filter((i) => inside.has(i.targetId));
      const link = `/assessment/rounds?id=${encodeURIComponent(round.id)}`;
      const average = items.length ? Math.round((10 * items.reduce((n, i) => n + i.total, 0)) / items.length) / 10 : null;
      return {
        link,
        period: round.name.includes(round.period_label) ? round.name : `${round.name}（${round.period_label}）`,
        figures: [
          { label: '参评组织', value: items.length, unit: '个', link },
          { label: '平均分', value: average, unit: '分', link },
          { label: '最高分', value: items.length ? Math.max(...items.map((i) => i.total)) : null, unit: '分', link },
        ],
        lines: items.slice(0, 5).map((i) => ({ label: `第${i.rank}名 ${i.targetName}`, note: `${i.total}分 · ${i.starName}`, link })),
      };
    },
  });
}
