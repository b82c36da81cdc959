// Reads of 主题实践活动 shared by its services: the campaign locked for a change, the branches it applies to (all
// of them inside a transaction, those the reader sees in a request), report deadlines and submissions. Branch
// names and liveness come from the organisation module's readers, never its table.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { DbDialect } from '../../config.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { forUpdate } from '../../db/dialect.js';
import { liveOrgFilter, liveOrgsById, orgNamesOf } from '../org/index.js';
import { submitsIn, visibleBranchRows } from './policy.js';
import type { CampaignSubmissionTable, CampaignTable } from './tables.js';

export async function lockedCampaign(db: DbOrTx, dialect: DbDialect, tenantId: string, id: string): Promise<CampaignTable | undefined> {
  return db.selectFrom('campaigns').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .modifyEnd(forUpdate(dialect)).executeTakeFirst();
}

export interface AppliedOrg { org_id: string; org_path: string; name: string }

/** Every live branch the campaign applies to, in tree order, with its current name: for writes and jobs (keyed reads). */
export async function appliedOrgs(db: DbOrTx, tenantId: string, campaignId: string): Promise<AppliedOrg[]> {
  const rows = await db.selectFrom('campaign_orgs').select('org_id').where('tenant_id', '=', tenantId).where('campaign_id', '=', campaignId).execute();
  const live = await liveOrgsById(db, tenantId, rows.map((r) => r.org_id));
  return [...live.values()].map((o) => ({ org_id: o.id, org_path: o.path, name: o.name })).sort((a, b) => (a.org_path < b.org_path ? -1 : 1));
}

/** A live branch of the campaign in the reader's sight, and whether they submit for it. */
export interface SeenBranch extends AppliedOrg { maySubmit: boolean }

/**
 * The live branches of the campaign the actor sees, in tree order: one statement (scope and liveness in SQL),
 * names from the cached tree. campaign_orgs.org_path is rewritten on every move, so it is the branch's path.
 */
export async function branchesSeen(db: Db, actor: Actor, c: CampaignTable): Promise<SeenBranch[]> {
  const cols = { tenant: sql.ref<string>('co.tenant_id'), path: sql.ref<string>('co.org_path') };
  const rows = await db.selectFrom('campaign_orgs as co')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
    .select(['co.org_id', 'co.org_path', sql<number>`case when ${submitsIn(actor, cols)} then 1 else 0 end`.as('may_submit')])
    .where('co.tenant_id', '=', c.tenant_id).where('co.campaign_id', '=', c.id)
    .where(liveOrgFilter({ tenant: sql.ref<string>('co.tenant_id'), orgId: sql.ref<string>('co.org_id') }))
    .where(visibleBranchRows(actor, sql.ref<string>('co.org_path')))
    .orderBy('co.org_path').execute();
  const names = await orgNamesOf(db, actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({ org_id: r.org_id, org_path: r.org_path, name: names.get(`${c.tenant_id}/${r.org_id}`) ?? '', maySubmit: Number(r.may_submit) === 1 }));
}

export async function duesOf(db: DbOrTx, tenantId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_report_dues').selectAll().where('tenant_id', '=', tenantId).where('campaign_id', 'in', campaignIds)
    .orderBy('due_on').orderBy('id').execute();
}

/** Every submission (measures and reports) of the campaign: for writes, which decide for all branches. */
export async function submissionsOf(db: DbOrTx, tenantId: string, campaignId: string): Promise<CampaignSubmissionTable[]> {
  return db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', tenantId).where('campaign_id', '=', campaignId).execute();
}

/** The submissions of the campaign's branches the actor sees, of one kind or all, in tree order. */
export async function submissionsSeen(db: DbOrTx, actor: Actor, c: CampaignTable, kind?: CampaignSubmissionTable['kind']): Promise<CampaignSubmissionTable[]> {
  let q = db.selectFrom('campaign_submissions as s')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.campaign_id'))
    .selectAll('s').where('s.tenant_id', '=', c.tenant_id).where('s.campaign_id', '=', c.id).where(visibleBranchRows(actor, sql.ref<string>('s.org_path')));
  if (kind) q = q.where('s.kind', '=', kind);
  return q.orderBy('s.org_path').orderBy('s.id').execute();
}
