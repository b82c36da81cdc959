// Who may see and do what in 主题实践活动: the only file that says so. A campaign is seen with campaign.manage or
// campaign.read over its issuing organisation, or (once it has started) with campaign.read / submit / review over
// one of the branches it applies to; drafts only by those who may manage them. A branch's rows (measures,
// reports, cases) are seen by whoever sees the whole campaign or holds one of those permissions over the branch.
// Out of sight answers 404; something seen that the user may not act on 403.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import { conflict, forbidden } from '../../platform/errors.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { orgInScope } from '../org/index.js';
import type { CampaignCaseTable, CampaignSubmissionTable, CampaignTable } from './tables.js';

/** The permissions that let a branch see its own rows of a campaign. */
const BRANCH_PERMS: Permission[] = ['campaign.read', 'campaign.submit', 'campaign.review'];
type PathCols = { tenant: Expression<string>; path: Expression<string> };
const anyOf = (actor: Actor, perms: Permission[], cols: PathCols) => sql<SqlBool>`(${sql.join(perms.map((p) => scopeFilter(actor, p, cols)), sql` or `)})`;
/** The issuing organisation of the campaign aliased `c`. */
const ROOT: PathCols = { tenant: sql.ref<string>('c.tenant_id'), path: sql.ref<string>('c.root_org_path') };

// ---------- lists (SQL) ----------

/** SQL: the actor may see the campaign row aliased `c`. */
export function visibleCampaigns(actor: Actor): Expression<SqlBool> {
  const branch = { tenant: sql.ref<string>('co.tenant_id'), path: sql.ref<string>('co.org_path') };
  return sql<SqlBool>`(${scopeFilter(actor, 'campaign.manage', ROOT)} or (c.status <> 'draft' and (${scopeFilter(actor, 'campaign.read', ROOT)}
    or exists (select 1 from campaign_orgs co where co.tenant_id = c.tenant_id and co.campaign_id = c.id and ${anyOf(actor, BRANCH_PERMS, branch)}))))`;
}

/** SQL of `seesOrg`: a branch's row (its path in `orgPath`) of the campaign aliased `c` that the actor may see. */
export function visibleBranchRows(actor: Actor, orgPath: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(actor, 'campaign.manage', ROOT)} or ${scopeFilter(actor, 'campaign.read', ROOT)}
    or ${anyOf(actor, BRANCH_PERMS, { tenant: sql.ref<string>('c.tenant_id'), path: orgPath })})`;
}

/**
 * SQL: a case (aliased `k`) shown in the gallery, of a campaign (aliased `c`) that has started: campaign.read over
 * the issuing organisation, or a branch permission over the case's branch. Drafts and managers' reach stay out.
 */
export function visibleGalleryCases(actor: Actor): Expression<SqlBool> {
  const cols = { tenant: sql.ref<string>('k.tenant_id'), path: sql.ref<string>('k.org_path') };
  return sql<SqlBool>`(c.status <> 'draft' and (${scopeFilter(actor, 'campaign.read', ROOT)} or ${anyOf(actor, BRANCH_PERMS, cols)}))`;
}

/** SQL: the branch in `cols` is one the actor submits measures, reports and cases for. */
export const submitsIn = (actor: Actor, cols: PathCols): Expression<SqlBool> => scopeFilter(actor, 'campaign.submit', cols);

/** SQL: the case in `cols` is one the actor may rate: review over its branch, and not their own branch's case. */
export const ratableCases = (actor: Actor, cols: PathCols): Expression<SqlBool> =>
  sql<SqlBool>`(${scopeFilter(actor, 'campaign.review', cols)} and not ${scopeFilter(actor, 'campaign.submit', cols)})`;

/** Does the actor submit for some branch, or review some case (else their 待办 has nothing of these)? */
export const submitsAnywhere = (actor: Actor) => can(actor, 'campaign.submit');
export const reviewsAnywhere = (actor: Actor) => can(actor, 'campaign.review');

// ---------- one record ----------

const rootRec = (c: Pick<CampaignTable, 'tenant_id' | 'root_org_path'>) => ({ tenantId: c.tenant_id, orgPath: c.root_org_path });
const branchRec = (r: { tenant_id: string; org_path: string }) => ({ tenantId: r.tenant_id, orgPath: r.org_path });

/** May the actor see everything of the campaign (all branches), not just their own branches? */
const seesWhole = (actor: Actor, c: CampaignTable) => can(actor, 'campaign.read', rootRec(c)) || can(actor, 'campaign.manage', rootRec(c));
/** May the actor see this branch's rows of a campaign they see? */
const seesOrg = (actor: Actor, c: CampaignTable, row: { tenant_id: string; org_path: string }) =>
  seesWhole(actor, c) || BRANCH_PERMS.some((p) => can(actor, p, branchRec(row)));

export async function visibleCampaign(db: DbOrTx, actor: Actor, id: string): Promise<CampaignTable | undefined> {
  return db.selectFrom('campaigns as c').selectAll('c').where('c.tenant_id', '=', actor.tenantId).where('c.id', '=', id)
    .where('c.deleted_at', 'is', null).where(visibleCampaigns(actor)).executeTakeFirst();
}

/** A submission the actor may see (its campaign visible and its branch in their sight), or undefined. */
export async function visibleSubmission(db: DbOrTx, actor: Actor, id: string) {
  const s = await db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!s) return undefined;
  const c = await visibleCampaign(db, actor, s.campaign_id);
  if (!c || !seesOrg(actor, c, s)) return undefined;
  return { s, c };
}

/** One branch's measures or progress report of a campaign the actor sees, if the branch is in their sight. */
export async function visibleSlot(db: DbOrTx, actor: Actor, c: CampaignTable, orgId: string, slot: string): Promise<CampaignSubmissionTable | undefined> {
  const s = await db.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id)
    .where('org_id', '=', orgId).where('slot', '=', slot).executeTakeFirst();
  return s && seesOrg(actor, c, s) ? s : undefined;
}

/** A live case of a visible campaign whose branch the actor sees (else undefined → 404). */
export async function visibleCase(db: DbOrTx, actor: Actor, campaignId: string, caseId: string) {
  const c = await visibleCampaign(db, actor, campaignId);
  if (!c) return undefined;
  const k = await db.selectFrom('campaign_cases').selectAll().where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id).where('id', '=', caseId)
    .where('deleted_at', 'is', null).executeTakeFirst();
  if (!k || !seesOrg(actor, c, k)) return undefined;
  return { c, k };
}

/** The organisation a new campaign is issued by, if the actor manages campaigns there (from the cached tree). */
export const issuingOrg = (db: Db, actor: Actor, id: string) => orgInScope(db, actor, 'campaign.manage', id);

// ---------- actions ----------

/** Edits, branches, start/close and 督办 belong to campaign.manage over the issuing organisation. */
export const managesCampaign = (actor: Actor, c: Pick<CampaignTable, 'tenant_id' | 'root_org_path'>) => can(actor, 'campaign.manage', rootRec(c));

/** Does the actor submit for this branch (measures, reports, cases and their files)? */
export const submitsFor = (actor: Actor, branch: { tenant_id: string; org_path: string }) => can(actor, 'campaign.submit', branchRec(branch));

/** What the actor may do with the campaign now (the UI shows only these; the routes check the same). */
export function allowedOn(actor: Actor, c: CampaignTable, submitOrgIds: string[]): string[] {
  const manage = managesCampaign(actor, c);
  const out: string[] = [];
  if (manage && c.status !== 'closed') out.push('edit', 'editOrgs');
  if (manage && c.status === 'draft') out.push('activate', 'delete');
  if (manage && c.status === 'active') out.push('close', 'supervise');
  if (c.status === 'active' && submitOrgIds.length) out.push('submit');
  if (c.status === 'active' && c.calls_cases === 1 && submitOrgIds.length) out.push('submitCase');
  return out;
}

/** Attachments change with the submission: by its branch's submitters while the campaign is open. */
export function checkSubmissionWrite(actor: Actor, c: CampaignTable, s: CampaignSubmissionTable): void {
  if (!submitsFor(actor, s)) throw forbidden('只有该支部的报送人可以修改附件');
  if (c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改');
}

/** Why the actor may not rate the case, or null: review over its branch, and never one's own branch's case. */
export function rateRefusal(actor: Actor, k: CampaignCaseTable): string | null {
  if (!can(actor, 'campaign.review', branchRec(k))) return '您没有评审该案例的权限';
  if (submitsFor(actor, k)) return '不能评审本支部报送的案例';
  return null;
}

export function caseAllowed(actor: Actor, c: CampaignTable, k: CampaignCaseTable): string[] {
  const out: string[] = [];
  if (submitsFor(actor, k) && c.status === 'active') out.push('edit', 'photos');
  if (rateRefusal(actor, k) === null) out.push('rate');
  return out;
}
