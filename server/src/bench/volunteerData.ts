// Benchmark data of 志愿服务, added to the demo community before it is copied: residents in every 党支部 paired with
// its members, six months of visits (every 5–20 days, a few residents left overdue), and a monthly 志愿活动 per
// branch, so the resident list, the overdue filter and the hours summary read a realistic amount of rows. Written
// straight into the tables in one transaction (the copies take them over with the rest of the tenant).
import type { Platform } from '../platform/context.js';
import type { DbOrTx } from '../db/types.js';
import { addDays } from '../platform/calendar.js';
import { membersUnder } from '../modules/members/index.js';
import type { VolunteerActivityHoursTable, VolunteerActivityTable, VolunteerPairingTable, VolunteerResidentTable, VolunteerVisitTable, RiskLevel } from '../modules/volunteer/tables.js';
import { DEMO_TODAY } from '../seed/community.js';
import { IdSequence, Rng } from '../seed/random.js';

const PER_BRANCH = 8;
const SINCE = addDays(DEMO_TODAY, -183);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '桂兰', '淑珍', '玉梅', '凤英', '桂芳', '德明', '国华', '志强', '建国', '文华', '素珍'];
const COMMUNITIES = ['幸福里小区', '和平苑', '锦绣家园'];
const RISKS: RiskLevel[] = ['high', 'medium', 'medium', 'low', 'low', 'low'];
const INTERVAL: Record<RiskLevel, number> = { high: 7, medium: 14, low: 30 };

type VolunteerTableName = 'volunteer_residents' | 'volunteer_pairings' | 'volunteer_visits' | 'volunteer_activities' | 'volunteer_activity_hours';

async function insertAll(trx: DbOrTx, table: VolunteerTableName, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
}

/** Adds the 志愿服务 rows to the demo tenant; returns how many residents and visits. */
export async function addVolunteerData(p: Platform, tenantId: string): Promise<{ residents: number; visits: number }> {
  const rng = new Rng(18);
  const ids = new IdSequence(Date.parse(`${SINCE}T00:00:00Z`), 18);
  const branches = await p.db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).where('kind', 'in', ['branch', 'jointBranch'])
    .where('deleted_at', 'is', null).orderBy('path').execute();
  const residents: VolunteerResidentTable[] = [];
  const pairings: VolunteerPairingTable[] = [];
  const visits: VolunteerVisitTable[] = [];
  const activities: VolunteerActivityTable[] = [];
  const hours: VolunteerActivityHoursTable[] = [];
  const at = (d: string) => `${d}T02:00:00.000Z`;
  for (const b of branches) {
    const members = await membersUnder(p.db, tenantId, b.path, { status: 'active' });
    if (members.length === 0) continue;
    for (let i = 0; i < PER_BRANCH; i++) {
      const risk = RISKS[rng.int(0, RISKS.length - 1)]!;
      const name = `${SURNAMES[rng.int(0, SURNAMES.length - 1)]}${GIVEN[rng.int(0, GIVEN.length - 1)]}`;
      const community = COMMUNITIES[rng.int(0, COMMUNITIES.length - 1)]!;
      const birth = `19${rng.int(30, 50)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
      const registeredOn = addDays(SINCE, -rng.int(0, 60));
      const r: VolunteerResidentTable = {
        tenant_id: tenantId, id: ids.next(), org_id: b.id, org_path: b.path, name, gender: rng.chance(0.6) ? 'female' : 'male', birth_date: birth, community,
        address_enc: p.fieldCrypto.encrypt(`${rng.int(1, 20)}号楼${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}`),
        phone_enc: p.fieldCrypto.encrypt(`139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`), id_number_enc: null,
        person_key: p.fieldCrypto.lookupHash(`bench|${b.id}|${i}`), living: JSON.stringify(rng.chance(0.5) ? ['emptyNest', 'elderly'] : ['alone']),
        health_enc: rng.chance(0.5) ? p.fieldCrypto.encrypt('高血压，按时服药') : null, needs: '代购、陪同就医', emergency_enc: null, risk, status: 'active', status_on: null,
        last_visit_on: null, registered_on: registeredOn, created_by: null, created_at: at(registeredOn), updated_at: at(registeredOn), deleted_at: null,
      };
      const v = members[i % members.length]!;
      pairings.push({
        tenant_id: tenantId, id: ids.next(), resident_id: r.id, volunteer_kind: 'member', volunteer_id: v.id, slot: 0 /* numbered below */,
        started_on: registeredOn, ended_on: null, end_reason: null, created_by: null, created_at: at(registeredOn), ended_by: null, ended_at: null,
      });
      // One resident in four stops being visited a while ago: the overdue list has rows.
      const until = i % 4 === 3 ? addDays(DEMO_TODAY, -(INTERVAL[risk] + rng.int(3, 20))) : DEMO_TODAY;
      for (let d = addDays(registeredOn, rng.int(3, INTERVAL[risk])); d <= until; d = addDays(d, rng.int(5, Math.max(6, INTERVAL[risk] - 1)))) {
        visits.push({
          tenant_id: tenantId, id: ids.next(), resident_id: r.id, org_path: b.path, volunteer_kind: 'member', volunteer_id: v.id, volunteer_org_id: v.groupId ?? v.branchId,
          volunteer_org_path: v.orgPath, visited_on: d, kind: rng.chance(0.7) ? 'visit' : 'shopping', minutes: rng.int(20, 120), notes: '身体状况良好', condition: 'normal',
          handled_at: null, handled_by: null, handled_note: null, recorded_by: 'bench', created_at: at(d), deleted_at: null,
        });
        r.last_visit_on = d;
      }
      residents.push(r);
    }
    for (let m = 0; m < 6; m++) {
      const heldOn = addDays(SINCE, 15 + m * 30);
      const a: VolunteerActivityTable = {
        tenant_id: tenantId, id: ids.next(), org_id: b.id, org_path: b.path, title: '小区卫生治理', held_on: heldOn, place: '小区中心广场', description: '清理楼道杂物、拔除杂草',
        org_life_activity_id: null, created_by: null, created_at: at(heldOn), updated_at: at(heldOn), deleted_at: null,
      };
      activities.push(a);
      for (const x of members.slice(0, Math.min(members.length, 6))) {
        hours.push({
          tenant_id: tenantId, activity_id: a.id, volunteer_kind: 'member', volunteer_id: x.id, volunteer_org_id: x.groupId ?? x.branchId, volunteer_org_path: x.orgPath,
          held_on: heldOn, minutes: 120, deleted_at: null,
        });
      }
    }
  }
  // Slots must be unique per open volunteer: number each volunteer's open pairings on after the demo's own.
  const taken = await p.db.selectFrom('volunteer_pairings').select((eb) => ['volunteer_id', eb.fn.max('slot').as('slot')])
    .where('tenant_id', '=', tenantId).where('ended_on', 'is', null).groupBy('volunteer_id').execute();
  const slots = new Map<string, number>(taken.map((t) => [t.volunteer_id, Number(t.slot)]));
  for (const x of pairings) { const n = (slots.get(x.volunteer_id) ?? 0) + 1; slots.set(x.volunteer_id, n); x.slot = n; }
  await p.db.transaction().execute(async (trx) => {
    await insertAll(trx, 'volunteer_residents', residents);
    await insertAll(trx, 'volunteer_pairings', pairings);
    await insertAll(trx, 'volunteer_visits', visits);
    await insertAll(trx, 'volunteer_activities', activities);
    await insertAll(trx, 'volunteer_activity_hours', hours);
  });
  return { residents: residents.length, visits: visits.length };
}
