// Compliance of 组织生活: the period arithmetic and rules on their own, then the 问题清单 over a constructed
// dataset compared with counts worked out independently in the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { storeFile } from '../../platform/files/index.js';
import { samplePng, sampleDocx } from '../../platform/files/testing.js';
import { countKind, isSilent, lightOf, recordGaps, themeUnits, unitsEndingIn, type RecordFacts } from './compliance.js';

describe(`组织生活 periods and frequency rules ${dialectLabel()}`, () => {
  it('units belong to the period in which they end', () => {
    expect(unitsEndingIn('month', '2026-10-01', '2026-12-31').map((u) => u.code)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(unitsEndingIn('quarter', '2026-01-01', '2026-12-31').map((u) => u.code)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(unitsEndingIn('quarter', '2026-11-01', '2026-11-30')).toEqual([]);
    expect(unitsEndingIn('quarter', '2026-12-01', '2026-12-31').map((u) => u.code)).toEqual(['2026-Q4']);
    expect(unitsEndingIn('year', '2026-07-01', '2026-12-31').map((u) => u.code)).toEqual(['2026']);
  });

  const year2026 = { from: '2026-01-01', to: '2026-12-31' };
  it('monthly kind: ended months required, the current one 进行中, future ones ignored', () => {
    const units = unitsEndingIn('month', year2026.from, year2026.to);
    const held = ['2026-01-15', '2026-01-20', '2026-03-02', '2026-10-31'];
    const r = countKind(units, held, '2000-01-01', '2026-11-27', year2026);
    expect(r).toMatchObject({ required: 10, met: 3, missing: 7, held: 4, inProgress: true });
    expect(r.missingUnits).toEqual(['2026-02', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    // Something held in the current month: no longer 进行中, still not required.
    expect(countKind(units, [...held, '2026-11-03'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 10, met: 3, inProgress: false, held: 5 });
  });

  it('quarterly kind: the last day of a quarter is still inside it', () => {
    const units = unitsEndingIn('quarter', year2026.from, year2026.to);
    expect(countKind(units, ['2026-02-01', '2026-09-30'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 3, met: 2, missing: 1, missingUnits: ['2026-Q2'], inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-09-30', year2026)).toMatchObject({ required: 2, inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-10-01', year2026)).toMatchObject({ required: 3, inProgress: true });
  });

  it('an organisation founded mid-period owes only the units ending on or after its founding', () => {
    const months = unitsEndingIn('month', year2026.from, year2026.to);
    // Founded 2026-05-20: May (ends 05-31) counts, April does not; June–October counted → 6 months.
    expect(countKind(months, [], '2026-05-20', '2026-11-27', year2026)).toMatchObject({ required: 6, missingUnits: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] });
    const quarters = unitsEndingIn('quarter', year2026.from, year2026.to);
    expect(countKind(quarters, ['2026-06-10'], '2026-05-20', '2026-11-27', year2026)).toMatchObject({ required: 2, met: 1, missingUnits: ['2026-Q3'] });
  });

  it('a theme month requires its activity days once the month has ended', () => {
    const units = themeUnits(['2026-09', '2026-11', '2025-12'], year2026.from, year2026.to);
    expect(units.map((u) => u.code)).toEqual(['2026-09', '2026-11']);
    expect(countKind(units, ['2026-09-12'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 1, met: 1, inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-12-01', year2026)).toMatchObject({ required: 2, met: 0, missing: 2, inProgress: false });
  });

  it('record gaps, silence and lights', () => {
    const r: RecordFacts = { id: 'a', orgId: 'o', kind: 'themeDay', title: 't', startsOn: '2026-11-01', hasMinutes: false, imageCount: 0, marked: 0, expected: 3, present: 0, noReason: [], noMakeup: [] };
    expect(recordGaps(r, true)).toEqual(['noMinutes', 'noPhoto', 'noSignIn']);
    expect(recordGaps({ ...r, hasMinutes: true, imageCount: 2, marked: 3 }, true)).toEqual([]);
    expect(recordGaps(r, false)).toEqual(['noMinutes', 'noSignIn']);
    expect(isSilent('2026-10-29', '2000-01-01', '2026-11-27', 30)).toBe(false);
    expect(isSilent('2026-10-28', '2000-01-01', '2026-11-27', 30)).toBe(true);
    expect(isSilent(null, '2026-11-01', '2026-11-27', 30)).toBe(false);
    expect(isSilent(null, '2026-10-01', '2026-11-27', 30)).toBe(true);
    const ok = { missing: 0, silent: false, belowThreshold: false, incomplete: 0, absenteeProblems: 0 };
    expect(lightOf(ok)).toBe('green');
    expect(lightOf({ ...ok, incomplete: 1 })).toBe('yellow');
    expect(lightOf({ ...ok, belowThreshold: true })).toBe('yellow');
    expect(lightOf({ ...ok, incomplete: 1, silent: true })).toBe('red');
    expect(lightOf({ ...ok, missing: 1 })).toBe('red');
  });
});

// ---------- the 问题清单 over a constructed dataset ----------

interface Att { m: number; expected?: 0 | 1; status: 'present' | 'leave' | 'absent' | 'visitor' | 'unmarked'; reason?: string; makeup?: string }
interface Spec { org: 'A' | 'G' | 'B'; kind: string; on: string; status?: 'planned' | 'held' | 'archived'; deleted?: boolean; minutes?: string; images?: number; docs?: number; att?: Att[] }

// Today (the fake clock) is 2026-11-27. P 党总支 ⊃ A 支部 ⊃ G 党小组; P ⊃ B 支部 founded 2026-08-15 with a committee.
const SPECS: Spec[] = [
  // A: 主题党日 every month but March and July (a planned one in March and a deleted one in July do not count).
  ...['01-15', '02-10', '04-12', '05-20', '06-18', '08-08'].map((d) => ({ org: 'A' as const, kind: 'themeDay', on: `2026-${d}`, images: 1, att: [{ m: 0, status: 'present' as const }] })),
  { org: 'A', kind: 'themeDay', on: '2026-03-30', status: 'planned' },
  { org: 'A', kind: 'themeDay', on: '2026-07-05', deleted: true, images: 1, att: [{ m: 0, status: 'present' }] },
  { org: 'A', kind: 'themeDay', on: '2026-09-09', minutes: '' },
  {
    org: 'A', kind: 'themeDay', on: '2026-10-20', status: 'archived', images: 1, docs: 1,
    att: [{ m: 0, status: 'present' }, { m: 1, status: 'present' }, { m: 2, status: 'present' }, { m: 3, status: 'absent' }],
  },
  // 党员大会: Q1, Q3 and Q4 (Q2 missing); 党课 on the last day of Q1, Q2, Q3.
  { org: 'A', kind: 'partyCongress', on: '2026-02-20', att: [{ m: 0, status: 'present' }, { m: 1, status: 'present' }] },
  { org: 'A', kind: 'partyCongress', on: '2026-08-25', att: [{ m: 0, status: 'present' }, { m: 1, status: 'leave', reason: '出差', makeup: '2026-08-30' }] },
  {
    org: 'A', kind: 'partyCongress', on: '2026-11-10', minutes: '',
    att: [{ m: 0, status: 'present' }, { m: 1, status: 'leave', reason: '出差', makeup: '2026-11-12' }, { m: 2, status: 'absent', reason: '生病' }, { m: 3, status: 'present' }, { m: 4, expected: 0, status: 'visitor' }],
  },
  ...['03-31', '06-30', '09-30'].map((d) => ({ org: 'A' as const, kind: 'partyLecture', on: `2026-${d}`, att: [{ m: 0, status: 'present' as const }, { m: 1, status: 'unmarked' as const }] })),
  // Activity days: the September theme asks for 学习日 and 义务劳动日; only the 学习日 is held.
  { org: 'A', kind: 'studyDay', on: '2026-09-05', att: [{ m: 0, status: 'present' }] },
  // G: 党小组会 in October (no sign-in at all) and November.
  { org: 'G', kind: 'groupMeeting', on: '2026-10-15' },
  { org: 'G', kind: 'groupMeeting', on: '2026-11-05', att: [{ m: 0, status: 'present' }, { m: 1, status: 'present' }] },
  // B: one 主题党日 in September, nothing since.
  { org: 'B', kind: 'themeDay', on: '2026-09-20', images: 1, att: [{ m: 2, status: 'present' }] },
];
const TODAY = '2026-11-27';

let t: TestApp;
let tenantId: string;
const orgs: Record<string, { id: string; path: string; name: string }> = {};
let memberIds: string[] = [];
let memberNames: string[] = [];
const actIds = new Map<Spec, string>();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  const dangwei = await t.login('dangwei');
  const make = async (key: string, parentId: string, kind: string, name: string, foundedOn: string) => {
    const res = await t.call('POST', '/api/v1/orgs', { cookie: dangwei, body: { parentId, kind, name, foundedOn } });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json() as { id: string; path: string; name: string };
    orgs[key] = { id: o.id, path: o.path, name: o.name };
  };
  await make('P', await t.orgId('社区党委'), 'generalBranch', '合规测试党总支', '2019-01-01');
  await make('A', orgs.P!.id, 'branch', '合规测试第一党支部', '2019-01-01');
  await make('G', orgs.A!.id, 'group', '合规测试第一党小组', '2019-01-01');
  await make('B', orgs.P!.id, 'branch', '合规测试新建党支部', '2026-08-15');
  const ms = await db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 'm.tenant_id', 's.name']).where('m.deleted_at', 'is', null).orderBy('m.id').limit(5).execute();
  tenantId = ms[0]!.tenant_id;
  memberIds = ms.map((m) => m.id);
  memberNames = ms.map((m) => m.name);
  const at = '2026-11-01T00:00:00.000Z';
  // B has a committee (two current post holders), so it owes a monthly 支委会; A has none.
  // Its secretary is zb2's member record (an account to notify).
  const zb2 = await db.selectFrom('members as m').innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select('m.id').where('u.username', '=', 'zb2').executeTakeFirstOrThrow();
  await db.insertInto('org_posts').values([{ post: 'secretary', member: zb2.id }, { post: 'organisation', member: memberIds[1]! }].map((x) => ({
    tenant_id: tenantId, id: newId(), org_id: orgs.B!.id, member_id: x.member, post: x.post, started_on: '2026-08-15', ended_on: null, created_at: at, updated_at: at,
  }))).execute();
  // The themes of 2026 are this test's own: September (学习日 + 义务劳动日), October a draft, November (义务劳动日).
  // (Demo themes of 2026 are made drafts without days; the three months are rewritten.)
  await db.updateTable('org_life_themes').set({ published_at: null, day_kinds: '[]' }).where('tenant_id', '=', tenantId).where('month', '>=', '2026-01').where('month', '<=', '2026-12').execute();
  for (const th of [
    { month: '2026-09', kinds: ['studyDay', 'labourDay'], published: true },
    { month: '2026-10', kinds: ['studyDay'], published: false },
    { month: '2026-11', kinds: ['labourDay'], published: true },
  ]) {
    const values = { day_kinds: JSON.stringify(th.kinds), published_at: th.published ? at : null };
    const done = await db.updateTable('org_life_themes').set(values).where('tenant_id', '=', tenantId).where('month', '=', th.month).executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      await db.insertInto('org_life_themes').values({ tenant_id: tenantId, id: newId(), month: th.month, title: `${th.month} 主题`, content: '', created_by: null, created_at: at, updated_at: at, ...values }).execute();
    }
  }
  for (const s of SPECS) {
    const id = newId();
    actIds.set(s, id);
    const o = orgs[s.org]!;
    const status = s.status ?? 'held';
    await db.insertInto('org_life_activities').values({
      tenant_id: tenantId, id, org_id: o.id, org_path: o.path, kind: s.kind, title: `${o.name}${s.kind}${s.on}`, theme_id: null, status,
      starts_at: `${s.on}T01:00:00.000Z`, ends_at: `${s.on}T03:00:00.000Z`, starts_on: s.on, place: '活动室', host_name: '主持人', recorder_name: '记录人',
      lecturer_name: '', agenda: '议程', minutes: s.minutes ?? '会议记录', decisions: '', votes: '[]', allow_visitors: 0, created_by: null, created_at: at,
      updated_by: null, updated_at: at, held_at: status === 'planned' ? null : at, archived_at: status === 'archived' ? at : null, deleted_at: s.deleted ? at : null,
    }).execute();
    for (const a of s.att ?? []) {
      await db.insertInto('org_life_attendance').values({
        tenant_id: tenantId, activity_id: id, member_id: memberIds[a.m]!, expected: a.expected ?? 1, status: a.status, reason: a.reason ?? null,
        signed_in_at: null, method: a.status === 'unmarked' ? null : 'recorder', makeup_on: a.makeup ?? null, makeup_note: null, updated_by: null, updated_at: at,
      }).execute();
    }
    for (let i = 0; i < (s.images ?? 0); i++) await storeFile(db, tenantId, { ownerKind: 'orgLife', ownerId: id, name: `照片${i}.png`, mime: 'image/png', data: samplePng(), createdBy: null, at });
    for (let i = 0; i < (s.docs ?? 0); i++) await storeFile(db, tenantId, { ownerKind: 'orgLife', ownerId: id, name: '材料.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: sampleDocx(), createdBy: null, at });
  }
});
afterAll(async () => {
  await t?.close();
});

/** The records that count (held or archived, not deleted) of some organisations between two dates — counted here, not by the code under test. */
function counted(keys: string[], from: string, to: string): Spec[] {
  return SPECS.filter((s) => keys.includes(s.org) && (s.status ?? 'held') !== 'planned' && !s.deleted && s.on >= from && s.on <= to && s.on <= TODAY);
}
function attendanceOf(specs: Spec[]) {
  let expected = 0;
  let present = 0;
  for (const s of specs) for (const a of s.att ?? []) if ((a.expected ?? 1) === 1) { expected++; if (a.status === 'present') present++; }
  return { expected, present };
}
function gapsOf(s: Spec): number {
  const noMinutes = (s.minutes ?? '会议记录') === '' ? 1 : 0;
  const noPhoto = s.kind === 'themeDay' && !(s.images ?? 0) ? 1 : 0;
  const noSignIn = (s.att ?? []).every((a) => a.status === 'unmarked') ? 1 : 0;
  return noMinutes + noPhoto + noSignIn;
}

interface KindRow { kind: string; required: number; met: number; held: number; missing: number; inProgress: boolean }
interface OrgRow { orgId: string; orgName: string; light: string; kinds: KindRow[]; attendance: { expected: number; present: number; rate: number | null; belowThreshold: boolean }; incomplete: number; absenteeProblems: number; lastHeldOn: string | null; silent: boolean }
interface Body { org: { id: string; name: string }; period: { code: string; from: string; to: string }; orgs: OrgRow[]; problems: { orgId: string; light: string; type: string; kind: string | null; message: string; link: string | null; activityId: string | null }[]; summary: Record<string, number> }

async function compliance(period: string, user = 'dangwei', orgKey = 'P'): Promise<Body> {
  const res = await t.call('GET', `/api/v1/org-life/compliance?orgId=${orgs[orgKey]!.id}&period=${period}`, { cookie: await t.login(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Body;
}
const kindsOf = (o: OrgRow) => Object.fromEntries(o.kinds.map((k) => [k.kind, { required: k.required, met: k.met, held: k.held, inProgress: k.inProgress }]));

describe(`组织生活 compliance over a constructed dataset ${dialectLabel()}`, () => {
  it('frequency: monthly and quarterly kinds, a theme month, an organisation founded mid-period, a committee', async () => {
    const body = await compliance('2026');
    expect(body.period).toMatchObject({ code: '2026', from: '2026-01-01', to: '2026-12-31' });
    // Only organisations that hold kinds: the 党总支 itself is not listed.
    expect(body.orgs.map((o) => o.orgName)).toEqual(['合规测试第一党支部', '合规测试第一党支部/合规测试第一党小组', '合规测试新建党支部']); // a 党小组 is named with its branch
    const [a, g, b] = body.orgs as [OrgRow, OrgRow, OrgRow];
    // A: January–October are the ended months (November is 进行中); March and July have no 主题党日.
    expect(kindsOf(a)).toEqual({
      partyCongress: { required: 3, met: 2, held: 3, inProgress: false }, // Q1 Q3 held, Q2 missing; Q4 already held
      partyLecture: { required: 3, met: 3, held: 3, inProgress: true }, // 31 March / 30 June / 30 September fall inside their quarters
      themeDay: { required: 10, met: 8, held: 8, inProgress: true },
      lifeMeeting: { required: 0, met: 0, held: 0, inProgress: true }, // yearly: 2026 has not ended
      democraticReview: { required: 0, met: 0, held: 0, inProgress: true },
      studyDay: { required: 1, met: 1, held: 1, inProgress: false }, // September theme; October is a draft
      labourDay: { required: 1, met: 0, held: 0, inProgress: true }, // September missing; November theme 进行中
    });
    expect(kindsOf(g)).toEqual({ groupMeeting: { required: 10, met: 1, held: 2, inProgress: false } });
    // B founded 15 August: August (ends 31 August) onwards; Q3; the September theme; a committee → 支委会 monthly.
    expect(kindsOf(b)).toEqual({
      partyCongress: { required: 1, met: 0, held: 0, inProgress: true },
      branchCommittee: { required: 3, met: 0, held: 0, inProgress: true },
      partyLecture: { required: 1, met: 0, held: 0, inProgress: true },
      themeDay: { required: 3, met: 1, held: 1, inProgress: true },
      lifeMeeting: { required: 0, met: 0, held: 0, inProgress: true },
      democraticReview: { required: 0, met: 0, held: 0, inProgress: true },
      studyDay: { required: 1, met: 0, held: 0, inProgress: false },
      labourDay: { required: 1, met: 0, held: 0, inProgress: true },
    });
    const missing = body.problems.filter((p) => p.type === 'missing').map((p) => `${p.orgId === a.orgId ? 'A' : p.orgId === b.orgId ? 'B' : 'G'} ${p.message}`);
    expect(missing).toContain('A 2026年3月未召开主题党日');
    expect(missing).toContain('A 2026年第2季度未召开党员大会');
    expect(missing).toContain('A 2026年9月未召开义务劳动日');
    expect(missing).toContain('B 2026年8月未召开支委会');
    expect(missing).not.toContain('B 2026年7月未召开主题党日');
    expect(missing).toHaveLength(2 + 1 + 1 + 9 + (1 + 3 + 1 + 2 + 1 + 1));
  });

  it('attendance, incomplete records and absentees equal counts made independently', async () => {
    for (const period of ['2026', '2026-Q4', '2026-H2', '2026-10']) {
      const body = await compliance(period);
      const from = body.period.from;
      const to = body.period.to;
      for (const key of ['A', 'G', 'B']) {
        const row = body.orgs.find((o) => o.orgId === orgs[key]!.id)!;
        const specs = counted([key], from, to);
        const att = attendanceOf(specs);
        expect(row.attendance.expected, `${period} ${key}`).toBe(att.expected);
        expect(row.attendance.present, `${period} ${key}`).toBe(att.present);
        expect(row.attendance.rate).toBe(att.expected ? Math.round((1000 * att.present) / att.expected) / 10 : null);
        expect(row.incomplete, `${period} ${key}`).toBe(specs.reduce((n, s) => n + gapsOf(s), 0));
        const absentees = specs.flatMap((s) => (s.att ?? []).filter((x) => (x.expected ?? 1) === 1 && (x.status === 'leave' || x.status === 'absent')));
        const problemLines = specs.reduce((n, s) => {
          const abs = (s.att ?? []).filter((x) => (x.expected ?? 1) === 1 && (x.status === 'leave' || x.status === 'absent'));
          return n + (abs.some((x) => !x.reason) ? 1 : 0) + (abs.some((x) => !x.makeup) ? 1 : 0);
        }, 0);
        expect(row.absenteeProblems, `${period} ${key}`).toBe(problemLines);
        expect(absentees.length).toBeGreaterThanOrEqual(0);
      }
      expect(body.summary.problems).toBe(body.problems.length);
    }
  });

  it('the current quarter: lights, silence and the 问题清单 lines with links', async () => {
    const body = await compliance('2026-Q4');
    const byKey = (k: string) => body.orgs.find((o) => o.orgId === orgs[k]!.id)!;
    // A: nothing missing (October held, November 进行中, Q4 党员大会 held) but 5 of 8 present and gaps → yellow.
    expect(byKey('A')).toMatchObject({ light: 'yellow', silent: false, lastHeldOn: '2026-11-10', attendance: { expected: 8, present: 5, rate: 62.5, belowThreshold: true } });
    expect(byKey('G')).toMatchObject({ light: 'yellow', silent: false, incomplete: 1 });
    // B: October's 主题党日 and 支委会 missing, and nothing since 20 September → red.
    expect(byKey('B')).toMatchObject({ light: 'red', silent: true, lastHeldOn: '2026-09-20' });
    expect(body.summary).toMatchObject({ red: 1, yellow: 2, green: 0 });
    const lines = body.problems.map((p) => [p.orgId, p.type, p.message]);
    const congress = actIds.get(SPECS.find((s) => s.kind === 'partyCongress' && s.on === '2026-11-10')!)!;
    const october = actIds.get(SPECS.find((s) => s.on === '2026-10-20')!)!;
    expect(lines).toEqual(expect.arrayContaining([
      [orgs.B!.id, 'missing', '2026年10月未召开主题党日'],
      [orgs.B!.id, 'missing', '2026年10月未召开支委会'],
      [orgs.B!.id, 'silent', '30 天内没有组织生活记录（最近一次：2026-09-20）'],
      [orgs.A!.id, 'lowAttendance', '出勤率 62.5%，低于 85%（应到 8 人次，实到 5 人次）'],
      [orgs.A!.id, 'absentNoReason', `《合规测试第一党支部themeDay2026-10-20》请假或缺席未填写原因：${memberNames[3]}`],
      [orgs.A!.id, 'absentNoMakeup', `《合规测试第一党支部themeDay2026-10-20》请假或缺席人员未补课：${memberNames[3]}`],
      [orgs.A!.id, 'absentNoMakeup', `《合规测试第一党支部partyCongress2026-11-10》请假或缺席人员未补课：${memberNames[2]}`],
      [orgs.A!.id, 'noMinutes', '《合规测试第一党支部partyCongress2026-11-10》没有会议记录'],
      [orgs.G!.id, 'noSignIn', '《合规测试第一党小组groupMeeting2026-10-15》没有签到记录'],
    ]));
    expect(body.problems).toHaveLength(9);
    expect(body.problems.find((p) => p.type === 'noMinutes')).toMatchObject({ activityId: congress, link: `/org-life?id=${congress}`, kind: 'partyCongress' });
    expect(body.problems.find((p) => p.type === 'absentNoReason')?.activityId).toBe(october);
    // Red lines come first within an organisation.
    const b = body.problems.filter((p) => p.orgId === orgs.B!.id);
    expect(b.every((p) => p.light === 'red')).toBe(true);
  });

  it('a list read again after a change made directly in SQL shows the change (kept lists follow the 组织生活 counter)', async () => {
    const congress = actIds.get(SPECS.find((s) => s.kind === 'partyCongress' && s.on === '2026-11-10')!)!;
    const types = async () => (await compliance('2026-Q4')).problems.filter((p) => p.activityId === congress).map((p) => [p.type, p.message]);
    const before = await types();
    expect(before).toContainEqual(['noMinutes', '《合规测试第一党支部partyCongress2026-11-10》没有会议记录']);
    expect(await types()).toEqual(before); // a kept list, the same answer

    const db = t.platform.db;
    await db.updateTable('org_life_activities').set({ minutes: '补记的会议记录' }).where('id', '=', congress).execute();
    expect((await types()).map(([type]) => type)).not.toContain('noMinutes');

    const staff = await db.selectFrom('staff').select(['id', 'name']).where('name', '=', memberNames[2]!).executeTakeFirstOrThrow();
    await db.updateTable('staff').set({ name: '改名测试' }).where('id', '=', staff.id).execute();
    expect(await types()).toContainEqual(['absentNoMakeup', '《合规测试第一党支部partyCongress2026-11-10》请假或缺席人员未补课：改名测试']);

    await db.updateTable('org_life_attendance').set({ makeup_on: '2026-11-20' }).where('activity_id', '=', congress).where('status', 'in', ['leave', 'absent']).where('makeup_on', 'is', null).execute();
    expect(await types()).toEqual([]);

    await db.updateTable('org_life_attendance').set({ makeup_on: null }).where('activity_id', '=', congress).where('makeup_on', '=', '2026-11-20').execute();
    await db.updateTable('staff').set({ name: staff.name }).where('id', '=', staff.id).execute();
    await db.updateTable('org_life_activities').set({ minutes: '' }).where('id', '=', congress).execute();
    expect(await types()).toEqual(before);
  });

  it('scope, defaults, refusals and the spreadsheet', async () => {
    // zb1 reads only 机关第一党支部: the default organisation is theirs, the test 党总支 is out of scope.
    const zb1 = await t.login('zb1');
    const mine = await t.call('GET', '/api/v1/org-life/compliance', { cookie: zb1 });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ org: { name: '机关第一党支部' }, period: { code: '2026-Q4', label: '2026年第4季度' } });
    expect((await t.call('GET', `/api/v1/org-life/compliance?orgId=${orgs.P!.id}`, { cookie: zb1 })).statusCode).toBe(404);
    const dangwei = await t.login('dangwei');
    const all = await t.call('GET', '/api/v1/org-life/compliance', { cookie: dangwei });
    expect(all.json().org.name).toBe('社区党委');
    for (const bad of ['2026-13', '2026Q4', 'last']) {
      const res = await t.call('GET', `/api/v1/org-life/compliance?period=${bad}`, { cookie: dangwei });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ message: '周期格式应为 YYYY、YYYY-H1、YYYY-Q1 或 YYYY-MM', fields: { period: '周期格式应为 YYYY、YYYY-H1、YYYY-Q1 或 YYYY-MM' } });
    }
    // dy1 (role 党员: sign-in only) may not read compliance.
    expect((await t.call('GET', '/api/v1/org-life/compliance', { cookie: await t.login('dy1') })).statusCode).toBe(403);
    const xlsx = await t.call('GET', `/api/v1/org-life/compliance?orgId=${orgs.P!.id}&period=2026-Q4&format=xlsx`, { cookie: dangwei });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the daily job warns the secretary of a red organisation once a month', async () => {
    const warnings = () => t.platform.db.selectFrom('notifications as n').innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'n.tenant_id').onRef('u.id', '=', 'n.user_id'))
      .select(['u.username', 'n.title', 'n.body', 'n.link', 'n.dedupe_key']).where('n.kind', '=', 'orgLife.warning').where('n.dedupe_key', 'like', `%${orgs.B!.id}%`).execute();
    await t.platform.jobs.runDue(new Date('2026-11-27T02:00:00Z')); // 10:00 Shanghai, after 08:30
    await t.platform.jobs.runDue(new Date('2026-11-28T02:00:00Z')); // the next day: same month, nothing new
    const sent = await warnings();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ username: 'zb2', dedupe_key: `orgLife.warning:${orgs.B!.id}:2026-11`, link: `/org-life/compliance?orgId=${orgs.B!.id}&period=2026-10` });
    // October: 主题党日 and 支委会 not held; and silent.
    expect(sent[0]!.title).toBe('组织生活预警：合规测试新建党支部有 3 项未按规定开展');
    expect(sent[0]!.body).toContain('2026年10月未召开主题党日');
    expect(sent[0]!.body).toContain('30 天内没有组织生活记录');
    // A is not red for October: no warning keyed to it.
    const a = await t.platform.db.selectFrom('notifications').select('id').where('dedupe_key', 'like', `orgLife.warning:${orgs.A!.id}:%`).execute();
    expect(a).toHaveLength(0);
  });

  it('metrics equal the same counts over organisation subtrees', async () => {
    const ctx = { db: t.platform.db, dialect: t.dialect, tenantId, period: { from: '2026-01-01', to: '2026-12-31' }, targetIds: ['P', 'A', 'G', 'B'].map((k) => orgs[k]!.id) };
    const obj = (m: Map<string, number>) => Object.fromEntries(['P', 'A', 'G', 'B'].filter((k) => m.has(orgs[k]!.id)).map((k) => [k, m.get(orgs[k]!.id)]));
    // Met / required units from the frequency test: A 14/18, G 1/10, B 1/10 (P = all three, A = A + G).
    const pct = (n: number, d: number) => Math.round((1000 * n) / d) / 10;
    expect(obj(await t.platform.metrics.compute('orgLife.requiredHeldRatio', ctx))).toEqual({ P: pct(16, 38), A: pct(15, 28), G: pct(1, 10), B: pct(1, 10) });
    const att = (keys: string[]) => attendanceOf(counted(keys, '2026-01-01', '2026-12-31'));
    const rateOf = (keys: string[]) => { const a = att(keys); return pct(a.present, a.expected); };
    expect(obj(await t.platform.metrics.compute('orgLife.attendanceRate', ctx))).toEqual({ P: rateOf(['A', 'G', 'B']), A: rateOf(['A', 'G']), G: rateOf(['G']), B: rateOf(['B']) });
    const incomplete = (keys: string[]) => counted(keys, '2026-01-01', '2026-12-31').filter((s) => gapsOf(s) > 0).length;
    expect(obj(await t.platform.metrics.compute('orgLife.incompleteRecords', ctx))).toEqual({ P: incomplete(['A', 'G', 'B']), A: incomplete(['A', 'G']), G: incomplete(['G']), B: incomplete(['B']) });
    expect(t.platform.metrics.list().filter((m) => m.key.startsWith('orgLife.')).map((m) => m.key)).toEqual(['orgLife.attendanceRate', 'orgLife.incompleteRecords', 'orgLife.requiredHeldRatio']);
  });
});
