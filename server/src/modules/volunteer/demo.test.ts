// The demo 志愿服务 as issue 18 describes it: about 50 residents in the 物业 units' 小区 with mixed risk, pairings
// with members of the 物业 and 离退休 branches within the limit (and the demo 党员 dy1 with two residents, one
// overdue), six months of visits with some residents overdue and a few 需关注, and one voluntary-labour day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { DEMO_TODAY } from '../../seed/demo.js';
import { addDays, daysBetween, shanghaiDayStart } from '../../platform/calendar.js';
import { parseIdNumber } from '../people/idNumber.js';
import { memberSummaries } from '../members/index.js';
import { personKey } from './residents.js';
import { overdueDays } from './due.js';
import { intervalDays, VOLUNTEER_RULES } from './settings.js';
import { volunteerOfUser } from './volunteers.js';
import type { VolunteerPairingTable, VolunteerResidentTable, VolunteerVisitTable } from './tables.js';

let t: TestApp;
let tenantId: string;
let residents: VolunteerResidentTable[];
let pairings: VolunteerPairingTable[];
let visits: VolunteerVisitTable[];
const rules = VOLUNTEER_RULES.defaults;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  residents = await db.selectFrom('volunteer_residents').selectAll().execute();
  tenantId = residents[0]!.tenant_id;
  pairings = await db.selectFrom('volunteer_pairings').selectAll().execute();
  visits = await db.selectFrom('volunteer_visits').selectAll().execute();
});
afterAll(async () => t.close());

const count = <T>(rows: T[], key: (r: T) => string) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }), {});
const isOpen = (p: VolunteerPairingTable) => p.ended_on === null;

describe(`demo 志愿服务 ${dialectLabel()}`, () => {
  it('registers 50 residents in five 小区 of the two 物业 branches: 10 高, 20 中, 20 低, two 去世 and one 迁出', async () => {
    expect(residents).toHaveLength(50);
    expect(count(residents, (r) => r.risk)).toEqual({ high: 10, medium: 20, low: 20 });
    expect(count(residents, (r) => r.status)).toEqual({ active: 47, deceased: 2, movedOut: 1 });
    for (const r of residents) expect(r.status_on !== null, r.name).toBe(r.status !== 'active');
    expect(new Set(residents.map((r) => r.community))).toEqual(new Set(['幸福里小区', '向阳新村', '矿建新村', '光明花园', '东风苑小区']));
    const orgs = new Set([await t.orgId('物业第一党支部'), await t.orgId('物业第二党支部')]);
    for (const r of residents) expect(orgs.has(r.org_id), r.name).toBe(true);
    expect(new Set(residents.map((r) => r.name)).size).toBe(50);
    // Elderly: born in the 1930s to 1950s.
    for (const r of residents) expect(Number(r.birth_date.slice(0, 4)), r.name).toBeGreaterThanOrEqual(1930);
    for (const r of residents) expect(Number(r.birth_date.slice(0, 4)), r.name).toBeLessThanOrEqual(1959);
  });

  it('stores the sensitive fields encrypted, with valid 身份证号 and the import identity', async () => {
    const fc = t.platform.fieldCrypto;
    let withId = 0;
    for (const r of residents) {
      for (const enc of [r.address_enc, r.phone_enc, r.id_number_enc, r.health_enc, r.emergency_enc]) if (enc) expect(enc.startsWith('v1:')).toBe(true);
      expect(fc.decrypt(r.address_enc)).toMatch(/^\d{1,2}号楼\d单元\d0\d$/);
      if (r.phone_enc) expect(fc.decrypt(r.phone_enc)).toMatch(/^(1\d{10}|0375-\d{7})$/);
      const idNumber = r.id_number_enc ? fc.decrypt(r.id_number_enc) : null;
      if (idNumber) {
        withId++;
        expect(parseIdNumber(idNumber, DEMO_TODAY)).toEqual({ normalised: idNumber, birthDate: r.birth_date, gender: r.gender });
      }
      expect(r.person_key).toBe(personKey(t.platform, { name: r.name, birthDate: r.birth_date, community: r.community, idNumber }));
      const emergency = JSON.parse(fc.decrypt(r.emergency_enc!)) as { name: string; relation: string; phone: string }[];
      expect(emergency.length).toBeGreaterThanOrEqual(1);
      for (const e of emergency) expect(e.phone).toMatch(/^1\d{10}$/);
      expect(JSON.parse(r.living).length).toBeGreaterThanOrEqual(1);
      expect(r.needs).not.toBe('');
    }
    expect(withId).toBeGreaterThan(15);
    expect(withId).toBeLessThan(50);
    expect(residents.filter((r) => r.health_enc && fc.decrypt(r.health_enc).includes('，')).length).toBeGreaterThan(5);
    expect(new Set(residents.map((r) => r.person_key)).size).toBe(50);
  });

  it('pairs live members of the 物业 and 离退休 branches (and dy1), none above the limit of 3, with ended pairings kept', async () => {
    const branchIds = new Set(await Promise.all(['物业第一党支部', '物业第二党支部', '离退休第一党支部', '离退休第二党支部'].map((n) => t.orgId(n))));
    const dy1 = (await volunteerOfUser(t.platform.db, tenantId, (await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dy1').executeTakeFirstOrThrow()).id))!;
    const members = await memberSummaries(t.platform.db, tenantId, pairings.map((p) => p.volunteer_id));
    for (const p of pairings) {
      const m = members.get(p.volunteer_id)!;
      expect(p.volunteer_kind).toBe('member');
      expect(m.deleted || m.status !== 'active', m.name).toBe(false);
      if (m.id !== dy1.id) expect(branchIds.has(m.branchId), m.name).toBe(true);
    }
    const open = pairings.filter(isOpen);
    const perVolunteer = count(open, (p) => p.volunteer_id);
    expect(Math.max(...Object.values(perVolunteer))).toBeLessThanOrEqual(rules.maxResidentsPerVolunteer);
    expect(Object.values(perVolunteer)).toContain(3);
    for (const [id, n] of Object.entries(perVolunteer)) {
      expect(open.filter((p) => p.volunteer_id === id).map((p) => p.slot).sort()).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    // Only 在册 residents are paired now; two of them lost their volunteer and wait for a new one.
    const status = new Map(residents.map((r) => [r.id, r.status]));
    for (const p of open) expect(status.get(p.resident_id)).toBe('active');
    expect(residents.filter((r) => r.status === 'active' && !open.some((p) => p.resident_id === r.id))).toHaveLength(2);
    const ended = pairings.filter((p) => !isOpen(p));
    expect(ended.length).toBeGreaterThanOrEqual(5);
    for (const p of ended) {
      expect(p.end_reason).toBeTruthy();
      expect(p.ended_on! >= p.started_on).toBe(true);
    }
    // dy1 serves two residents, one of them overdue.
    const mine = open.filter((p) => p.volunteer_id === dy1.id).map((p) => residents.find((r) => r.id === p.resident_id)!);
    expect(mine).toHaveLength(2);
    expect(mine.map((r) => overdueDays(r, rules, DEMO_TODAY) > 0).sort()).toEqual([false, true]);
  });

  it('has six months of visits before today, mostly on time, with last_visit_on the latest and some residents overdue', async () => {
    const start = addDays(DEMO_TODAY, -190);
    expect(visits.length).toBeGreaterThan(500);
    expect(visits.length).toBeLessThan(1200);
    expect(visits.map((v) => v.visited_on).sort()[0]! < addDays(DEMO_TODAY, -170)).toBe(true);
    expect(new Set(visits.map((v) => v.kind))).toEqual(new Set(['visit', 'shopping', 'escort', 'housework', 'chat', 'meal', 'other']));
    const dayStart = shanghaiDayStart(DEMO_TODAY);
    for (const v of visits) {
      expect(v.minutes).toBeGreaterThanOrEqual(30);
      expect(v.minutes).toBeLessThanOrEqual(180);
      expect(v.notes).not.toBe('');
      expect(v.visited_on >= start && v.visited_on < DEMO_TODAY).toBe(true);
      expect(v.created_at < dayStart).toBe(true);
    }
    for (const r of residents) {
      expect(r.registered_on < DEMO_TODAY && (r.status_on ?? '') < DEMO_TODAY).toBe(true);
      const own = visits.filter((v) => v.resident_id === r.id).map((v) => v.visited_on).sort();
      expect(r.last_visit_on, r.name).toBe(own.at(-1) ?? null);
      // Visits happen while registered and, for those gone, before they left.
      if (own.length) expect(own[0]! >= r.registered_on && (r.status_on === null || own.at(-1)! < r.status_on)).toBe(true);
      for (const v of visits.filter((x) => x.resident_id === r.id)) expect(v.org_path).toBe(r.org_path);
    }
    for (const p of pairings) expect(p.started_on < DEMO_TODAY && (p.ended_on ?? '') < DEMO_TODAY).toBe(true);
    // Each visit was made by a volunteer paired with the resident that day; the hours count where they sat.
    const members = await memberSummaries(t.platform.db, tenantId, visits.map((v) => v.volunteer_id));
    for (const v of visits) {
      expect(pairings.some((p) => p.resident_id === v.resident_id && p.volunteer_id === v.volunteer_id && p.started_on <= v.visited_on && (p.ended_on === null || v.visited_on <= p.ended_on))).toBe(true);
      const m = members.get(v.volunteer_id)!;
      expect([v.volunteer_org_id, v.volunteer_org_path]).toEqual([m.groupId ?? m.branchId, m.orgPath]);
    }
    // Mostly on time: at most one gap in ten is longer than the interval.
    let gaps = 0;
    let late = 0;
    for (const r of residents) {
      const own = visits.filter((v) => v.resident_id === r.id).map((v) => v.visited_on).sort();
      for (let i = 1; i < own.length; i++) {
        gaps++;
        if (daysBetween(own[i - 1]!, own[i]!) > intervalDays(rules, r.risk)) late++;
      }
    }
    expect(late / gaps).toBeLessThan(0.15);
    const overdue = residents.filter((r) => overdueDays(r, rules, DEMO_TODAY) > 0);
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    expect(overdue.length).toBeLessThanOrEqual(12);
    expect(new Set(overdue.map((r) => r.risk)).size).toBe(3);
  });

  it('has one 紧急 visit dealt with, two earlier 需关注 dealt with and two of the last fortnight still open, one per 物业 branch', async () => {
    const urgent = visits.filter((v) => v.condition === 'urgent');
    expect(urgent).toHaveLength(1);
    expect(urgent[0]!.handled_at && urgent[0]!.handled_by && urgent[0]!.handled_note).toBeTruthy();
    const attention = visits.filter((v) => v.condition === 'attention');
    expect(attention.filter((v) => v.handled_at)).toHaveLength(2);
    for (const v of attention.filter((x) => x.handled_at)) expect(v.handled_note).toBeTruthy();
    const open = attention.filter((v) => !v.handled_at);
    expect(open).toHaveLength(2);
    for (const v of open) {
      expect(v.visited_on >= addDays(DEMO_TODAY, -14)).toBe(true);
      expect(v.handled_by ?? v.handled_note).toBeNull();
    }
    const orgOf = new Map(residents.map((r) => [r.id, r.org_id]));
    expect(new Set(open.map((v) => orgOf.get(v.resident_id)))).toEqual(new Set([await t.orgId('物业第一党支部'), await t.orgId('物业第二党支部')]));
  });

  it('has one voluntary-labour day of 物业第一党支部 with 8–15 members and their minutes', async () => {
    const activities = await t.platform.db.selectFrom('volunteer_activities').selectAll().execute();
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a.org_id).toBe(await t.orgId('物业第一党支部'));
    expect(a.title).toContain('卫生治理');
    expect(a.held_on < DEMO_TODAY).toBe(true);
    const hours = await t.platform.db.selectFrom('volunteer_activity_hours').selectAll().where('activity_id', '=', a.id).execute();
    expect(hours.length).toBeGreaterThanOrEqual(8);
    expect(hours.length).toBeLessThanOrEqual(15);
    const members = await memberSummaries(t.platform.db, tenantId, hours.map((h) => h.volunteer_id));
    for (const h of hours) {
      const m = members.get(h.volunteer_id)!;
      expect(m.branchId).toBe(a.org_id);
      expect(m.status).toBe('active');
      expect([h.held_on, h.volunteer_org_id, h.volunteer_org_path]).toEqual([a.held_on, m.groupId ?? m.branchId, m.orgPath]);
      expect(h.minutes).toBeGreaterThanOrEqual(60);
      expect(h.minutes).toBeLessThanOrEqual(300);
    }
  });
});
