// Test fixtures of the hours and activities tests: residents, pairings and visits written straight into the
// volunteer tables (encrypted like the module writes them). Other rooms' rows are made by the tests themselves.
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import type { RiskLevel, VolunteerResidentTable } from './tables.js';

let seq = 0;
const nextId = () => newId(Date.UTC(2025, 0, 1) + ++seq);

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
