// Published rounds in 管控信息 (category 考核): the information base lists, searches and counts them in place
// (modules/info/sources.ts) without copying rows. One row per round, placed at its root organisation: that is
// where the results were published, and the row opens the round with its results. The information base shows
// it with info.read over that organisation (its own scope rule, in SQL like every source); the built-in roles
// holding info.read there also hold assessment.read, so they read the round it links to.
import { sql, type AliasableExpression } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';
import type { SearchDoc } from '../../platform/search/index.js';
import { registerInfoSource, type InfoSourceRow, type SourceCategory } from '../info/index.js';
import { ROUND_PAGE } from './rounds.js';
import type { AssessmentRoundTable } from './tables.js';
import { shanghaiMonthSql } from '../../platform/calendar.js';

export const ROUND_INFO_SOURCE = 'assessment.rounds';
/** The kind published rounds are indexed under in platform/search. */
export const ROUND_SEARCH_KIND = 'assessment';

/** What the search finds a published round by: its name, its period and, for organisations, who was assessed (member names stay out). */
export const roundSearchDoc = (r: Pick<AssessmentRoundTable, 'id' | 'name' | 'period_label' | 'target_type'>, targetNames: readonly string[]): SearchDoc => ({
  kind: ROUND_SEARCH_KIND, entityId: r.id, title: r.name, body: [r.period_label, r.target_type === 'member' ? '' : targetNames.join('、')].filter(Boolean).join('\n'),
});

/** The published rounds of one tenant with the information base's uniform columns. */
export function publishedRoundRows(db: DbOrTx, tenantId: string) {
  return db.selectFrom('assessment_rounds as r')
    .where('r.tenant_id', '=', tenantId).where('r.status', '=', 'published').where('r.deleted_at', 'is', null)
    .select([
      'r.id', sql<SourceCategory>`'assessment'`.as('category'), 'r.root_org_id as org_id', 'r.root_org_path as org_path', 'r.name as title',
      sql<'published'>`'published'`.as('status'), sql<string>`r.published_at`.as('published_at'), shanghaiMonthSql(sql.ref('r.published_at')).as('published_month'),
      sql<string>`${sql.lit(ROUND_PAGE)} || r.id`.as('link'),
    ]);
}

export function registerAssessmentInfoSource(p: Platform): void {
  registerInfoSource(p, {
    key: ROUND_INFO_SOURCE, category: 'assessment', name: '考核结果', searchKind: ROUND_SEARCH_KIND,
    rows: (db, tenantId) => publishedRoundRows(db, tenantId) as AliasableExpression<InfoSourceRow>,
  });
}
