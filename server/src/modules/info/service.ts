// The review workflow of written entries: draft → submitted → published, or returned with a reason; every
// publication keeps a snapshot (version N); editing a published entry is a published correction for a
// publisher there and goes back to draft for anyone else. Each change is one transaction with its audit
// entry (before/after) and the search index update, so a refused or failed change leaves nothing behind.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiMonth } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { lockOrgTree, orgInScope, orgNamesOf, orgPaths } from '../org/index.js';
import { indexDocuments, removeDocuments } from '../../platform/search/index.js';
import { listFiles, removeFile, storeFile, type FileMeta } from '../../platform/files/index.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/richtext/index.js';
import { allowed, correctsInPlace, isOpen, publishesEntry, writesEntry } from './policy.js';
import { lockedEntry, versionsOf } from './queries.js';
import { ENTRY_SEARCH_KIND } from './sources.js';
import type { EntryCreate, EntryPatch, EntryView, VersionView } from './schema.js';
import type { InfoEntryTable } from './tables.js';

/** Owner kind of entry attachments in platform/files. */
export const ATTACHMENT_OWNER = 'info';

const badStatus = (message: string) => conflict('INFO_BAD_STATUS', message);
const notEditable = () => conflict('INFO_NOT_EDITABLE', '待审核的信息不能修改，请等待审核或由审核人退回');
export async function toView(db: Db, actor: Actor, e: InfoEntryTable, files?: FileMeta[]): Promise<EntryView> {
  const [names, orgs, attachments] = await Promise.all([
    userDisplayNames(db, e.tenant_id, [e.created_by, e.updated_by, e.submitted_by, e.published_by].filter((x): x is string => !!x)),
    orgNamesOf(db, actor, [e.org_id]),
    files ? Promise.resolve(files) : listFiles(db, e.tenant_id, ATTACHMENT_OWNER, [e.id]).then((m) => m.get(e.id) ?? []),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: e.id, category: e.category, orgId: e.org_id, orgName: orgs.get(`${e.tenant_id}/${e.org_id}`) ?? '', title: e.title, bodyHtml: e.body_html,
    status: e.status, returnReason: e.return_reason, version: e.version,
    createdAt: e.created_at, createdByName: name(e.created_by), updatedAt: e.updated_at, updatedByName: name(e.updated_by),
    submittedAt: e.submitted_at, submittedByName: name(e.submitted_by), publishedAt: e.published_at, publishedByName: name(e.published_by),
    firstPublishedAt: e.first_published_at, publishedMonth: e.published_month, attachments, can: allowed(actor, e),
  };
}

/** What the audit log keeps of an entry. */
const snapshot = (e: InfoEntryTable) => ({
  id: e.id, orgId: e.org_id, category: e.category, title: e.title, bodyHtml: e.body_html, status: e.status, version: e.version, returnReason: e.return_reason,
});

/** The organisation's path read inside the transaction with the tree locked (a concurrent move cannot leave a stale scope). */
async function currentOrgPath(p: Platform, trx: DbOrTx, tenantId: string, orgId: string): Promise<string> {
  await lockOrgTree(trx, p.data.dialect, tenantId);
  const path = (await orgPaths(trx, tenantId, [orgId])).get(orgId);
  if (!path) throw conflict('ORG_CHANGED', '所选组织刚被他人调整或删除，请刷新后重试');
  return path;
}

async function reindex(p: Platform, trx: DbOrTx, e: Pick<InfoEntryTable, 'tenant_id' | 'id' | 'title' | 'body_text'>): Promise<void> {
  await indexDocuments(trx, p.data.dialect, e.tenant_id, [{ kind: ENTRY_SEARCH_KIND, entityId: e.id, title: e.title, body: e.body_text }]);
}

/** Body as stored: sanitised HTML and its plain text. */
export function cleanBody(html: string): { body_html: string; body_text: string } {
  const body_html = sanitizeRichText(html);
  return { body_html, body_text: richTextToPlain(body_html) };
}

export async function createEntry(p: Platform, ctx: AuditContext, actor: Actor, input: EntryCreate): Promise<InfoEntryTable> {
  const org = await orgInScope(p.db, actor, 'info.write', input.orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  const body = cleanBody(input.bodyHtml);
  const now = p.clock.now();
  const at = now.toISOString();
  return p.audit.tx(ctx, async (trx) => {
    const row: InfoEntryTable = {
      tenant_id: org.tenant_id, id: newId(now.getTime()), org_id: org.id, org_path: await currentOrgPath(p, trx, org.tenant_id, org.id),
      category: input.category, title: input.title, ...body, status: 'draft', return_reason: null, version: 0,
      created_by: actor.userId, created_at: at, updated_by: actor.userId, updated_at: at, submitted_by: null, submitted_at: null,
      published_by: null, published_at: null, first_published_at: null, published_month: null, deleted_at: null,
    };
    await trx.insertInto('info_entries').values(row).execute();
    await reindex(p, trx, row);
    await p.audit.record(trx, ctx, { action: 'info.create', entity: 'infoEntry', entityId: row.id, after: snapshot(row) });
    return row;
  });
}

/** Runs `fn` on the entry re-read and locked inside the transaction; the audit entry gets before/after. */
async function transition(
  p: Platform, ctx: AuditContext, entry: InfoEntryTable, action: string,
  fn: (trx: DbOrTx, cur: InfoEntryTable, at: string) => Promise<Partial<InfoEntryTable>>,
): Promise<InfoEntryTable> {
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedEntry(trx, p.data.dialect, entry.tenant_id, entry.id);
    if (!cur) throw notFound('信息');
    const at = p.clock.now().toISOString();
    const set = await fn(trx, cur, at);
    await trx.updateTable('info_entries').set(set).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    const next = { ...cur, ...set };
    await p.audit.record(trx, ctx, { action, entity: 'infoEntry', entityId: cur.id, before: snapshot(cur), after: snapshot(next) });
    return next;
  });
}

async function addVersion(trx: DbOrTx, e: InfoEntryTable, version: number, by: string, at: string): Promise<void> {
  await trx.insertInto('info_entry_versions').values({
    tenant_id: e.tenant_id, id: newId(Date.parse(at)), entry_id: e.id, version, title: e.title, body_html: e.body_html, published_by: by, published_at: at,
  }).execute();
}

/** Notifies whoever submitted the entry (and its author), not the reviewer themselves. */
async function tellWriter(p: Platform, trx: DbOrTx, e: InfoEntryTable, actor: Actor, n: { kind: string; title: string; body?: string; link: string }): Promise<void> {
  const to = [e.submitted_by, e.created_by].filter((u): u is string => !!u && u !== actor.userId);
  if (to.length) await p.notify.send(trx, e.tenant_id, to, n);
}

const need = (ok: boolean, message: string) => {
  if (!ok) throw forbidden(message);
};

export async function updateEntry(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable, patch: EntryPatch): Promise<InfoEntryTable> {
  need(writesEntry(actor, entry), '您没有修改该组织信息的权限');
  if (entry.status === 'submitted') throw notEditable();
  let target: { id: string; path: string; tenant_id: string } = { id: entry.org_id, path: entry.org_path, tenant_id: entry.tenant_id };
  if (patch.orgId && patch.orgId !== entry.org_id) {
    const org = await orgInScope(p.db, actor, 'info.write', patch.orgId);
    if (!org) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
    target = org;
  }
  const body = patch.bodyHtml !== undefined ? cleanBody(patch.bodyHtml) : null;
  const changed = (patch.title !== undefined && patch.title !== entry.title) || (patch.category !== undefined && patch.category !== entry.category)
    || target.id !== entry.org_id || (body !== null && body.body_html !== entry.body_html);
  if (!changed) return entry;
  // A publisher over both places corrects a published entry in place; anyone else's edit needs review again.
  const republish = correctsInPlace(actor, entry, target);
  return transition(p, ctx, entry, 'info.update', async (trx, cur, at) => {
    if (cur.status === 'submitted') throw notEditable();
    const set: Partial<InfoEntryTable> = {
      title: patch.title ?? cur.title, category: patch.category ?? cur.category, ...(body ?? {}), updated_by: actor.userId, updated_at: at,
    };
    if (target.id !== cur.org_id) {
      set.org_id = target.id;
      set.org_path = await currentOrgPath(p, trx, cur.tenant_id, target.id);
    }
    if (cur.status === 'published') {
      if (republish) {
        set.version = cur.version + 1;
        set.published_by = actor.userId;
        set.published_at = at;
        await addVersion(trx, { ...cur, ...set } as InfoEntryTable, cur.version + 1, actor.userId, at);
      } else {
        set.status = 'draft';
      }
    }
    await reindex(p, trx, { ...cur, ...set } as InfoEntryTable);
    return set;
  });
}

export async function submitEntry(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable): Promise<InfoEntryTable> {
  need(writesEntry(actor, entry), '您没有提交该组织信息的权限');
  return transition(p, ctx, entry, 'info.submit', async (_trx, cur, at) => {
    if (!isOpen(cur.status)) throw badStatus(cur.status === 'submitted' ? '该信息已提交，正在等待审核' : '只有草稿或被退回的信息才能提交');
    return { status: 'submitted', submitted_by: actor.userId, submitted_at: at, updated_by: actor.userId, updated_at: at };
  });
}

export async function publishEntry(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable): Promise<InfoEntryTable> {
  need(publishesEntry(actor, entry), '您没有审核发布该组织信息的权限');
  return transition(p, ctx, entry, 'info.publish', async (trx, cur, at) => {
    if (cur.status !== 'submitted') throw badStatus('只有待审核的信息才能发布');
    const version = cur.version + 1;
    await addVersion(trx, cur, version, actor.userId, at);
    await tellWriter(p, trx, cur, actor, { kind: 'info.published', title: `信息已发布：${cur.title}`, link: `/info?id=${cur.id}` });
    return {
      status: 'published', version, return_reason: null, published_by: actor.userId, published_at: at, updated_by: actor.userId, updated_at: at,
      first_published_at: cur.first_published_at ?? at, published_month: cur.published_month ?? shanghaiMonth(new Date(at)),
    };
  });
}

export async function returnEntry(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable, reason: string): Promise<InfoEntryTable> {
  need(publishesEntry(actor, entry), '您没有审核该组织信息的权限');
  return transition(p, ctx, entry, 'info.return', async (trx, cur, at) => {
    if (cur.status !== 'submitted') throw badStatus('只有待审核的信息才能退回');
    await tellWriter(p, trx, cur, actor, { kind: 'info.returned', title: `信息被退回：${cur.title}`, body: `退回理由：${reason}`, link: `/info?id=${cur.id}` });
    return { status: 'returned', return_reason: reason, updated_by: actor.userId, updated_at: at };
  });
}

export async function deleteEntry(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable): Promise<void> {
  const check = (e: InfoEntryTable) => need(allowed(actor, e).delete, isOpen(e.status) ? '您没有删除该组织信息的权限' : '待审核或已发布的信息只有审核人可以删除');
  check(entry);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await lockedEntry(trx, p.data.dialect, entry.tenant_id, entry.id);
    if (!cur) throw notFound('信息');
    check(cur);
    const at = p.clock.now().toISOString();
    await trx.updateTable('info_entries').set({ deleted_at: at, updated_by: actor.userId, updated_at: at })
      .where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await removeDocuments(trx, p.data.dialect, cur.tenant_id, ENTRY_SEARCH_KIND, [cur.id]);
    await p.audit.record(trx, ctx, { action: 'info.delete', entity: 'infoEntry', entityId: cur.id, before: snapshot(cur) });
  });
}

/** Attachments follow the body: open entries by writers, published ones by publishers, none while under review. */
function checkAttach(actor: Actor, e: InfoEntryTable): void {
  if (e.status === 'submitted') throw notEditable();
  need(allowed(actor, e).attach, e.status === 'published' ? '已发布信息的附件只有审核人可以修改' : '您没有修改该组织信息的权限');
}

export async function attachFile(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable, file: { name: string; mime: string; data: Buffer }): Promise<FileMeta> {
  checkAttach(actor, entry);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedEntry(trx, p.data.dialect, entry.tenant_id, entry.id);
    if (!cur) throw notFound('信息');
    checkAttach(actor, cur);
    const at = p.clock.now().toISOString();
    const meta = await storeFile(trx, cur.tenant_id, { ownerKind: ATTACHMENT_OWNER, ownerId: cur.id, name: file.name, mime: file.mime, data: file.data, createdBy: actor.userId, at });
    await trx.updateTable('info_entries').set({ updated_by: actor.userId, updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'info.attach', entity: 'infoEntry', entityId: cur.id, after: { file: meta } });
    return meta;
  });
}

export async function detachFile(p: Platform, ctx: AuditContext, actor: Actor, entry: InfoEntryTable, fileId: string): Promise<void> {
  checkAttach(actor, entry);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await lockedEntry(trx, p.data.dialect, entry.tenant_id, entry.id);
    if (!cur) throw notFound('信息');
    checkAttach(actor, cur);
    const at = p.clock.now().toISOString();
    const meta = await removeFile(trx, cur.tenant_id, ATTACHMENT_OWNER, cur.id, fileId, at);
    if (!meta) throw notFound('附件');
    await trx.updateTable('info_entries').set({ updated_by: actor.userId, updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'info.detach', entity: 'infoEntry', entityId: cur.id, before: { file: meta } });
  });
}

/** The published versions of an entry, newest first, each with its publisher's name. */
export async function versionViews(db: Db, entry: InfoEntryTable): Promise<VersionView[]> {
  const versions = await versionsOf(db, entry.tenant_id, entry.id);
  const names = await userDisplayNames(db, entry.tenant_id, versions.flatMap((v) => (v.published_by ? [v.published_by] : [])));
  return versions.map((v) => ({
    version: v.version, title: v.title, bodyHtml: v.body_html, publishedAt: v.published_at, publishedByName: (v.published_by && names.get(v.published_by)) || null,
  }));
}
