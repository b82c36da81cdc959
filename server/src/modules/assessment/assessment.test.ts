// 量化考核 core through HTTP: scheme validation, the round wizard, sheets (assignment, ranges, submit, reopen),
// scope, frozen automatic scores equal to values worked out by hand from constructed rows, scheme versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import type { AttendanceStatus } from '../orgLife/tables.js';

let t: TestApp;
let tenantId: string;
let admin: string;
let kaohe: string;
let zb1: string;
let shenhe: string;
const users = new Map<string, string>();
let unitId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.platform.db;
  for (const u of await db.selectFrom('users').select(['id', 'username', 'tenant_id']).execute()) users.set(u.username, u.id);
  tenantId = (await db.selectFrom('organisations').select('tenant_id').executeTakeFirstOrThrow()).tenant_id;
  unitId = (await db.selectFrom('units').select('id').where('name', '=', '党群部').executeTakeFirstOrThrow()).id;
  [admin, kaohe, zb1, shenhe] = await Promise.all([t.login('dangwei'), t.login('kaohe'), t.login('zb1'), t.login('shenhe')]);
});
afterAll(async () => {
  await t.close();
});

const tree = (over: Record<string, unknown> = {}) => [
  {
    id: 'life', name: '组织生活', maxScore: 20, criteria: '', mode: 'manual', children: [
      { id: 'att', name: '出勤率', maxScore: 10, criteria: '按出勤率计分', mode: 'auto', metricKey: 'orgLife.attendanceRate', rule: { type: 'linear', from: 60, to: 100 } },
      { id: 'ontime', name: '督办按时完成', maxScore: 10, criteria: '', mode: 'auto', metricKey: 'task.onTimeRate', rule: { type: 'bands', bands: [{ min: 90, score: 10 }, { min: 50, score: 5 }] } },
    ],
  },
  { id: 'work', name: '支部工作', maxScore: 10, criteria: '对照台账评分', mode: 'manual', evidenceIndicatorId: 'att' },
  { id: 'pub', name: '宣传思想', maxScore: 5, criteria: '党群部评分', mode: 'manual', scorer: { kind: 'unit', unitId } },
  ...Object.keys(over).length ? [over] : [],
];

async function newScheme(body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/assessment/schemes', { cookie: admin, body: { name: `测试方案${newId().slice(-6)}`, targetType: 'org', periodType: 'month', indicators: tree(), ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; totalScore: number };
}

async function openRound(schemeId: string, body: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/api/v1/assessment/rounds', {
    cookie: admin,
    body: { schemeId, period: '2022-06', rootOrgId: await t.orgId('社区党委'), deadline: '2022-07-10', assessorUserId: users.get('kaohe'), unitScorers: [{ unitId, userId: users.get('shenhe') }], ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; targets: { targetId: string; targetName: string }[]; periodLabel: string; periodFrom: string; periodTo: string; schemeVersion: number; status: string };
}

describe(`量化考核 schemes ${dialectLabel()}`, () => {
  it('a valid tree is stored with its total; the catalogue lists the registered metrics', async () => {
    const s = await newScheme();
    expect(s.totalScore).toBe(35);
    expect(s.version).toBe(1);
    const metrics = (await t.call('GET', '/api/v1/assessment/metrics', { cookie: kaohe })).json() as { items: { key: string }[] };
    expect(metrics.items.map((m) => m.key)).toEqual(expect.arrayContaining(['orgLife.attendanceRate', 'task.onTimeRate', 'info.published']));
  });

  it('refuses bad trees with a Chinese message naming the indicator, and stores nothing', async () => {
    const before = (await t.call('GET', '/api/v1/assessment/schemes', { cookie: admin })).json().items.length as number;
    const cases: [unknown[], string, string?][] = [
      [[{ name: '空指标', maxScore: 0, mode: 'manual' }], '指标“空指标”的分值应大于 0'],
      [[{ name: '组织生活', maxScore: 15, mode: 'manual', children: [{ name: '会议', maxScore: 10, mode: 'manual' }, { name: '活动', maxScore: 10, mode: 'manual' }] }], '指标“组织生活”的分值应等于下级指标分值之和（20 分）'],
      [[{ name: '党建', maxScore: 10, mode: 'manual', children: [{ name: '数据', maxScore: 10, mode: 'auto', metricKey: 'nope.metric', rule: { type: 'linear', from: 0, to: 1 } }] }], '指标“党建/数据”的数据指标“nope.metric”不存在'],
      [[{ name: '出勤', maxScore: 10, mode: 'auto', metricKey: 'orgLife.attendanceRate' }], '指标“出勤”是自动评分指标，请设置计分规则'],
      [[{ name: '出勤', maxScore: 10, mode: 'auto', rule: { type: 'linear', from: 0, to: 1 } }], '指标“出勤”是自动评分指标，请选择数据指标'],
      [[{ name: '出勤', maxScore: 10, mode: 'auto', metricKey: 'orgLife.attendanceRate', rule: { type: 'linear', from: 50, to: 50 } }], '指标“出勤”的线性规则中零分值与满分值不能相同'],
      [[{ name: '信息', maxScore: 10, mode: 'auto', metricKey: 'info.published', rule: { type: 'bands', bands: [{ min: 1, score: 12 }] } }], '指标“信息”的分档得分应在 0–10 分之间'],
      [[{ name: '出勤', maxScore: 10, mode: 'auto', metricKey: 'orgLife.attendanceRate', rule: { type: 'linear', from: 60, to: 100 } }], '指标“出勤”的数据指标“组织生活出勤率”不适用于考核对象“党员”', 'member'],
      [[{ name: '作用', maxScore: 10, mode: 'manual', evidenceIndicatorId: 'x' }], '指标“作用”的佐证指标应为本方案中的自动评分指标'],
      [[{ name: '宣传', maxScore: 10, mode: 'manual', scorer: { kind: 'unit', unitId: 'no-such-unit' } }], '指标“宣传”的责任单位不存在'],
    ];
    for (const [indicators, message, targetType] of cases) {
      const res = await t.call('POST', '/api/v1/assessment/schemes', { cookie: admin, body: { name: '坏方案', targetType: targetType ?? 'org', periodType: 'month', indicators } });
      expect(res.statusCode, message).toBe(400);
      expect(res.json().error.message).toBe(message);
      expect(res.json().error.fields.indicators).toContain(message);
    }
    const noName = await t.call('POST', '/api/v1/assessment/schemes', { cookie: admin, body: { name: '', targetType: 'org', periodType: 'month', indicators: tree() } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields.name).toContain('请填写方案名称');
    expect((await t.call('GET', '/api/v1/assessment/schemes', { cookie: admin })).json().items.length).toBe(before);
  });

  it('only the committee manager writes schemes (a secretary gets 403; an assessor may read)', async () => {
    const res = await t.call('POST', '/api/v1/assessment/schemes', { cookie: zb1, body: { name: '支部自定方案', targetType: 'org', periodType: 'month', indicators: tree() } });
    expect(res.statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/assessment/schemes', { cookie: kaohe })).statusCode).toBe(200);
  });
});

describe(`量化考核 rounds and sheets ${dialectLabel()}`, () => {
  it('the wizard opens a round for every branch of the subtree with assessor and unit sheets', async () => {
    const s = await newScheme();
    const r = await openRound(s.id);
    expect(r.periodLabel).toBe('2022年6月');
    expect([r.periodFrom, r.periodTo]).toEqual(['2022-06-01', '2022-06-30']);
    expect(r.targets.map((x) => x.targetName)).toEqual(expect.arrayContaining(['机关第一党支部', '离退休第二党支部']));
    expect(r.targets).toHaveLength(6);
    const sheets = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: admin })).json().items as { kind: string; assessorName: string }[];
    expect(sheets.filter((x) => x.kind === 'assessor')).toHaveLength(6);
    // The unit scorer (shenhe) is shown by the account's name: the employee it is linked to in the demo.
    const shenheName = (await t.platform.db.selectFrom('users').select('display_name').where('username', '=', 'shenhe').executeTakeFirstOrThrow()).display_name;
    expect(sheets.filter((x) => x.kind === 'unit').every((x) => x.assessorName === shenheName)).toBe(true);

    const general = await openRound(s.id, { rootOrgId: await t.orgId('机关党总支'), period: '2026-Q4', deadline: '2027-01-10' });
    expect(general.periodLabel).toBe('2026年第4季度');
    expect(general.targets.map((x) => x.targetName).sort()).toEqual(['机关第一党支部', '机关第二党支部'].sort());
  });

  it('offers as assessors the accounts that may score near the organisation, to the round manager only', async () => {
    const branch1 = await t.orgId('机关第一党支部');
    const res = await t.call('GET', `/api/v1/assessment/assessors?orgId=${branch1}`, { cookie: admin });
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as { username: string }[]).map((u) => u.username).sort();
    // 考核员 over the committee, the branch's 书记, 委员 and the 党小组长 inside it; not the 党员, the 三员 or the 审核员.
    expect(names).toEqual(['kaohe', 'weiyuan', 'xz1', 'zb1']);
    expect((await t.call('GET', `/api/v1/assessment/assessors?orgId=${branch1}`, { cookie: zb1 })).statusCode).toBe(403);
  });

  it('refuses a round without a unit scorer, with a bad period, or outside the manager scope', async () => {
    const s = await newScheme();
    const count = async () => (await t.call('GET', '/api/v1/assessment/rounds', { cookie: admin })).json().items.length as number;
    const before = await count();
    const root = await t.orgId('社区党委');
    const noUnit = await t.call('POST', '/api/v1/assessment/rounds', { cookie: admin, body: { schemeId: s.id, period: '2022-06', rootOrgId: root, deadline: '2022-07-10' } });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields.unitScorers).toBe('请为责任单位“党群部”指定评分人');
    const badPeriod = await t.call('POST', '/api/v1/assessment/rounds', { cookie: admin, body: { schemeId: s.id, period: '2022-13', rootOrgId: root, deadline: '2022-07-10', unitScorers: [{ unitId, userId: users.get('shenhe') }] } });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().error.fields.period).toBeTruthy();
    const bySecretary = await t.call('POST', '/api/v1/assessment/rounds', { cookie: zb1, body: { schemeId: s.id, period: '2022-06', rootOrgId: root, deadline: '2022-07-10' } });
    expect(bySecretary.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('an assessor cannot open a sheet not assigned to them (404); the assigned one saves, is held to 0..max, submits', async () => {
    const s = await newScheme();
    const r = await openRound(s.id, { period: '2022-05', deadline: '2022-06-10' });
    const mine = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: kaohe })).json().items as { id: string; kind: string; targetName: string }[];
    expect(mine.length).toBe(6);
    expect(mine.every((x) => x.kind === 'assessor')).toBe(true);
    const unitSheet = ((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: admin })).json().items as { id: string; kind: string }[]).find((x) => x.kind === 'unit')!;
    expect((await t.call('GET', `/api/v1/assessment/sheets/${unitSheet.id}`, { cookie: kaohe })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/v1/assessment/sheets/${unitSheet.id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'pub', score: 5 }] } })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/assessment/sheets/${mine[0]!.id}`, { cookie: shenhe })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/assessment/sheets/${mine[0]!.id}`, { cookie: zb1 })).statusCode).toBe(404);

    const id = mine[0]!.id;
    const detail = (await t.call('GET', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe })).json();
    expect(detail.lines.map((l: { indicatorId: string }) => l.indicatorId)).toEqual(['work']);
    expect(detail.lines[0].evidence.metricKey).toBe('orgLife.attendanceRate');
    expect(detail.lines[0].evidence.frozen).toBe(false);
    expect(detail.autoLines.map((l: { indicatorId: string }) => l.indicatorId)).toEqual(['att', 'ontime']);

    const over = await t.call('PATCH', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'work', score: 10.5 }] } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toBe('“支部工作”的得分应在 0–10 分之间');
    const foreign = await t.call('PATCH', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'pub', score: 1 }] } });
    expect(foreign.statusCode).toBe(400);
    const empty = await t.call('POST', `/api/v1/assessment/sheets/${id}/submit`, { cookie: kaohe });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('还有 1 项指标未评分：支部工作');

    const saved = await t.call('PATCH', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'work', score: 8.5, note: '台账齐全' }] } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().total).toBe(8.5);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${r.id}`, { cookie: admin })).json().status).toBe('scoring');
    const submitted = await t.call('POST', `/api/v1/assessment/sheets/${id}/submit`, { cookie: kaohe });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const again = await t.call('PATCH', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'work', score: 2 }] } });
    expect(again.statusCode).toBe(409);
    expect((await t.call('GET', `/api/v1/assessment/sheets/${id}`, { cookie: kaohe })).json().lines[0].score).toBe(8.5);
    expect((await t.call('POST', `/api/v1/assessment/sheets/${id}/reopen`, { cookie: kaohe })).statusCode).toBe(403);
    const reopened = await t.call('POST', `/api/v1/assessment/sheets/${id}/reopen`, { cookie: admin });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('draft');
    const progress = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}`, { cookie: admin })).json();
    expect([progress.sheetsSubmitted, progress.sheetsTotal]).toEqual([0, 12]);
    const mySheets = (await t.call('GET', '/api/v1/assessment/sheets?active=true', { cookie: kaohe })).json().items as { id: string }[];
    expect(mySheets.some((x) => x.id === id)).toBe(true);
  });

  it('a branch secretary sees only the rounds and targets that concern them', async () => {
    const s = await newScheme();
    const all = await openRound(s.id, { period: '2022-04', deadline: '2022-05-10' });
    const other = await openRound(s.id, { period: '2022-04', deadline: '2022-05-10', rootOrgId: await t.orgId('物业党总支') });
    const list = (await t.call('GET', '/api/v1/assessment/rounds', { cookie: zb1 })).json().items as { id: string; targetCount: number }[];
    expect(list.find((x) => x.id === all.id)?.targetCount).toBe(1);
    expect(list.some((x) => x.id === other.id)).toBe(false);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${other.id}`, { cookie: zb1 })).statusCode).toBe(404);
    const detail = (await t.call('GET', `/api/v1/assessment/rounds/${all.id}`, { cookie: zb1 })).json();
    expect(detail.targets.map((x: { targetName: string }) => x.targetName)).toEqual(['机关第一党支部']);
    expect(detail.can.manage).toBe(false);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${all.id}/sheets`, { cookie: zb1 })).json().items).toEqual([]);
    expect((await t.call('POST', `/api/v1/assessment/rounds/${all.id}/start-review`, { cookie: zb1 })).statusCode).toBe(403);
  });

  it('a round keeps its scheme version after the scheme is edited', async () => {
    const s = await newScheme();
    const r = await openRound(s.id, { period: '2022-03', deadline: '2022-04-10' });
    const edited = await t.call('PATCH', `/api/v1/assessment/schemes/${s.id}`, {
      cookie: admin, body: { indicators: [...tree(), { id: 'extra', name: '新增指标', maxScore: 5, criteria: '', mode: 'manual' }] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect(edited.json().totalScore).toBe(40);
    const renamed = await t.call('PATCH', `/api/v1/assessment/schemes/${s.id}`, { cookie: admin, body: { name: '改名的方案' } });
    expect(renamed.json().version).toBe(2);
    const round = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}`, { cookie: admin })).json();
    expect(round.schemeVersion).toBe(1);
    expect(round.indicators.map((i: { id: string }) => i.id)).toEqual(['life', 'work', 'pub']);
    const sheet = ((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: kaohe })).json().items as { id: string }[])[0]!;
    expect((await t.call('GET', `/api/v1/assessment/sheets/${sheet.id}`, { cookie: kaohe })).json().lines.map((l: { indicatorId: string }) => l.indicatorId)).toEqual(['work']);
    const next = await openRound(s.id, { period: '2022-02', deadline: '2022-03-10' });
    expect(next.schemeVersion).toBe(2);
  });
});

describe(`量化考核 automatic indicators ${dialectLabel()}`, () => {
  it('frozen values and scores equal those computed here from constructed 组织生活 and 督办 rows', async () => {
    const db = t.platform.db;
    const a = await t.orgId('机关第一党支部');
    const b = await t.orgId('机关第二党支部');
    const path = async (id: string) => (await db.selectFrom('organisations').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const membersOf = async (org: string) => (await db.selectFrom('members').select('id').where('branch_id', '=', org).where('status', '=', 'active').orderBy('id').limit(5).execute()).map((m) => m.id);
    const at = '2022-01-01T00:00:00.000Z';
    // [org, status, deleted, [attendance statuses]]
    const acts: [string, 'held' | 'planned', boolean, AttendanceStatus[]][] = [
      [a, 'held', false, ['present', 'present', 'present', 'present', 'absent']],
      [a, 'held', false, ['present', 'present', 'leave', 'absent']],
      [a, 'planned', false, ['unmarked', 'unmarked', 'unmarked']],
      [a, 'held', true, ['absent', 'absent']],
      [b, 'held', false, ['present', 'present', 'present']],
    ];
    const expectedRate = new Map<string, { present: number; expected: number }>();
    for (const [org, status, deleted, marks] of acts) {
      const id = newId();
      await db.insertInto('org_life_activities').values({
        tenant_id: tenantId, id, org_id: org, org_path: await path(org), kind: 'branchCommittee', title: '测试会议', theme_id: null, status,
        starts_at: '2022-06-10T01:00:00.000Z', ends_at: '2022-06-10T02:00:00.000Z', starts_on: '2022-06-10', place: '', host_name: '', recorder_name: '', lecturer_name: '',
        agenda: '', minutes: '记录', decisions: '', votes: '[]', allow_visitors: 0, created_by: null, created_at: at, updated_by: null, updated_at: at,
        held_at: status === 'held' ? at : null, archived_at: null, deleted_at: deleted ? at : null,
      }).execute();
      const members = await membersOf(org);
      await db.insertInto('org_life_attendance').values(marks.map((m, i) => ({
        tenant_id: tenantId, activity_id: id, member_id: members[i]!, expected: 1, status: m, reason: null, signed_in_at: null, method: null, makeup_on: null,
        makeup_note: null, updated_by: null, updated_at: at,
      }))).execute();
      if (status === 'held' && !deleted) {
        const e = expectedRate.get(org) ?? { present: 0, expected: 0 };
        expectedRate.set(org, { present: e.present + marks.filter((m) => m === 'present').length, expected: e.expected + marks.length });
      }
    }
    // [owner org, due, closed on]
    const tasks: [string, string, string | null, boolean][] = [
      [a, '2022-06-15', '2022-06-14', false], [a, '2022-06-20', '2022-06-25', false], [a, '2022-06-20', null, false], [a, '2022-06-05', '2022-06-01', true],
      [b, '2022-06-30', '2022-06-30', false], [b, '2022-07-02', null, false],
    ];
    const onTime = new Map<string, { hit: number; n: number }>();
    for (const [org, due, closed, deleted] of tasks) {
      await db.insertInto('tasks').values({
        tenant_id: tenantId, id: newId(), title: '考核测试任务', description: '', kind: 'temporary', status: closed ? 'closed' : 'inProgress', source_kind: 'manual',
        source_id: null, source_link: null, source_label: null, issuer_id: users.get('dangwei')!, issuing_org_id: await t.orgId('社区党委'), owner_org_id: org,
        owner_id: users.get('zb1')!, programme_id: null, start_on: '2022-06-01', due_on: due, done_standard: '完成', percent: closed ? 100 : 50, return_count: 0,
        accepted_at: at, completion_reported_at: closed ? at : null, closed_at: closed ? `${closed}T08:00:00.000Z` : null, closed_on: closed, created_at: at, updated_at: at,
        deleted_at: deleted ? at : null,
      }).execute();
      if (deleted || due > '2022-06-30') continue;
      const e = onTime.get(org) ?? { hit: 0, n: 0 };
      onTime.set(org, { hit: e.hit + (closed !== null && closed <= due ? 1 : 0), n: e.n + 1 });
    }
    const pct = (n: number, d: number) => Math.round((1000 * n) / d) / 10;
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const want = new Map<string, { att: number; attScore: number; on: number; onScore: number }>();
    for (const org of [a, b]) {
      const att = pct(expectedRate.get(org)!.present, expectedRate.get(org)!.expected);
      const on = pct(onTime.get(org)!.hit, onTime.get(org)!.n);
      want.set(org, { att, attScore: r1(Math.min(10, Math.max(0, (10 * (att - 60)) / 40))), on, onScore: on >= 90 ? 10 : on >= 50 ? 5 : 0 });
    }
    expect(want.get(a)).toEqual({ att: 66.7, attScore: 1.7, on: 33.3, onScore: 0 });
    expect(want.get(b)).toEqual({ att: 100, attScore: 10, on: 100, onScore: 10 });

    const s = await newScheme();
    const r = await openRound(s.id, { period: '2022-06', deadline: '2022-07-10' });
    // Before review the sheet shows the live evidence beside the manual leaf.
    const sheetA = ((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: kaohe })).json().items as { id: string; targetId: string }[]).find((x) => x.targetId === a)!;
    const live = (await t.call('GET', `/api/v1/assessment/sheets/${sheetA.id}`, { cookie: kaohe })).json();
    expect(live.lines[0].evidence).toMatchObject({ value: 66.7, score: 1.7, frozen: false });

    const res = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/start-review`, { cookie: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('review');
    const frozen = await db.selectFrom('assessment_auto_scores').selectAll().where('round_id', '=', r.id).execute();
    expect(frozen).toHaveLength(6 * 2);
    for (const org of [a, b]) {
      const w = want.get(org)!;
      const att = frozen.find((f) => f.target_id === org && f.indicator_id === 'att')!;
      const on = frozen.find((f) => f.target_id === org && f.indicator_id === 'ontime')!;
      expect([Number(att.metric_value), Number(att.score)]).toEqual([w.att, w.attScore]);
      expect([Number(on.metric_value), Number(on.score)]).toEqual([w.on, w.onScore]);
    }
    expect(frozen.find((f) => f.target_id === a && f.indicator_id === 'att')!.formula).toBe('组织生活出勤率 66.7%，线性 60%→0 分、100%→10 分，得 1.7 分');
    // Branches with nothing to count score 0 and say so.
    const idle = frozen.find((f) => f.target_id === r.targets.find((x) => x.targetName === '离退休第二党支部')!.targetId && f.indicator_id === 'att')!;
    expect([idle.metric_value, Number(idle.score)]).toEqual([null, 0]);
    expect(idle.formula).toContain('无数据');

    // Later data does not move frozen scores; the sheet shows the frozen evidence.
    await db.updateTable('org_life_attendance').set({ status: 'present' }).where('tenant_id', '=', tenantId).where('status', '=', 'absent').execute();
    const after = (await t.call('GET', `/api/v1/assessment/sheets/${sheetA.id}`, { cookie: kaohe })).json();
    expect(after.lines[0].evidence).toMatchObject({ value: 66.7, score: 1.7, frozen: true });
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/start-review`, { cookie: admin })).statusCode).toBe(409);
  });
});

describe(`量化考核 life cycle and demo ${dialectLabel()}`, () => {
  it('the demo round being scored gives kaohe 待评分 items and draft sheets; published demo rounds have frozen automatic scores', async () => {
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: kaohe })).json() as { items: { kind: string; link: string; due?: string }[]; kinds: { kind: string; count: number }[] };
    const mine = todos.items.filter((i) => i.kind === 'assessment.sheet');
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(mine[0]!.link).toMatch(/^\/assessment\/sheets\?id=/);
    const open = (await t.call('GET', '/api/v1/assessment/rounds?status=scoring', { cookie: kaohe })).json().items as { id: string; name: string }[];
    expect(open.map((r) => r.name)).toContain('支部党建工作月度考核（2026年11月）');
    const sheets = (await t.call('GET', '/api/v1/assessment/sheets?active=true&status=draft', { cookie: kaohe })).json().items as { roundName: string }[];
    expect(sheets.some((s) => s.roundName === '支部党建工作月度考核（2026年11月）')).toBe(true);
    const published = (await t.call('GET', '/api/v1/assessment/rounds?status=published', { cookie: admin })).json().items as { id: string }[];
    expect(published.length).toBe(4);
    const frozen = await t.platform.db.selectFrom('assessment_auto_scores').select('round_id').where('round_id', 'in', published.map((r) => r.id)).execute();
    expect(frozen.length).toBe(3 * 6 * 4);
    // zb1 (no assessment.score sheets in branch rounds) gets no 待评分 from those; the member round's sheets were all submitted.
    const zbTodos = (await t.call('GET', '/api/v1/todos', { cookie: zb1 })).json() as { items: { kind: string }[] };
    expect(zbTodos.items.filter((i) => i.kind === 'assessment.sheet')).toEqual([]);
  });

  it('a published round locks its sheets; review can go back to scoring; unpublished rounds can be deleted', async () => {
    const s = await newScheme();
    const r = await openRound(s.id, { period: '2022-01', deadline: '2022-02-10' });
    const sheet = ((await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: kaohe })).json().items as { id: string }[])[0]!;
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/back-to-scoring`, { cookie: admin })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/assessment/rounds/${r.id}/start-review`, { cookie: admin })).statusCode).toBe(200);
    // Drafts can still be finished during review.
    const saved = await t.call('PATCH', `/api/v1/assessment/sheets/${sheet.id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'work', score: 6 }] } });
    expect(saved.statusCode, saved.body).toBe(200);
    const back = await t.call('POST', `/api/v1/assessment/rounds/${r.id}/back-to-scoring`, { cookie: admin });
    expect(back.json().status).toBe('scoring');
    expect(await t.platform.db.selectFrom('assessment_auto_scores').select('round_id').where('round_id', '=', r.id).execute()).toEqual([]);

    await t.platform.db.updateTable('assessment_rounds').set({ status: 'published', published_at: '2022-02-20T00:00:00.000Z' }).where('id', '=', r.id).execute();
    const locked = await t.call('PATCH', `/api/v1/assessment/sheets/${sheet.id}`, { cookie: kaohe, body: { scores: [{ indicatorId: 'work', score: 9 }] } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toBe('考核结果已发布，修改须走更正程序');
    expect((await t.call('POST', `/api/v1/assessment/sheets/${sheet.id}/submit`, { cookie: kaohe })).statusCode).toBe(409);
    expect((await t.call('GET', `/api/v1/assessment/sheets/${sheet.id}`, { cookie: kaohe })).json()).toMatchObject({ total: 6, can: { edit: false, submit: false } });
    expect((await t.call('DELETE', `/api/v1/assessment/rounds/${r.id}`, { cookie: admin })).statusCode).toBe(409);

    const gone = await openRound(s.id, { period: '2021-12', deadline: '2022-01-10' });
    expect((await t.call('DELETE', `/api/v1/assessment/rounds/${gone.id}`, { cookie: admin })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/v1/assessment/rounds/${gone.id}`, { cookie: admin })).statusCode).toBe(404);
  });

  it('a member scheme with self-assessment gives each member with an account a self sheet', async () => {
    const res = await t.call('POST', '/api/v1/assessment/schemes', {
      cookie: admin, body: { name: '党员测试方案', targetType: 'member', periodType: 'quarter', indicators: [{ name: '政治学习', maxScore: 50, mode: 'manual' }, { name: '作用发挥', maxScore: 50, mode: 'manual' }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = await openRound(res.json().id, { period: '2022-Q1', deadline: '2022-04-10', rootOrgId: await t.orgId('机关第一党支部'), assessorUserId: users.get('zb1'), unitScorers: [], selfAssessment: true });
    const active = await t.platform.db.selectFrom('members').select('id').where('branch_id', '=', await t.orgId('机关第一党支部')).where('status', '=', 'active').where('deleted_at', 'is', null).execute();
    expect(r.targets).toHaveLength(active.length);
    const dy1 = await t.login('dy1');
    const own = (await t.call('GET', '/api/v1/assessment/sheets', { cookie: dy1 })).json().items as { kind: string; roundId: string }[];
    expect(own.filter((x) => x.roundId === r.id).map((x) => x.kind)).toEqual(['self']);
    const assessed = (await t.call('GET', `/api/v1/assessment/rounds/${r.id}/sheets`, { cookie: zb1 })).json().items as { kind: string }[];
    expect(assessed.filter((x) => x.kind === 'assessor')).toHaveLength(active.length);
  });
});
