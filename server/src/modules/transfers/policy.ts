// Who may see and do what in 组织关系转接: the only file that says so. Everything needs transfer.write (the route
// refuses anyone without it, 403); then:
// - A transfer out is seen by whoever holds transfer.write over the sending branch (it stays responsible until the
//   member is received); an internal one also by the receiving branch, which confirms it.
// - A transfer in is seen by whoever holds it over the branch that received the member; one from another committee
//   that nobody has received yet belongs to the whole committee (transfer.write at the root), which confirms it and
//   chooses the branch. A committee only ever reads its own tenant's rows: the other side's row is never in sight.
// - Out of sight answers 404; in sight but not the actor's to do answers 403; a wrong state answers 409.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter } from '../../platform/access/can.js';
import { forbidden } from '../../platform/errors.js';
import type { ScopedRecord } from '../../platform/access/can.js';
import type { TransferTable } from './tables.js';

const at = (actor: Actor, path: string | null): boolean => path !== null && can(actor, 'transfer.write', { tenantId: actor.tenantId, orgPath: path });
const col = (alias: string, c: string) => ({ tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.${c}`) });

/** The committee's own staff: transfer.write over the root of their tenant. */
export const handlesCommittee = (actor: Actor): boolean => canAtRoot(actor, 'transfer.write');

/** SQL: the actor is on the sending side of the transfer aliased `alias` (transfer.write over the sending branch). */
export const sendingSide = (actor: Actor, alias: string): Expression<SqlBool> => scopeFilter(actor, 'transfer.write', col(alias, 'from_org_path'));

/**
 * SQL: the actor is on the receiving side: transfer.write over the receiving branch, or, for a transfer from another
 * committee nobody has received yet, the committee's own staff. The 转入 tab lists these (internal ones included).
 */
export function receivingSide(actor: Actor, alias: string): Expression<SqlBool> {
  const unplaced = handlesCommittee(actor)
    ? sql<SqlBool>`(${sql.ref(`${alias}.tenant_id`)} = ${actor.tenantId} and ${sql.ref(`${alias}.to_org_path`)} is null and ${sql.ref(`${alias}.direction`)} = 'in')`
    : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${scopeFilter(actor, 'transfer.write', col(alias, 'to_org_path'))} or ${unplaced})`;
}

/** SQL: the transfer aliased `alias` is in the actor's sight (their own tenant's rows only). */
export const visibleTransfers = (actor: Actor, alias: string): Expression<SqlBool> => sql<SqlBool>`(${sendingSide(actor, alias)} or ${receivingSide(actor, alias)})`;

/** The transfer is in the actor's sight (the twin of visibleTransfers for one row). */
export function seesTransfer(actor: Actor, t: TransferTable): boolean {
  if (t.tenant_id !== actor.tenantId) return false;
  return at(actor, t.from_org_path) || at(actor, t.to_org_path) || (t.direction === 'in' && t.to_org_path === null && handlesCommittee(actor));
}

/** Starts a transfer out of the branch at `branchPath` (the branch's secretary, or the committee above it). */
export const startsFrom = (actor: Actor, branchPath: string): boolean => at(actor, branchPath);

/** Records a member arriving from outside with a letter, into the branch at `branchPath`. */
export const receivesInto = (actor: Actor, branchPath: string): boolean => at(actor, branchPath);

/** Confirms the transfer: an internal one by the receiving branch; one from another committee by that committee. */
export function confirms(actor: Actor, t: TransferTable): boolean {
  if (t.status !== 'pending') return false;
  if (t.scope === 'internal' && t.direction === 'out') return at(actor, t.to_org_path);
  if (t.scope === 'server' && t.direction === 'in') return handlesCommittee(actor);
  return false;
}

/** Records the receipt (回执) of a letter: the sending branch, while the transfer is pending. */
export const recordsReceipt = (actor: Actor, t: TransferTable): boolean =>
  t.status === 'pending' && t.scope === 'external' && t.direction === 'out' && at(actor, t.from_org_path);

/** Downloads our introduction letter: the sending side, unless the transfer was withdrawn (the letter is void). */
export const printsLetter = (actor: Actor, t: TransferTable): boolean =>
  t.scope === 'external' && t.direction === 'out' && t.status !== 'withdrawn' && at(actor, t.from_org_path);

/** Withdraws a transfer out while it waits: the sending branch or the committee above it (never the receiving side). */
export const withdraws = (actor: Actor, t: TransferTable): boolean => t.status === 'pending' && t.direction === 'out' && at(actor, t.from_org_path);

/** 403 with the reason when the actor sees the transfer but may not confirm it. */
export function checkConfirms(actor: Actor, t: TransferTable): void {
  if (t.scope === 'internal' && t.direction === 'out' && t.status === 'pending' && !at(actor, t.to_org_path)) throw forbidden('只有接收党支部或党委可以确认接收');
  if (t.scope === 'server' && t.direction === 'out') throw forbidden('转往其他党委的转接由对方党委确认接收');
  if (t.scope === 'external' && t.direction === 'out') throw forbidden('转往平台外的转接请登记介绍信回执');
}

/** The letter shows the 身份证号 in clear only to whoever may see it (member.sensitive over the member's place). */
export const revealsIdNumber = (actor: Actor, memberPlace: ScopedRecord): boolean => can(actor, 'member.sensitive', memberPlace);
