// Who may see and do what in 宣传: the one place that says it. A manuscript: its author always sees it; anyone else
// needs publicity.read or publicity.review over its organisation and never sees another person's draft. Authors
// take the author's steps on their own manuscripts, editors (publicity.review over the organisation) the editor's
// steps (machine.ts says which step is whose), and nobody reviews their own. Correspondents are seen with
// publicity.read or review over their organisation and managed with publicity.review. Lists filter in SQL; one
// record loaded is checked here: out of sight answers 404, a visible record the actor may not act on 403.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter, scopePaths } from '../../platform/access/can.js';
import type { Db, DbOrTx, OrganisationTable } from '../../db/types.js';
import { fieldError, forbidden } from '../../platform/errors.js';
import { orgInScope } from '../org/index.js';
import { EDITOR_ACTIONS, refusal, stateConflict, type ManuscriptAction } from './machine.js';
import type { ManuscriptView } from './schema.js';
import type { PublicityCorrespondentTable, PublicityManuscriptTable } from './tables.js';

interface Place { tenant: Expression<string>; path: Expression<string> }
interface Cols extends Place { status: Expression<string>; author: Expression<string> }

/** SQL: the row's organisation lies where the actor holds publicity.read or publicity.review. */
const readsOrReviews = (actor: Actor, cols: Place): Expression<SqlBool> =>
  sql<SqlBool>`(${scopeFilter(actor, 'publicity.read', cols)} or ${scopeFilter(actor, 'publicity.review', cols)})`;

/** The actor holds publicity.read or publicity.review over this place. */
const seesPlace = (actor: Actor, tenantId: string, orgPath: string): boolean =>
  can(actor, 'publicity.read', { tenantId, orgPath }) || can(actor, 'publicity.review', { tenantId, orgPath });

/** SQL: the actor may see the manuscript row. */
export function visibleFilter(actor: Actor, c: Cols): Expression<SqlBool> {
  return sql<SqlBool>`((${c.tenant} = ${actor.tenantId} and ${c.author} = ${actor.userId}) or (${c.status} <> 'draft' and ${readsOrReviews(actor, c)}))`;
}

/** The scope columns of the manuscripts table, under an alias or not. */
export const manuscriptCols = (alias?: string): Cols => {
  const at = alias ? `${alias}.` : '';
  return { tenant: sql.ref(`${at}tenant_id`), path: sql.ref(`${at}org_path`), status: sql.ref(`${at}status`), author: sql.ref(`${at}author_user_id`) };
};

/** SQL: manuscripts the actor would review as editor: publicity.review over their organisation, and not their own. */
export function reviewsFor(actor: Actor, c: Cols): Expression<SqlBool> {
  return sql<SqlBool>`(${c.author} <> ${actor.userId} and ${scopeFilter(actor, 'publicity.review', c)})`;
}

export function canSee(actor: Actor, m: PublicityManuscriptTable): boolean {
  if (m.tenant_id !== actor.tenantId) return false;
  if (m.author_user_id === actor.userId) return true;
  return m.status !== 'draft' && seesPlace(actor, m.tenant_id, m.org_path);
}

export const isEditor = (actor: Actor, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'org_path'>) => can(actor, 'publicity.review', { tenantId: m.tenant_id, orgPath: m.org_path });
export const isAuthor = (actor: Actor, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'author_user_id'>) => m.tenant_id === actor.tenantId && m.author_user_id === actor.userId;

/** A live manuscript the actor may see, or undefined (missing, deleted or out of sight: all answer 404). */
export async function visibleManuscript(db: DbOrTx, actor: Actor, id: string): Promise<PublicityManuscriptTable | undefined> {
  const row = await db.selectFrom('publicity_manuscripts').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row && canSee(actor, row) ? row : undefined;
}

/** What the actor may do with the manuscript now (the web shows only these; the steps check the same). */
export function allowedActions(actor: Actor, m: PublicityManuscriptTable): ManuscriptView['allowed'] {
  const out: ManuscriptView['allowed'] = [];
  const ok = (a: ManuscriptAction) => refusal(m.status, a) === null;
  const author = isAuthor(actor, m);
  // Nobody reviews their own manuscript, even holding both permissions.
  const editor = isEditor(actor, m) && !author && m.status !== 'draft';
  if (author && ok('edit')) out.push('edit');
  if (author && ok('submit')) out.push('submit');
  if ((author || editor) && ok('comment')) out.push('comment');
  for (const a of EDITOR_ACTIONS) if (editor && ok(a)) out.push(a);
  if (author && ok('delete')) out.push('delete');
  if ((author && ok('edit')) || (editor && m.status !== 'rejected')) out.push('photos');
  return out;
}

const AUTHOR_ONLY: Partial<Record<ManuscriptAction, string>> = {
  edit: '只有作者本人可以修改稿件', submit: '只有作者本人可以投递稿件', delete: '只有作者本人可以删除稿件',
};

/** 403 when the actor is not on the side that takes this action (machine.ts: author's or editor's step). */
export function checkWho(actor: Actor, m: PublicityManuscriptTable, action: ManuscriptAction): void {
  if (AUTHOR_ONLY[action] && !isAuthor(actor, m)) throw forbidden(AUTHOR_ONLY[action]);
  const editorStep = EDITOR_ACTIONS.includes(action);
  if (editorStep && !isEditor(actor, m)) throw forbidden('您没有审核该组织稿件的权限');
  if (editorStep && isAuthor(actor, m)) throw forbidden('不能审核本人的稿件');
  if (action === 'comment' && !isAuthor(actor, m) && !isEditor(actor, m)) throw forbidden('只有作者和编辑可以提出意见');
}

/** Photos follow the text: the author while it is open to them, an editor once it is submitted (not after rejection). */
export function checkPhotos(actor: Actor, m: PublicityManuscriptTable): void {
  if (!allowedActions(actor, m).includes('photos')) {
    if (!isAuthor(actor, m) && !isEditor(actor, m)) throw forbidden('只有作者和编辑可以修改稿件照片');
    throw stateConflict(m.status === 'rejected' ? '稿件已退稿，不能再办理' : '稿件正在审核，作者不能修改照片');
  }
}

/** The organisation a manuscript is written for: one in the actor's publicity.submit scope (else a field error). */
export async function submitOrg(db: Db, actor: Actor, orgId: string): Promise<OrganisationTable> {
  const org = await orgInScope(db, actor, 'publicity.submit', orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的投稿范围内');
  return org;
}

/** SQL: the correspondent row's organisation lies where the actor holds publicity.read or publicity.review. */
export const visibleCorrespondents = (actor: Actor, cols: Place): Expression<SqlBool> => readsOrReviews(actor, cols);

/** A live correspondent whose organisation lies in the actor's publicity.read (or review) scope. */
export async function visibleCorrespondent(db: DbOrTx, actor: Actor, id: string): Promise<PublicityCorrespondentTable | undefined> {
  const row = await db.selectFrom('publicity_correspondents').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row && seesPlace(actor, row.tenant_id, row.org_path) ? row : undefined;
}

/** 403 unless the actor manages the correspondent's organisation (publicity.review over it). */
export function needReview(actor: Actor, c: PublicityCorrespondentTable): void {
  if (!can(actor, 'publicity.review', { tenantId: c.tenant_id, orgPath: c.org_path })) throw forbidden('您没有管理该组织通讯员的权限');
}

/**
 * Who may see a correspondent's phone in clear: those who manage the team there (publicity.review: they
 * register the number and call them) and those who see members' sensitive fields there (member.sensitive).
 */
export const revealsCorrespondentPhone = (actor: Actor, c: PublicityCorrespondentTable): boolean =>
  can(actor, 'publicity.review', { tenantId: c.tenant_id, orgPath: c.org_path }) || can(actor, 'member.sensitive', { tenantId: c.tenant_id, orgPath: c.org_path });

/** An organisation whose correspondents the actor manages (publicity.review over it), from the cached tree. */
export const managedOrg = (db: Db, actor: Actor, orgId: string): Promise<OrganisationTable | undefined> => orgInScope(db, actor, 'publicity.review', orgId);

/** The organisation a correspondent is registered for: one the actor manages (else a field error). */
export async function reviewOrg(db: Db, actor: Actor, orgId: string): Promise<OrganisationTable> {
  const org = await managedOrg(db, actor, orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  return org;
}

/** Statistics of an organisation's subtree: for those holding publicity.read or review over it. */
export const seesStatsOf = (actor: Actor, org: Pick<OrganisationTable, 'tenant_id' | 'path'>): boolean => seesPlace(actor, org.tenant_id, org.path);

/** Where statistics start when no organisation is named: the widest subtree the actor reads or reviews in their tenant (403 without one). */
export function statsScopePath(actor: Actor): string {
  const scope = [...scopePaths(actor, 'publicity.read'), ...scopePaths(actor, 'publicity.review')]
    .filter((s) => s.tenantId === actor.tenantId).sort((a, b) => a.path.length - b.path.length)[0];
  if (!scope) throw forbidden('您没有查看宣传统计的权限');
  return scope.path;
}
