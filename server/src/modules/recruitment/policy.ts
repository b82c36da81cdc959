// Who may see and do what in 发展党员: the only file that says so.
// - A person in the pipeline, their steps and their documents are seen with recruit.read over the branch that
//   develops them (a secretary: their branch; 党委 staff: everyone). Out of sight answers 404, documents too.
// - Steps, documents and 延长预备期 are kept with recruit.write over that branch; seen but not kept → 403.
// - A person is taken into the pipeline only by a branch (党支部 or 联合支部) the actor keeps.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { forbidden } from '../../platform/errors.js';

/** Anyone with one of the module's permissions: else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'recruit.read') && !can(actor, 'recruit.write')) throw forbidden('没有使用发展党员的权限');
}

/** SQL: the person aliased `alias` is developed where the actor holds recruit.read. */
export const readableAt = (actor: Actor, alias: string): Expression<SqlBool> =>
  scopeFilter(actor, 'recruit.read', { tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.org_path`) });

export const readsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'recruit.read', { tenantId: actor.tenantId, orgPath });
export const writesAt = (actor: Actor, orgPath: string): boolean => can(actor, 'recruit.write', { tenantId: actor.tenantId, orgPath });

/** 403 with the reason when the actor sees the person but may not record their steps. */
export function checkWrites(actor: Actor, orgPath: string): void {
  if (!writesAt(actor, orgPath)) throw forbidden('您只能查看该发展对象，不能办理其发展步骤');
}

/** A 培养联系人 or 入党介绍人 is a full member in good standing. */
export const mayVouch = (m: { type: string; status: string; deleted: boolean }): boolean => m.type === 'full' && m.status === 'active' && !m.deleted;

/** A 组织生活 meeting decides a person's step when it belongs to the person's branch or an organisation above it. */
export const meetingFits = (meetingPath: string, personPath: string): boolean => personPath.startsWith(meetingPath);

/** SQL: the person aliased `alias` is kept by the actor (recruit.write): whose 待办 the person's deadlines are. */
export const writableAt = (actor: Actor, alias: string): Expression<SqlBool> =>
  scopeFilter(actor, 'recruit.write', { tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.org_path`) });

/**
 * 发展计划: the quota is the committee's decision (the 党委 approves each branch's number): set with recruit.write over
 * the organisation above the branch (`parentPath`), so a branch secretary reads their plan but does not set it.
 */
export const setsPlan = (actor: Actor, parentPath: string | null): boolean => parentPath !== null && writesAt(actor, parentPath);

/** A candidate's 身份证号 and phone in clear: member.sensitive over the branch that develops them, like the roster's reveal. */
export const revealsPerson = (actor: Actor, orgPath: string): boolean => can(actor, 'member.sensitive', { tenantId: actor.tenantId, orgPath });
