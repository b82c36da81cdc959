// Who may see and do what in 量化考核 and 民主评议: the one place that says it. SQL filters for lists
// (visible…), checks of one record already loaded (an out-of-sight record answers 404, a visible one the user
// may not act on 403 with the reason), and the actions the views offer, which the routes check the same way.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter } from '../../platform/access/can.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { orgScopeFilter } from '../org/index.js';
import type { AssessmentRoundTable, AssessmentSheetTable } from './tables.js';

// ---- schemes ----

/** Schemes are the committee's: anyone with assessment.read reads them (the routes' access), only assessment.manage over the root writes. */
export function assertSchemeManager(actor: Actor): void {
  if (!canAtRoot(actor, 'assessment.manage')) throw forbidden('只有党委考核管理员可以维护考核方案');
}

// ---- rounds ----

type RoundScope = Pick<AssessmentRoundTable, 'tenant_id' | 'root_org_path'>;
const rootOf = (r: RoundScope) => ({ tenantId: r.tenant_id, orgPath: r.root_org_path });

/** Manages the round (review, publication, corrections, anomalies, returning sheets): assessment.manage over its root. */
export const managesRound = (actor: Actor, r: RoundScope): boolean => can(actor, 'assessment.manage', rootOf(r));

/** Reads every result of the round: assessment.read over its root. */
export const readsAllResults = (actor: Actor, r: RoundScope): boolean => can(actor, 'assessment.read', rootOf(r));

/** Sees the whole round (every target, its sheets' progress): read or manage over its root. */
export const seesWholeRound = (actor: Actor, r: RoundScope): boolean => managesRound(actor, r) || readsAllResults(actor, r);

/** Opening a round at an organisation: out of read scope (or missing) → 404, readable but not managed → 403. */
export function assertOpensRoundAt(actor: Actor, root: { tenant_id: string; path: string } | undefined): asserts root {
  const rec = root && { tenantId: root.tenant_id, orgPath: root.path };
  if (!rec || !can(actor, 'assessment.read', rec)) throw notFound('组织');
  if (!can(actor, 'assessment.manage', rec)) throw forbidden('您没有在该组织开展考核的权限');
}

interface RoundCols { tenant: Expression<string>; id: Expression<string>; rootPath: Expression<string> }
interface TargetCols { tenant: Expression<string>; roundId: Expression<string>; targetId: Expression<string>; path: Expression<string> }

/** SQL: read or manage over the round's root. */
const wholeRound = (actor: Actor, c: { tenant: Expression<string>; rootPath: Expression<string> }) => sql<SqlBool>`(${scopeFilter(actor, 'assessment.read', { tenant: c.tenant, path: c.rootPath })}
  or ${scopeFilter(actor, 'assessment.manage', { tenant: c.tenant, path: c.rootPath })})`;

/** SQL: one target is visible without the whole round: read over the target's organisation, or a sheet of the actor's on it. */
const reachesTarget = (actor: Actor, c: TargetCols) => sql<SqlBool>`(${scopeFilter(actor, 'assessment.read', { tenant: c.tenant, path: c.path })}
  or exists (select 1 from assessment_sheets vs where vs.tenant_id = ${c.tenant} and vs.round_id = ${c.roundId} and vs.target_id = ${c.targetId}
    and vs.assessor_user_id = ${actor.userId}))`;

/** SQL: rounds the actor may see: read or manage over the root, read over one of its targets, or a sheet of theirs. */
export function visibleRounds(actor: Actor, c: RoundCols): Expression<SqlBool> {
  return sql<SqlBool>`(${wholeRound(actor, c)}
    or exists (select 1 from assessment_targets vt where vt.tenant_id = ${c.tenant} and vt.round_id = ${c.id}
      and ${scopeFilter(actor, 'assessment.read', { tenant: sql.ref('vt.tenant_id'), path: sql.ref('vt.org_path') })})
    or exists (select 1 from assessment_sheets vs where vs.tenant_id = ${c.tenant} and vs.round_id = ${c.id} and vs.assessor_user_id = ${actor.userId}))`;
}

/** SQL: targets of a round the actor may see (with their sheets' progress): the whole round, or the target itself. */
export function visibleTargets(actor: Actor, c: TargetCols & { rootPath: Expression<string> }): Expression<SqlBool> {
  return sql<SqlBool>`(${wholeRound(actor, c)} or ${reachesTarget(actor, c)})`;
}

export interface RoundAccess {
  manage: boolean;
  /** Sees every target (read or manage over the root); otherwise only those visibleTargets allows. */
  all: boolean;
}

/** What the actor may do with one round, or null when it is out of their sight (404). */
export async function roundAccess(db: DbOrTx, actor: Actor, round: AssessmentRoundTable): Promise<RoundAccess | null> {
  const manage = managesRound(actor, round);
  const all = manage || readsAllResults(actor, round);
  if (all) return { manage, all };
  const seen = await db.selectFrom('assessment_targets as t').select('t.target_id').where('t.tenant_id', '=', round.tenant_id).where('t.round_id', '=', round.id)
    .where(reachesTarget(actor, { tenant: sql.ref('t.tenant_id'), roundId: sql.ref('t.round_id'), targetId: sql.ref('t.target_id'), path: sql.ref('t.org_path') }))
    .limit(1).executeTakeFirst();
  return seen ? { manage, all } : null;
}

/** Changing a round's stage or deleting it: a visible round the actor does not manage → 403. */
export function assertRoundManager(access: RoundAccess | null): void {
  if (!access) throw notFound('考核批次');
  if (!access.manage) throw forbidden('只有考核管理员可以操作考核批次');
}

/** The buttons a round's page shows. */
export const roundActions = (access: RoundAccess, round: Pick<AssessmentRoundTable, 'status'>) => ({
  manage: access.manage, startReview: access.manage && (round.status === 'open' || round.status === 'scoring'),
});

// ---- results ----

/**
 * SQL: a target's result is visible with assessment.read over the round's root or over the target (an assessor
 * scoring a target they cannot read sees their sheet, not its result).
 */
export function visibleResults(actor: Actor, c: { tenant: Expression<string>; rootPath: Expression<string>; path: Expression<string> }): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(actor, 'assessment.read', { tenant: c.tenant, path: c.rootPath })}
    or ${scopeFilter(actor, 'assessment.read', { tenant: c.tenant, path: c.path })})`;
}

/** The same rule for the targets of one loaded round (the root is known: no condition on it in SQL). */
export function visibleResultsOf(actor: Actor, round: RoundScope, c: { tenant: Expression<string>; path: Expression<string> }): Expression<SqlBool> {
  return readsAllResults(actor, round) ? sql<SqlBool>`1 = 1` : scopeFilter(actor, 'assessment.read', { tenant: c.tenant, path: c.path });
}

/** Publishing or correcting the results: only a manager of the round; anyone not seeing the whole round gets 404. */
export function assertResultsManager(actor: Actor, round: RoundScope | undefined, refusal: string): asserts round {
  if (!round || !seesWholeRound(actor, round)) throw notFound('考核批次');
  if (!managesRound(actor, round)) throw forbidden(refusal);
}

/** Anomalies are for the round's managers (党委管理员, 纪检); a reader of the whole round gets 403, anyone else 404. */
export function assertAnomalyReader(actor: Actor, round: RoundScope | undefined): asserts round {
  if (!round) throw notFound('考核批次');
  if (managesRound(actor, round)) return;
  if (readsAllResults(actor, round)) throw forbidden('只有考核管理员可以查看异常');
  throw notFound('考核批次');
}

// ---- sheets ----

export interface SheetRights { mine: boolean; manage: boolean }

/** A sheet belongs to its assigned user; a manager of the round may read and return it; anyone else → null (404). */
export function sheetRights(actor: Actor, sheet: Pick<AssessmentSheetTable, 'assessor_user_id'>, round: RoundScope): SheetRights | null {
  const mine = sheet.assessor_user_id === actor.userId;
  const manage = managesRound(actor, round);
  return mine || manage ? { mine, manage } : null;
}

/** SQL: the sheets of one round in its list: every sheet for a manager, else the actor's own. */
export function visibleRoundSheets(actor: Actor, manage: boolean, c: { assessor: Expression<string | null> }): Expression<SqlBool> {
  return manage ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${c.assessor} = ${actor.userId}`;
}

type SheetState = Pick<AssessmentSheetTable, 'status'>;
type RoundState = Pick<AssessmentRoundTable, 'status'>;

/** The buttons a sheet's page shows: its user fills a draft until publication; a manager returns a submitted one. */
export function sheetActions(r: SheetRights, sheet: SheetState, round: RoundState) {
  const editable = r.mine && sheet.status === 'draft' && round.status !== 'published';
  return { edit: editable, submit: editable, reopen: r.manage && sheet.status === 'submitted' && round.status !== 'published' };
}

/** Saving or submitting scores: only the assigned user, never after publication, never once submitted. */
export function assertSheetWritable(r: SheetRights, sheet: SheetState, round: RoundState): void {
  if (!r.mine) throw forbidden('只有被指定的评分人可以填写此评分表');
  if (round.status === 'published') throw conflict('ASSESSMENT_PUBLISHED', '考核结果已发布，修改须走更正程序');
  if (sheet.status === 'submitted') throw conflict('ASSESSMENT_SUBMITTED', '评分表已提交，如需修改请联系考核管理员退回');
}

/** Returning a submitted sheet to its user: a manager of the round, before publication. */
export function assertSheetReopenable(r: SheetRights, sheet: SheetState, round: RoundState): void {
  if (!r.manage) throw forbidden('只有考核管理员可以退回评分表');
  if (round.status === 'published') throw conflict('ASSESSMENT_PUBLISHED', '考核结果已发布，修改须走更正程序');
  if (sheet.status !== 'submitted') throw conflict('ASSESSMENT_STATE', '评分表尚未提交，无需退回');
}

// ---- 民主评议 ----

/** The branch committee: appraisal.manage over the branch opens, decides and publishes, and sees every rating count. */
export const managesAppraisal = (actor: Actor, a: { branchPath: string }): boolean =>
  can(actor, 'appraisal.manage', { tenantId: actor.tenantId, orgPath: a.branchPath });

/** SQL: appraisals of branches the actor manages. */
export function managedAppraisals(actor: Actor, c: { tenant: Expression<string>; branchId: Expression<string> }): Expression<SqlBool> {
  return orgScopeFilter(actor, 'appraisal.manage', { tenant: c.tenant, orgId: c.branchId });
}

/** SQL: the list shows the appraisals the actor manages and those of the branch their own member record is in. */
export function visibleAppraisals(actor: Actor, c: { tenant: Expression<string>; branchId: Expression<string> }, ownBranchId: string | null): Expression<SqlBool> {
  const own = ownBranchId ? sql<SqlBool>`${c.branchId} = ${ownBranchId}` : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${managedAppraisals(actor, c)} or ${own})`;
}

/** One appraisal opens for its managers and for the members listed in it; anyone else gets 404. */
export function assertSeesAppraisal(manager: boolean, participant: unknown): void {
  if (!manager && !participant) throw notFound('民主评议');
}

/** Decisions stay with the committee until publication. */
export const seesDecisions = (manager: boolean, a: { status: 'open' | 'published' }): boolean => manager || a.status === 'published';

/** A member's self rating is seen by the committee and by the member. */
export const seesSelfRating = (manager: boolean, me: { memberId: string } | undefined, memberId: string): boolean => manager || me?.memberId === memberId;

/** Self and peer ratings are made by a listed member through their own account. */
export function assertRater(me: unknown, refusal: string): asserts me {
  if (!me) throw forbidden(refusal);
}

/** Decisions and publication are the committee's. */
export function assertAppraisalManager(manager: boolean, refusal: string): void {
  if (!manager) throw forbidden(refusal);
}

/** Organisations where the actor was granted appraisal.manage itself: the 待定等次 reminder goes to the branch's own committee, not committee-wide managers. */
export const appraisalDecidersAt = (actor: Actor): string[] =>
  [...new Set(actor.grants.filter((g) => g.tenantId === actor.tenantId && g.permissions.has('appraisal.manage')).map((g) => g.orgId))];
