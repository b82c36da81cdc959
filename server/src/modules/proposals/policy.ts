// Who may see and do what with 合理化建议: the only file that says so. Anyone holding one of the three proposal
// permissions comes in; a proposer always sees their own proposals, proposal.read or proposal.manage over the
// organisation shows the others; only proposal.manage decides. Out of sight answers 404, not allowed 403.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { forbidden } from '../../platform/errors.js';
import type { DbOrTx } from '../../db/types.js';
import type { ProposalTable } from './tables.js';

type PathCols = { tenant: Expression<string>; path: Expression<string> };
/** The proposal aliased `pr`. */
const PR: PathCols = { tenant: sql.ref<string>('pr.tenant_id'), path: sql.ref<string>('pr.org_path') };
const rec = (r: Pick<ProposalTable, 'tenant_id' | 'org_path'>) => ({ tenantId: r.tenant_id, orgPath: r.org_path });

/** Any of the three proposal permissions lets one in (a 党员 holds only proposal.submit and sees their own): else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'proposal.submit') && !can(actor, 'proposal.read') && !can(actor, 'proposal.manage')) throw forbidden('没有查看合理化建议的权限');
}

// ---------- lists (SQL) ----------

/** SQL: the actor may see the proposal aliased `pr` (their own, or proposal.read / manage over its organisation). */
export function visibleProposals(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`((pr.tenant_id = ${actor.tenantId} and pr.proposer_user_id = ${actor.userId}) or ${scopeFilter(actor, 'proposal.read', PR)} or ${scopeFilter(actor, 'proposal.manage', PR)})`;
}

/** SQL: the proposal aliased `pr` counts in the actor's statistics: proposal.read / manage over its organisation (their own do not make it count). */
export function visibleInStats(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(actor, 'proposal.read', PR)} or ${scopeFilter(actor, 'proposal.manage', PR)})`;
}

/** SQL: the actor decides on the proposal aliased `pr`. */
export const decidableProposals = (actor: Actor): Expression<SqlBool> => scopeFilter(actor, 'proposal.manage', PR);

/** Does the actor decide on proposals anywhere (else their 待办 has none)? */
export const decidesAnywhere = (actor: Actor) => can(actor, 'proposal.manage');

// ---------- one record ----------

export async function visibleProposal(db: DbOrTx, actor: Actor, id: string): Promise<ProposalTable | undefined> {
  return db.selectFrom('proposals as pr').selectAll('pr').where('pr.tenant_id', '=', actor.tenantId).where('pr.id', '=', id).where('pr.deleted_at', 'is', null)
    .where(visibleProposals(actor)).executeTakeFirst();
}

/** Adopting, rejecting, recording the implementation and correcting the value: proposal.manage over its organisation. */
export const decides = (actor: Actor, r: Pick<ProposalTable, 'tenant_id' | 'org_path'>) => can(actor, 'proposal.manage', rec(r));

export function allowed(actor: Actor, r: ProposalTable): string[] {
  if (!decides(actor, r)) return [];
  if (r.status === 'submitted') return ['adopt', 'reject'];
  if (r.status === 'adopted') return ['implement'];
  if (r.status === 'implemented') return ['value'];
  return [];
}

/** One files for one's own branch always, for another organisation only within one's proposal.submit scope. */
export const filesFor = (actor: Actor, org: { id: string; path: string }, ownBranchId: string | undefined) =>
  org.id === ownBranchId || can(actor, 'proposal.submit', { tenantId: actor.tenantId, orgPath: org.path });

/** Where someone who is not a member files by default: the organisation of their (first) proposal.submit grant. */
export function defaultFilingOrg(actor: Actor): { id: string; path: string } | undefined {
  const g = actor.grants.find((x) => x.tenantId === actor.tenantId && x.permissions.has('proposal.submit'));
  return g && { id: g.orgId, path: g.orgPath };
}
