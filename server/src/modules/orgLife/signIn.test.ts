// QR sign-in: the token, its window, its 30-second rotation, once per member, only the expected (or 列席 when allowed), and every
// refusal with its Chinese message and nothing written. Activities are inserted as the records side leaves them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { newId } from '../../db/ids.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { loadOrCreateKey } from '../../platform/crypto/keyFile.js';
import { memberOfUser } from '../members/index.js';
import type { OrgLifeActivityTable } from './tables.js';
import { makeSignInToken, readSignInToken, SIGN_IN_STEP_SECONDS, signInKey } from './signIn.js';

let t: TestApp;
let tenantId: string;
const member = new Map<string, string>();
/** A fresh session (the fake clock moves by hours, past the idle limit of an older one). */
const as = (u: string) => t.login(u);

beforeAll(async () => {
  t = await createTestApp();
  const users = await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).where('username', 'in', ['zb1', 'zb2', 'dy1', 'xz1', 'weiyuan', 'dangwei']).execute();
  for (const u of users) {
    tenantId = u.tenant_id;
    const m = await memberOfUser(t.platform.db, u.tenant_id, u.id);
    if (m) member.set(u.username, m.id);
  }
});
afterAll(async () => {
  await t.close();
});

const inMinutes = (m: number) => new Date(t.clock.now().getTime() + m * 60_000).toISOString();

/** An activity of 机关第一党支部 starting an hour from now and lasting two, dy1 and xz1 expected. */
async function activity(opts: { allowVisitors?: boolean; startsAt?: string; endsAt?: string; status?: OrgLifeActivityTable['status'] } = {}) {
  const db = t.platform.db;
  const org = await db.selectFrom('organisations').select(['id', 'path']).where('name', '=', '机关第一党支部').executeTakeFirstOrThrow();
  const id = newId();
  const at = t.clock.now().toISOString();
  const startsAt = opts.startsAt ?? inMinutes(60);
  await db.insertInto('org_life_activities').values({
    tenant_id: tenantId, id, org_id: org.id, org_path: org.path, kind: 'themeDay', title: `签到测试主题党日 ${id.slice(-6)}`, theme_id: null,
    status: opts.status ?? 'planned', starts_at: startsAt, ends_at: opts.endsAt ?? inMinutes(180), starts_on: shanghaiDate(new Date(startsAt)), place: '党员活动室',
    host_name: '', recorder_name: '', lecturer_name: '', agenda: '', minutes: '', decisions: '', votes: '[]', allow_visitors: opts.allowVisitors ? 1 : 0,
    created_by: null, created_at: at, updated_by: null, updated_at: at, held_at: null, archived_at: null, deleted_at: null,
  }).execute();
  await db.insertInto('org_life_attendance').values(['dy1', 'xz1'].map((u) => ({
    tenant_id: tenantId, activity_id: id, member_id: member.get(u)!, expected: 1 as const, status: 'unmarked' as const, reason: null, signed_in_at: null,
    method: null, makeup_on: null, makeup_note: null, updated_by: null, updated_at: at,
  }))).execute();
  return id;
}

async function qr(id: string, user = 'zb1') {
  const res = await t.call('GET', `/api/v1/org-life/activities/${id}/qr`, { cookie: await as(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { token: string; url: string; svg: string; validFrom: string; validUntil: string; refreshAt: string; refreshSeconds: number; expected: number; present: number; open: boolean };
}
const signIn = async (user: string, token: string) => t.call('POST', '/api/v1/org-life/sign-in', { cookie: await as(user), body: { token } });
const rowOf = (id: string, user: string) => t.platform.db.selectFrom('org_life_attendance').selectAll().where('activity_id', '=', id).where('member_id', '=', member.get(user)!).executeTakeFirst();
const rowCount = async (id: string) => (await t.platform.db.selectFrom('org_life_attendance').select('member_id').where('activity_id', '=', id).execute()).length;

describe(`组织生活 QR sign-in ${dialectLabel()}`, () => {
  it('the secretary gets a QR code; the member signs in once inside the window', async () => {
    const id = await activity();
    const q = await qr(id);
    expect(q.url).toBe(`http://localhost:80/sign-in?token=${encodeURIComponent(q.token)}`);
    expect(q.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(q).toMatchObject({ validFrom: inMinutes(30), validUntil: inMinutes(210), refreshAt: inMinutes(0.5), refreshSeconds: 30, expected: 2, present: 0, open: false });

    // Half an hour before the window opens.
    const early = await signIn('dy1', q.token);
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'SIGN_IN_NOT_OPEN', message: '活动尚未开始签到' });
    expect((await rowOf(id, 'dy1'))?.status).toBe('unmarked');

    t.clock.advanceMinutes(35); // 25 minutes before the start: inside the grace
    const now = await qr(id); // the code on the screen at this moment
    const ok = await signIn('dy1', now.token);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ activityId: id, orgName: '机关第一党支部', status: 'present', signedInAt: t.clock.now().toISOString() });
    expect(ok.json().title).toContain('签到测试主题党日');
    expect(ok.json().memberName).toBeTruthy();
    expect(await rowOf(id, 'dy1')).toMatchObject({ status: 'present', method: 'qr', signed_in_at: t.clock.now().toISOString() });

    // The same token again: refused, nothing changes.
    t.clock.advance(10_000);
    const again = await signIn('dy1', now.token);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SIGN_IN_DONE', message: '您已签到' });
    expect((await rowOf(id, 'dy1'))?.signed_in_at).toBe(ok.json().signedInAt);

    const status = await t.call('GET', `/api/v1/org-life/activities/${id}/sign-in-status`, { cookie: await as('zb1') });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ expected: 2, present: 1, visitors: 0, rate: 50, recent: [{ name: ok.json().memberName, status: 'present' }] });
    expect(status.body).not.toMatch(/phone|idNumber|\d{17}[\dX]/);

    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'orgLife.signIn').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
  });

  it('the phone can show which activity a token is for without signing anyone in', async () => {
    const id = await activity();
    const q = await qr(id);
    const preview = async (user: string, token = q.token) => t.call('GET', `/api/v1/org-life/sign-in?token=${encodeURIComponent(token)}`, { cookie: await as(user) });
    const before = await preview('xz1');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ activityId: id, orgName: '机关第一党支部', place: '党员活动室', state: 'early', signedIn: false });
    expect(before.json().memberName).toBeTruthy();
    t.clock.advanceMinutes(35);
    // The code shown an hour ago is long replaced; the one on the screen now is open.
    expect((await preview('xz1')).json()).toMatchObject({ state: 'stale', signedIn: false });
    const fresh = (await qr(id)).token;
    expect((await preview('xz1', fresh)).json()).toMatchObject({ state: 'open', signedIn: false });
    expect((await rowOf(id, 'xz1'))?.status).toBe('unmarked'); // reading wrote nothing
    expect((await signIn('xz1', fresh)).statusCode).toBe(200);
    expect((await preview('xz1', fresh)).json()).toMatchObject({ state: 'open', signedIn: true });
    const [actId, exp] = q.token.split('.') as [string, string];
    const forged = await preview('xz1', `${actId}.${exp}.${'A'.repeat(43)}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({ code: 'SIGN_IN_INVALID', message: '签到码无效' });
    t.clock.advanceMinutes(24 * 60);
    expect((await preview('xz1')).json()).toMatchObject({ state: 'expired' });
  });

  it('after the window (end + grace) the token has expired', async () => {
    const id = await activity();
    t.clock.advanceMinutes(3 * 60 + 29); // one minute before end + 30: still open
    expect((await signIn('dy1', (await qr(id)).token)).statusCode).toBe(200);
    t.clock.advanceMinutes(2); // one minute past end + 30
    const late = await signIn('xz1', (await qr(id)).token);
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ code: 'SIGN_IN_EXPIRED', message: '签到码已过期' });
    expect((await rowOf(id, 'xz1'))?.status).toBe('unmarked');
  });

  it('a token of yesterday’s window is expired even though its signature is right', async () => {
    const id = await activity({ startsAt: inMinutes(-26 * 60), endsAt: inMinutes(-24 * 60) });
    const q = await qr(id);
    expect(q.open).toBe(false);
    const res = await signIn('dy1', q.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('签到码已过期');
  });

  it('forged tokens are refused: tampered signature, another activity’s id, another tenant, garbage', async () => {
    const id = await activity();
    const other = await activity();
    t.clock.advanceMinutes(60); // the start: inside the window
    const q = await qr(id);
    const [actId, exp, sig] = q.token.split('.') as [string, string, string];
    const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    const key = signInKey(loadOrCreateKey(t.config.keyFile, t.config.keyFromEnv));
    const forged = [
      `${actId}.${exp}.${flipped}`, // tampered signature
      `${other}.${exp}.${sig}`, // the signature of one activity on another's id
      `${actId}.${(parseInt(exp, 36) + 1).toString(36)}.${sig}`, // the next step with this step's signature
      makeSignInToken(key, newId(), actId, t.clock.now().getTime()), // signed for another tenant
      makeSignInToken(Buffer.alloc(32, 7), tenantId, actId, t.clock.now().getTime()), // someone else's key
      'not-a-token', `${actId}..${sig}`,
    ];
    for (const token of forged) {
      const res = await signIn('dy1', token);
      expect(res.statusCode, token).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'SIGN_IN_INVALID', message: '签到码无效' });
    }
    expect(readSignInToken(key, tenantId, q.token)?.activityId).toBe(id);
    expect((await rowOf(id, 'dy1'))?.status).toBe('unmarked');
    expect((await rowOf(other, 'dy1'))?.status).toBe('unmarked');
  });

  it('someone not expected is refused, or recorded as 列席 when the activity allows visitors', async () => {
    const closed = await activity();
    const open = await activity({ allowVisitors: true });
    t.clock.advanceMinutes(60);
    const qClosed = await qr(closed);
    const qOpen = await qr(open);
    const refused = await signIn('zb2', qClosed.token); // secretary of 机关第二党支部: not on the list
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'SIGN_IN_NOT_EXPECTED', message: '您不在本次活动的应到名单中' });
    expect(await rowCount(closed)).toBe(2);

    const visitor = await signIn('zb2', qOpen.token);
    expect(visitor.statusCode, visitor.body).toBe(200);
    expect(visitor.json().status).toBe('visitor');
    expect(await rowOf(open, 'zb2')).toMatchObject({ expected: 0, status: 'visitor', method: 'qr' });
    expect((await signIn('zb2', qOpen.token)).statusCode).toBe(409);
    const status = (await t.call('GET', `/api/v1/org-life/activities/${open}/sign-in-status`, { cookie: await as('zb1') })).json();
    expect(status).toMatchObject({ expected: 2, present: 0, visitors: 1 });
  });

  it('two scans at the same moment sign in once', async () => {
    const id = await activity();
    t.clock.advanceMinutes(60);
    const q = await qr(id);
    const cookie = await as('xz1');
    const both = await Promise.all([0, 1].map(() => t.call('POST', '/api/v1/org-life/sign-in', { cookie, body: { token: q.token } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const audit = await t.platform.db.selectFrom('audit_log').select('seq').where('action', '=', 'orgLife.signIn').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
  });

  it('an account without a member record cannot sign in', async () => {
    const id = await activity();
    t.clock.advanceMinutes(60);
    const q = await qr(id);
    // xz1 keeps the 党员 role but loses the link to the member record.
    const db = t.platform.db;
    await db.updateTable('members').set({ user_id: null }).where('id', '=', member.get('xz1')!).execute();
    try {
      const res = await signIn('xz1', q.token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'SIGN_IN_NO_MEMBER', message: '您的账号未关联党员信息' });
    } finally {
      const user = await db.selectFrom('users').select('id').where('username', '=', 'xz1').executeTakeFirstOrThrow();
      await db.updateTable('members').set({ user_id: user.id }).where('id', '=', member.get('xz1')!).execute();
    }
    expect((await rowOf(id, 'xz1'))?.status).toBe('unmarked');
  });

  it('the QR code needs 组织生活 write over the activity; others get 403 or 404', async () => {
    const id = await activity();
    const member = await t.call('GET', `/api/v1/org-life/activities/${id}/qr`, { cookie: await as('dy1') });
    expect(member.statusCode).toBe(403);
    const otherBranch = await t.call('GET', `/api/v1/org-life/activities/${id}/qr`, { cookie: await as('zb2') });
    expect(otherBranch.statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/org-life/activities/${newId()}/qr`, { cookie: await as('zb1') })).statusCode).toBe(404);
    const archived = await activity({ status: 'archived' });
    const res = await t.call('GET', `/api/v1/org-life/activities/${archived}/qr`, { cookie: await as('zb1') });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('活动已归档，不能签到');
    // Without the sign-in permission (党委 staff account): 403 before anything is read.
    const q = await qr(id);
    expect((await signIn('dangwei', q.token)).statusCode).toBe(403);
    // dy1 (role 党员) may sign in but not read the live status of the projector page.
    expect((await t.call('GET', `/api/v1/org-life/activities/${id}/sign-in-status`, { cookie: await as('dy1') })).statusCode).toBe(403);
    const empty = await signIn('dy1', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('签到码');
  });

  it('the code changes every 30 seconds; the current and the previous one sign in, an older one is refused', async () => {
    const id = await activity();
    t.clock.advanceMinutes(60);
    const first = await qr(id);
    t.clock.advance(SIGN_IN_STEP_SECONDS * 1000);
    const second = await qr(id);
    expect(second.token).not.toBe(first.token);
    expect(Date.parse(second.refreshAt) - Date.parse(first.refreshAt)).toBe(SIGN_IN_STEP_SECONDS * 1000);
    t.clock.advance(SIGN_IN_STEP_SECONDS * 1000);
    const third = await qr(id);

    // A photo of the first code, forwarded a minute later: two steps old.
    const old = await signIn('dy1', first.token);
    expect(old.statusCode).toBe(400);
    expect(old.json().error).toMatchObject({ code: 'SIGN_IN_QR_STALE', message: '二维码已过期，请扫描现场大屏上的最新二维码' });
    expect((await rowOf(id, 'dy1'))?.status).toBe('unmarked');
    const preview = await t.call('GET', `/api/v1/org-life/sign-in?token=${encodeURIComponent(first.token)}`, { cookie: await as('dy1') });
    expect(preview.json()).toMatchObject({ state: 'stale', signedIn: false });

    // The previous step's code (a slow phone) and the current one are accepted.
    expect((await signIn('dy1', second.token)).statusCode).toBe(200);
    expect((await signIn('xz1', third.token)).statusCode).toBe(200);
    const audit = await t.platform.db.selectFrom('audit_log').select('seq').where('action', '=', 'orgLife.signIn').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(2);
  });
});
