// Who may see and do what in 激励: the only file that says so.
// - Plaques, ratings, evaluations, stars, nominations and honours are seen with incentive.read over their
//   organisation path; a member also sees their own plaques (to write the self-report) and their own honours.
//   Out of sight answers 404.
// - A branch proposes plaques, moderates residents' comments, gives the branch evaluation and nominates for 表彰
//   with incentive.write over the organisation.
// - Approving, issuing and withdrawing plaques, opening and closing evaluation rounds, 星级评定 and the 表彰
//   selection need incentive.manage, and for a plaque or nomination a grant ABOVE its organisation: nobody
//   approves their own organisation's plaque, even with a custom role that holds incentive.manage at a branch.
// - The public page (/plaque/<code>) has no actor at all: it reads one plaque by its code and writes one rating.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter, scopePaths } from '../../platform/access/can.js';
import { forbidden } from '../../platform/errors.js';

/** Anyone with one of the module's permissions, or a member (self.read) who may hold a plaque: else 403. */
export function checkMayUse(actor: Actor): void {
  if (!can(actor, 'incentive.read') && !can(actor, 'incentive.write') && !can(actor, 'incentive.manage') && !can(actor, 'self.read')) {
    throw forbidden('没有查看激励的权限');
  }
}

const pathCols = (alias: string, column = 'org_path') => ({ tenant: sql.ref<string>(`${alias}.tenant_id`), path: sql.ref<string>(`${alias}.${column}`) });

/** SQL: the row aliased `alias` lies where the actor holds incentive.read. */
export const readableAt = (actor: Actor, alias: string, column = 'org_path'): Expression<SqlBool> => scopeFilter(actor, 'incentive.read', pathCols(alias, column));

/** SQL: the plaque aliased `alias` is seen: incentive.read over its branch, or it is the actor's own (memberId). */
export function visiblePlaques(actor: Actor, memberId: string | undefined, alias = 'ip'): Expression<SqlBool> {
  const own = memberId ? sql<SqlBool>`${sql.ref(`${alias}.member_id`)} = ${memberId}` : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${readableAt(actor, alias)} or ${own})`;
}

/** Reads 激励 records of the organisation. */
export const readsAt = (actor: Actor, orgPath: string): boolean => can(actor, 'incentive.read', { tenantId: actor.tenantId, orgPath });
/** Proposes plaques, moderates comments, evaluates and nominates for the organisation: incentive.write over it. */
export const writesAt = (actor: Actor, orgPath: string): boolean => can(actor, 'incentive.write', { tenantId: actor.tenantId, orgPath });
/** The subtrees where the actor proposes and evaluates, in their own tenant. */
export const writeScopes = (actor: Actor): string[] => scopePaths(actor, 'incentive.write').filter((s) => s.tenantId === actor.tenantId).map((s) => s.path);
/** Runs the committee-wide work (evaluation rounds, 星级评定, 表彰 selections): incentive.manage at the root. */
export const managesCommittee = (actor: Actor): boolean => canAtRoot(actor, 'incentive.manage');

/**
 * Decides on a plaque or nomination of the organisation at `orgPath` (approve, issue, withdraw, accept): a grant
 * with incentive.manage at an organisation strictly above it, never at the organisation itself.
 */
export function decidesFor(actor: Actor, orgPath: string): boolean {
  return actor.grants.some((g) => g.tenantId === actor.tenantId && g.permissions.has('incentive.manage') && orgPath.startsWith(g.orgPath) && orgPath !== g.orgPath);
}

// ---------- evaluations and 星级评定 (part B) ----------

/** Opens and closes evaluation rounds, computes, adjusts and publishes 星级: the committee (incentive.manage at the root). */
export function checkManagesCommittee(actor: Actor, what: string): void {
  if (!managesCommittee(actor)) throw forbidden(`只有党委管理员可以${what}`);
}

/** Writes the self-report of a plaque: only its holder, acting as their own member record. */
export const reportsAsHolder = (actorMemberId: string | undefined, plaqueMemberId: string): boolean => actorMemberId !== undefined && actorMemberId === plaqueMemberId;

/**
 * Gives the branch evaluation of a plaque: incentive.write over the plaque's organisation, and never the holder
 * themself (a secretary who holds a plaque is evaluated by the other 委员 or the committee).
 */
export const evaluatesAsBranch = (actor: Actor, orgPath: string, actorIsHolder: boolean): boolean => writesAt(actor, orgPath) && !actorIsHolder;

/** Sees 星级 of a year the committee has not published yet: only the committee that computes them. */
export const seesUnpublishedStars = (actor: Actor): boolean => managesCommittee(actor);

// ---------- 表彰 (part C) ----------
// - Selections are the committee's: every reader of 激励 sees the list; creating, editing, moving one on (审核,
//   公示, 决定) and recording objections need incentive.manage at the root.
// - A branch nominates with incentive.write over the nominating organisation and sees its own nominations; the
//   committee sees all of them. Accepting or rejecting is decidesFor the nominating organisation, so a branch
//   never reviews its own; the committee reviews what it nominated itself.
// - Honours are seen with incentive.read over the subject's organisation, and by a member for themself; local
//   and outside honours are entered (and removed) with incentive.write over the subject's organisation.

/** Creates, edits and moves a selection on, records and handles objections: incentive.manage at the root. */
export const runsSelections = (actor: Actor): boolean => managesCommittee(actor);

/** SQL: the nomination aliased `alias` is seen (incentive.read over the nominating organisation). */
export const visibleNominations = (actor: Actor, alias = 'n'): Expression<SqlBool> => readableAt(actor, alias);

/** Nominates for (and withdraws a nomination of) the organisation: incentive.write over it. */
export const nominatesFor = (actor: Actor, orgPath: string): boolean => writesAt(actor, orgPath);

/** Accepts or rejects a nomination: decidesFor its organisation, or the committee for its own nominations. */
export function reviewsNomination(actor: Actor, orgPath: string): boolean {
  if (decidesFor(actor, orgPath)) return true;
  return managesCommittee(actor) && actor.grants.some((g) => g.tenantId === actor.tenantId && g.permissions.has('incentive.manage') && g.orgPath === orgPath);
}

/** SQL: the honour aliased `alias` is seen: incentive.read over the subject's organisation, or it is the actor's own. */
export function visibleHonours(actor: Actor, memberId: string | undefined, alias = 'h'): Expression<SqlBool> {
  const own = memberId ? sql<SqlBool>`(${sql.ref(`${alias}.subject_kind`)} = 'member' and ${sql.ref(`${alias}.subject_id`)} = ${memberId})` : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${readableAt(actor, alias)} or ${own})`;
}

/** Enters or removes a local or outside honour of a subject of the organisation: incentive.write over it. */
export const entersHonours = (actor: Actor, orgPath: string): boolean => writesAt(actor, orgPath);

// ---------- part A: plaques, moderation ----------
// A plaque is seen with incentive.read over its organisation or by its holder; it is proposed, edited while
// 申报/退回, and its residents' comments moderated with incentive.write over its organisation; approved, rejected,
// issued and withdrawn only by a grant strictly above it (decidesFor).

/** The plaque (org path, holder) is seen by the actor whose own member record is `ownMemberId`. */
export const seesPlaque = (actor: Actor, ownMemberId: string | undefined, x: { org_path: string; member_id: string }): boolean =>
  readsAt(actor, x.org_path) || (ownMemberId !== undefined && x.member_id === ownMemberId);
/** Proposes a plaque for the organisation, edits and resubmits it: incentive.write over it. */
export const proposesAt = (actor: Actor, orgPath: string): boolean => writesAt(actor, orgPath);
/** Approves, rejects, issues and withdraws the plaque: incentive.manage strictly above its organisation. */
export const decidesPlaque = (actor: Actor, x: { org_path: string }): boolean => decidesFor(actor, x.org_path);
/**
 * Approves or rejects residents' comments on the plaque: incentive.write over its organisation, and never its holder
 * (a secretary holding a plaque must not choose what the public reads about them), as with the branch evaluation.
 */
export const moderatesPlaque = (actor: Actor, ownMemberId: string | undefined, x: { org_path: string; member_id: string }): boolean =>
  writesAt(actor, x.org_path) && x.member_id !== ownMemberId;
/** Paths strictly below which the actor decides plaques (the grants holding incentive.manage), for the 待办. */
export const decisionScopes = (actor: Actor): string[] =>
  actor.grants.filter((g) => g.tenantId === actor.tenantId && g.permissions.has('incentive.manage')).map((g) => g.orgPath);
