// The registry of every column that holds an organisation path, and the one function an organisation move runs
// over it. Each room declares its columns beside its tables (tables.ts, `OrgPathColumns`); this file only
// collects them, so the organisation module moves a subtree without knowing which modules exist, and
// db/schema.test.ts fails on any `…_path` column missing here.
import { sql } from 'kysely';
import type { OrgPathRule } from './columns.js';
import { inSubtree } from './dialect.js';
import type { DbOrTx } from './types.js';
import { orgPathColumns } from '../modules/org/tables.js';
import { peopleOrgPathColumns } from '../modules/people/tables.js';
import { infoOrgPathColumns } from '../modules/info/tables.js';
import { orgLifeOrgPathColumns } from '../modules/orgLife/tables.js';
import { assessmentOrgPathColumns } from '../modules/assessment/tables.js';
import { publicityOrgPathColumns } from '../modules/publicity/tables.js';
import { campaignOrgPathColumns } from '../modules/campaigns/tables.js';
import { proposalOrgPathColumns } from '../modules/proposals/tables.js';
import { volunteerOrgPathColumns } from '../modules/volunteer/tables.js';
import { incentiveOrgPathColumns } from '../modules/incentives/tables.js';
import { trainingOrgPathColumns } from '../modules/training/tables.js';
import { transferOrgPathColumns } from '../modules/transfers/tables.js';
import { recruitmentOrgPathColumns } from '../modules/recruitment/tables.js';
import { duesOrgPathColumns } from '../modules/dues/tables.js';

export interface OrgPathColumn extends OrgPathRule {
  table: string;
  column: string;
}

const DECLARED: readonly Record<string, Record<string, OrgPathRule | undefined> | undefined>[] = [
  orgPathColumns, peopleOrgPathColumns, infoOrgPathColumns, orgLifeOrgPathColumns, assessmentOrgPathColumns,
  publicityOrgPathColumns, campaignOrgPathColumns, proposalOrgPathColumns,
  volunteerOrgPathColumns, incentiveOrgPathColumns, trainingOrgPathColumns, transferOrgPathColumns, recruitmentOrgPathColumns,
  duesOrgPathColumns,
];

/** Every registered organisation-path column, in declaration order. */
export const ORG_PATH_COLUMNS: readonly OrgPathColumn[] = DECLARED.flatMap((room) =>
  Object.entries(room).flatMap(([table, cols]) => Object.entries(cols ?? {}).flatMap(([column, rule]) => (rule ? [{ table, column, ...rule }] : []))));

/**
 * Inside an organisation move's transaction: rewrites every `rewrite` column whose path lies under `oldPrefix`
 * (deleted rows too, so a restore lands in place) to start with `newPrefix`. Returns the rows changed per table.
 */
export async function rewriteOrgPaths(trx: DbOrTx, tenantId: string, oldPrefix: string, newPrefix: string): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  if (oldPrefix === newPrefix) return changed;
  for (const { table, column, onMove } of ORG_PATH_COLUMNS) {
    if (onMove !== 'rewrite') continue;
    const ref = sql.ref<string>(column);
    // The table and column come from the typed declarations above, never from input.
    const res = await trx.updateTable(table as 'members')
      .set({ [column]: sql<string>`${newPrefix} || substr(${ref}, ${oldPrefix.length + 1})` } as never)
      .where('tenant_id', '=', tenantId)
      .where(inSubtree(ref, oldPrefix))
      .executeTakeFirst();
    changed[table] = (changed[table] ?? 0) + Number(res.numUpdatedRows);
  }
  return changed;
}
