// The yearly 台账: a real .docx (a zip whose word/document.xml holds the text) with every held record's title,
// its fields, votes with the pass rule and its attendance table; scope and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { unzip } from '../../test/unzip.js';

let t: TestApp;
let tenantId: string;
let branch: { id: string; path: string };
let group: { id: string; path: string };
const members: { id: string; name: string; type: string }[] = [];

interface Rec { org: 'branch' | 'group'; kind: string; title: string; on: string; status?: 'planned' | 'held' | 'archived'; votes?: unknown[]; host?: number; att: { m: number; status: string; reason?: string; makeup?: string; expected?: 0 | 1 }[] }
const RECS: Rec[] = [
  { org: 'branch', kind: 'partyCongress', title: '第一季度党员大会', on: '2025-03-12', votes: [{ motion: '接收张某为预备党员', yes: 3, no: 0, abstain: 0 }], att: [{ m: 0, status: 'present' }, { m: 1, status: 'present' }, { m: 2, status: 'present' }, { m: 3, status: 'leave', reason: '外出学习', makeup: '2025-03-15' }] },
  { org: 'branch', kind: 'themeDay', title: '三月主题党日：学雷锋志愿服务', on: '2025-03-05', att: [{ m: 0, status: 'present' }, { m: 1, status: 'absent', reason: '加班' }, { m: 4, expected: 0, status: 'visitor' }] },
  { org: 'group', kind: 'groupMeeting', title: '第一党小组四月学习会', on: '2025-04-08', status: 'archived', host: 5, att: [{ m: 2, status: 'present' }, { m: 3, status: 'present' }] },
  { org: 'branch', kind: 'partyLecture', title: '尚未召开的党课', on: '2025-06-01', status: 'planned', att: [] },
  { org: 'branch', kind: 'themeDay', title: '上一年度的主题党日', on: '2024-12-20', att: [] },
];

beforeAll(async () => {
  t = await createTestApp();
  const dangwei = await t.login('dangwei');
  const b = await t.call('POST', '/api/v1/orgs', { cookie: dangwei, body: { parentId: await t.orgId('社区党委'), kind: 'branch', name: '台账测试党支部', foundedOn: '2010-01-01' } });
  expect(b.statusCode, b.body).toBe(201);
  branch = b.json();
  const g = await t.call('POST', '/api/v1/orgs', { cookie: dangwei, body: { parentId: branch.id, kind: 'group', name: '台账测试党小组', foundedOn: '2010-01-01' } });
  group = g.json();
  const db = t.platform.db;
  const ms = await db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
    .select(['m.id', 'm.tenant_id', 'm.type', 's.name']).where('m.deleted_at', 'is', null).orderBy('m.id').limit(6).execute();
  tenantId = ms[0]!.tenant_id;
  members.push(...ms.map((m) => ({ id: m.id, name: m.name, type: m.type })));
  const at = '2025-01-01T00:00:00.000Z';
  for (const r of RECS) {
    const o = r.org === 'branch' ? branch : group;
    const id = newId();
    await db.insertInto('org_life_activities').values({
      tenant_id: tenantId, id, org_id: o.id, org_path: o.path, kind: r.kind, title: r.title, theme_id: null, status: r.status ?? 'held',
      starts_at: `${r.on}T01:30:00.000Z`, ends_at: `${r.on}T03:30:00.000Z`, starts_on: r.on, place: '社区党群服务中心', host_member_id: r.host === undefined ? null : members[r.host]!.id,
      host_name: r.host === undefined ? '王主持' : '', recorder_name: '李记录',
      lecturer_name: '', agenda: '一、学习文件\n二、讨论', minutes: `会议记录：${r.title}`, decisions: '形成决定', votes: JSON.stringify(r.votes ?? []), allow_visitors: 0,
      created_by: null, created_at: at, updated_by: null, updated_at: at, held_at: at, archived_at: null, deleted_at: null,
    }).execute();
    for (const a of r.att) {
      await db.insertInto('org_life_attendance').values({
        tenant_id: tenantId, activity_id: id, member_id: members[a.m]!.id, expected: a.expected ?? 1, status: a.status as 'present', reason: a.reason ?? null,
        signed_in_at: null, method: 'recorder', makeup_on: a.makeup ?? null, makeup_note: null, updated_by: null, updated_at: at,
      }).execute();
    }
  }
});
afterAll(async () => {
  await t?.close();
});

describe(`组织生活 台账 ${dialectLabel()}`, () => {
  it('is a valid .docx with each held record of the year, its fields and its attendance', async () => {
    const res = await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${branch.id}&year=2025`, { cookie: await t.login('dangwei') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('组织生活台账-台账测试党支部-2025'));
    const files = unzip(res.rawPayload);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain('台账测试党支部');
    expect(text).toContain('组织生活台账');
    expect(text).toContain('2025年度');
    expect(text).toContain('生成日期：2026-11-27');
    const held = RECS.filter((r) => r.on.startsWith('2025') && r.status !== 'planned');
    for (const r of held) {
      expect(text).toContain(r.title);
      expect(text).toContain(`会议记录：${r.title}`);
      for (const a of r.att) expect(text).toContain(members[a.m]!.name);
    }
    expect(text).not.toContain('尚未召开的党课');
    expect(text).not.toContain('上一年度的主题党日');
    // Contents by kind, in catalogue order, with the counts.
    expect(text.indexOf('党员大会（1 次）')).toBeGreaterThan(-1);
    expect(text.indexOf('党员大会（1 次）')).toBeLessThan(text.indexOf('党小组会（1 次）'));
    expect(text.indexOf('党小组会（1 次）')).toBeLessThan(text.indexOf('主题党日（1 次）'));
    // Attendance words, reasons and 补课; time in Beijing (01:30Z → 09:30).
    for (const w of ['出席', '请假', '缺席', '列席', '外出学习', '2025-03-15', '加班', '2025-03-12 09:30', '社区党群服务中心', '王主持', '李记录', '二、讨论']) expect(text).toContain(w);
    // Quorum 3 of 4 present; the vote: entitled = expected full members.
    // A host picked from the roster is named by the members module (member 5 is on no sheet).
    expect(text).toContain(`主持人：\n${members[5]!.name}`);
    expect(text).toContain('应到 4 人，实到 3 人，超过半数，符合法定人数');
    const entitled = RECS[0]!.att.filter((a) => (a.expected ?? 1) === 1 && members[a.m]!.type === 'full').length;
    expect(text).toContain(`接收张某为预备党员：有表决权 ${entitled} 人，赞成 3，反对 0，弃权 0，${3 * 2 > entitled ? '通过' : '未通过'}`);
    expect(files.get('word/styles.xml')!.toString('utf8')).toContain('SimSun');
  });

  it('refuses what is not a branch, a bad year, and organisations out of scope', async () => {
    const dangwei = await t.login('dangwei');
    const notBranch = await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${group.id}&year=2025`, { cookie: dangwei });
    expect(notBranch.statusCode).toBe(400);
    expect(notBranch.json().error).toMatchObject({ message: '台账按支部导出，请选择党支部', fields: { orgId: '台账按支部导出，请选择党支部' } });
    const badYear = await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${branch.id}&year=25`, { cookie: dangwei });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.message).toContain('年度');
    const missing = await t.call('GET', '/api/v1/org-life/ledger.docx', { cookie: dangwei });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('党支部');
    const zb1 = await t.login('zb1');
    expect((await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${branch.id}&year=2025`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${await t.orgId('机关第一党支部')}&year=2025`, { cookie: await t.login('dy1') })).statusCode).toBe(403);
    // Their own branch, a year with nothing: still a document that says so.
    const own = await t.call('GET', `/api/v1/org-life/ledger.docx?orgId=${await t.orgId('机关第一党支部')}&year=2019`, { cookie: zb1 });
    expect(own.statusCode).toBe(200);
    expect(unzip(own.rawPayload).get('word/document.xml')!.toString('utf8')).toContain('本年度没有已召开的组织生活记录');
  });
});
