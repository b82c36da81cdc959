// Who may see and do what with the people register's tenant-wide records: administrative units and the staff
// roster have no place in the Party tree, so only a grant over the root organisation (the committee) reaches
// them (canAtRoot). Member records are scoped by their organisation instead: modules/members/policy.ts.
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import { forbidden } from '../../platform/errors.js';

/** The actor's tenant when they hold `permission` over its root organisation; 403 otherwise. */
export function rootTenant(actor: Actor, permission: Permission): string {
  if (!canAtRoot(actor, permission)) throw forbidden('单位与员工由党委统一管理，您没有相应权限');
  return actor.tenantId;
}

/** Clear 身份证号 and phone of the staff roster: member.sensitive over the committee. */
export const revealsStaff = (actor: Actor): boolean => canAtRoot(actor, 'member.sensitive');

/**
 * Exact lookup of an employee by 身份证号: staff readers over the committee, and member writers at any level (a
 * 支部书记 filing an existing employee as a member must find them, but only by the full number, masked).
 */
export const mayLookUpStaff = (actor: Actor): boolean => canAtRoot(actor, 'staff.read') || can(actor, 'member.write');
