// Demo 党费 for 2026: a base for every member (miners and staff 4000–9000 元 after tax, retirees' pensions 2800–6000
// 元, a few on the fixed amount, one paying more by choice), the year's bills from each member's joining month,
// payments through November (most monthly by payroll deduction or cash, some quarterly, a few the whole year in
// advance), four members in arrears (one past the three-month warning, one past six months), and each branch's
// quarterly hand-over of what it received. Deterministic: its own seeded PRNG and id sequence.
import { sql } from 'kysely';
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { duesFactsUnder } from '../members/index.js';
import { monthlyFen } from './brackets.js';
import { owedMonths } from './members.js';
import { DUES_RULES } from './settings.js';
import type { DuesBaseTable, DuesBillTable, DuesHandoverTable, DuesMethod, DuesPaymentTable } from './tables.js';

const SEED = 0x0d0e5022;
const ID_EPOCH = Date.UTC(2026, 0, 5, 1);
export const DEMO_DUES_YEAR = 2026;
/** Members in arrears: [branch index, months unpaid up to November]. */
const IN_ARREARS: [number, number][] = [[0, 4], [1, 7], [2, 2], [3, 1]];
const QUARTER_ENDS = ['03', '06', '09'];

export async function seedDuesDemo(demo: DemoContext): Promise<void> {
  const { trx, tenantId, community: c, now, today } = demo;
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const at = now.toISOString();
  const rules = DUES_RULES.defaults;
  const year = DEMO_DUES_YEAR;
  const committee = c.orgs[0]!;
  const members = (await duesFactsUnder(trx, tenantId, committee.path)).filter((m) => owedMonths(m, year).length > 0);
  const linked = new Set([...demo.userIds.values()]);
  // The members in arrears: in each listed branch, the first member with no demo account who owes the whole year.
  const arrears = new Map<string, number>();
  for (const [i, n] of IN_ARREARS) {
    const branch = c.branches[i];
    const m = branch && members.find((x) => x.branchId === branch.id && x.status === 'active' && !(x.userId && linked.has(x.userId)) && owedMonths(x, year).length === 12 && !arrears.has(x.id));
    if (m) arrears.set(m.id, n);
  }
  const bases: DuesBaseTable[] = [];
  const bills: DuesBillTable[] = [];
  const payments: DuesPaymentTable[] = [];
  let volunteered = false;
  for (const m of members) {
    const category = m.employment === 'retired' ? 'retired' : m.employment === 'left' || rng.chance(0.02) ? 'fixed' : 'employed';
    const incomeFen = category === 'fixed' ? null : category === 'retired' ? rng.int(2800, 6000) * 100 + rng.int(0, 99) : rng.int(4000, 9000) * 100 + rng.int(0, 99);
    const computed = monthlyFen(category, incomeFen, rules);
    // One retiree pays more than the standard by choice (the manual amount needs its reason).
    const override = !volunteered && category === 'retired' ? 10000 : null;
    if (override) volunteered = true;
    const monthly = override ?? computed;
    bases.push({
      tenant_id: tenantId, id: ids.next(), member_id: m.id, year, branch_id: m.branchId, org_path: m.orgPath, category,
      income_enc: incomeFen === null ? null : demo.p.fieldCrypto.encrypt(String(incomeFen)), computed_fen: computed, override_fen: override,
      override_reason: override ? '本人自愿多交，每月交纳 100 元' : null, monthly_fen: monthly, created_by: null, created_at: at, updated_at: at,
    });
    const owed = owedMonths(m, year);
    const mine = owed.map((month): DuesBillTable => ({ tenant_id: tenantId, id: ids.next(), member_id: m.id, year, month, branch_id: m.branchId, org_path: m.orgPath, amount_fen: monthly, payment_id: null, created_at: at }));
    bills.push(...mine);
    // Months paid: through November, less the unpaid tail of those in arrears; the whole year for those paying ahead.
    const unpaid = arrears.get(m.id) ?? 0;
    const style = rng.next();
    const lastPaid = unpaid ? `${year}-${String(11 - unpaid).padStart(2, '0')}` : style < 0.05 ? `${year}-12` : `${year}-11`;
    const toPay = mine.filter((b) => b.month <= lastPaid);
    const method: DuesMethod = category === 'employed' ? (rng.chance(0.7) ? 'payroll' : 'transfer') : rng.chance(0.15) ? 'proxy' : 'cash';
    const pay = (group: DuesBillTable[], paidOn: string) => {
      if (group.length === 0) return;
      const id = ids.next();
      for (const b of group) b.payment_id = id;
      const months = group.map((b) => b.month);
      payments.push({
        tenant_id: tenantId, id, member_id: m.id, branch_id: group[0]!.branch_id, org_path: group[0]!.org_path, months: JSON.stringify(months), first_month: months[0]!,
        last_month: months[months.length - 1]!, amount_fen: group.reduce((s, b) => s + b.amount_fen, 0), method, payer_name: method === 'proxy' ? '家属代交' : null,
        paid_on: paidOn > today ? today : paidOn, note: '', idempotency_key: `demo-${id}`, request_hash: 'demo', recorded_by: null, recorded_at: at,
      });
    };
    if (style < 0.05 && !unpaid) {
      // The whole year at once, in the first month owed.
      pay(toPay, `${toPay[0]?.month ?? `${year}-01`}-${String(rng.int(8, 20)).padStart(2, '0')}`);
    } else if (style < 0.35) {
      // Quarterly: at the end of each quarter, the rest in November.
      let group: DuesBillTable[] = [];
      for (const b of toPay) {
        group.push(b);
        if (QUARTER_ENDS.includes(b.month.slice(5))) {
          pay(group, `${b.month}-${String(rng.int(20, 28)).padStart(2, '0')}`);
          group = [];
        }
      }
      pay(group, `${group[group.length - 1]?.month ?? ''}-${String(rng.int(15, 25)).padStart(2, '0')}`);
    } else {
      for (const b of toPay) pay([b], `${b.month}-${String(rng.int(5, 25)).padStart(2, '0')}`);
    }
  }
  // Each branch hands over, ten days after each quarter, what it received in the quarter.
  const handovers: DuesHandoverTable[] = [];
  for (const b of c.branches) {
    for (const [q, end] of QUARTER_ENDS.entries()) {
      const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
      const to = `${year}-${end}-31`;
      const amount = payments.filter((y) => y.branch_id === b.id && y.paid_on >= from && y.paid_on <= to).reduce((s, y) => s + y.amount_fen, 0);
      if (amount === 0) continue;
      handovers.push({
        tenant_id: tenantId, id: ids.next(), org_id: b.id, org_path: b.path, handed_on: `${year}-${String(q * 3 + 4).padStart(2, '0')}-10`, amount_fen: amount,
        note: `第${'一二三'[q]}季度党费`, recorded_by: null, recorded_at: at,
      });
    }
  }
  const insert = async <T extends 'dues_bases' | 'dues_payments' | 'dues_bills' | 'dues_handovers'>(table: T, rows: object[]) => {
    for (let i = 0; i < rows.length; i += 300) await trx.insertInto(table).values(rows.slice(i, i + 300) as never).execute();
  };
  await insert('dues_bases', bases);
  await insert('dues_payments', payments);
  await insert('dues_bills', bills);
  await insert('dues_handovers', handovers);
  // A fresh PostgreSQL database without statistics would plan the lists as nested loops.
  if (demo.p.data.dialect === 'postgres') await sql`analyze dues_bases, dues_payments, dues_bills, dues_handovers`.execute(trx);
}
