// Payments: one member, one or more months (in advance too), the exact amount the bills say. Each payment carries the
// client's Idempotency-Key under a unique index, so a double click, a retried request or two processes receiving the
// same request store it once; the bills it settles are claimed with `payment_id is null`, so two different payments
// of one month cannot both succeed. A batch (payroll deduction lists) is checked whole and written in one transaction.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { inSubtree, uniqueViolation } from '../../db/dialect.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { AppError, badRequest, conflict, fieldError, notFound } from '../../platform/errors.js';
import { memberSummaries } from '../members/index.js';
import { orgInScope, orgNamesOf } from '../org/index.js';
import { fenToYuan } from './brackets.js';
import { memberFor, type MemberDuesFacts } from './members.js';
import { checkWrites, readableAt, readsAt } from './policy.js';
import type { PaymentCreate, PaymentListQuery, PaymentView } from './schema.js';
import type { DuesBillTable, DuesMethod, DuesPaymentTable } from './tables.js';

export const METHOD_NAMES: Record<DuesMethod, string> = { cash: '现金', transfer: '转账', payroll: '工资代扣', proxy: '代缴' };

const hashOf = (input: PaymentCreate) => createHash('sha256').update(JSON.stringify({
  memberId: input.memberId, months: [...input.months].sort(), amountFen: input.amountFen, method: input.method, payerName: input.payerName ?? null, paidOn: input.paidOn, note: input.note ?? '',
})).digest('hex');

interface Planned {
  input: PaymentCreate;
  key: string;
  hash: string;
  member: MemberDuesFacts;
  bills: DuesBillTable[];
}

async function byKey(db: DbOrTx, tenantId: string, key: string): Promise<DuesPaymentTable | undefined> {
  return db.selectFrom('dues_payments').selectAll().where('tenant_id', '=', tenantId).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * The payment already stored under this key, when it is the same payment the actor may see; a different one under the
 * key (or one outside the actor's scope, which must not be answered) is 409.
 */
function replayOf(actor: Actor, existing: DuesPaymentTable, hash: string): DuesPaymentTable {
  if (existing.request_hash !== hash || !readsAt(actor, existing.org_path)) throw conflict('IDEMPOTENCY_KEY_REUSED', '该请求编号已用于另一笔缴费，请刷新页面后重新登记');
  return existing;
}

/** Checks one payment against the member and their bills; throws the first problem in Chinese. */
async function plan(p: Platform, actor: Actor, input: PaymentCreate, key: string): Promise<Planned> {
  const member = await memberFor(p.db, actor, input.memberId);
  checkWrites(actor, member.orgPath);
  const months = [...new Set(input.months)].sort();
  if (months.length !== input.months.length) throw fieldError('months', '缴纳月份有重复');
  if (input.paidOn > todayIn(p.clock)) throw fieldError('paidOn', '缴纳日期不能晚于今天');
  if (input.method === 'proxy' && !input.payerName?.trim()) throw fieldError('payerName', '代缴须填写代缴人姓名');
  const bills = await p.db.selectFrom('dues_bills').selectAll().where('tenant_id', '=', actor.tenantId).where('member_id', '=', member.id).where('month', 'in', months).execute();
  const byMonth = new Map(bills.map((b) => [b.month, b]));
  const joined = member.joinedOn.slice(0, 7);
  for (const m of months) {
    const b = byMonth.get(m);
    if (!b) {
      if (m < joined) throw fieldError('months', `${m} 早于该党员入党（${member.joinedOn}）的月份，不需缴纳党费`);
      if (member.leftOn && m > member.leftOn.slice(0, 7)) throw fieldError('months', `该党员已于 ${member.leftOn} 离开本组织，${m} 不需缴纳党费`);
      throw fieldError('months', `${m} 的党费账单尚未生成，请先登记 ${m.slice(0, 4)} 年度基数并生成账单`);
    }
    if (b.payment_id !== null) throw conflict('ALREADY_PAID', `${m} 的党费已缴纳，不能重复登记`);
  }
  const due = bills.reduce((s, b) => s + b.amount_fen, 0);
  if (input.amountFen !== due) throw fieldError('amountFen', `缴纳金额应为 ${fenToYuan(due)} 元（${months.length} 个月应缴合计），实填 ${fenToYuan(input.amountFen)} 元`);
  return { input: { ...input, months }, key, hash: hashOf(input), member, bills };
}

async function write(p: Platform, trx: Tx, ctx: AuditContext, actor: Actor, pl: Planned): Promise<string> {
  const id = newId(p.clock.now().getTime());
  const first = pl.bills[0]!;
  const { input } = pl;
  await trx.insertInto('dues_payments').values({
    tenant_id: actor.tenantId, id, member_id: pl.member.id, branch_id: first.branch_id, org_path: first.org_path, months: JSON.stringify(input.months),
    first_month: input.months[0]!, last_month: input.months[input.months.length - 1]!, amount_fen: input.amountFen, method: input.method,
    payer_name: input.method === 'proxy' ? input.payerName!.trim() : null, paid_on: input.paidOn, note: input.note ?? '', idempotency_key: pl.key, request_hash: pl.hash,
    recorded_by: actor.userId, recorded_at: p.clock.now().toISOString(),
  }).execute();
  // Claim the bills: another payment of one of these months that committed first leaves fewer rows to claim.
  const claimed = await trx.updateTable('dues_bills').set({ payment_id: id })
    .where('tenant_id', '=', actor.tenantId).where('id', 'in', pl.bills.map((b) => b.id)).where('payment_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== pl.bills.length) throw conflict('ALREADY_PAID', '其中有月份刚被他人登记缴纳，请刷新后重试');
  await p.audit.record(trx, ctx, {
    action: 'dues.payment.create', entity: 'duesPayment', entityId: id,
    after: { memberId: pl.member.id, months: input.months, amountFen: input.amountFen, method: input.method, payerName: input.payerName ?? null, paidOn: input.paidOn },
  });
  return id;
}

/** Records a payment, or answers the one already stored under the same key. */
export async function recordPayment(p: Platform, ctx: AuditContext, actor: Actor, key: string, input: PaymentCreate): Promise<{ payment: DuesPaymentTable; replayed: boolean }> {
  const hash = hashOf(input);
  const seen = await byKey(p.db, actor.tenantId, key);
  if (seen) return { payment: replayOf(actor, seen, hash), replayed: true };
  const pl = await plan(p, actor, input, key);
  try {
    const id = await p.audit.tx(ctx, (trx) => write(p, trx, ctx, actor, pl));
    return { payment: (await byKey(p.db, actor.tenantId, key)) ?? (await paymentById(p.db, actor.tenantId, id)), replayed: false };
  } catch (e) {
    // The same request arrived twice at once: the other copy committed first under the key.
    if (uniqueViolation(e)) {
      const other = await byKey(p.db, actor.tenantId, key);
      if (other) return { payment: replayOf(actor, other, hash), replayed: true };
    }
    throw e;
  }
}

/** A batch: every payment checked first (each problem reported with its line), then all written in one transaction or none. */
export async function recordBatch(p: Platform, ctx: AuditContext, actor: Actor, key: string, items: PaymentCreate[]): Promise<{ created: number; replayed: number }> {
  const planned: Planned[] = [];
  const problems: string[] = [];
  let replayed = 0;
  const members = new Set<string>();
  for (const [i, item] of items.entries()) {
    const itemKey = `${key}:${i + 1}`;
    try {
      const seen = await byKey(p.db, actor.tenantId, itemKey);
      if (seen) {
        replayOf(actor, seen, hashOf(item));
        replayed++;
        continue;
      }
      const pl = await plan(p, actor, item, itemKey);
      // Two lines of one member would claim the same bills' months only if they overlap; the claim catches that, the message is clearer here.
      const dup = planned.find((x) => x.member.id === pl.member.id && x.input.months.some((m) => pl.input.months.includes(m)));
      if (dup) throw badRequest(`与第 ${planned.indexOf(dup) + 1} 笔登记了同一党员的相同月份`);
      members.add(pl.member.id);
      planned.push(pl);
    } catch (e) {
      if (!(e instanceof AppError) || e.status === 404) problems.push(`第 ${i + 1} 笔：${e instanceof AppError ? e.message : '无法登记'}`);
      else problems.push(`第 ${i + 1} 笔：${e.message}`);
    }
  }
  if (problems.length) throw badRequest(problems.length > 1 ? `${problems[0]}（共 ${problems.length} 笔有误，整批未登记）` : `${problems[0]}（整批未登记）`, { items: problems.join('\n') });
  await p.audit.tx(ctx, async (trx) => {
    for (const pl of planned) await write(p, trx, ctx, actor, pl);
  });
  return { created: planned.length, replayed };
}

async function paymentById(db: DbOrTx, tenantId: string, id: string): Promise<DuesPaymentTable> {
  const r = await db.selectFrom('dues_payments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('缴费记录');
  return r;
}

export async function paymentViews(p: Platform, actor: Actor, rows: DuesPaymentTable[]): Promise<PaymentView[]> {
  const [names, orgs] = await Promise.all([memberSummaries(p.db, actor.tenantId, rows.map((r) => r.member_id)), orgNamesOf(p.db, actor, rows.map((r) => r.branch_id))]);
  return rows.map((r) => ({
    id: r.id, memberId: r.member_id, name: names.get(r.member_id)?.name ?? '', orgId: r.branch_id, orgName: orgs.get(`${actor.tenantId}/${r.branch_id}`) ?? '',
    months: JSON.parse(r.months) as string[], amountFen: r.amount_fen, method: r.method, methodName: METHOD_NAMES[r.method], payerName: r.payer_name, paidOn: r.paid_on,
    note: r.note, recordedAt: r.recorded_at,
  }));
}

export async function listPayments(p: Platform, actor: Actor, q: PaymentListQuery, limit: number, offset: number): Promise<{ items: PaymentView[]; total: number; totalFen: number }> {
  let scope = p.db.selectFrom('dues_payments as y').where('y.tenant_id', '=', actor.tenantId).where(readableAt(actor, 'y'))
    .where('y.paid_on', '>=', `${q.year}-01-01`).where('y.paid_on', '<=', `${q.year}-12-31`);
  if (q.orgId) {
    const org = await orgInScope(p.db, actor, 'dues.read', q.orgId);
    if (!org) throw notFound('党组织');
    scope = scope.where(inSubtree(sql.ref<string>('y.org_path'), org.path));
  }
  if (q.memberId) scope = scope.where('y.member_id', '=', q.memberId);
  const [rows, sum] = await Promise.all([
    scope.selectAll('y').orderBy('y.paid_on', 'desc').orderBy('y.id', 'desc').limit(limit).offset(offset).execute(),
    scope.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('y.amount_fen').as('s')]).executeTakeFirstOrThrow(),
  ]);
  return { items: await paymentViews(p, actor, rows), total: Number(sum.n), totalFen: Number(sum.s ?? 0) };
}

export { paymentById };
