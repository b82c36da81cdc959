// Demo 组织关系转接 (DEMO_TODAY 2026-11-27): two transfers out with introduction letters — one from 机关第一党支部
// issued this month and awaiting its receipt, one from 物业第一党支部 issued in July whose three months have passed
// without a receipt (the sender's 待办 warns) — and one coming into 机关第二党支部 from 机关第一党支部 that its secretary
// has still to confirm. The steps go into the members' history through the members module, as the routes do.
import { addMonths } from '../../platform/calendar.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { DemoContext } from '../../seed/context.js';
import { markTransferring, recordTransferStep } from '../members/index.js';
import type { TransferTable } from './tables.js';

const OUT = [
  { branch: 0, nth: 11, destination: '中共杭州市西湖区委组织部', duesPaidTo: '2026-11', months: 6, startedOn: '2026-11-16', reason: '随配偶工作调动迁居浙江省杭州市' },
  { branch: 2, nth: 5, destination: '中共太原市小店区坞城街道工作委员会', duesPaidTo: '2026-07', months: 3, startedOn: '2026-07-20', reason: '退休后随子女居住，转往居住地街道党组织' },
];

export async function seedTransferDemo(demo: DemoContext): Promise<void> {
  const { p, trx, tenantId, community: c } = demo;
  const ctx: AuditContext = { tenantId, userId: demo.userIds.get('dangwei') ?? null, username: 'dangwei', ip: null, requestId: null };
  const at = demo.now.toISOString();
  const base = {
    tenant_id: tenantId, status: 'pending' as const, peer_tenant_id: null, peer_transfer_id: null, received_on: null, withdrawn_on: null, withdraw_reason: null,
    carried_enc: null, received_by: null, created_at: at, updated_at: at,
  };
  let seq = 0;
  for (const o of OUT) {
    const branch = c.branches[o.branch]!;
    const m = c.members.filter((x) => x.branch_id === branch.id && x.status === 'active')[o.nth]!;
    const name = c.staff.find((s) => s.id === m.staff_id)!.name;
    seq += 1;
    const row: TransferTable = {
      ...base, id: demo.ids.next(), direction: 'out', scope: 'external', member_id: m.id, member_name: name, from_org_id: branch.id, from_org_path: branch.path,
      to_org_id: null, to_org_path: null, counterpart: o.destination, letter_no: `2026-${String(seq).padStart(3, '0')}`, letter_year: 2026, letter_seq: seq,
      dues_paid_to: o.duesPaidTo, validity_months: o.months, valid_until: addMonths(o.startedOn, o.months), started_on: o.startedOn, reason: o.reason,
      started_by: ctx.userId,
    };
    await trx.insertInto('transfers').values(row).execute();
    await recordTransferStep(trx, p, ctx, m, o.startedOn, o.reason, { step: '开具介绍信', counterpart: o.destination, letterNo: row.letter_no, duesPaidTo: o.duesPaidTo, validUntil: row.valid_until }, demo.ids.next());
    await markTransferring(trx, p, m, o.startedOn);
  }

  // One into 机关第二党支部 from 机关第一党支部, waiting for the receiving secretary (zb2) to confirm: its 转入 and 待办.
  const from = c.branches[0]!;
  const to = c.branches[1]!;
  const m = c.members.filter((x) => x.branch_id === from.id && x.status === 'active')[13]!;
  const startedOn = '2026-11-24';
  const reason = '工作调动，组织关系转入机关第二党支部';
  await trx.insertInto('transfers').values({
    ...base, id: demo.ids.next(), direction: 'out', scope: 'internal', member_id: m.id, member_name: c.staff.find((s) => s.id === m.staff_id)!.name,
    from_org_id: from.id, from_org_path: from.path, to_org_id: to.id, to_org_path: to.path, counterpart: to.name, letter_no: null, letter_year: null, letter_seq: null,
    dues_paid_to: null, validity_months: null, valid_until: null, started_on: startedOn, reason, started_by: ctx.userId,
  }).execute();
  await recordTransferStep(trx, p, ctx, m, startedOn, reason, { step: '发起转接（本委党支部间），待接收党支部确认', counterpart: to.name }, demo.ids.next());
  await markTransferring(trx, p, m, startedOn);
}
