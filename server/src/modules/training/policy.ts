// Who may see and do what in 教育培训: the only file that says so.
// - Courses, 学时 statistics, exams and their statistics, the 党务干部 register and the 后备人才库 are seen with
//   training.read over their organisation path. Out of sight answers 404.
// - An organisation's courses, sessions, materials, questions and exams are kept with training.write over it.
// - Learning is personal: a member with training.learn studies the materials and takes the exams of the
//   organisations above their own branch, as their own member record; another person's study or attempt is 404.
// - The answers of a question are never part of anything a learner receives before their attempt is submitted.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter, scopePaths } from '../../platform/access/can.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { Db } from '../../db/types.js';
import { orgOrTopInScope, type OrganisationTable } from '../org/index.js';
import { inSubtree } from '../../db/dialect.js';

/** Anyone with one of the module's permissions (a learner holds training.learn): else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'training.read') && !can(actor, 'training.write') && !can(actor, 'training.manage') && !can(actor, 'training.learn')) {
    throw forbidden('没有使用教育培训的权限');
  }
}

const pathCols = (alias: string, column = 'org_path') => ({ tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.${column}`) });

/** SQL: the row aliased `alias` lies where the actor holds training.read. */
export const readableAt = (actor: Actor, alias: string, column = 'org_path'): Expression<SqlBool> => scopeFilter(actor, 'training.read', pathCols(alias, column));
/** SQL: the row aliased `alias` lies where the actor holds training.write. */
export const writableAt = (actor: Actor, alias: string, column = 'org_path'): Expression<SqlBool> => scopeFilter(actor, 'training.write', pathCols(alias, column));

/** Reads training records of the organisation. */
export const readsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'training.read', { tenantId: actor.tenantId, orgPath });
/** Keeps the organisation's courses, sessions, materials, questions and exams: training.write over it. */
export const writesAt = (actor: Actor, orgPath: string): boolean => can(actor, 'training.write', { tenantId: actor.tenantId, orgPath });
/** The subtrees where the actor keeps training records, in their own tenant. */
export const writeScopes = (actor: Actor): string[] => scopePaths(actor, 'training.write').filter((s) => s.tenantId === actor.tenantId).map((s) => s.path);
/** Runs the committee-wide work (the 后备人才库's evaluations and plans): training.manage at the root. */
export const managesCommittee = (actor: Actor): boolean => canAtRoot(actor, 'training.manage');
/** Studies and takes exams as their own member record. */
export const learns = (actor: Actor): boolean => can(actor, 'training.learn');

/** 403 unless the actor may learn (the member pages call it before anything else). */
export function checkLearns(actor: Actor): void {
  if (!learns(actor)) throw forbidden('没有在线学习与考试的权限');
}

/** The paths of an organisation and every one above it (`/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`). */
export function selfAndAncestors(orgPath: string): string[] {
  const segments = orgPath.split('/').filter(Boolean);
  return segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`);
}

/**
 * SQL: the course or exam aliased `alias` is open to a learner whose branch is at `memberOrgPath`: it belongs to
 * that organisation or one above it (a committee's course is for every branch below it).
 */
export function offeredTo(memberOrgPath: string, alias: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.org_path`)} in (${sql.join(selfAndAncestors(memberOrgPath))})`;
}

// ---------- part B2: 学时 ----------

/**
 * The organisation whose 学时 ledger the actor reads: the one asked for when they hold training.read there, else
 * their highest such one; another organisation answers 404 (`组织不存在或无权访问`).
 */
export async function hoursLedgerOrg(db: Db, actor: Actor, orgId: string | undefined): Promise<OrganisationTable> {
  const org = await orgOrTopInScope(db, actor, 'training.read', orgId);
  if (!org) throw notFound('组织');
  return org;
}

/** The organisations whose secretaries are reminded of members behind on 学时: the tops of the actor's write scopes. */
export const hoursReminderScopes = (actor: Actor): string[] => {
  const paths = writeScopes(actor);
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
};
// ---------- part A1: question bank ----------
// - The question bank is for its keepers only (training.write; the routes refuse everyone else with 403): they
//   keep the questions of the organisations they write at, and read (never edit) the questions of every
//   organisation above those, so a branch can build an exam from the committee's bank.
// - A question out of sight answers 404; one in sight but kept above the actor answers 403 on a change.

/** SQL: the question aliased `alias` is kept where the actor writes, or by an organisation above one of those. */
export function questionVisible(actor: Actor, alias: string): Expression<SqlBool> {
  const above = [...new Set(writeScopes(actor).flatMap((p) => selfAndAncestors(p)))];
  const ancestors = above.length === 0 ? sql<SqlBool>`1 = 0`
    : sql<SqlBool>`(${sql.ref(`${alias}.tenant_id`)} = ${actor.tenantId} and ${sql.ref(`${alias}.org_path`)} in (${sql.join(above)}))`;
  return sql<SqlBool>`(${writableAt(actor, alias)} or ${ancestors})`;
}

/** Reads the question kept at `orgPath`: where the actor writes, or above it. */
export const seesQuestionAt = (actor: Actor, orgPath: string): boolean =>
  writesAt(actor, orgPath) || writeScopes(actor).some((p) => p.startsWith(orgPath));

/** 403 unless the actor keeps the question's organisation (a question of an organisation above is read-only). */
export function checkKeepsQuestion(actor: Actor, orgPath: string): void {
  if (!writesAt(actor, orgPath)) throw forbidden('上级组织的题目只能查看和选用，不能修改或删除');
}
// ---------- part A2: exams and attempts ----------

/** SQL: the question aliased `alias` may go into a paper of the organisation at `examOrgPath`: it is kept by that
 *  organisation, one below it or one above it (a branch builds its exam from the committee's bank). */
export function questionUsableAt(examOrgPath: string, alias: string): Expression<SqlBool> {
  const col = sql.ref<string>(`${alias}.org_path`);
  return sql<SqlBool>`(${inSubtree(col, examOrgPath)} or ${col} in (${sql.join(selfAndAncestors(examOrgPath))}))`;
}

/** Sees an exam and its statistics: training.read over the exam's organisation. */
export const readsExam = (actor: Actor, exam: { org_path: string }): boolean => readsAt(actor, exam.org_path);
/** Keeps an exam (edit, publish, close, delete): training.write over the exam's organisation. */
export const keepsExam = (actor: Actor, exam: { org_path: string }): boolean => writesAt(actor, exam.org_path);

/** A learner may take the exam: published, not deleted, and held by their branch or an organisation above it. */
export function offeredExam(memberOrgPath: string, exam: { org_path: string; status: string; deleted_at: string | null }): boolean {
  return exam.deleted_at === null && exam.status === 'published' && selfAndAncestors(memberOrgPath).includes(exam.org_path);
}

/** An attempt is its taker's alone: anyone else (a keeper too) is answered as if it did not exist. */
export const ownsAttempt = (memberId: string, attempt: { member_id: string }): boolean => attempt.member_id === memberId;
// ---------- part C: 党务干部 register and 后备人才库 ----------
// - The register and the pool are read with training.read over the organisation (a talent: the nominating branch).
// - A branch nominates a member of its own subtree: training.write over the member's branch.
// - Only the committee decides (accepts or rejects), evaluates, keeps the plan and removes: training.manage at the
//   root. A branch secretary therefore never decides its own nomination, whatever else their role holds.

/** SQL: the talent row aliased `alias` lies where the actor holds training.read. */
export const visibleTalents = (actor: Actor, alias: string): Expression<SqlBool> => readableAt(actor, alias);
/** Sees a talent (its person page): training.read over the nominating branch. */
export const seesTalent = (actor: Actor, t: { org_path: string }): boolean => readsAt(actor, t.org_path);
/** Nominates a member of the branch at `branchPath`. */
export const nominatesAt = (actor: Actor, branchPath: string): boolean => writesAt(actor, branchPath);
/** Accepts or rejects nominations, evaluates, keeps plans and removes talents: the committee. */
export const decidesTalent = (actor: Actor): boolean => managesCommittee(actor);
/** Reads the 党务干部 of the organisation (its posts) on the register. */
export const readsCadresAt = (actor: Actor, orgPath: string): boolean => readsAt(actor, orgPath);
// ---------- part B1: courses, materials, sessions, study ----------

/** Keeps a course, its materials and sessions: training.write over the course's organisation. */
export const keepsCourse = (actor: Actor, coursePath: string): boolean => writesAt(actor, coursePath);
/** Sees a course in the keepers' pages: training.read (or write) over its organisation. */
export const seesCourse = (actor: Actor, coursePath: string): boolean => readsAt(actor, coursePath) || writesAt(actor, coursePath);
/** A session is held as an activity of the course's organisation or of one below it (never a sibling's). */
export const sessionActivityFits = (coursePath: string, activityPath: string): boolean => activityPath.startsWith(coursePath);
/** A learner of the branch at `memberOrgPath` studies a course of that organisation or one above it. */
export const courseOfferedTo = (memberOrgPath: string, coursePath: string): boolean => selfAndAncestors(memberOrgPath).includes(coursePath);
