// The manuscript workflow (machine.ts says which step may leave which status): authors write, submit and
// revise their own manuscripts; editors (publicity.review over the organisation) comment, ask for a revision,
// adopt with a quality rating, reject with a reason and register the publication. Each step is one
// transaction with its audit entry (before/after), the search index, the revision snapshot and the
// notifications, re-reading the row locked, so a refused or failed step leaves nothing behind.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import type { Db, DbOrTx, Tx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { lockOrgTree, orgNamesOf, orgPaths } from '../org/index.js';
import { memberOfUser } from '../members/index.js';
import { indexDocuments, removeDocuments } from '../../platform/search/index.js';
import { listFiles, removeFile, storeFile, type FileMeta } from '../../platform/files/index.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/richtext/index.js';
import { activeCorrespondentOf, lockedManuscript, manuscriptPage, revisionOf, SEARCH_KIND } from './queries.js';
import { refusal, stateConflict, type ManuscriptAction } from './machine.js';
import { allowedActions, checkPhotos, checkWho, isAuthor, isEditor, submitOrg } from './policy.js';
import type { ListItem, ListQuery, ManuscriptCreate, ManuscriptPatch, ManuscriptView, RevisionView } from './schema.js';
import type { Level, PublicityManuscriptTable } from './tables.js';

/** Owner kind of manuscript photos in platform/files. */
export const PHOTO_OWNER = 'manuscript';

const reviewLink = (id: string) => `/publicity/review?id=${id}`;
const mineLink = (id: string) => `/publicity/mine?id=${id}`;

export function toListItem(m: PublicityManuscriptTable, orgName: string): ListItem {
  return {
    id: m.id, title: m.title, orgId: m.org_id, orgName, authorName: m.author_name, authorUserId: m.author_user_id, channel: m.channel, outlet: m.outlet,
    level: m.level, status: m.status, submittedAt: m.submitted_at, adoptedAt: m.adopted_at, publishedOn: m.published_on,
    quality: m.quality === null ? null : Number(m.quality), revision: Number(m.revision), updatedAt: m.updated_at,
  };
}

/** List items of manuscripts of the reader's tenant, with organisation names from the cached tree. */
export async function listItems(db: Db, reader: Actor, rows: PublicityManuscriptTable[]): Promise<ListItem[]> {
  const names = await orgNamesOf(db, reader, rows.map((r) => r.org_id));
  return rows.map((r) => toListItem(r, names.get(`${r.tenant_id}/${r.org_id}`) ?? ''));
}

/** GET /publicity/manuscripts: a page of the manuscripts the actor sees, as list items. */
export async function listManuscripts(p: Platform, actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize' | 'format'>, win: { limit: number; offset: number }): Promise<{ items: ListItem[]; total: number }> {
  const { rows, total } = await manuscriptPage(p.db, p.data.dialect, actor, q, win);
  return { items: await listItems(p.db, actor, rows), total };
}

export async function toView(db: Db, actor: Actor, m: PublicityManuscriptTable): Promise<ManuscriptView> {
  const [orgs, comments, revisions, photos, names] = await Promise.all([
    orgNamesOf(db, actor, [m.org_id]),
    db.selectFrom('publicity_comments').selectAll().where('tenant_id', '=', m.tenant_id).where('manuscript_id', '=', m.id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('publicity_revisions').select(['revision', 'title', 'created_at']).where('tenant_id', '=', m.tenant_id).where('manuscript_id', '=', m.id).orderBy('revision', 'desc').execute(),
    listFiles(db, m.tenant_id, PHOTO_OWNER, [m.id]).then((f) => f.get(m.id) ?? []),
    userDisplayNames(db, m.tenant_id, [m.quality_by, m.editor_user_id].filter((x): x is string => !!x)),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    ...toListItem(m, orgs.get(`${m.tenant_id}/${m.org_id}`) ?? ''),
    body: m.body, correspondentId: m.correspondent_id, createdAt: m.created_at,
    comments: comments.map((c) => ({
      id: c.id, authorUserId: c.author_user_id, authorName: c.author_name, role: c.role, body: c.body, revision: Number(c.revision),
      requestRevision: Number(c.request_revision) === 1, createdAt: c.created_at,
    })),
    revisions: revisions.map((r) => ({ revision: Number(r.revision), title: r.title, createdAt: r.created_at })),
    photos,
    rejectReason: m.reject_reason, rejectedAt: m.rejected_at, publishedAt: m.published_at, publishedOutlet: m.published_outlet,
    publishedLevel: m.published_level, publishedRef: m.published_ref, qualityNote: m.quality_note, qualityByName: name(m.quality_by),
    editorName: name(m.editor_user_id), allowed: allowedActions(actor, m),
  };
}

/** What the audit log keeps of a manuscript. */
const snapshot = (m: PublicityManuscriptTable) => ({
  id: m.id, orgId: m.org_id, title: m.title, body: m.body, channel: m.channel, outlet: m.outlet, level: m.level, status: m.status, revision: m.revision,
  rejectReason: m.reject_reason, publishedOn: m.published_on, publishedOutlet: m.published_outlet, publishedLevel: m.published_level,
  publishedRef: m.published_ref, quality: m.quality, qualityNote: m.quality_note,
});

export function cleanBody(html: string): { body: string; body_text: string } {
  const body = sanitizeRichText(html);
  return { body, body_text: richTextToPlain(body) };
}

async function reindex(p: Platform, trx: DbOrTx, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'id' | 'title' | 'body_text'>): Promise<void> {
  await indexDocuments(trx, p.data.dialect, m.tenant_id, [{ kind: SEARCH_KIND, entityId: m.id, title: m.title, body: m.body_text }]);
}

async function currentOrgPath(p: Platform, trx: DbOrTx, tenantId: string, orgId: string): Promise<string> {
  await lockOrgTree(trx, p.data.dialect, tenantId);
  const path = (await orgPaths(trx, tenantId, [orgId])).get(orgId);
  if (!path) throw conflict('ORG_CHANGED', '所选组织刚被他人调整或删除，请刷新后重试');
  return path;
}

async function snapshotRevision(trx: DbOrTx, m: PublicityManuscriptTable, revision: number, by: string, at: string): Promise<void> {
  await trx.insertInto('publicity_revisions').values({ tenant_id: m.tenant_id, manuscript_id: m.id, revision, title: m.title, body: m.body, created_at: at, created_by: by }).execute();
}

async function tellEditors(p: Platform, trx: DbOrTx, m: PublicityManuscriptTable, actor: Actor, resubmitted: boolean): Promise<void> {
  const editors = (await permissionHolders(trx, m.tenant_id, m.org_path, (perm) => perm === 'publicity.review')).map((h) => h.id).filter((u) => u !== actor.userId);
  if (editors.length) {
    await p.notify.send(trx, m.tenant_id, editors, {
      kind: 'publicity.submitted', title: `${resubmitted ? '稿件已修改重投' : '新稿件待审'}：${m.title}`, body: `作者：${m.author_name}`, link: reviewLink(m.id),
    });
  }
}

async function tellAuthor(p: Platform, trx: DbOrTx, m: PublicityManuscriptTable, actor: Actor, n: { kind: string; title: string; body?: string }): Promise<void> {
  if (m.author_user_id !== actor.userId) await p.notify.send(trx, m.tenant_id, [m.author_user_id], { ...n, link: mineLink(m.id) });
}

/** The name an author signs with: their correspondent row's, else their member record's, else the account's. */
async function authorName(p: Platform, actor: Actor, correspondentId: string | null): Promise<string> {
  if (correspondentId) {
    const c = await p.db.selectFrom('publicity_correspondents').select('name').where('tenant_id', '=', actor.tenantId).where('id', '=', correspondentId).executeTakeFirst();
    if (c) return c.name;
  }
  return (await memberOfUser(p.db, actor.tenantId, actor.userId))?.name ?? actor.displayName;
}

export async function createManuscript(p: Platform, ctx: AuditContext, actor: Actor, input: ManuscriptCreate): Promise<PublicityManuscriptTable> {
  const org = await submitOrg(p.db, actor, input.orgId);
  const body = cleanBody(input.body);
  if (input.submit && !body.body_text.trim()) throw fieldError('body', '请填写正文');
  const now = p.clock.now();
  const at = now.toISOString();
  const correspondentId = await activeCorrespondentOf(p.db, actor.tenantId, actor.userId, org.id, shanghaiDate(now));
  const name = await authorName(p, actor, correspondentId);
  return p.audit.tx(ctx, async (trx) => {
    const row: PublicityManuscriptTable = {
      tenant_id: org.tenant_id, id: newId(now.getTime()), org_id: org.id, org_path: await currentOrgPath(p, trx, org.tenant_id, org.id),
      author_user_id: actor.userId, author_name: name, correspondent_id: correspondentId, title: input.title, ...body, channel: input.channel,
      outlet: input.outlet, level: input.level, status: input.submit ? 'submitted' : 'draft', submitted_at: input.submit ? at : null,
      adopted_at: null, rejected_at: null, reject_reason: null, published_at: null, published_on: null, published_outlet: null, published_level: null,
      published_ref: null, quality: null, quality_note: null, quality_by: null, editor_user_id: null, revision: input.submit ? 1 : 0,
      created_at: at, updated_at: at, deleted_at: null,
    };
    await trx.insertInto('publicity_manuscripts').values(row).execute();
    await reindex(p, trx, row);
    if (input.submit) {
      await snapshotRevision(trx, row, 1, actor.userId, at);
      await tellEditors(p, trx, row, actor, false);
    }
    await p.audit.record(trx, ctx, { action: input.submit ? 'publicity.submit' : 'publicity.create', entity: 'manuscript', entityId: row.id, after: snapshot(row) });
    return row;
  });
}

/**
 * One workflow step: who (403), then the state read again locked inside the transaction (409 with the table's
 * reason), then `fn`'s changes written with the audit entry.
 */
async function step(
  p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, action: ManuscriptAction, auditAction: string,
  fn: (trx: Tx, cur: PublicityManuscriptTable, at: string) => Promise<Partial<PublicityManuscriptTable>>,
): Promise<PublicityManuscriptTable> {
  checkWho(actor, m, action);
  const early = refusal(m.status, action);
  if (early) throw stateConflict(early);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedManuscript(trx, p.data.dialect, m.tenant_id, m.id);
    if (!cur) throw notFound('稿件');
    checkWho(actor, cur, action);
    const why = refusal(cur.status, action);
    if (why) throw stateConflict(why);
    const at = p.clock.now().toISOString();
    const set = { ...(await fn(trx, cur, at)), updated_at: at };
    await trx.updateTable('publicity_manuscripts').set(set).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    const next = { ...cur, ...set };
    await p.audit.record(trx, ctx, { action: auditAction, entity: 'manuscript', entityId: cur.id, before: snapshot(cur), after: snapshot(next) });
    return next;
  });
}

export async function updateManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, patch: ManuscriptPatch): Promise<PublicityManuscriptTable> {
  const body = patch.body !== undefined ? cleanBody(patch.body) : null;
  return step(p, ctx, actor, m, 'edit', 'publicity.update', async (trx, cur) => {
    const set: Partial<PublicityManuscriptTable> = {
      title: patch.title ?? cur.title, channel: patch.channel ?? cur.channel, outlet: patch.outlet ?? cur.outlet, level: patch.level ?? cur.level, ...(body ?? {}),
    };
    await reindex(p, trx, { ...cur, ...set });
    return set;
  });
}

export async function submitManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable): Promise<PublicityManuscriptTable> {
  if (!m.body_text.trim()) throw fieldError('body', '请填写正文');
  return step(p, ctx, actor, m, 'submit', 'publicity.submit', async (trx, cur, at) => {
    const revision = Number(cur.revision) + 1;
    await snapshotRevision(trx, cur, revision, actor.userId, at);
    await tellEditors(p, trx, cur, actor, cur.status === 'revising');
    return { status: 'submitted', revision, submitted_at: cur.submitted_at ?? at };
  });
}

export async function deleteManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable): Promise<void> {
  await step(p, ctx, actor, m, 'delete', 'publicity.delete', async (trx, cur, at) => {
    await removeDocuments(trx, p.data.dialect, cur.tenant_id, SEARCH_KIND, [cur.id]);
    return { deleted_at: at };
  });
}

export async function commentManuscript(
  p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, input: { body?: string | undefined; requestRevision?: boolean | undefined },
): Promise<PublicityManuscriptTable> {
  const action: ManuscriptAction = input.requestRevision ? 'requestRevision' : 'comment';
  checkWho(actor, m, action);
  const text = input.body?.trim() ?? '';
  if (!text) throw fieldError('body', input.requestRevision ? '请填写修改意见' : '请填写意见');
  const editor = isEditor(actor, m) && !isAuthor(actor, m);
  const name = editor ? actor.displayName : m.author_name;
  return step(p, ctx, actor, m, action, input.requestRevision ? 'publicity.requestRevision' : 'publicity.comment', async (trx, cur, at) => {
    await trx.insertInto('publicity_comments').values({
      tenant_id: cur.tenant_id, id: newId(Date.parse(at)), manuscript_id: cur.id, author_user_id: actor.userId, author_name: name, role: editor ? 'editor' : 'author',
      body: text, revision: Number(cur.revision), request_revision: input.requestRevision ? 1 : 0, created_at: at,
    }).execute();
    if (editor) {
      await tellAuthor(p, trx, cur, actor, input.requestRevision
        ? { kind: 'publicity.revise', title: `稿件退回修改：${cur.title}`, body: text }
        : { kind: 'publicity.comment', title: `编辑对稿件提出意见：${cur.title}`, body: text });
      return input.requestRevision ? { status: 'revising', editor_user_id: cur.editor_user_id ?? actor.userId } : { editor_user_id: cur.editor_user_id ?? actor.userId };
    }
    if (cur.editor_user_id && cur.editor_user_id !== actor.userId) {
      await p.notify.send(trx, cur.tenant_id, [cur.editor_user_id], { kind: 'publicity.reply', title: `作者回复了意见：${cur.title}`, body: text, link: reviewLink(cur.id) });
    }
    return {};
  });
}

export async function adoptManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, input: { quality: number; qualityNote?: string | null | undefined }): Promise<PublicityManuscriptTable> {
  return step(p, ctx, actor, m, 'adopt', 'publicity.adopt', async (trx, cur, at) => {
    await tellAuthor(p, trx, cur, actor, { kind: 'publicity.adopted', title: `稿件已采用：${cur.title}`, body: `质量评定：${input.quality} 分` });
    return { status: 'adopted', adopted_at: at, quality: input.quality, quality_note: input.qualityNote || null, quality_by: actor.userId, editor_user_id: cur.editor_user_id ?? actor.userId };
  });
}

export async function rejectManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, reason: string | undefined): Promise<PublicityManuscriptTable> {
  checkWho(actor, m, 'reject');
  if (!reason) throw fieldError('reason', '请填写退稿理由');
  return step(p, ctx, actor, m, 'reject', 'publicity.reject', async (trx, cur, at) => {
    await tellAuthor(p, trx, cur, actor, { kind: 'publicity.rejected', title: `稿件被退稿：${cur.title}`, body: `退稿理由：${reason}` });
    return { status: 'rejected', rejected_at: at, reject_reason: reason, editor_user_id: cur.editor_user_id ?? actor.userId };
  });
}

export async function publishManuscript(
  p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, input: { publishedOn: string; outlet: string; level: Level; ref?: string | null | undefined },
): Promise<PublicityManuscriptTable> {
  checkWho(actor, m, 'publish');
  const today = shanghaiDate(p.clock.now());
  if (input.publishedOn > today) throw fieldError('publishedOn', '刊发日期不能晚于今天');
  return step(p, ctx, actor, m, 'publish', 'publicity.publish', async (trx, cur, at) => {
    const adoptedOn = cur.adopted_at ? shanghaiDate(new Date(cur.adopted_at)) : null;
    if (adoptedOn && input.publishedOn < adoptedOn) throw fieldError('publishedOn', `刊发日期不能早于采用日期（${adoptedOn}）`);
    await tellAuthor(p, trx, cur, actor, { kind: 'publicity.published', title: `稿件已刊发：${cur.title}`, body: `${input.outlet} ${input.publishedOn}` });
    return { status: 'published', published_at: at, published_on: input.publishedOn, published_outlet: input.outlet, published_level: input.level, published_ref: input.ref || null };
  });
}

export async function rateManuscript(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, input: { quality: number; note?: string | null | undefined }): Promise<PublicityManuscriptTable> {
  return step(p, ctx, actor, m, 'rate', 'publicity.rate', async (trx, cur) => {
    await tellAuthor(p, trx, cur, actor, { kind: 'publicity.rated', title: `稿件质量评定：${cur.title}`, body: `${input.quality} 分` });
    return { quality: input.quality, quality_note: input.note || null, quality_by: actor.userId };
  });
}

export async function attachPhoto(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, file: { name: string; mime: string; data: Buffer }): Promise<FileMeta> {
  checkPhotos(actor, m);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedManuscript(trx, p.data.dialect, m.tenant_id, m.id);
    if (!cur) throw notFound('稿件');
    checkPhotos(actor, cur);
    const at = p.clock.now().toISOString();
    const meta = await storeFile(trx, cur.tenant_id, { ownerKind: PHOTO_OWNER, ownerId: cur.id, name: file.name, mime: file.mime, data: file.data, createdBy: actor.userId, at });
    await trx.updateTable('publicity_manuscripts').set({ updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.photo.add', entity: 'manuscript', entityId: cur.id, after: { file: meta } });
    return meta;
  });
}

export async function detachPhoto(p: Platform, ctx: AuditContext, actor: Actor, m: PublicityManuscriptTable, fileId: string): Promise<void> {
  checkPhotos(actor, m);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await lockedManuscript(trx, p.data.dialect, m.tenant_id, m.id);
    if (!cur) throw notFound('稿件');
    checkPhotos(actor, cur);
    const at = p.clock.now().toISOString();
    const meta = await removeFile(trx, cur.tenant_id, PHOTO_OWNER, cur.id, fileId, at);
    if (!meta) throw notFound('照片');
    await trx.updateTable('publicity_manuscripts').set({ updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.photo.remove', entity: 'manuscript', entityId: cur.id, before: { file: meta } });
  });
}

/** One kept revision of the manuscript, with the name of who submitted it. */
export async function revisionDetail(p: Platform, m: PublicityManuscriptTable, revision: number): Promise<RevisionView> {
  const r = await revisionOf(p.db, m, revision);
  if (!r) throw notFound('稿次');
  const names = await userDisplayNames(p.db, m.tenant_id, r.created_by ? [r.created_by] : []);
  return { revision: Number(r.revision), title: r.title, body: r.body, createdAt: r.created_at, createdByName: (r.created_by && names.get(r.created_by)) || null };
}
