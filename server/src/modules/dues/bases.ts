// Members' bases for a year: set one by one (or by import.ts), listed masked, revealed through an audited POST.
// Setting a base computes the monthly amount by the brackets (or takes a manual amount with its reason) and
// carries it to the year's unpaid bills, so what is billed is always what the base says.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { notFound, Problems } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { memberSummaries } from '../members/index.js';
import { orgInScope, orgNamesOf } from '../org/index.js';
import { CATEGORY_NAMES, fenToYuan, monthlyFen, parseYuan, rateFor, type DuesCategory } from './brackets.js';
import { memberFor, membersInScope, type MemberDuesFacts } from './members.js';
import { checkReveals, checkWrites, readableAt, readsAt } from './policy.js';
import type { BaseListQuery, BaseSet, BaseView } from './schema.js';
import { DUES_RULES, type DuesRules } from './settings.js';
import type { DuesBaseTable } from './tables.js';

export const INCOME_MASK = '****';

/** The bracket a base falls in, e.g. “3000 < x ≤ 5000 元，1%” (what the list shows instead of the income). */
export function bracketLabel(category: DuesCategory, baseFen: number | null, rules: DuesRules): string {
  if (category === 'fixed' || baseFen === null) return `固定 ${fenToYuan(rules.fixedFen)} 元/月`;
  const rate = rateFor(category, baseFen, rules);
  const pct = `${rate / 100}%`;
  const edges = category === 'retired' ? [rules.retiredLimit] : [rules.employedLimit1, rules.employedLimit2, rules.employedLimit3];
  const i = edges.findIndex((e) => baseFen <= e * 100);
  const range = i === -1 ? `x > ${edges[edges.length - 1]}` : i === 0 ? `x ≤ ${edges[0]}` : `${edges[i - 1]} < x ≤ ${edges[i]}`;
  return `${range} 元，${pct}`;
}

const incomeOf = (p: Platform, b: Pick<DuesBaseTable, 'income_enc'>): number | null => (b.income_enc === null ? null : Number(p.fieldCrypto.decrypt(b.income_enc)));

/** What the audit log keeps of a base: the amounts, never the income (the auditor reads the log). */
const snapshot = (b: DuesBaseTable) => ({
  memberId: b.member_id, year: b.year, category: b.category, hasIncome: b.income_enc !== null, computedFen: b.computed_fen, overrideFen: b.override_fen,
  overrideReason: b.override_reason, monthlyFen: b.monthly_fen,
});

export interface PlannedBase {
  member: MemberDuesFacts;
  year: number;
  category: DuesCategory;
  incomeFen: number | null;
  computedFen: number;
  overrideFen: number | null;
  overrideReason: string | null;
}

/** Checks a base's fields; every problem goes to `pr` under its field. */
export function checkBase(input: Omit<BaseSet, 'memberId'>, member: MemberDuesFacts, rules: DuesRules, pr: Problems): PlannedBase | null {
  const { year, category } = input;
  let incomeFen: number | null = null;
  if (category !== 'fixed') {
    const parsed = parseYuan(input.income ?? '', category === 'retired' ? '月养老金' : '税后月收入');
    if (typeof parsed === 'string') pr.add('income', parsed);
    else incomeFen = parsed;
  }
  let overrideFen: number | null = null;
  const reason = input.overrideReason?.trim() || null;
  if (input.overrideAmount && input.overrideAmount.trim() !== '') {
    const parsed = parseYuan(input.overrideAmount, '自定月缴金额');
    if (typeof parsed === 'string') pr.add('overrideAmount', parsed);
    else if (parsed === 0) pr.add('overrideAmount', '自定月缴金额应大于 0');
    else overrideFen = parsed;
    if (!reason || reason.length < 2) pr.add('overrideReason', '自定月缴金额须填写调整原因（如自愿多缴）');
  }
  if (member.joinedOn.slice(0, 4) > String(year)) pr.add('year', `该党员 ${member.joinedOn} 入党，${year} 年度无需缴纳党费`);
  if (member.leftOn && member.leftOn.slice(0, 4) < String(year)) pr.add('year', `该党员已于 ${member.leftOn} 离开本组织，${year} 年度无需缴纳党费`);
  if (!pr.empty) return null;
  return { member, year, category, incomeFen, computedFen: monthlyFen(category, incomeFen, rules), overrideFen, overrideReason: overrideFen === null ? null : reason };
}

/** The same base as stored (an import row that changes nothing is left alone). */
export function sameBase(p: Platform, b: DuesBaseTable, pl: PlannedBase): boolean {
  return b.category === pl.category && incomeOf(p, b) === pl.incomeFen && b.override_fen === pl.overrideFen && (b.override_reason ?? null) === pl.overrideReason
    && b.computed_fen === pl.computedFen;
}

/** Inside the caller's transaction: inserts or updates the base and carries its amount to the year's unpaid bills. */
export async function writeBase(p: Platform, trx: Tx, ctx: AuditContext, actor: Actor, pl: PlannedBase, extra: Record<string, unknown> = {}): Promise<string> {
  const tenantId = actor.tenantId;
  const now = p.clock.now().toISOString();
  const monthly = pl.overrideFen ?? pl.computedFen;
  const values = {
    branch_id: pl.member.branchId, org_path: pl.member.orgPath, category: pl.category,
    income_enc: pl.incomeFen === null ? null : p.fieldCrypto.encrypt(String(pl.incomeFen)),
    computed_fen: pl.computedFen, override_fen: pl.overrideFen, override_reason: pl.overrideReason, monthly_fen: monthly, updated_at: now,
  };
  const before = await trx.selectFrom('dues_bases').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', pl.member.id).where('year', '=', pl.year).executeTakeFirst();
  let id: string;
  if (before) {
    id = before.id;
    await trx.updateTable('dues_bases').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  } else {
    id = newId(p.clock.now().getTime());
    await trx.insertInto('dues_bases').values({ tenant_id: tenantId, id, member_id: pl.member.id, year: pl.year, ...values, created_by: actor.userId, created_at: now }).execute();
  }
  await trx.updateTable('dues_bills').set({ amount_fen: monthly })
    .where('tenant_id', '=', tenantId).where('member_id', '=', pl.member.id).where('year', '=', pl.year).where('payment_id', 'is', null).where('amount_fen', '<>', monthly).execute();
  const after = await trx.selectFrom('dues_bases').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  await p.audit.record(trx, ctx, { action: before ? 'dues.base.update' : 'dues.base.create', entity: 'duesBase', entityId: id, before: before ? snapshot(before) : undefined, after: { ...snapshot(after), ...extra } });
  return id;
}

export async function setBase(p: Platform, ctx: AuditContext, actor: Actor, input: BaseSet): Promise<string> {
  const member = await memberFor(p.db, actor, input.memberId);
  checkWrites(actor, member.orgPath);
  const rules = await readSetting(p.db, actor.tenantId, DUES_RULES);
  const pr = new Problems();
  const pl = checkBase(input, member, rules, pr);
  pr.throwIfAny();
  return p.audit.tx(ctx, (trx) => writeBase(p, trx, ctx, actor, pl!));
}

/** The base by id, if the actor sees it; else 404. */
export async function baseFor(db: DbOrTx, actor: Actor, id: string): Promise<DuesBaseTable> {
  const b = await db.selectFrom('dues_bases').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!b || !readsAt(actor, b.org_path)) throw notFound('党费基数');
  return b;
}

/** Views of bases: income masked unless `reveal` (the caller has checked and audited). */
export async function baseViews(p: Platform, actor: Actor, rows: DuesBaseTable[], reveal = false): Promise<BaseView[]> {
  const [names, orgs, rules] = await Promise.all([
    memberSummaries(p.db, actor.tenantId, rows.map((r) => r.member_id)), orgNamesOf(p.db, actor, rows.map((r) => r.branch_id)), readSetting(p.db, actor.tenantId, DUES_RULES),
  ]);
  return rows.map((r) => {
    const income = incomeOf(p, r);
    return {
      id: r.id, memberId: r.member_id, name: names.get(r.member_id)?.name ?? '', orgId: r.branch_id, orgName: orgs.get(`${actor.tenantId}/${r.branch_id}`) ?? '', year: r.year,
      category: r.category, categoryName: CATEGORY_NAMES[r.category],
      income: income === null ? null : reveal ? fenToYuan(income) : INCOME_MASK,
      bracket: bracketLabel(r.category, income, rules),
      computedFen: r.computed_fen, overrideFen: r.override_fen, overrideReason: r.override_reason, monthlyFen: r.monthly_fen, updatedAt: r.updated_at,
    };
  });
}

export async function listBases(p: Platform, actor: Actor, q: BaseListQuery, limit: number, offset: number): Promise<{ items: BaseView[]; total: number; missing: number }> {
  let scope = p.db.selectFrom('dues_bases as b').where('b.tenant_id', '=', actor.tenantId).where('b.year', '=', q.year).where(readableAt(actor, 'b'));
  if (q.orgId) {
    const org = await orgInScope(p.db, actor, 'dues.read', q.orgId);
    if (!org) throw notFound('党组织');
    scope = scope.where(inSubtree(sql.ref<string>('b.org_path'), org.path));
  }
  if (q.category) scope = scope.where('b.category', '=', q.category);
  const [rows, count, members] = await Promise.all([
    scope.selectAll('b').orderBy('b.org_path').orderBy('b.member_id').limit(limit).offset(offset).execute(),
    scope.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    membersInScope(p.db, actor, 'dues.read', q.orgId),
  ]);
  // Members who owe dues in the year and have no base yet.
  const owing = members.filter((m) => m.joinedOn.slice(0, 4) <= String(q.year) && !(m.leftOn && m.leftOn.slice(0, 4) < String(q.year)));
  const withBase = new Set((await inSlices(owing.map((m) => m.id), (slice) => p.db.selectFrom('dues_bases').select('member_id')
    .where('tenant_id', '=', actor.tenantId).where('year', '=', q.year).where('member_id', 'in', slice).execute())).map((r) => r.member_id));
  return { items: await baseViews(p, actor, rows), total: Number(count.n), missing: owing.filter((m) => !withBase.has(m.id)).length };
}

export async function revealBase(p: Platform, ctx: AuditContext, actor: Actor, b: DuesBaseTable): Promise<{ id: string; income: string | null }> {
  checkReveals(actor, b.org_path);
  await p.audit.sensitiveView(ctx, { entity: 'duesBase', entityId: b.id, fields: ['income'] });
  const income = incomeOf(p, b);
  return { id: b.id, income: income === null ? null : fenToYuan(income) };
}
