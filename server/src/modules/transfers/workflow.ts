// The life of a transfer. A branch (or the committee) starts it: to another branch of this committee, to another
// committee on this server, or to an organisation outside with an introduction letter. Until the other side receives
// the member the sending side stays responsible: the member stays in the sending branch. Receiving is one conditional
// update on the pending row (of two racing confirmations one wins, the other gets a 409) together with the member
// record's change made by the members module: a move, a new record in the receiving committee and 转出 in the sending
// one, or 转出 when the letter's receipt comes back. The sending side may withdraw it while it waits (both committees'
// rows, in the same lock order as a confirmation). Every step writes the member's history and the audit log.
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import { bumpCounter } from '../../db/versions.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { addMonths, todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, forbidden, notFound, Problems } from '../../platform/errors.js';
import { tenantName } from '../../platform/tenants.js';
import { liveOrg } from '../org/index.js';
import {
  carriedPerson, checkTransferredPerson, createOnTransfer, leaveOnTransfer, markTransferring, memberForTransfer, moveOnTransfer, recordTransferStep, transferPlace,
  type TransferredPerson,
} from '../members/index.js';
import { checkConfirms, confirms, receivesInto, recordsReceipt, startsFrom, withdraws } from './policy.js';
import { transferFor, transferViews } from './queries.js';
import type { ConfirmBody, IncomingBody, StartBody, TransferView, WithdrawBody } from './schema.js';
import { TRANSFER_RULES } from './settings.js';
import type { TransferTable } from './tables.js';

const GONE = ['transferredOut', 'expelled', 'deceased'];
const alreadyOpen = () => conflict('TRANSFER_OPEN', '该党员已有未完成的组织关系转接，不能重复发起', { memberId: '该党员已在转接中' });
const alreadyDone = () => conflict('TRANSFER_DONE', '该转接已经接收（或已登记回执），不能重复办理');
const withdrawn = () => conflict('TRANSFER_WITHDRAWN', '该转接已被转出方撤回，不能再办理');
/** The 409 for a transfer that no longer waits: received, or withdrawn by the sending side. */
const notPending = (t: Pick<TransferTable, 'status'>) => (t.status === 'withdrawn' ? withdrawn() : alreadyDone());
const auditOf = (t: TransferTable) => ({
  direction: t.direction, scope: t.scope, status: t.status, memberId: t.member_id, memberName: t.member_name, fromOrgId: t.from_org_id, toOrgId: t.to_org_id,
  counterpart: t.counterpart, letterNo: t.letter_no, duesPaidTo: t.dues_paid_to, validityMonths: t.validity_months, validUntil: t.valid_until,
  startedOn: t.started_on, receivedOn: t.received_on, reason: t.reason, withdrawnOn: t.withdrawn_on, withdrawReason: t.withdraw_reason,
});

async function viewOf(p: Platform, actor: Actor, id: string): Promise<TransferView> {
  return (await transferViews(p, actor, [await transferFor(p.db, actor, id)]))[0]!;
}

/** A date of a step: not in the future and not before the transfer began. */
function checkDay(problems: Problems, field: string, label: string, day: string, today: string, notBefore?: string): void {
  if (day > today) problems.add(field, `${label}不能晚于今天`);
  else if (notBefore && day < notBefore) problems.add(field, `${label}不能早于转出日期（${notBefore}）`);
}

/** The next letter number of the committee in the year: `2026-003`. */
/**
 * A write into the other committee of a transfer on this server: its write counter is raised in the same transaction,
 * since the platform raises only the writing account's own (what it keeps, such as its roster, is read again).
 */
function wroteOther(trx: Tx, tenantId: string): Promise<void> {
  return bumpCounter(trx, 'write_versions', tenantId);
}

async function nextLetter(trx: DbOrTx, tenantId: string, year: number): Promise<{ seq: number; no: string }> {
  const row = await trx.selectFrom('transfers').select((eb) => eb.fn.max('letter_seq').as('seq')).where('tenant_id', '=', tenantId).where('letter_year', '=', year).executeTakeFirst();
  const seq = Number(row?.seq ?? 0) + 1;
  return { seq, no: `${year}-${String(seq).padStart(3, '0')}` };
}

export async function startTransfer(p: Platform, ctx: AuditContext, actor: Actor, body: StartBody): Promise<TransferView> {
  const today = todayIn(p.clock);
  const m = await memberForTransfer(p.db, actor.tenantId, body.memberId);
  if (!m || !startsFrom(actor, m.org_path)) throw notFound('党员');
  if (GONE.includes(m.status)) throw conflict('MEMBER_GONE', '该党员已不在册（已转出、出党或去世），不能办理转出');
  const open = await p.db.selectFrom('transfers').select('id').where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id)
    .where('direction', '=', 'out').where('status', '=', 'pending').executeTakeFirst();
  if (open) throw alreadyOpen();
  // The branch owns the transfer (not the member's group): its secretary and the committee above it see it.
  const branch = await liveOrg(p.db, actor.tenantId, m.branch_id);
  if (!branch) throw notFound('党员');

  const problems = new Problems();
  const startedOn = body.startedOn ?? today;
  checkDay(problems, 'startedOn', '转出日期', startedOn, today);
  const at = p.clock.now().toISOString();
  const row: TransferTable = {
    tenant_id: actor.tenantId, id: newId(), direction: 'out', scope: body.scope, status: 'pending', member_id: m.id, member_name: m.name,
    from_org_id: m.branch_id, from_org_path: branch.path, to_org_id: null, to_org_path: null,
    peer_tenant_id: null, peer_transfer_id: null, counterpart: '', letter_no: null, letter_year: null, letter_seq: null, dues_paid_to: null,
    validity_months: null, valid_until: null, started_on: startedOn, received_on: null, reason: body.reason, withdrawn_on: null, withdraw_reason: null, carried_enc: null,
    started_by: actor.userId, received_by: null, created_at: at, updated_at: at,
  };
  let peer: TransferTable | null = null;
  if (body.scope === 'internal') {
    if (!body.toBranchId) problems.add('toBranchId', '请选择接收党支部');
    else {
      const place = await transferPlace(p.db, actor.tenantId, body.toBranchId, null, problems);
      if (place && place.branch.id === m.branch_id) problems.add('toBranchId', '接收党支部不能是该党员现在的党支部');
      else if (place) Object.assign(row, { to_org_id: place.branch.id, to_org_path: place.branch.path, counterpart: place.branch.name });
    }
  } else if (body.scope === 'server') {
    const name = body.toTenantId && body.toTenantId !== actor.tenantId ? await tenantName(p.db, body.toTenantId) : undefined;
    if (!name) problems.add('toTenantId', '请选择本平台上的其他党委');
    else {
      row.counterpart = name;
      row.peer_tenant_id = body.toTenantId!;
      row.peer_transfer_id = newId();
      // The receiving committee's own row: what the transfer carries of the person, encrypted until it is received.
      peer = {
        ...row, tenant_id: body.toTenantId!, id: row.peer_transfer_id, direction: 'in', member_id: null, from_org_id: null, from_org_path: null,
        peer_tenant_id: actor.tenantId, peer_transfer_id: row.id, counterpart: (await tenantName(p.db, actor.tenantId)) ?? '',
        carried_enc: p.fieldCrypto.encrypt(JSON.stringify(carriedPerson(p, m))),
      };
    }
  } else {
    const rules = await p.settings.get(actor.tenantId, TRANSFER_RULES);
    if (!body.destination || body.destination.length < 2) problems.add('destination', '请填写接收组织（介绍信的抬头）');
    else row.counterpart = body.destination;
    if (!body.duesPaidTo) problems.add('duesPaidTo', '请填写党费交至的月份');
    else if (body.duesPaidTo < m.joined_on.slice(0, 7)) problems.add('duesPaidTo', `党费交至月份不能早于入党月份（${m.joined_on.slice(0, 7)}）`);
    else if (body.duesPaidTo > addMonths(`${today.slice(0, 7)}-01`, 12).slice(0, 7)) problems.add('duesPaidTo', '党费交至月份最多预交 12 个月');
    const allowed = [rules.validityMonths, rules.crossProvinceValidityMonths];
    if (body.validityMonths === undefined || !allowed.includes(body.validityMonths)) {
      problems.add('validityMonths', `介绍信有效期应为 ${rules.validityMonths} 个月（跨省 ${rules.crossProvinceValidityMonths} 个月）`);
    } else {
      row.validity_months = body.validityMonths;
      row.valid_until = addMonths(startedOn, body.validityMonths);
    }
    row.dues_paid_to = body.duesPaidTo ?? null;
  }
  problems.throwIfAny();

  try {
    await p.audit.tx(ctx, async (trx) => {
      if (row.scope === 'external') {
        const year = Number(startedOn.slice(0, 4));
        const letter = await nextLetter(trx, actor.tenantId, year);
        Object.assign(row, { letter_year: year, letter_seq: letter.seq, letter_no: letter.no });
      }
      await trx.insertInto('transfers').values(row).execute();
      if (peer) {
        await trx.insertInto('transfers').values(peer).execute();
        await p.audit.record(trx, ctx, { action: 'transfer.incoming', entity: 'transfer', entityId: peer.id, after: { ...auditOf(peer), from: peer.counterpart }, tenantId: peer.tenant_id });
        await wroteOther(trx, peer.tenant_id);
      }
      const step = row.scope === 'external'
        ? { step: '开具介绍信', counterpart: row.counterpart, letterNo: row.letter_no, duesPaidTo: row.dues_paid_to, validUntil: row.valid_until }
        : { step: row.scope === 'internal' ? '发起转接（本委党支部间），待接收党支部确认' : '发起转接（转往本平台其他党委），待对方党委确认', counterpart: row.counterpart };
      await recordTransferStep(trx, p, ctx, m, startedOn, body.reason, step);
      await markTransferring(trx, p, m, startedOn);
      await p.audit.record(trx, ctx, { action: 'transfer.start', entity: 'transfer', entityId: row.id, after: auditOf(row) });
    });
  } catch (err) {
    if (uniqueViolation(err)) {
      // Another start of the same member won the open-transfer index, or another letter took the number: say which.
      const again = await p.db.selectFrom('transfers').select('id').where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id)
        .where('direction', '=', 'out').where('status', '=', 'pending').executeTakeFirst();
      if (again) throw alreadyOpen();
      throw conflict('LETTER_NO_TAKEN', '介绍信编号刚被另一封介绍信占用，请重新提交');
    }
    throw err;
  }
  return viewOf(p, actor, row.id);
}

/** Marks the pending row received or withdrawn; 0 rows means another confirmation or the withdrawal got there first. */
async function claim(trx: Tx, tenantId: string, id: string, set: Partial<TransferTable>): Promise<void> {
  const res = await trx.updateTable('transfers').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const now = await trx.selectFrom('transfers').select('status').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  throw notPending(now ?? { status: 'received' });
}

export async function confirmTransfer(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: ConfirmBody): Promise<TransferView> {
  const today = todayIn(p.clock);
  const t = await transferFor(p.db, actor, id);
  if (t.status !== 'pending') throw notPending(t);
  checkConfirms(actor, t);
  if (!confirms(actor, t)) throw forbidden('您不能确认接收该转接');
  const problems = new Problems();
  const receivedOn = body.receivedOn ?? today;
  checkDay(problems, 'receivedOn', '接收日期', receivedOn, today, t.started_on);
  const at = p.clock.now().toISOString();
  const done = { status: 'received' as const, received_on: receivedOn, received_by: actor.userId, updated_at: at };

  if (t.scope === 'internal') {
    const place = await transferPlace(p.db, actor.tenantId, t.to_org_id!, body.groupId, problems);
    problems.throwIfAny();
    await p.audit.tx(ctx, async (trx) => {
      await claim(trx, t.tenant_id, t.id, done);
      const m = await memberForTransfer(trx, t.tenant_id, t.member_id!);
      if (!m) throw notFound('党员');
      await moveOnTransfer(trx, p, ctx, m, place!, receivedOn, t.reason);
      await p.audit.record(trx, ctx, { action: 'transfer.confirm', entity: 'transfer', entityId: t.id, before: auditOf(t), after: auditOf({ ...t, ...done }) });
    });
    return viewOf(p, actor, t.id);
  }

  // From another committee on this server: the record is created here, the sender's record leaves, in one transaction.
  if (!body.branchId) problems.add('branchId', '请选择接收的党支部');
  if (!body.unitId) problems.add('unitId', '请选择所在单位');
  const place = body.branchId ? await transferPlace(p.db, actor.tenantId, body.branchId, body.groupId, problems) : null;
  problems.throwIfAny();
  const carried = JSON.parse(p.fieldCrypto.decrypt(t.carried_enc!)) as Omit<TransferredPerson, 'identity'> & { identity: Omit<TransferredPerson['identity'], 'unitId'> };
  const person: TransferredPerson = { ...carried, identity: { ...carried.identity, unitId: body.unitId! } };
  const normalised = await checkTransferredPerson(p, actor.tenantId, person, today);
  const ours = (await tenantName(p.db, actor.tenantId)) ?? '';
  await p.audit.tx(ctx, async (trx) => {
    await claim(trx, t.tenant_id, t.id, { ...done, to_org_id: place!.branch.id, to_org_path: place!.branch.path, carried_enc: null });
    const memberId = await createOnTransfer(trx, p, ctx, actor.tenantId, person, normalised, place!, receivedOn, t.reason, { step: '由本平台其他党委转入', counterpart: t.counterpart });
    await trx.updateTable('transfers').set({ member_id: memberId }).where('tenant_id', '=', t.tenant_id).where('id', '=', t.id).execute();
    await p.audit.record(trx, ctx, { action: 'transfer.confirm', entity: 'transfer', entityId: t.id, before: auditOf(t), after: auditOf({ ...t, ...done, member_id: memberId }) });
    // The sending committee's side: its row and its member, written into its own audit chain, naming who received.
    const peerCtx: AuditContext = { tenantId: t.peer_tenant_id!, userId: null, username: `${ctx.username ?? ''}（${ours}）`, ip: ctx.ip, requestId: ctx.requestId };
    const sent = await trx.selectFrom('transfers').selectAll().where('tenant_id', '=', t.peer_tenant_id!).where('id', '=', t.peer_transfer_id!).executeTakeFirst();
    if (!sent) throw conflict('TRANSFER_WITHDRAWN', '转出方的转接记录已不存在，无法接收');
    await claim(trx, sent.tenant_id, sent.id, { status: 'received', received_on: receivedOn, updated_at: at });
    const leaving = await memberForTransfer(trx, sent.tenant_id, sent.member_id!);
    if (leaving) await leaveOnTransfer(trx, p, peerCtx, leaving, receivedOn, sent.reason, { step: '对方党委已接收', counterpart: sent.counterpart });
    await p.audit.record(trx, peerCtx, { action: 'transfer.received', entity: 'transfer', entityId: sent.id, before: auditOf(sent), after: auditOf({ ...sent, status: 'received', received_on: receivedOn }) });
    await wroteOther(trx, sent.tenant_id);
  });
  return viewOf(p, actor, t.id);
}

export async function recordReceipt(p: Platform, ctx: AuditContext, actor: Actor, id: string, receiptOn: string): Promise<TransferView> {
  const today = todayIn(p.clock);
  const t = await transferFor(p.db, actor, id);
  if (t.status !== 'pending') throw notPending(t);
  if (!recordsReceipt(actor, t)) throw forbidden(t.scope === 'external' ? '只有转出党支部或党委可以登记回执' : '只有开具介绍信的转接需要登记回执');
  const problems = new Problems();
  checkDay(problems, 'receiptOn', '回执日期', receiptOn, today, t.started_on);
  problems.throwIfAny();
  const done = { status: 'received' as const, received_on: receiptOn, received_by: actor.userId, updated_at: p.clock.now().toISOString() };
  await p.audit.tx(ctx, async (trx) => {
    await claim(trx, t.tenant_id, t.id, done);
    const m = await memberForTransfer(trx, t.tenant_id, t.member_id!);
    if (m) await leaveOnTransfer(trx, p, ctx, m, receiptOn, t.reason, { step: '介绍信回执已退回', counterpart: t.counterpart, letterNo: t.letter_no, receiptOn });
    await p.audit.record(trx, ctx, { action: 'transfer.receipt', entity: 'transfer', entityId: t.id, before: auditOf(t), after: auditOf({ ...t, ...done }) });
  });
  return viewOf(p, actor, t.id);
}

/** A member arriving from outside the server with a letter: the letter recorded and the member created, together. */
export async function receiveFromOutside(p: Platform, ctx: AuditContext, actor: Actor, body: IncomingBody): Promise<TransferView> {
  const today = todayIn(p.clock);
  const problems = new Problems();
  const place = await transferPlace(p.db, actor.tenantId, body.branchId, body.groupId, problems);
  if (place && !receivesInto(actor, place.branch.path)) problems.add('branchId', '党支部不存在或不在您的管理范围内');
  checkDay(problems, 'receivedOn', '接收日期', body.receivedOn, today);
  problems.throwIfAny();
  const { type, joinedOn, confirmedOn, branchId: _b, groupId: _g, origin, letterNo, duesPaidTo, receivedOn, reason, ...identity } = body;
  const person: TransferredPerson = { identity, type, joinedOn, confirmedOn: confirmedOn ?? null, probationExtendedMonths: 0 };
  const normalised = await checkTransferredPerson(p, actor.tenantId, person, today);
  const at = p.clock.now().toISOString();
  const id = newId();
  await p.audit.tx(ctx, async (trx) => {
    const memberId = await createOnTransfer(trx, p, ctx, actor.tenantId, person, normalised, place!, receivedOn, reason || `持介绍信由${origin}转入`, { step: '持介绍信转入', counterpart: origin, letterNo, duesPaidTo });
    const row: TransferTable = {
      tenant_id: actor.tenantId, id, direction: 'in', scope: 'external', status: 'received', member_id: memberId, member_name: identity.name,
      from_org_id: null, from_org_path: null, to_org_id: place!.branch.id, to_org_path: place!.branch.path, peer_tenant_id: null, peer_transfer_id: null,
      counterpart: origin, letter_no: letterNo, letter_year: null, letter_seq: null, dues_paid_to: duesPaidTo, validity_months: null, valid_until: null,
      started_on: receivedOn, received_on: receivedOn, reason, withdrawn_on: null, withdraw_reason: null, carried_enc: null, started_by: actor.userId, received_by: actor.userId, created_at: at, updated_at: at,
    };
    await trx.insertInto('transfers').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'transfer.receiveExternal', entity: 'transfer', entityId: id, after: auditOf(row) });
  });
  return viewOf(p, actor, id);
}

/**
 * The sending side withdraws a transfer that waits (撤回): the member stays where they are, no longer 转接中, with the
 * step in their history; our letter's number stays used and the letter is void. A transfer to another committee is
 * withdrawn on both rows: the receiving committee's row first, the order a confirmation takes them in, so a
 * withdrawal and a confirmation racing each other end with one of them done and the other a 409.
 */
export async function withdrawTransfer(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: WithdrawBody): Promise<TransferView> {
  const today = todayIn(p.clock);
  const t = await transferFor(p.db, actor, id);
  if (t.status !== 'pending') throw notPending(t);
  if (!withdraws(actor, t)) throw forbidden('只有转出党支部或党委可以撤回转接');
  const problems = new Problems();
  const withdrawnOn = body.withdrawnOn ?? today;
  checkDay(problems, 'withdrawnOn', '撤回日期', withdrawnOn, today, t.started_on);
  problems.throwIfAny();
  const at = p.clock.now().toISOString();
  const set = { status: 'withdrawn' as const, withdrawn_on: withdrawnOn, withdraw_reason: body.reason, updated_at: at };
  await p.audit.tx(ctx, async (trx) => {
    if (t.scope === 'server') {
      const ours = (await tenantName(trx, actor.tenantId)) ?? '';
      const peerCtx: AuditContext = { tenantId: t.peer_tenant_id!, userId: null, username: `${ctx.username ?? ''}（${ours}）`, ip: ctx.ip, requestId: ctx.requestId };
      const theirs = await trx.selectFrom('transfers').selectAll().where('tenant_id', '=', t.peer_tenant_id!).where('id', '=', t.peer_transfer_id!).executeTakeFirst();
      if (theirs) {
        // Their row is claimed first: if they have just received the member, this answers 409 and nothing changes.
        await claim(trx, theirs.tenant_id, theirs.id, { ...set, carried_enc: null });
        await p.audit.record(trx, peerCtx, { action: 'transfer.withdrawn', entity: 'transfer', entityId: theirs.id, before: auditOf(theirs), after: auditOf({ ...theirs, ...set }) });
        await wroteOther(trx, theirs.tenant_id);
      }
    }
    await claim(trx, t.tenant_id, t.id, set);
    const m = await memberForTransfer(trx, t.tenant_id, t.member_id!);
    if (m) {
      await markTransferring(trx, p, m, null);
      await recordTransferStep(trx, p, ctx, m, withdrawnOn, body.reason, { step: '转出方撤回转接', counterpart: t.counterpart, ...(t.letter_no ? { letterNo: t.letter_no } : {}) });
    }
    await p.audit.record(trx, ctx, { action: 'transfer.withdraw', entity: 'transfer', entityId: t.id, before: auditOf(t), after: auditOf({ ...t, ...set }) });
  });
  return viewOf(p, actor, t.id);
}
