// The correspondent team (通讯员): who reports for each organisation, from when until when, their training
// records (挂职培训, 集中培训 …) and their yearly output (counted from the manuscripts linked to the row).
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import { orgInScope, orgNames } from '../org/index.js';
import { shanghaiDayStart } from '../../platform/calendar.js';
import type { CorrespondentCreate, CorrespondentItem, CorrespondentPatch, TrainingCreate, TrainingView } from './schema.js';
import { TRAINING_KIND_NAMES } from './schema.js';
import type { PublicityCorrespondentTable, PublicityTrainingTable } from './tables.js';

const isActive = (c: Pick<PublicityCorrespondentTable, 'since' | 'until'>, today: string) => c.since <= today && (c.until === null || c.until >= today);

export function trainingView(t: PublicityTrainingTable): TrainingView {
  return {
    id: t.id, kind: t.kind, kindName: TRAINING_KIND_NAMES[t.kind], title: t.title, fromDate: t.from_date, toDate: t.to_date, hours: Number(t.hours),
    place: t.place, note: t.note, createdAt: t.created_at,
  };
}

/** List items for correspondent rows: organisation names, training totals and this year's output, in three queries. */
export async function correspondentItems(db: DbOrTx, tenantId: string, rows: PublicityCorrespondentTable[], today: string): Promise<CorrespondentItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const year = today.slice(0, 4);
  const yearStart = shanghaiDayStart(`${year}-01-01`);
  const nextYearStart = shanghaiDayStart(`${Number(year) + 1}-01-01`);
  const [names, trainings, output] = await Promise.all([
    orgNames(db, [tenantId], rows.map((r) => r.org_id)),
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
    id: r.id, orgId: r.org_id, orgName: names.get(`${tenantId}/${r.org_id}`) ?? '', userId: r.user_id, memberId: r.member_id, name: r.name, phone: r.phone,
    since: r.since, until: r.until, active: isActive(r, today), note: r.note,
    trainingHours: Math.round(Number(t.get(r.id)?.hours ?? 0) * 10) / 10, trainings: Number(t.get(r.id)?.n ?? 0), yearOutput: { year, ...out.get(r.id)! },
  }));
}

export async function listCorrespondents(p: Platform, actor: Actor, q: { orgId?: string | undefined; active?: boolean | undefined }): Promise<CorrespondentItem[]> {
  const today = shanghaiDate(p.clock.now());
  const cols = { tenant: sql.ref<string>('tenant_id'), path: sql.ref<string>('org_path') };
  let query = p.db.selectFrom('publicity_correspondents').selectAll().where('tenant_id', '=', actor.tenantId).where('deleted_at', 'is', null)
    .where((eb) => eb.or([scopeFilter(actor, 'publicity.read', cols), scopeFilter(actor, 'publicity.review', cols)]));
  if (q.orgId) {
    const org = await p.db.selectFrom('organisations').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', q.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!org) throw fieldError('orgId', '组织不存在');
    query = query.where(inSubtree(sql.ref<string>('org_path'), org.path));
  }
  if (q.active === true) query = query.where('since', '<=', today).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]));
  if (q.active === false) query = query.where((eb) => eb.or([eb('since', '>', today), eb('until', '<', today)]));
  const rows = await query.orderBy('org_path').orderBy('since').orderBy('id').execute();
  return correspondentItems(p.db, actor.tenantId, rows, today);
}

const snapshot = (c: PublicityCorrespondentTable) => ({
  id: c.id, orgId: c.org_id, userId: c.user_id, memberId: c.member_id, name: c.name, phone: c.phone, since: c.since, until: c.until, note: c.note,
});

/** Checks the account and member exist in the tenant, the dates agree, and the account has no other open row there. */
async function checkRow(db: DbOrTx, tenantId: string, row: PublicityCorrespondentTable): Promise<void> {
  if (row.until !== null && row.until < row.since) throw fieldError('until', '卸任日期不能早于担任日期');
  if (row.user_id) {
    const u = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', '=', row.user_id).executeTakeFirst();
    if (!u) throw fieldError('userId', '登录账号不存在');
    if (row.until === null) {
      const other = await db.selectFrom('publicity_correspondents').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', row.org_id)
        .where('user_id', '=', row.user_id).where('until', 'is', null).where('deleted_at', 'is', null).where('id', '<>', row.id).executeTakeFirst();
      if (other) throw conflict('CORRESPONDENT_EXISTS', '该账号已是本组织的在任通讯员', { userId: '该账号已是本组织的在任通讯员' });
    }
  }
  if (row.member_id) {
    const m = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('id', '=', row.member_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!m) throw fieldError('memberId', '党员不存在');
  }
}

async function reviewOrg(p: Platform, actor: Actor, orgId: string) {
  const org = await orgInScope(p.db, actor, 'publicity.review', orgId);
  if (!org) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  return org;
}

export async function createCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, input: CorrespondentCreate): Promise<PublicityCorrespondentTable> {
  const org = await reviewOrg(p, actor, input.orgId);
  const at = p.clock.now().toISOString();
  const row: PublicityCorrespondentTable = {
    tenant_id: org.tenant_id, id: newId(), org_id: org.id, org_path: org.path, user_id: input.userId ?? null, member_id: input.memberId ?? null, name: input.name,
    phone: input.phone || null, since: input.since, until: input.until ?? null, note: input.note ?? '', created_at: at, updated_at: at, deleted_at: null,
  };
  return p.audit.tx(ctx, async (trx) => {
    await checkRow(trx, org.tenant_id, row);
    await trx.insertInto('publicity_correspondents').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.create', entity: 'correspondent', entityId: row.id, after: snapshot(row) });
    return row;
  });
}

function needReview(actor: Actor, c: PublicityCorrespondentTable): void {
  if (!can(actor, 'publicity.review', { tenantId: c.tenant_id, orgPath: c.org_path })) throw forbidden('您没有管理该组织通讯员的权限');
}

export async function updateCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable, patch: CorrespondentPatch): Promise<PublicityCorrespondentTable> {
  needReview(actor, c);
  const org = patch.orgId && patch.orgId !== c.org_id ? await reviewOrg(p, actor, patch.orgId) : null;
  const next: PublicityCorrespondentTable = {
    ...c, org_id: org?.id ?? c.org_id, org_path: org?.path ?? c.org_path, name: patch.name ?? c.name,
    user_id: patch.userId !== undefined ? patch.userId : c.user_id, member_id: patch.memberId !== undefined ? patch.memberId : c.member_id,
    phone: patch.phone !== undefined ? patch.phone || null : c.phone, since: patch.since ?? c.since, until: patch.until !== undefined ? patch.until : c.until,
    note: patch.note !== undefined ? patch.note ?? '' : c.note, updated_at: p.clock.now().toISOString(),
  };
  return p.audit.tx(ctx, async (trx) => {
    await checkRow(trx, c.tenant_id, next);
    const { tenant_id: _t, id: _i, ...set } = next;
    await trx.updateTable('publicity_correspondents').set(set).where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.update', entity: 'correspondent', entityId: c.id, before: snapshot(c), after: snapshot(next) });
    return next;
  });
}

export async function deleteCorrespondent(p: Platform, ctx: AuditContext, actor: Actor, c: PublicityCorrespondentTable): Promise<void> {
  needReview(actor, c);
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    await trx.updateTable('publicity_correspondents').set({ deleted_at: at, updated_at: at }).where('tenant_id', '=', c.tenant_id).where('id', '=', c.id).execute();
    await p.audit.record(trx, ctx, { action: 'publicity.correspondent.delete', entity: 'correspondent', entityId: c.id, before: snapshot(c) });
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
