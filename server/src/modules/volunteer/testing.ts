// Residents for tests of pairings, visits and alerts, inserted directly (encrypted as the register would store them),
// so these tests do not depend on the register's routes.
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import { orgPaths } from '../org/index.js';
import type { ResidentStatus, RiskLevel, VolunteerResidentTable } from './tables.js';

export interface TestResident {
  orgId: string;
  name?: string;
  risk?: RiskLevel;
  status?: ResidentStatus;
  registeredOn?: string;
  lastVisitOn?: string | null;
  phone?: string | null;
  community?: string;
}

let seq = 0;

export async function insertResident(p: Platform, tenantId: string, r: TestResident): Promise<VolunteerResidentTable> {
  const path = (await orgPaths(p.db, tenantId, [r.orgId])).get(r.orgId);
  if (!path) throw new Error(`no organisation ${r.orgId}`);
  seq++;
  const name = r.name ?? `测试老人${seq}`;
  const community = r.community ?? '阳光小区';
  const at = p.clock.now().toISOString();
  const row: VolunteerResidentTable = {
    tenant_id: tenantId, id: newId(), org_id: r.orgId, org_path: path, name, gender: 'female', birth_date: '1940-05-01', community,
    address_enc: p.fieldCrypto.encrypt(`${seq}栋1单元101`), phone_enc: r.phone === null ? null : p.fieldCrypto.encrypt(r.phone ?? '13812345678'),
    id_number_enc: null, person_key: p.fieldCrypto.lookupHash(`${name}|1940-05-01|${community}|${seq}|${newId()}`), living: JSON.stringify(['emptyNest', 'alone']),
    health_enc: null, needs: '', emergency_enc: null, risk: r.risk ?? 'high', status: r.status ?? 'active',
    status_on: r.status && r.status !== 'active' ? (r.registeredOn ?? '2026-01-01') : null, last_visit_on: r.lastVisitOn ?? null,
    registered_on: r.registeredOn ?? '2026-01-01', created_by: null, created_at: at, updated_at: at, deleted_at: null,
  };
  await p.db.insertInto('volunteer_residents').values(row).execute();
  return row;
}
