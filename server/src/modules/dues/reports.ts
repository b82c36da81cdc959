// What 党费 reports: one member's year (the secretary's view and the member's own), arrears per member, collection per
// branch and month (due, paid, received), hand-overs and their reconciliation with what was received.
// Every sum is computed in SQL over integer 分 with the scope in the statement.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { inSubtree } from '../../db/dialect.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiMonth, todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { fieldError, forbidden, notFound } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { memberSummaries, type MemberDuesFacts } from '../members/index.js';
import { orgInScope, orgNamesOf } from '../org/index.js';
import { memberFor } from './members.js';
import { readableAt, writesAt } from './policy.js';
import type { HandoverCreate, MemberDues } from './schema.js';
import { DUES_RULES } from './settings.js';
import type { DuesMethod } from './tables.js';

const MEMBER_TYPE_NAMES = { full: '正式党员', probationary: '预备党员' } as const;

/** One member's year: bills with what paid them, what is due by this month, what may be paid in advance. */
export async function memberYear(p: Platform, actor: Actor, m: MemberDuesFacts, year: number, orgName: string): Promise<MemberDues> {
  const current = shanghaiMonth(p.clock.now());
  const [bills, base] = await Promise.all([
    p.db.selectFrom('dues_bills as b')
      .leftJoin('dues_payments as y', (j) => j.onRef('y.tenant_id', '=', 'b.tenant_id').onRef('y.id', '=', 'b.payment_id'))
      .select(['b.month', 'b.amount_fen', 'b.payment_id', 'y.paid_on', 'y.method'])
      .where('b.tenant_id', '=', actor.tenantId).where('b.member_id', '=', m.id).where('b.year', '=', year).orderBy('b.month').execute(),
    p.db.selectFrom('dues_bases').select(['category', 'monthly_fen']).where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id).where('year', '=', year).executeTakeFirst(),
  ]);
  const unpaid = bills.filter((b) => b.payment_id === null);
  const due = unpaid.filter((b) => b.month <= current);
  return {
    memberId: m.id, name: m.name, orgName, year, memberType: MEMBER_TYPE_NAMES[m.type],
    category: base?.category ?? null, monthlyFen: base?.monthly_fen ?? null,
    bills: bills.map((b) => ({ month: b.month, amountFen: b.amount_fen, paid: b.payment_id !== null, paidOn: b.paid_on ?? null, method: (b.method as DuesMethod | null) ?? null })),
    paidMonths: bills.length - unpaid.length, paidFen: bills.filter((b) => b.payment_id !== null).reduce((s, b) => s + b.amount_fen, 0),
    dueMonths: due.map((b) => b.month), dueFen: due.reduce((s, b) => s + b.amount_fen, 0),
    advanceMonths: unpaid.filter((b) => b.month > current).map((b) => b.month),
    mayWrite: writesAt(actor, m.orgPath),
  };
}

export async function memberDues(p: Platform, actor: Actor, memberId: string, year: number): Promise<MemberDues> {
  const m = await memberFor(p.db, actor, memberId);
  const names = await orgNamesOf(p.db, actor, [m.branchId]);
  return memberYear(p, actor, m, year, names.get(`${actor.tenantId}/${m.branchId}`) ?? '');
}

async function subtreeOf(p: Platform, actor: Actor, orgId: string | undefined): Promise<string | null> {
  if (!orgId) return null;
  const org = await orgInScope(p.db, actor, 'dues.read', orgId);
  if (!org) throw notFound('党组织');
  return org.path;
}

export type ArrearsLevel = 'none' | 'warn' | 'serious';
export const levelOf = (months: number, rules: { warnMonths: number; seriousMonths: number }): ArrearsLevel =>
  months >= rules.seriousMonths ? 'serious' : months >= rules.warnMonths ? 'warn' : 'none';

/** Unpaid bills up to this month, per member: the query behind the arrears list, 待办 and the reminder job. */
export function arrearsQuery(db: Db, tenantId: string, currentMonth: string) {
  return db.selectFrom('dues_bills as b').where('b.tenant_id', '=', tenantId).where('b.payment_id', 'is', null).where('b.month', '<=', currentMonth);
}

export async function arrears(p: Platform, actor: Actor, q: { orgId?: string; minMonths: number }, limit: number, offset: number) {
  const current = shanghaiMonth(p.clock.now());
  const [path, rules] = await Promise.all([subtreeOf(p, actor, q.orgId), readSetting(p.db, actor.tenantId, DUES_RULES)]);
  let base = arrearsQuery(p.db, actor.tenantId, current).where(readableAt(actor, 'b'));
  if (path) base = base.where(inSubtree(sql.ref<string>('b.org_path'), path));
  const grouped = base.select((eb) => ['b.member_id', eb.fn.max('b.branch_id').as('branch_id'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('b.amount_fen').as('s')])
    .groupBy('b.member_id').having((eb) => eb.fn.countAll(), '>=', q.minMonths);
  const [rows, total] = await Promise.all([
    grouped.orderBy(sql`count(*)`, 'desc').orderBy('b.member_id').limit(limit).offset(offset).execute(),
    p.db.selectFrom(grouped.as('g')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.member_id);
  const [names, orgs, months] = await Promise.all([
    memberSummaries(p.db, actor.tenantId, ids), orgNamesOf(p.db, actor, rows.map((r) => String(r.branch_id))),
    ids.length ? arrearsQuery(p.db, actor.tenantId, current).select(['b.member_id', 'b.month']).where('b.member_id', 'in', ids).orderBy('b.month').execute() : Promise.resolve([]),
  ]);
  return {
    items: rows.map((r) => ({
      memberId: r.member_id, name: names.get(r.member_id)?.name ?? '', orgId: String(r.branch_id), orgName: orgs.get(`${actor.tenantId}/${String(r.branch_id)}`) ?? '',
      months: months.filter((x) => x.member_id === r.member_id).map((x) => x.month), monthCount: Number(r.n), dueFen: Number(r.s ?? 0), level: levelOf(Number(r.n), rules),
    })),
    total: Number(total.n),
  };
}

const rateOf = (paid: number, due: number) => (due === 0 ? 0 : Math.round((1000 * paid) / due) / 10);
const MONTHS = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Per branch and month of the year: due (bills), paid (bills of the month settled) and received (payments made in the month). */
export async function collection(p: Platform, actor: Actor, year: number, orgId?: string) {
  const path = await subtreeOf(p, actor, orgId);
  let bills = p.db.selectFrom('dues_bills as b').where('b.tenant_id', '=', actor.tenantId).where('b.year', '=', year).where(readableAt(actor, 'b'));
  let pays = p.db.selectFrom('dues_payments as b').where('b.tenant_id', '=', actor.tenantId).where('b.paid_on', '>=', `${year}-01-01`).where('b.paid_on', '<=', `${year}-12-31`).where(readableAt(actor, 'b'));
  if (path) {
    bills = bills.where(inSubtree(sql.ref<string>('b.org_path'), path));
    pays = pays.where(inSubtree(sql.ref<string>('b.org_path'), path));
  }
  const paidMonth = sql<string>`substr(b.paid_on, 1, 7)`;
  const [billRows, payRows] = await Promise.all([
    bills.select((eb) => ['b.branch_id', 'b.month', eb.fn.sum<number>('b.amount_fen').as('due'),
      eb.fn.sum<number>(sql`case when b.payment_id is null then 0 else b.amount_fen end`).as('paid')]).groupBy(['b.branch_id', 'b.month']).execute(),
    pays.select((eb) => ['b.branch_id', paidMonth.as('month'), eb.fn.sum<number>('b.amount_fen').as('received')]).groupBy(['b.branch_id', paidMonth]).execute(),
  ]);
  const branchIds = [...new Set([...billRows.map((r) => r.branch_id), ...payRows.map((r) => r.branch_id)])];
  const names = await orgNamesOf(p.db, actor, branchIds);
  const cell = (branch: string | null, month: string) => {
    const b = billRows.filter((r) => (branch === null || r.branch_id === branch) && r.month === month);
    const y = payRows.filter((r) => (branch === null || r.branch_id === branch) && r.month === month);
    return { month, dueFen: b.reduce((s, r) => s + Number(r.due ?? 0), 0), paidFen: b.reduce((s, r) => s + Number(r.paid ?? 0), 0), receivedFen: y.reduce((s, r) => s + Number(r.received ?? 0), 0) };
  };
  const line = (branch: string | null) => {
    const months = MONTHS(year).map((m) => cell(branch, m));
    const dueFen = months.reduce((s, c) => s + c.dueFen, 0);
    const paidFen = months.reduce((s, c) => s + c.paidFen, 0);
    return { months, dueFen, paidFen, receivedFen: months.reduce((s, c) => s + c.receivedFen, 0), rate: rateOf(paidFen, dueFen) };
  };
  const branches = branchIds.map((id) => ({ orgId: id, orgName: names.get(`${actor.tenantId}/${id}`) ?? '', ...line(id) })).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));
  return { year, branches, totals: line(null) };
}

export async function createHandover(p: Platform, ctx: AuditContext, actor: Actor, input: HandoverCreate): Promise<string> {
  const org = await orgInScope(p.db, actor, 'dues.read', input.orgId);
  if (!org) throw notFound('党组织');
  if (!writesAt(actor, org.path)) throw forbidden('您只能查看该组织的党费，不能登记上缴');
  if (org.kind !== 'branch' && org.kind !== 'jointBranch') throw fieldError('orgId', '党费由党支部（联合支部）上缴，请选择党支部');
  if (input.handedOn > todayIn(p.clock)) throw fieldError('handedOn', '上缴日期不能晚于今天');
  const id = newId(p.clock.now().getTime());
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('dues_handovers').values({
      tenant_id: actor.tenantId, id, org_id: org.id, org_path: org.path, handed_on: input.handedOn, amount_fen: input.amountFen, note: input.note ?? '',
      recorded_by: actor.userId, recorded_at: p.clock.now().toISOString(),
    }).execute();
    await p.audit.record(trx, ctx, { action: 'dues.handover.create', entity: 'duesHandover', entityId: id, after: { orgId: org.id, handedOn: input.handedOn, amountFen: input.amountFen, note: input.note ?? '' } });
  });
  return id;
}

export async function handovers(p: Platform, actor: Actor, year: number, orgId?: string) {
  const path = await subtreeOf(p, actor, orgId);
  let q = p.db.selectFrom('dues_handovers as b').selectAll('b').where('b.tenant_id', '=', actor.tenantId).where(readableAt(actor, 'b'))
    .where('b.handed_on', '>=', `${year}-01-01`).where('b.handed_on', '<=', `${year}-12-31`);
  if (path) q = q.where(inSubtree(sql.ref<string>('b.org_path'), path));
  const rows = await q.orderBy('b.handed_on', 'desc').orderBy('b.id', 'desc').execute();
  const names = await orgNamesOf(p.db, actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, orgName: names.get(`${actor.tenantId}/${r.org_id}`) ?? '', handedOn: r.handed_on, amountFen: r.amount_fen, note: r.note, recordedAt: r.recorded_at }));
}

/**
 * Received (payments made in the year) against handed over (hand-overs in the year), per branch and in total, and the
 * committee's totals per month. A difference is flagged: money received and not yet handed over, or handed over
 * without payments recorded for it.
 */
export async function reconciliation(p: Platform, actor: Actor, year: number, orgId?: string) {
  const [coll, hands] = await Promise.all([collection(p, actor, year, orgId), handovers(p, actor, year, orgId)]);
  const ids = [...new Set([...coll.branches.map((b) => b.orgId), ...hands.map((h) => h.orgId)])];
  const names = new Map([...coll.branches.map((b) => [b.orgId, b.orgName] as const), ...hands.map((h) => [h.orgId, h.orgName] as const)]);
  const branches = ids.map((id) => {
    const receivedFen = coll.branches.find((b) => b.orgId === id)?.receivedFen ?? 0;
    const handedFen = hands.filter((h) => h.orgId === id).reduce((s, h) => s + h.amountFen, 0);
    return { orgId: id, orgName: names.get(id) ?? '', receivedFen, handedFen, differenceFen: receivedFen - handedFen, flagged: receivedFen !== handedFen };
  }).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));
  const receivedFen = coll.totals.receivedFen;
  const handedFen = hands.reduce((s, h) => s + h.amountFen, 0);
  return {
    year, branches, totals: { receivedFen, handedFen, differenceFen: receivedFen - handedFen, flagged: receivedFen !== handedFen },
    months: coll.totals.months.map((c) => ({ month: c.month, receivedFen: c.receivedFen, handedFen: hands.filter((h) => h.handedOn.startsWith(c.month)).reduce((s, h) => s + h.amountFen, 0) })),
  };
}
