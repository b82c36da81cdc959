// SQL of 主题实践活动. Who sees a campaign: campaign.manage or campaign.read over its issuing organisation,
// or (once it has started) campaign.read / submit / review over one of the branches it applies to. Drafts
// are seen only by those who may manage them. Out of sight answers 404.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { DbDialect } from '../../config.js';
import type { DbOrTx } from '../../db/types.js';
import { forUpdate } from '../../db/dialect.js';
import type { CampaignTable } from './tables.js';

export const BRANCH_PERMS: Permission[] = ['campaign.read', 'campaign.submit', 'campaign.review'];
const anyOf = (actor: Actor, perms: Permission[], cols: { tenant: Expression<string>; path: Expression<string> }) =>
  sql<SqlBool>`(${sql.join(perms.map((p) => scopeFilter(actor, p, cols)), sql` or `)})`;

/** SQL: the actor may see the campaign row aliased `c`. */
export function campaignVisible(actor: Actor): Expression<SqlBool> {
  const root = { tenant: sql.ref<string>('c.tenant_id'), path: sql.ref<string>('c.root_org_path') };
  const branch = { tenant: sql.ref<string>('co.tenant_id'), path: sql.ref<string>('co.org_path') };
  return sql<SqlBool>`(${scopeFilter(actor, 'campaign.manage', root)} or (c.status <> 'draft' and (${scopeFilter(actor, 'campaign.read', root)}
    or exists (select 1 from campaign_orgs co where co.tenant_id = c.tenant_id and co.campaign_id = c.id and ${anyOf(actor, BRANCH_PERMS, branch)}))))`;
}

/** SQL of `seesOrg`: a branch row (`orgPath`) of the campaign aliased `c` that the actor may see. */
export function orgVisible(actor: Actor, orgPath: Expression<string>): Expression<SqlBool> {
  const root = { tenant: sql.ref<string>('c.tenant_id'), path: sql.ref<string>('c.root_org_path') };
  return sql<SqlBool>`(${scopeFilter(actor, 'campaign.manage', root)} or ${scopeFilter(actor, 'campaign.read', root)}
    or ${anyOf(actor, BRANCH_PERMS, { tenant: sql.ref<string>('c.tenant_id'), path: orgPath })})`;
}

export async function visibleCampaign(db: DbOrTx, actor: Actor, id: string): Promise<CampaignTable | undefined> {
  return db.selectFrom('campaigns as c').selectAll('c').where('c.tenant_id', '=', actor.tenantId).where('c.id', '=', id)
    .where('c.deleted_at', 'is', null).where(campaignVisible(actor)).executeTakeFirst();
}

export async function lockedCampaign(db: DbOrTx, dialect: DbDialect, tenantId: string, id: string): Promise<CampaignTable | undefined> {
  return db.selectFrom('campaigns').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .modifyEnd(forUpdate(dialect)).executeTakeFirst();
}

export const rootRec = (c: Pick<CampaignTable, 'tenant_id' | 'root_org_path'>) => ({ tenantId: c.tenant_id, orgPath: c.root_org_path });
/** May the actor see everything of the campaign (all branches), not just their own branches? */
export const seesWhole = (actor: Actor, c: CampaignTable) => can(actor, 'campaign.read', rootRec(c)) || can(actor, 'campaign.manage', rootRec(c));
/** May the actor see this branch's rows of a campaign they see? */
export const seesOrg = (actor: Actor, c: CampaignTable, tenantId: string, orgPath: string) =>
  seesWhole(actor, c) || BRANCH_PERMS.some((p) => can(actor, p, { tenantId, orgPath }));

export interface AppliedOrg { org_id: string; org_path: string; name: string; kind: string }

/** The branches the campaign applies to, in tree order, with their current names. */
export async function appliedOrgs(db: DbOrTx, tenantId: string, campaignId: string): Promise<AppliedOrg[]> {
  return db.selectFrom('campaign_orgs as co')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'co.tenant_id').onRef('o.id', '=', 'co.org_id'))
    .select(['co.org_id', 'o.path as org_path', 'o.name', 'o.kind'])
    .where('co.tenant_id', '=', tenantId).where('co.campaign_id', '=', campaignId).where('o.deleted_at', 'is', null)
    .orderBy('o.path').execute();
}

export async function duesOf(db: DbOrTx, tenantId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_report_dues').selectAll().where('tenant_id', '=', tenantId).where('campaign_id', 'in', campaignIds)
    .orderBy('due_on').orderBy('id').execute();
}
