// 主题实践活动 through the API: deploying to the branches, the board's "not yet submitted" list (exactly the
// applicable branches without measures, computed here independently), one-click 督办 (one task per missing
// branch, never twice), the refusals (not applicable 409, out of scope 404, closed 409, no permission 403,
// bad input 400 with nothing changed), late flags, 精品案例 with ratings and the gallery, 待办 and metrics.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { multipart, samplePng } from '../../platform/files/testing.js';
import { inSubtree } from '../../db/dialect.js';

let t: TestApp;
let dw: string; // 党委管理员: campaign.manage + campaign.review over the committee
let sh: string; // 宣传审核员: campaign.read + campaign.review over the committee
let zb1: string; // 书记 of 机关第一党支部
let zb2: string;
let zb3: string;
let dy1: string; // 党员: no campaign permission
let committee: string;
let branch1: string;
let branch2: string;

const base = (over: Record<string, unknown> = {}) => ({
  name: '测试作风建设年', kind: '作风建设年', description: '<p>各支部结合实际制定推进措施。</p><script>alert(1)</script>',
  startOn: '2026-11-20', endOn: '2027-06-30', measuresDue: '2026-12-10', rootOrgId: committee,
  applyTo: { rootOrgIds: [committee] }, dues: [{ title: '第一次进展报告', dueOn: '2027-01-31' }, { title: '第二次进展报告', dueOn: '2027-03-31' }],
  callsCases: true, caseTheme: '“关爱空巢老人”党员志愿服务', caseDesignDue: '2027-01-15', caseResultDue: '2027-05-31', activate: true, ...over,
});
async function create(over: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/v1/campaigns', { cookie: dw, body: base(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; status: string; orgs: { orgId: string; orgName: string }[]; dues: { id: string; dueOn: string }[]; description: string; orgCount: number };
}
const putMeasures = (cookie: string, id: string, orgId: string, content = '<p>一、成立工作专班；二、每月开展一次志愿服务。</p>') =>
  t.call('PUT', `/api/v1/campaigns/${id}/measures/${orgId}`, { cookie, body: { content } });
const boardOf = async (cookie: string, id: string) => {
  const r = await t.call('GET', `/api/v1/campaigns/${id}/board`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    orgs: { orgId: string; measures: { submittedAt: string; late: boolean } | null; late: boolean; overdue: boolean; taskId: string | null; progress: Record<string, unknown> }[];
    missingMeasures: { orgId: string; orgName: string }[]; missingProgress: { dueId: string; orgs: { orgId: string }[] }[];
  };
};
/** The live 支部 of the tenant (branch and joint branch), computed from the organisation table. */
async function liveBranches(underPath?: string): Promise<string[]> {
  let q = t.platform.db.selectFrom('organisations').select(['id', 'path']).where('deleted_at', 'is', null).where('kind', 'in', ['branch', 'jointBranch']);
  if (underPath) q = q.where(inSubtree(sql.ref<string>('path'), underPath));
  return (await q.orderBy('path').execute()).map((r) => r.id);
}
const count = async (table: 'campaigns' | 'campaign_submissions' | 'tasks' | 'campaign_cases') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  [dw, sh, zb1, zb2, zb3, dy1] = (await Promise.all(['dangwei', 'shenhe', 'zb1', 'zb2', 'zb3', 'dy1'].map((u) => t.login(u)))) as [string, string, string, string, string, string];
  committee = await t.orgId('社区党委');
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
});
afterAll(async () => t.close());

describe(`主题实践活动 board and 督办 ${dialectLabel()}`, () => {
  let id: string;
  let applied: string[];

  it('deploys to every live 支部 under the chosen subtree, stored explicitly, with the requirements sanitised', async () => {
    const c = await create();
    id = c.id;
    applied = await liveBranches();
    expect(applied.length).toBeGreaterThan(2);
    expect(c.orgs.map((o) => o.orgId).sort()).toEqual([...applied].sort());
    expect(c.orgCount).toBe(applied.length);
    expect(c.status).toBe('active');
    expect(c.description).not.toContain('script');
    const stored = await t.platform.db.selectFrom('campaign_orgs').select('org_id').where('campaign_id', '=', id).execute();
    expect(stored.map((r) => r.org_id).sort()).toEqual([...applied].sort());
    // The branch secretaries were told.
    const zb3User = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'zb3').executeTakeFirstOrThrow();
    const notes = await t.platform.db.selectFrom('notifications').selectAll().where('user_id', '=', zb3User.id).where('kind', '=', 'campaign.activated').execute();
    expect(notes.length).toBe(1);
  });

  it('the not-yet-submitted list is exactly the applicable branches without measures', async () => {
    expect((await putMeasures(zb1, id, branch1)).statusCode).toBe(200);
    const r = await putMeasures(zb2, id, branch2);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ orgId: branch2, kind: 'measures', late: false, submittedByName: '王丽雯' });
    const submitted = new Set([branch1, branch2]);
    const expected = applied.filter((o) => !submitted.has(o));
    const b = await boardOf(dw, id);
    expect(b.missingMeasures.map((m) => m.orgId).sort()).toEqual([...expected].sort());
    expect(b.orgs.filter((o) => o.measures).map((o) => o.orgId).sort()).toEqual([branch1, branch2].sort());
    expect(b.missingProgress.map((m) => m.orgs.length)).toEqual([applied.length, applied.length]);
    // The 审核员 (read over the committee) sees the same; a branch secretary only their own branch.
    expect((await boardOf(sh, id)).missingMeasures.length).toBe(expected.length);
    const own = await boardOf(zb3, id);
    expect(own.orgs.map((o) => o.orgId)).toEqual([await t.orgId('物业第一党支部')]);
    expect(own.missingMeasures.map((m) => m.orgId)).toEqual([await t.orgId('物业第一党支部')]);
    // Editing the measures keeps one row per branch.
    expect((await putMeasures(zb1, id, branch1, '<p>修改后的措施</p>')).statusCode).toBe(200);
    const rows = await t.platform.db.selectFrom('campaign_submissions').selectAll().where('campaign_id', '=', id).where('org_id', '=', branch1).execute();
    expect(rows.length).toBe(1);
    expect(rows[0]!.content).toBe('<p>修改后的措施</p>');
  });

  it('one-click 督办 creates one task per missing branch, owned by its secretary, and never a second one', async () => {
    const before = await count('tasks');
    const missing = (await boardOf(dw, id)).missingMeasures.map((m) => m.orgId);
    // The default deadline is a 业务规则 setting: ten days instead of seven.
    const rule = await t.call('PUT', '/api/v1/settings/rules/campaign.rules', { cookie: dw, body: { value: { progressLeadDays: 30, reminderDays: 3, superviseDueDays: 10 } } });
    expect(rule.statusCode, rule.body).toBe(200);
    const r = await t.call('POST', `/api/v1/campaigns/${id}/supervise`, { cookie: dw, body: {} });
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json() as { created: { orgId: string; taskId: string }[]; existing: unknown[]; skipped: unknown[] };
    expect(out.created.map((c) => c.orgId).sort()).toEqual([...missing].sort());
    expect(out.existing).toEqual([]);
    expect(out.skipped).toEqual([]);
    expect(await count('tasks')).toBe(before + missing.length);
    const tasks = await t.platform.db.selectFrom('tasks as k').innerJoin('users as u', 'u.id', 'k.owner_id')
      .select(['k.owner_org_id', 'k.source_kind', 'k.source_id', 'k.source_link', 'k.issuing_org_id', 'k.due_on', 'u.username']).where('k.source_kind', '=', 'campaign').execute();
    const mine = tasks.filter((k) => k.source_id?.startsWith(`${id}|`));
    expect(mine.length).toBe(missing.length);
    for (const k of mine) {
      expect(k.source_id).toBe(`${id}|${k.owner_org_id}`);
      expect(k.source_link).toBe(`/campaigns?id=${id}`);
      expect(k.issuing_org_id).toBe(committee);
      expect(k.username).toMatch(/^zb\d$/);
      expect(k.due_on).toBe('2026-12-07');
    }
    expect(new Set(mine.map((k) => k.owner_org_id)).size).toBe(missing.length);
    // Again: nothing new, each branch's task reported as existing; the board links them.
    const again = (await t.call('POST', `/api/v1/campaigns/${id}/supervise`, { cookie: dw, body: {} })).json() as typeof out;
    expect(again.created).toEqual([]);
    expect(again.existing.map((e) => (e as { orgId: string }).orgId).sort()).toEqual([...missing].sort());
    expect(await count('tasks')).toBe(before + missing.length);
    const b = await boardOf(dw, id);
    for (const o of b.orgs) expect(o.taskId !== null).toBe(missing.includes(o.orgId));
    // A branch that already submitted can still be named explicitly; it then gets its own single task.
    const explicit = (await t.call('POST', `/api/v1/campaigns/${id}/supervise`, { cookie: dw, body: { orgIds: [branch1, missing[0]] } })).json() as typeof out;
    expect(explicit.created.map((c) => c.orgId)).toEqual([branch1]);
    expect(explicit.existing.map((e) => (e as { orgId: string }).orgId)).toEqual([missing[0]]);
  });

  it('refuses: no permission 403, out of scope 404, not applicable 409, bad input 400 — nothing changed', async () => {
    const subs = await count('campaign_submissions');
    // 宣传审核员 may read but not submit; a 党员 may not even read; a secretary may not deploy or supervise.
    expect((await putMeasures(sh, id, branch1)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/campaigns', { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/v1/campaigns', { cookie: zb1, body: base() })).statusCode).toBe(403);
    const sup = await t.call('POST', `/api/v1/campaigns/${id}/supervise`, { cookie: zb1, body: {} });
    expect(sup.statusCode).toBe(403);
    // Another branch's measures: 404 for writing and for reading.
    const other = await putMeasures(zb1, id, branch2, '<p>越权</p>');
    expect(other.statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/campaigns/${id}/measures/${branch2}`, { cookie: zb1 })).statusCode).toBe(404);
    // A campaign for 机关党总支 only is out of sight for 物业 branches.
    const narrow = await create({ name: '机关两建一做', applyTo: { rootOrgIds: [await t.orgId('机关党总支')] } });
    expect(narrow.orgs.map((o) => o.orgId).sort()).toEqual((await liveBranches((await t.platform.db.selectFrom('organisations').select('path').where('name', '=', '机关党总支').executeTakeFirstOrThrow()).path)).sort());
    expect((await t.call('GET', `/api/v1/campaigns/${narrow.id}`, { cookie: zb3 })).statusCode).toBe(404);
    expect((await putMeasures(zb3, narrow.id, await t.orgId('物业第一党支部'))).statusCode).toBe(404);
    // The secretary's own 党小组 lies in their scope but the campaign does not apply to it.
    const group = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', '=', branch1).where('kind', '=', 'group').orderBy('path').executeTakeFirstOrThrow()).id;
    const na = await putMeasures(zb1, narrow.id, group);
    expect(na.statusCode).toBe(409);
    expect(na.json().error.message).toContain('本活动不适用于');
    // Blank measures.
    const blank = await putMeasures(zb3, id, await t.orgId('物业第一党支部'), '<p> </p>');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields.content).toBe('请填写推进措施');
    // Bad dates: named in Chinese, nothing created.
    const campaigns = await count('campaigns');
    const bad = await t.call('POST', '/api/v1/campaigns', { cookie: dw, body: base({ endOn: '2026-11-01' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.endOn).toContain('结束日期不能早于开始日期');
    const badDate = await t.call('POST', '/api/v1/campaigns', { cookie: dw, body: base({ startOn: '2026-13-01' }) });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.message).toContain('开始日期');
    expect(await count('campaigns')).toBe(campaigns);
    expect(await count('campaign_submissions')).toBe(subs);
  });

  it('a closed campaign refuses submissions and 督办 with 409 and keeps its rows', async () => {
    const c = await create({ name: '测试关键时刻显风采', callsCases: false, caseTheme: null });
    expect((await putMeasures(zb1, c.id, branch1)).statusCode).toBe(200);
    const closed = await t.call('POST', `/api/v1/campaigns/${c.id}/close`, { cookie: dw });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const subs = await count('campaign_submissions');
    const r = await putMeasures(zb1, c.id, branch1, '<p>结束后修改</p>');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('活动已结束，不能再报送');
    expect((await putMeasures(zb2, c.id, branch2)).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/campaigns/${c.id}/supervise`, { cookie: dw, body: {} })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/v1/campaigns/${c.id}/close`, { cookie: dw })).statusCode).toBe(409);
    expect(await count('campaign_submissions')).toBe(subs);
    const row = await t.platform.db.selectFrom('campaign_submissions').select('content').where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.content).not.toContain('结束后修改');
  });

  it('marks measures and progress submitted after their due date as late, and lists them as 待办 before', async () => {
    const b3 = await t.orgId('物业第一党支部');
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: zb3 })).json() as { items: { kind: string; entityId: string; due?: string }[] };
    expect(todos.items.filter((i) => i.kind === 'campaign.measures').map((i) => i.entityId)).toContain(`${id}|${b3}`);
    // A campaign whose measures were due two days ago (today is 2026-11-27): submitting now is late.
    const past = await create({ name: '测试逾期报送', startOn: '2026-11-01', measuresDue: '2026-11-25', callsCases: false, caseTheme: null });
    expect((await putMeasures(zb1, past.id, branch1)).json()).toMatchObject({ late: true, dueOn: '2026-11-25' });
    const pb = await boardOf(dw, past.id);
    expect(pb.orgs.find((o) => o.orgId === branch1)).toMatchObject({ late: true });
    expect(pb.orgs.find((o) => o.orgId === b3)).toMatchObject({ late: false, measures: null, overdue: true });
    const r = await putMeasures(zb3, id, b3);
    expect(r.json()).toMatchObject({ late: false, dueOn: '2026-12-10' });
    expect((await boardOf(dw, id)).orgs.find((o) => o.orgId === b3)).toMatchObject({ late: false });
    const todosAfter = (await t.call('GET', '/api/v1/todos', { cookie: zb3 })).json() as { items: { kind: string; entityId: string }[] };
    expect(todosAfter.items.filter((i) => i.kind === 'campaign.measures').map((i) => i.entityId)).not.toContain(`${id}|${b3}`);
    // Progress for the first due, on time; it leaves the missing list of that due only.
    const dueId = (await boardOf(dw, id)).missingProgress[0]!.dueId;
    const pr = await t.call('PUT', `/api/v1/campaigns/${id}/progress/${dueId}/${b3}`, { cookie: zb3, body: { content: '<p>已走访 12 户空巢老人。</p>' } });
    expect(pr.statusCode, pr.body).toBe(200);
    expect(pr.json()).toMatchObject({ kind: 'progress', reportDueId: dueId, late: false });
    const after = await boardOf(dw, id);
    expect(after.missingProgress[0]!.orgs.map((o) => o.orgId)).not.toContain(b3);
    expect(after.missingProgress[1]!.orgs.map((o) => o.orgId)).toContain(b3);
    // Attachments on a submission: by its branch, not by another.
    const up = multipart({ name: '走访照片.png', data: samplePng(), type: 'image/png' });
    const att = await t.call('POST', `/api/v1/campaigns/submissions/${pr.json().id}/attachments`, { cookie: zb3, body: up.payload, headers: { 'content-type': up.contentType } });
    expect(att.statusCode, att.body).toBe(201);
    const up2 = multipart({ name: 'x.png', data: samplePng(), type: 'image/png' });
    expect((await t.call('POST', `/api/v1/campaigns/submissions/${pr.json().id}/attachments`, { cookie: zb1, body: up2.payload, headers: { 'content-type': up2.contentType } })).statusCode).toBe(404);
    const detail = await t.call('GET', `/api/v1/campaigns/${id}/progress/${dueId}/${b3}`, { cookie: dw });
    expect(detail.json().attachments.map((a: { name: string }) => a.name)).toEqual(['走访照片.png']);
  });

  it('campaign.measuresOnTime equals the share computed from the rows', async () => {
    const period = { from: '2027-03-01', to: '2027-03-31' }; // only this file's campaigns run then
    const rows = await t.platform.db.selectFrom('campaign_orgs as co').innerJoin('campaigns as c', 'c.id', 'co.campaign_id')
      .leftJoin('campaign_submissions as s', (j) => j.onRef('s.campaign_id', '=', 'co.campaign_id').onRef('s.org_id', '=', 'co.org_id').on('s.kind', '=', 'measures'))
      .select(['co.org_id', 'c.measures_due', 's.submitted_at']).where('c.status', '<>', 'draft').where('c.start_on', '<=', period.to).where('c.end_on', '>=', period.from).execute();
    const b1 = rows.filter((r) => r.org_id === branch1);
    const onTime = (r: (typeof rows)[number]) => r.submitted_at !== null && new Date(Date.parse(r.submitted_at) + 8 * 3600_000).toISOString().slice(0, 10) <= r.measures_due;
    const m = await t.platform.metrics.compute('campaign.measuresOnTime', { db: t.platform.db, dialect: t.platform.data.dialect, tenantId: (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', committee).executeTakeFirstOrThrow()).tenant_id, period, targetIds: [branch1, committee] });
    expect(m.get(branch1)).toBe(Math.round((1000 * b1.filter(onTime).length) / b1.length) / 10);
    expect(m.get(committee)).toBe(Math.round((1000 * rows.filter(onTime).length) / rows.length) / 10);
  });
});

describe(`主题实践活动 life cycle ${dialectLabel()}`, () => {
  it('a draft is seen only by its managers, edited, activated once; a new branch without an account is skipped by 督办 with a reason', async () => {
    const draft = await create({ name: '测试草稿活动', activate: false, callsCases: false, caseTheme: null });
    expect(draft.status).toBe('draft');
    expect((await t.call('GET', `/api/v1/campaigns/${draft.id}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await putMeasures(zb1, draft.id, branch1)).statusCode).toBe(404);
    const edited = await t.call('PUT', `/api/v1/campaigns/${draft.id}`, { cookie: dw, body: { name: '测试草稿活动（修订）', dues: [{ title: '唯一一次进展', dueOn: '2027-02-28' }] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '测试草稿活动（修订）', dues: [{ title: '唯一一次进展', dueOn: '2027-02-28' }] });
    const badEdit = await t.call('PUT', `/api/v1/campaigns/${draft.id}`, { cookie: dw, body: { measuresDue: '2028-01-01' } });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.json().error.fields.measuresDue).toBe('推进措施报送截止日期应在活动期间内');
    // A branch founded today, with no account yet, added to the campaign.
    const org = await t.call('POST', '/api/v1/orgs', { cookie: dw, body: { parentId: await t.orgId('物业党总支'), kind: 'branch', name: '物业第三党支部' } });
    expect(org.statusCode, org.body).toBe(201);
    const newBranch = org.json().id as string;
    const orgs = await t.call('PUT', `/api/v1/campaigns/${draft.id}/orgs`, { cookie: dw, body: { orgIds: [branch1, newBranch] } });
    expect(orgs.statusCode, orgs.body).toBe(200);
    expect(orgs.json().orgs.map((o: { orgId: string }) => o.orgId).sort()).toEqual([branch1, newBranch].sort());
    expect((await t.call('POST', `/api/v1/campaigns/${draft.id}/supervise`, { cookie: dw, body: {} })).statusCode).toBe(409);
    const on = await t.call('POST', `/api/v1/campaigns/${draft.id}/activate`, { cookie: dw });
    expect(on.json()).toMatchObject({ status: 'active' });
    expect((await t.call('POST', `/api/v1/campaigns/${draft.id}/activate`, { cookie: dw })).statusCode).toBe(409);
    expect((await t.call('GET', `/api/v1/campaigns/${draft.id}`, { cookie: zb1 })).statusCode).toBe(200);
    const sup = (await t.call('POST', `/api/v1/campaigns/${draft.id}/supervise`, { cookie: dw, body: {} })).json() as { created: { orgId: string }[]; skipped: { orgId: string; reason: string }[] };
    expect(sup.created.map((c) => c.orgId)).toEqual([branch1]);
    expect(sup.skipped).toEqual([{ orgId: newBranch, reason: '物业第三党支部没有可接收督办任务的书记账号，请先为其开通账号' }]);
    const notApplicable = await t.call('POST', `/api/v1/campaigns/${draft.id}/supervise`, { cookie: dw, body: { orgIds: [branch2] } });
    expect(notApplicable.statusCode).toBe(400);
    expect(notApplicable.json().error.fields.orgIds).toBe('督办组织中有本活动不适用的组织');
  });
});

describe(`精品案例 ${dialectLabel()}`, () => {
  it('a branch submits a design, then results; reviewers rate it; the gallery orders by average', async () => {
    const c = await create({ name: '测试创先争优', startOn: '2026-12-01', measuresDue: '2027-01-10' });
    const r = await t.call('POST', `/api/v1/campaigns/${c.id}/cases`, { cookie: zb1, body: { orgId: branch1, title: '银龄相伴', summary: '结对空巢老人', design: '<p>每名党员结对一户。</p>' } });
    expect(r.statusCode, r.body).toBe(201);
    const k = r.json() as { id: string; status: string; allowed: string[] };
    expect(k.status).toBe('design');
    expect(k.allowed).toContain('edit');
    const r2 = await t.call('POST', `/api/v1/campaigns/${c.id}/cases`, { cookie: zb2, body: { orgId: branch2, title: '邻里守望', design: '<p>楼栋党员包户。</p>' } });
    const k2 = r2.json() as { id: string };
    // Results move it to the result stage; photos by its branch only.
    const upd = await t.call('PUT', `/api/v1/campaigns/${c.id}/cases/${k.id}`, { cookie: zb1, body: { result: '<p>结对 36 户，服务 210 人次。</p>' } });
    expect(upd.json()).toMatchObject({ status: 'result' });
    expect(upd.json().resultAt).toBeTruthy();
    expect((await t.call('PUT', `/api/v1/campaigns/${c.id}/cases/${k.id}`, { cookie: zb2, body: { title: '改名' } })).statusCode).toBe(404);
    const up = multipart({ name: '合影.png', data: samplePng(), type: 'image/png' });
    const photo = await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/photos`, { cookie: zb1, body: up.payload, headers: { 'content-type': up.contentType } });
    expect(photo.statusCode, photo.body).toBe(201);
    // Ratings: reviewers only (a secretary holds no campaign.review: 403), 1–100 integers.
    expect((await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/rate`, { cookie: zb2, body: { score: 90 } })).statusCode).toBe(403);
    const bad = await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/rate`, { cookie: sh, body: { score: 101 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('评分');
    expect((await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/rate`, { cookie: sh, body: { score: 70, comment: '初评' } })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/rate`, { cookie: sh, body: { score: 92, comment: '成效突出' } })).statusCode).toBe(200);
    const rated = await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k.id}/rate`, { cookie: dw, body: { score: 85 } });
    expect(rated.json()).toMatchObject({ averageScore: 88.5, ratingCount: 2, myScore: 85 });
    await t.call('POST', `/api/v1/campaigns/${c.id}/cases/${k2.id}/rate`, { cookie: sh, body: { score: 95 } });
    const gallery = (await t.call('GET', `/api/v1/campaigns/cases/gallery?campaignId=${c.id}`, { cookie: sh })).json() as { items: { id: string; averageScore: number; firstPhotoId: string | null; ratings: unknown[] }[] };
    expect(gallery.items.map((g) => [g.id, g.averageScore])).toEqual([[k2.id, 95], [k.id, 88.5]]);
    expect(gallery.items[1]!.firstPhotoId).toBe(photo.json().id);
    expect(gallery.items[1]!.ratings.length).toBe(2);
    // 待评审案例: the 审核员 has rated both; 党委管理员 still has one to rate.
    const todos = (await t.call('GET', '/api/v1/todos', { cookie: dw })).json() as { items: { kind: string; entityId: string }[] };
    const toRate = todos.items.filter((i) => i.kind === 'campaign.review').map((i) => i.entityId);
    expect(toRate).toContain(k2.id);
    expect(toRate).not.toContain(k.id);
    // campaign.caseScore: the best average in the subtree (88.5 = (92 + 85) / 2 for branch 1, 95 for branch 2).
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
    const score = await t.platform.metrics.compute('campaign.caseScore', { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period: { from: '2027-04-01', to: '2027-04-30' }, targetIds: [branch1, branch2, await t.orgId('机关党总支')] });
    expect(score.get(branch1)).toBe(88.5);
    expect(score.get(branch2)).toBe(95);
    expect(score.get(await t.orgId('机关党总支'))).toBe(95);
    // A campaign without a call for cases refuses them.
    const plain = await create({ name: '测试百千万', callsCases: false, caseTheme: null });
    const no = await t.call('POST', `/api/v1/campaigns/${plain.id}/cases`, { cookie: zb1, body: { orgId: branch1, title: 'x', design: '<p>x</p>' } });
    expect(no.statusCode).toBe(409);
  });
});


describe(`daily reminders ${dialectLabel()}`, () => {
  it('reminds the secretaries of branches whose measures fall due within three days, once a day, not those who submitted', async () => {
    const { sendCampaignReminders } = await import('./services.js');
    const c = await create({ name: '测试提醒活动', startOn: '2026-11-01', measuresDue: '2026-11-29', dues: [], callsCases: false, caseTheme: null });
    expect((await putMeasures(zb1, c.id, branch1)).statusCode).toBe(200);
    const tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', branch1).executeTakeFirstOrThrow()).tenant_id;
    const run = () => t.platform.db.transaction().execute((trx) => sendCampaignReminders(t.platform, trx, tenantId, t.clock.now()));
    expect(await run()).toBeGreaterThan(0);
    const reminded = async () => (await t.platform.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.username')
      .where('n.kind', '=', 'campaign.reminder').where('n.link', '=', `/campaigns?id=${c.id}`).execute()).map((r) => r.username).sort();
    const got = await reminded();
    expect(got).toContain('zb2');
    expect(got).not.toContain('zb1');
    expect(got).not.toContain('weiyuan'); // 机关第一党支部 has submitted
    expect(await run()).toBe(0); // the same day again: nothing new
    expect(await reminded()).toEqual(got);
  });
});
