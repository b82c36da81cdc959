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
import { forbidden } from '../../platform/errors.js';
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
