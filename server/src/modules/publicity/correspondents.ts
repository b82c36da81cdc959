// The correspondent team (通讯员): who reports for each organisation, from when until when, their training
// records (挂职培训, 集中培训 …) and their yearly output (counted from the manuscripts linked to the row).
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate, shanghaiDayStart } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';
import { maskPhone } from '../../platform/crypto/mask.js';
import { accountsById } from '../../platform/accounts/service.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { liveOrgOf, orgNamesOf } from '../org/index.js';
import { memberSummaries } from '../members/index.js';
import { managedOrg, needReview, revealsCorrespondentPhone, reviewOrg, visibleCorrespondents } from './policy.js';
import { correspondentManuscripts } from './queries.js';
import { listItems } from './service.js';
import type { CorrespondentCreate, CorrespondentItem, CorrespondentPatch, CorrespondentView, TrainingCreate, TrainingView } from './schema.js';
import { TRAINING_KIND_NAMES } from './schema.js';
import type { PublicityCorrespondentTable, PublicityTrainingTable } from './tables.js';

const isActive = (c: Pick<PublicityCorrespondentTable, 'since' | 'until'>, today: string) => c.since <= today && (c.until === null || c.until >= today);

export function trainingView(t: PublicityTrainingTable): TrainingView {
  return {
    id: t.id, kind: t.kind, kindName: TRAINING_KIND_NAMES[t.kind], title: t.title, fromDate: t.from_date, toDate: t.to_date, hours: Number(t.hours),
    place: t.place, note: t.note, createdAt: t.created_at,
  };
}

/** The phone as everyone may see it (138****5678); in clear only through `revealPhone`, which is audited. */
const maskedPhone = (crypto: FieldCrypto, c: Pick<PublicityCorrespondentTable, 'phone_enc'>): string | null =>
  c.phone_enc ? maskPhone(crypto.decrypt(c.phone_enc)) : null;

/** List items for correspondent rows of the reader's tenant: organisation names (cached tree), training totals and this year's output. */
export async function correspondentItems(db: Db, crypto: FieldCrypto, reader: Actor, rows: PublicityCorrespondentTable[], today: string): Promise<CorrespondentItem[]> {
  if (rows.length === 0) return [];
  const tenantId = reader.tenantId;
  const ids = rows.map((r) => r.id);
  const year = today.slice(0, 4);
  const yearStart = shanghaiDayStart(`${year}-01-01`);
  const nextYearStart = shanghaiDayStart(`${Number(year) + 1}-01-01`);
  const [names, trainings, output] = await Promise.all([
    orgNamesOf(db, reader, rows.map((r) => r.org_id)),
    db.selectFrom('publicity_trainings').select(['correspondent_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('hours').as('hours')])
      .where('tenant_id', '=', tenantId).where('correspondent_id', 'in', ids).where('deleted_at', 'is', null).groupBy('correspondent_id').execute(),
    db.selectFrom('publicity_manuscripts').select(['correspondent_id', 'submitted_at', 'adopted_at', 'published_on'])
      .where('tenant_id', '=', tenantId).where('correspondent_id', 'in', ids).where('deleted_at', 'is', null).where('status', '<>', 'draft').execute(),
  ]);
  const t = new Map(trainings.map((r) => [r.correspondent_id, r]));
  const out = new Map<string, { submitted: number; adopted: number; published: number }>(ids.map((id) => [id, { submitted: 0, adopted: 0, published: 0 }]));
  const inYear = (iso: string | null) => iso !== null && iso >= yearStart && iso < nextYearStart;
  for (const m of output) {
    const o = out.get(m.correspondent_id!)!;
    if (inYear(m.submitted_at)) o.submitted++;
    if (inYear(m.adopted_at)) o.adopted++;
    if (m.published_on?.startsWith(year)) o.published++;
  }
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: names.get(`${tenantId}/${r.org_id}`) ?? '', userId: r.user_id, memberId: r.member_id, name: r.name, phone: maskedPhone(crypto, r),
    since: r.since, until: r.until, active: isActive(r, today), note: r.note,
    trainingHours: Math.round(Number(t.get(r.id)?.hours ?? 0) * 10) / 10, trainings: Number(t.get(r.id)?.n ?? 0), yearOutput: { year, ...out.get(r.id)! },
  }));
}

export async function listCorrespondents(p: Platform, actor: Actor, q: { orgId?: string | undefined; active?: boolean | undefined }): Promise<CorrespondentItem[]> {
  const today = shanghaiDate(p.clock.now());
  let query = p.db.selectFrom('publicity_correspondents').selectAll().where('tenant_id', '=', actor.tenantId).where('deleted_at', 'is', null)
    .where(visibleCorrespondents(actor, { tenant: sql.ref<string>('tenant_id'), path: sql.ref<string>('org_path') }));
  if (q.orgId) {
    const org = await liveOrgOf(p.db, actor, q.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    query = query.where(inSubtree(sql.ref<string>('org_path'), org.path));
  }
  if (q.active === true) query = query.where('since', '<=', today).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]));
  if (q.active === false) query = query.where((eb) => eb.or([eb('since', '>', today), eb('until', '<', today)]));
  const rows = await query.orderBy('org_path').orderBy('since').orderBy('id').execute();
  return correspondentItems(p.db, p.fieldCrypto, actor, rows, today);
}

/** The audit log's copy of a row: the phone masked, as for members (whoever reads the log sees no number). */
const snapshot = (crypto: FieldCrypto, c: PublicityCorrespondentTable) => ({
  id: c.id, orgId: c.org_id, userId: c.user_id, memberId: c.member_id, name: c.name, phone: maskedPhone(crypto, c), since: c.since, until: c.until, note: c.note,
});

const encryptedPhone = (crypto: FieldCrypto, phone: string | null | undefined): string | null => (phone ? crypto.encrypt(phone) : null);

/** Checks the account and member exist in the tenant, the dates agree, and the account has no other open row there. */
async function checkRow(db: DbOrTx, tenantId: string, row: PublicityCorrespondentTable): Promise<void> {
  if (row.until !== null && row.until < row.since) throw fieldError('until', '卸任日期不能早于担任日期');
  if (row.user_id) {
    if (!(await accountsById(db, tenantId, [row.user_id])).has(row.user_id)) throw fieldError('userId', '登录账号不存在');
    if (row.until === null) {
      const other = await db.selectFrom('publicity_correspondents').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', row.org_id)
        .where('user_id', '=', row.user_id).where('until', 'is', null).where('deleted_at', 'is', null).where('id', '<>', row.id).executeTakeFirst();
      if (other) throw conflict('CORRESPONDENT_EXISTS', '该账号已是本组织的在任通讯员', { userId: '该账号已是本组织的在任通讯员' });
    }
  }
  if (row.member_id) {
    const m = (await memberSummaries(db, tenantId, [row.member_id])).get(row.member_id);
    if (!m || m.deleted) throw fieldError('memberId', '党员不存在');
  }
}

export async function createCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, input: CorrespondentCreate): Promise<PublicityCorrespondentTable> {
  const org = await reviewOrg(p.db, actor, input.orgId);
  const at = p.clock.now().toISOString();
  const row: PublicityCorrespondentTable = {
    tenant_id: org.tenant_id, id: newId(), org_id: org.id, org_path: org.path, user_id: input.userId ?? null, member_id: input.memberId ?? null, name: input.name,
    phone_enc: encryptedPhone(p.fieldCrypto, input.phone), since: input.since, until: input.until ?? null, note: input.note ?? '', created_at: at, updated_at: at, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await checkRow(trx, org.tenant_id, row);
    await trx.insertInto('publicity_correspondents').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.create', entity: 'correspondent', entityId: row.id, after: snapshot(p.fieldCrypto, row) });
    return row;
  });
}

export async function updateCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable, patch: CorrespondentPatch): Promise<PublicityCorrespondentTable> {
  needReview(actor, c);
  const org = patch.orgId && patch.orgId !== c.org_id ? await reviewOrg(p.db, actor, patch.orgId) : null;
  const next: PublicityCorrespondentTable = {
    ...c, org_id: org?.id ?? c.org_id, org_path: org?.path ?? c.org_path, name: patch.name ?? c.name,
    user_id: patch.userId !== undefined ? patch.userId : c.user_id, member_id: patch.memberId !== undefined ? patch.memberId : c.member_id,
    phone_enc: patch.phone !== undefined ? encryptedPhone(p.fieldCrypto, patch.phone) : c.phone_enc, since: patch.since ?? c.since, until: patch.until !== undefined ? patch.until : c.until,
    note: patch.note !== undefined ? patch.note ?? '' : c.note, updated_at: p.clock.now().toISOString(),
  };
  return p.audit.tx(ctx, async (trx) => {
    await checkRow(trx, c.tenant_id, next);
    const { tenant_id: _t, id: _i, ...set } = next;
    await trx.updateTable('publicity_correspondents').set(set).where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.update', entity: 'correspondent', entityId: c.id, before: snapshot(p.fieldCrypto, c), after: snapshot(p.fieldCrypto, next) });
    return next;
  });
}

export async function deleteCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable): Promise<void> {
  needReview(actor, c);
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    await trx.updateTable('publicity_correspondents').set({ deleted_at: at, updated_at: at }).where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.delete', entity: 'correspondent', entityId: c.id, before: snapshot(p.fieldCrypto, c) });
  });
}

export async function addTraining(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable, input: TrainingCreate): Promise<PublicityTrainingTable> {
  needReview(actor, c);
  if (input.toDate < input.fromDate) throw fieldError('toDate', '结束日期不能早于开始日期');
  const at = p.clock.now().toISOString();
  const row: PublicityTrainingTable = {
    tenant_id: c.tenant_id, id: newId(), correspondent_id: c.id, kind: input.kind, title: input.title, from_date: input.fromDate, to_date: input.toDate,
    hours: input.hours, place: input.place ?? '', note: input.note ?? '', created_at: at, created_by: actor.userId, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('publicity_trainings').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.training.create', entity: 'correspondent', entityId: c.id, after: { training: trainingView(row) } });
    return row;
  });
}

export async function removeTraining(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable, trainingId: string): Promise<void> {
  needReview(actor, c);
  await p.audit.tx(ctx, async (trx) => {
    const row = await trx.selectFrom('publicity_trainings').selectAll().where('tenant_id', '=', c.tenant_id).where('id', '=', trainingId)
      .where('correspondent_id', '=', c.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw notFound('培训记录');
    await trx.updateTable('publicity_trainings').set({ deleted_at: p.clock.now().toISOString() }).where('tenant_id', '=', c.tenant_id).where('id', '=', row.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.training.delete', entity: 'correspondent', entityId: c.id, before: { training: trainingView(row) } });
  });
}

/** A correspondent's page: the list item, their training records and their latest manuscripts the actor sees. */
export async function correspondentDetail(p: Platform, actor: Actor, row: PublicityCorrespondentTable): Promise<CorrespondentView> {
  const today = shanghaiDate(p.clock.now());
  const [[item], trainings, manuscripts] = await Promise.all([
    correspondentItems(p.db, p.fieldCrypto, actor, [row], today),
    p.db.selectFrom('publicity_trainings').selectAll().where('tenant_id', '=', row.tenant_id).where('correspondent_id', '=', row.id).where('deleted_at', 'is', null)
      .orderBy('from_date', 'desc').execute(),
    correspondentManuscripts(p.db, actor, row, 20),
  ]);
  const { trainings: count, ...rest } = item!;
  return {
    ...rest, canRevealPhone: row.phone_enc !== null && revealsCorrespondentPhone(actor, row),
    trainingCount: count, trainings: trainings.map(trainingView), manuscripts: await listItems(p.db, actor, manuscripts),
  };
}

/** A correspondent's phone in clear, for those who may (revealsCorrespondentPhone); every clear view is audited. */
export async function revealPhone(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable): Promise<{ phone: string | null }> {
  if (!revealsCorrespondentPhone(actor, c)) throw forbidden('您没有查看该通讯员联系电话的权限');
  if (!c.phone_enc) return { phone: null };
  const phone = p.fieldCrypto.decrypt(c.phone_enc);
  await p.audit.sensitiveView(ctx, { entity: 'correspondent', entityId: c.id, fields: ['phone'] });
  return { phone };
}

/** Accounts that may be registered as the organisation's correspondents: holders of publicity.submit there or above. */
export async function correspondentCandidates(p: Platform, actor: Actor, orgId: string): Promise<{ userId: string; name: string; username: string }[]> {
  const org = await managedOrg(p.db, actor, orgId);
  if (!org) throw notFound('组织');
  const holders = await permissionHolders(p.db, actor.tenantId, org.path, (perm) => perm === 'publicity.submit');
  return holders.map((h) => ({ userId: h.id, name: h.name, username: h.username }));
}
