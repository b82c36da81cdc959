// Test fixtures of the hours and activities tests: residents, pairings and visits written straight into the
// volunteer tables (encrypted like the module writes them), and a held 义务劳动日 with its sign-in sheet.
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import type { RiskLevel, VolunteerResidentTable } from './tables.js';

let seq = 0;
const nextId = () => newId(Date.UTC(2025, 0, 1) + ++seq);

export async function tenantOf(p: Platform): Promise<string> {
  return (await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow()).id;
}

export async function orgRow(p: Platform, id: string) {
  return p.db.selectFrom('organisations').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Active members of a subtree, in a stable order. */
export const activeMembers = async (p: Platform, tenantId: string, path: string): Promise<MemberSummary[]> => membersUnder(p.db, tenantId, path, { status: 'active' });

export async function insertResident(p: Platform, tenantId: string, org: { id: string; path: string }, o: {
  name: string; risk: RiskLevel; registeredOn: string; status?: VolunteerResidentTable['status']; statusOn?: string | null;
}): Promise<VolunteerResidentTable> {
  const at = `${o.registeredOn}T02:00:00.000Z`;
  const row: VolunteerResidentTable = {
    tenant_id: tenantId, id: nextId(), org_id: org.id, org_path: org.path, name: o.name, gender: 'female', birth_date: '1940-05-01', community: '幸福里小区',
    address_enc: p.fieldCrypto.encrypt('3号楼2单元501'), phone_enc: p.fieldCrypto.encrypt('13800138000'), id_number_enc: null,
    person_key: p.fieldCrypto.lookupHash(`${o.name}|1940-05-01|幸福里小区|${seq}`), living: '["emptyNest"]', health_enc: null, needs: '', emergency_enc: null,
    risk: o.risk, status: o.status ?? 'active', status_on: o.statusOn ?? null, last_visit_on: null, registered_on: o.registeredOn,
    created_by: null, created_at: at, updated_at: at, deleted_at: null,
  };
  await p.db.insertInto('volunteer_residents').values(row).execute();
  return row;
}

export async function insertPairing(p: Platform, r: VolunteerResidentTable, m: MemberSummary, startedOn: string, endedOn: string | null = null): Promise<void> {
  await p.db.insertInto('volunteer_pairings').values({
    tenant_id: r.tenant_id, id: nextId(), resident_id: r.id, volunteer_kind: 'member', volunteer_id: m.id, slot: endedOn ? 90 + seq : 1 + (seq % 50),
    started_on: startedOn, ended_on: endedOn, end_reason: endedOn ? '调整' : null, created_by: null, created_at: `${startedOn}T02:00:00.000Z`,
    ended_by: null, ended_at: endedOn ? `${endedOn}T02:00:00.000Z` : null,
  }).execute();
}

/** A visit by a member (hours placed at the member's group or branch), keeping the resident's last visit like the module. */
export async function insertVisit(p: Platform, r: VolunteerResidentTable, m: MemberSummary, visitedOn: string, minutes: number, deleted = false): Promise<string> {
  const id = nextId();
  await p.db.insertInto('volunteer_visits').values({
    tenant_id: r.tenant_id, id, resident_id: r.id, org_path: r.org_path, volunteer_kind: 'member', volunteer_id: m.id, volunteer_org_id: m.groupId ?? m.branchId,
    volunteer_org_path: m.orgPath, visited_on: visitedOn, kind: 'visit', minutes, notes: '', condition: 'normal', handled_at: null, handled_by: null, handled_note: null,
    recorded_by: 'test', created_at: `${visitedOn}T02:00:00.000Z`, deleted_at: deleted ? `${visitedOn}T03:00:00.000Z` : null,
  }).execute();
  if (!deleted) {
    const cur = await p.db.selectFrom('volunteer_residents').select('last_visit_on').where('id', '=', r.id).executeTakeFirstOrThrow();
    if (!cur.last_visit_on || cur.last_visit_on < visitedOn) await p.db.updateTable('volunteer_residents').set({ last_visit_on: visitedOn }).where('id', '=', r.id).execute();
  }
  return id;
}

/** A held 义务劳动日 of an organisation with its sign-in sheet: members marked present or on leave. */
export async function insertLabourDay(p: Platform, tenantId: string, org: { id: string; path: string }, o: { title: string; on: string; present: string[]; leave?: string[]; status?: 'held' | 'planned' }): Promise<string> {
  const id = nextId();
  const at = `${o.on}T01:00:00.000Z`;
  await p.db.insertInto('org_life_activities').values({
    tenant_id: tenantId, id, org_id: org.id, org_path: org.path, kind: 'labourDay', title: o.title, theme_id: null, status: o.status ?? 'held',
    starts_at: at, ends_at: `${o.on}T03:00:00.000Z`, starts_on: o.on, place: '小区中心广场', host_member_id: null, recorder_member_id: null, host_name: '', recorder_name: '',
    lecturer_name: '', agenda: '义务劳动', minutes: '', decisions: '', votes: '[]', allow_visitors: 0, created_by: null, created_at: at, updated_by: null, updated_at: at,
    held_at: o.status === 'planned' ? null : at, archived_at: null, deleted_at: null,
  }).execute();
  const sheet = [...o.present.map((m) => ({ m, status: 'present' as const })), ...(o.leave ?? []).map((m) => ({ m, status: 'leave' as const }))];
  if (sheet.length) {
    await p.db.insertInto('org_life_attendance').values(sheet.map((s) => ({
      tenant_id: tenantId, activity_id: id, member_id: s.m, expected: 1, status: s.status, reason: null, signed_in_at: null, method: null, makeup_on: null, makeup_note: null,
      updated_by: null, updated_at: at,
    }))).execute();
  }
  return id;
}
