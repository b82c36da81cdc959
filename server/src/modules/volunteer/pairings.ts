// 结对: who may be paired with a resident (candidates), pairing within the per-volunteer limit, and ending a pairing
// with its history kept. The limit holds under concurrency through the open-slot unique index (migration 0021): a
// pairing takes the lowest free slot ≤ limit, and of two pairings racing for the last slot one meets the index.
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import { liveOrg, orgNames } from '../org/index.js';
import { nonMemberStaff } from '../staff/index.js';
import { residentFor, writesAt, writeScopes, writesResident } from './policy.js';
import { RESIDENT_STATUS_NAMES } from './names.js';
import { VOLUNTEER_RULES } from './settings.js';
import type { VolunteerKind, VolunteerPairingTable, VolunteerResidentTable } from './tables.js';
import { volunteerKey, volunteerOfUser, volunteersByKey } from './volunteers.js';
import type { PairingCreate, PairingEnd } from './visitSchema.js';


/** 409 for a resident no longer 在册: no new visits or pairings. */
export function checkActive(r: Pick<VolunteerResidentTable, 'status'>): void {
  if (r.status !== 'active') throw conflict('RESIDENT_INACTIVE', `该服务对象已${RESIDENT_STATUS_NAMES[r.status]}`);
}

/** Open pairings per volunteer (keyed by volunteerKey). */
async function openCounts(db: Platform['db'], tenantId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('volunteer_pairings')
    .select(['volunteer_kind', 'volunteer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('ended_on', 'is', null).where('volunteer_id', 'in', slice)
    .groupBy(['volunteer_kind', 'volunteer_id']).execute());
  return new Map(rows.map((r) => [volunteerKey(r.volunteer_kind, r.volunteer_id), Number(r.n)]));
}

/**
 * Volunteers the actor may pair: live 正常 members within the actor's volunteer.write scope (of `orgId`'s subtree
 * when given). Employees are paired by id when the committee allows them (业务规则); they have no place in the tree.
 */
export async function listCandidates(p: Platform, actor: Actor, q: { orgId?: string | undefined; keyword?: string | undefined }) {
  let paths = writeScopes(actor);
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    if (!org || !writesAt(actor, org.path)) throw notFound('组织');
    paths = [org.path];
  }
  const members: MemberSummary[] = [];
  for (const path of paths) members.push(...(await membersUnder(p.db, actor.tenantId, path, { status: 'active' })));
  const keyword = q.keyword?.trim();
  const picked = (keyword ? members.filter((m) => m.name.includes(keyword)) : members).slice(0, 200);
  const [rules, counts, names] = await Promise.all([
    readSetting(p.db, actor.tenantId, VOLUNTEER_RULES),
    openCounts(p.db, actor.tenantId, picked.map((m) => m.id)),
    orgNames(p.db, [actor.tenantId], picked.map((m) => m.groupId ?? m.branchId)),
  ]);
  const out: { kind: VolunteerKind; id: string; name: string; orgName: string; openPairings: number; limit: number }[] = picked.map((m) => ({
    kind: 'member' as const, id: m.id, name: m.name, orgName: names.get(`${actor.tenantId}/${m.groupId ?? m.branchId}`) ?? '',
    openPairings: counts.get(volunteerKey('member', m.id)) ?? 0, limit: rules.maxResidentsPerVolunteer,
  }));
  if (rules.allowStaffVolunteers) {
    const staff = await nonMemberStaff(p.db, actor.tenantId, { keyword, limit: 200 });
    const staffCounts = await openCounts(p.db, actor.tenantId, staff.map((s) => s.id));
    out.push(...staff.map((s) => ({
      kind: 'staff' as const, id: s.id, name: s.name, orgName: '员工（非党员）', openPairings: staffCounts.get(volunteerKey('staff', s.id)) ?? 0, limit: rules.maxResidentsPerVolunteer,
    })));
  }
  return out;
}

/** The volunteer named by kind and id, if the actor may pair them: else 400 (nothing about them is shown). */
async function pairableVolunteer(p: Platform, actor: Actor, kind: VolunteerKind, id: string, allowStaff: boolean) {
  const v = (await volunteersByKey(p.db, actor.tenantId, [{ kind, id }])).get(volunteerKey(kind, id));
  if (kind === 'staff') {
    if (!allowStaff) throw badRequest('业务规则未允许非党员员工担任结对志愿者', { volunteerId: '业务规则未允许非党员员工担任结对志愿者' });
    // A member is paired as a member (their visits then count for their branch and show in their own list).
    const [s] = await nonMemberStaff(p.db, actor.tenantId, { ids: [id] });
    if (!s || !v) throw badRequest('该员工不存在、已离职，或是党员（党员请按党员结对）', { volunteerId: '该员工不存在、已离职，或是党员（党员请按党员结对）' });
    return v;
  }
  if (!v?.active || !v.orgPath || !writesAt(actor, v.orgPath)) {
    throw badRequest('志愿者不存在、不是正常状态的党员，或不在您的管理范围内', { volunteerId: '志愿者不存在、不是正常状态的党员，或不在您的管理范围内' });
  }
  return v;
}

const pairingAudit = (x: Pick<VolunteerPairingTable, 'resident_id' | 'volunteer_kind' | 'volunteer_id' | 'slot' | 'started_on' | 'ended_on' | 'end_reason'>) => ({
  residentId: x.resident_id, volunteerKind: x.volunteer_kind, volunteerId: x.volunteer_id, slot: x.slot, startedOn: x.started_on, endedOn: x.ended_on, endReason: x.end_reason,
});

export function toPairingView(x: VolunteerPairingTable, volunteerName: string) {
  return {
    id: x.id, residentId: x.resident_id, volunteerKind: x.volunteer_kind, volunteerId: x.volunteer_id, volunteerName,
    slot: x.slot, startedOn: x.started_on, endedOn: x.ended_on, endReason: x.end_reason,
  };
}

export async function createPairing(p: Platform, ctx: AuditContext, actor: Actor, body: PairingCreate) {
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  const r = await residentFor(p.db, actor, self, body.residentId);
  if (!writesResident(actor, r)) throw forbidden('没有为该服务对象安排结对的权限');
  checkActive(r);
  const rules = await readSetting(p.db, actor.tenantId, VOLUNTEER_RULES);
  const v = await pairableVolunteer(p, actor, body.volunteerKind, body.volunteerId, rules.allowStaffVolunteers);
  if (body.startedOn > todayIn(p.clock)) throw badRequest('结对日期不能晚于今天', { startedOn: '结对日期不能晚于今天' });
  if (body.startedOn < r.registered_on) throw badRequest(`结对日期不能早于登记日期（${r.registered_on}）`, { startedOn: `结对日期不能早于登记日期（${r.registered_on}）` });
  const limit = rules.maxResidentsPerVolunteer;
  const full = (n: number) => conflict('PAIRING_LIMIT', `该志愿者已结对 ${n} 人，达到上限`);
  try {
    return await p.audit.tx(ctx, async (trx) => {
      const cur = await trx.selectFrom('volunteer_residents').select('status').where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).executeTakeFirstOrThrow();
      checkActive(cur);
      const open = await trx.selectFrom('volunteer_pairings').select(['resident_id', 'slot'])
        .where('tenant_id', '=', actor.tenantId).where('volunteer_kind', '=', v.kind).where('volunteer_id', '=', v.id).where('ended_on', 'is', null).execute();
      if (open.some((x) => x.resident_id === r.id)) throw conflict('ALREADY_PAIRED', '该志愿者已与该服务对象结对');
      const taken = new Set(open.map((x) => x.slot));
      let slot = 1;
      while (taken.has(slot)) slot++;
      if (slot > limit) throw full(open.length);
      const at = p.clock.now().toISOString();
      const row: VolunteerPairingTable = {
        tenant_id: actor.tenantId, id: newId(), resident_id: r.id, volunteer_kind: v.kind, volunteer_id: v.id, slot, started_on: body.startedOn,
        ended_on: null, end_reason: null, created_by: actor.userId, created_at: at, ended_by: null, ended_at: null,
      };
      await trx.insertInto('volunteer_pairings').values(row).execute();
      await p.audit.record(trx, ctx, { action: 'volunteer.pairing.create', entity: 'volunteerPairing', entityId: row.id, after: { ...pairingAudit(row), volunteerName: v.name } });
      return toPairingView(row, v.name);
    });
  } catch (err) {
    // Another pairing of this volunteer (or of this resident with them) committed between our read and insert.
    if (uniqueViolation(err)) {
      const n = (await openCounts(p.db, actor.tenantId, [v.id])).get(volunteerKey(v.kind, v.id)) ?? 0;
      throw n >= limit ? full(n) : conflict('ALREADY_PAIRED', '该志愿者刚刚被安排结对，请刷新后再试');
    }
    throw err;
  }
}

/** The pairing and its resident if the actor sees the resident, else 404. */
async function pairingFor(p: Platform, actor: Actor, id: string) {
  const x = await p.db.selectFrom('volunteer_pairings').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!x) throw notFound('结对记录');
  const self = await volunteerOfUser(p.db, actor.tenantId, actor.userId);
  const r = await residentFor(p.db, actor, self, x.resident_id).catch(() => { throw notFound('结对记录'); });
  return { x, r };
}

export async function endPairing(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: PairingEnd) {
  const { x, r } = await pairingFor(p, actor, id);
  if (!writesResident(actor, r)) throw forbidden('没有结束该结对的权限');
  if (body.endedOn > todayIn(p.clock)) throw badRequest('结束日期不能晚于今天', { endedOn: '结束日期不能晚于今天' });
  if (body.endedOn < x.started_on) throw badRequest(`结束日期不能早于结对日期（${x.started_on}）`, { endedOn: `结束日期不能早于结对日期（${x.started_on}）` });
  return p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    const done = await trx.updateTable('volunteer_pairings')
      .set({ ended_on: body.endedOn, end_reason: body.reason, ended_by: actor.userId, ended_at: at })
      .where('tenant_id', '=', x.tenant_id).where('id', '=', x.id).where('ended_on', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw conflict('PAIRING_ENDED', '该结对已结束');
    const after = { ...x, ended_on: body.endedOn, end_reason: body.reason, ended_by: actor.userId, ended_at: at };
    await p.audit.record(trx, ctx, { action: 'volunteer.pairing.end', entity: 'volunteerPairing', entityId: x.id, before: pairingAudit(x), after: pairingAudit(after) });
    const v = (await volunteersByKey(trx, actor.tenantId, [{ kind: x.volunteer_kind, id: x.volunteer_id }])).get(volunteerKey(x.volunteer_kind, x.volunteer_id));
    return toPairingView(after, v?.name ?? '');
  });
}
