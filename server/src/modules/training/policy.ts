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

// ---------- part B1: courses, materials, sessions, study ----------

/** Keeps a course, its materials and sessions: training.write over the course's organisation. */
export const keepsCourse = (actor: Actor, coursePath: string): boolean => writesAt(actor, coursePath);
/** Sees a course in the keepers' pages: training.read (or write) over its organisation. */
export const seesCourse = (actor: Actor, coursePath: string): boolean => readsAt(actor, coursePath) || writesAt(actor, coursePath);
/** A session is held as an activity of the course's organisation or of one below it (never a sibling's). */
export const sessionActivityFits = (coursePath: string, activityPath: string): boolean => activityPath.startsWith(coursePath);
/** A learner of the branch at `memberOrgPath` studies a course of that organisation or one above it. */
export const courseOfferedTo = (memberOrgPath: string, coursePath: string): boolean => selfAndAncestors(memberOrgPath).includes(coursePath);
