// Who may see and do what in 党费: the only file that says so.
// - A member's base, bills and payments are seen with dues.read over the member's place (a secretary: their branch;
//   党委 staff: everyone) and kept with dues.write there. Out of sight answers 404; seen but not kept, 403.
// - The income behind a base is shown in clear only to dues.sensitive over the member's place, each view audited.
// - Hand-overs belong to the branch that hands over: recorded with dues.write over it, read with dues.read.
// - A member reads their own dues (/dues/me) through their own account, with no other permission.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { forbidden } from '../../platform/errors.js';

/** Anyone with one of the module's permissions: else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'dues.read') && !can(actor, 'dues.write')) throw forbidden('没有使用党费管理的权限');
}

/** SQL: the row aliased `alias` (any dues table: each has tenant_id and org_path) is seen by the actor. */
export const readableAt = (actor: Actor, alias: string): Expression<SqlBool> =>
  scopeFilter(actor, 'dues.read', { tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.org_path`) });

export const readsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'dues.read', { tenantId: actor.tenantId, orgPath });
export const writesAt = (actor: Actor, orgPath: string): boolean => can(actor, 'dues.write', { tenantId: actor.tenantId, orgPath });
export const revealsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'dues.sensitive', { tenantId: actor.tenantId, orgPath });

/** 403 with the reason when the actor sees the member's dues but may not keep them. */
export function checkWrites(actor: Actor, orgPath: string): void {
  if (!writesAt(actor, orgPath)) throw forbidden('您只能查看该党员的党费，不能登记或修改');
}

/** 403 unless the actor may see the income in clear. */
export function checkReveals(actor: Actor, orgPath: string): void {
  if (!revealsAt(actor, orgPath)) throw forbidden('您没有查看党费基数（收入）明文的权限');
}
