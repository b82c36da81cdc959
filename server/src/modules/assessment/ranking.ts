// The ranking of an organisation's subtree in the latest published round of organisations over or inside it, as the
// round's results page shows it (resultsFor): what the 工作台 card (card.ts) and the monthly report's 量化考核 chapter
// (report.ts) show, so that the two cannot disagree.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { tenantTree } from '../org/index.js';
import { resultsFor, type ResultItem } from './results.js';
import { latestOrgRound } from './rounds.js';
import type { AssessmentRoundTable } from './tables.js';

export interface SubtreeRanking {
  round: AssessmentRoundTable;
  /** The results of the subtree's organisations, with their rank in the whole round. */
  items: ResultItem[];
  /** Average and highest total over `items` (null when none of the subtree was ranked). */
  average: number | null;
  top: number | null;
}

/** The ranking, or null when no such round was published (before `publishedBefore`, an ISO instant, if given). */
export async function subtreeRanking(p: Platform, actor: Actor, org: { path: string }, publishedBefore?: string): Promise<SubtreeRanking | null> {
  const round = await latestOrgRound(p.db, actor, org.path, publishedBefore);
  if (!round) return null;
  const [results, tree] = await Promise.all([resultsFor(p, actor, round.id), tenantTree(p.db, actor.tenantId, actor.treeVersion)]);
  const inside = new Set(tree.filter((o) => o.path.startsWith(org.path)).map((o) => o.id));
  const items = results.items.filter((i) => inside.has(i.targetId));
  return {
    round, items,
    average: items.length ? Math.round((10 * items.reduce((n, i) => n + i.total, 0)) / items.length) / 10 : null,
    top: items.length ? Math.max(...items.map((i) => i.total)) : null,
  };
}
