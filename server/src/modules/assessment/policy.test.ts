// What each role sees of 量化考核 and 民主评议 (the rules of policy.ts, applied in SQL), checked over the demo
// data against expectations worked out here in plain code from the rows and each account's grants: the rounds
// list and its target counts, each published round's results, and the 民主评议 list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let tenantId: string;
const userIds = new Map<string, string>();
const USERS = ['dangwei', 'kaohe', 'zb1', 'zb2', 'xz1', 'weiyuan', 'dy1'] as const;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).execute()) userIds.set(u.username, u.id);
  tenantId = (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'zb1').executeTakeFirstOrThrow()).tenant_id;
});
afterAll(async () => t.close());

/** Paths where the user holds `permission` (their live grants), read straight from the tables. */
async function scopeOf(username: string, permission: string): Promise<string[]> {
  const rows = await t.platform.db.selectFrom('grants as g').innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .select(['o.path', 'r.permissions']).where('g.user_id', '=', userIds.get(username)!).where('g.revoked_at', 'is', null).execute();
  return rows.filter((r) => (JSON.parse(r.permissions) as string[]).includes(permission)).map((r) => r.path);
}
const under = (scope: string[], path: string) => scope.some((s) => path.startsWith(s));
const cookies = new Map<string, string>();
const as = async (who: string): Promise<string> => cookies.get(who) ?? cookies.set(who, await t.login(who)).get(who)!;

describe(`量化考核 what each role sees ${dialectLabel()}`, () => {
  it('lists exactly the rounds and targets each account may see, and each published round’s results within their read scope', async () => {
    const db = t.platform.db;
    const rounds = await db.selectFrom('assessment_rounds').select(['id', 'root_org_path', 'status']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).execute();
    const targets = await db.selectFrom('assessment_targets').select(['round_id', 'target_id', 'org_path']).where('tenant_id', '=', tenantId).execute();
    const sheets = await db.selectFrom('assessment_sheets').select(['round_id', 'target_id', 'assessor_user_id']).where('tenant_id', '=', tenantId).execute();
    let partial = 0;
    for (const who of USERS) {
      const [read, manage] = await Promise.all([scopeOf(who, 'assessment.read'), scopeOf(who, 'assessment.manage')]);
      const mine = new Set(sheets.filter((s) => s.assessor_user_id === userIds.get(who)).map((s) => `${s.round_id}/${s.target_id}`));
      const expected = new Map<string, number>();
      for (const r of rounds) {
        const whole = under(read, r.root_org_path) || under(manage, r.root_org_path);
        const seen = targets.filter((x) => x.round_id === r.id && (whole || under(read, x.org_path) || mine.has(`${r.id}/${x.target_id}`)));
        if (seen.length > 0) expected.set(r.id, seen.length);
        if (!whole && seen.length > 0) partial++;
      }
      const res = await t.call('GET', '/api/v1/assessment/rounds', { cookie: await as(who) });
      expect(res.statusCode, who).toBe(200);
      const got = res.json().items as { id: string; targetCount: number }[];
      expect(new Map(got.map((r) => [r.id, r.targetCount])), who).toEqual(expected);

      // Results: every target with read over the round's root, else those under the account's read scope; none → 404.
      if (read.length === 0) continue;
      for (const r of rounds.filter((x) => x.status === 'published')) {
        const visible = targets.filter((x) => x.round_id === r.id && (under(read, r.root_org_path) || under(read, x.org_path))).map((x) => x.target_id).sort();
        const out = await t.call('GET', `/api/v1/assessment/rounds/${r.id}/results`, { cookie: await as(who) });
        if (visible.length === 0) {
          expect(out.statusCode, `${who} ${r.id}`).toBe(404);
          continue;
        }
        expect(out.statusCode, `${who} ${r.id}`).toBe(200);
        expect((out.json().items as { targetId: string }[]).map((i) => i.targetId).sort(), `${who} ${r.id}`).toEqual(visible);
      }
    }
    // The demo gives some accounts only part of a round (a branch secretary in the committee's rounds).
    expect(partial).toBeGreaterThan(0);
  });

  it('lists the 民主评议 of the branches each account manages and of their own branch', async () => {
    const db = t.platform.db;
    const appraisals = await db.withTables<{ appraisals: { tenant_id: string; id: string; branch_id: string; deleted_at: string | null } }>()
      .selectFrom('appraisals').select(['id', 'branch_id']).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).execute();
    const paths = new Map((await db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).execute()).map((o) => [o.id, o.path]));
    for (const who of USERS) {
      const manage = await scopeOf(who, 'appraisal.manage');
      const own = await db.selectFrom('members').select('branch_id').where('tenant_id', '=', tenantId).where('user_id', '=', userIds.get(who)!)
        .where('status', '=', 'active').where('deleted_at', 'is', null).executeTakeFirst();
      const expected = appraisals.filter((a) => under(manage, paths.get(a.branch_id)!) || a.branch_id === own?.branch_id).map((a) => a.id).sort();
      const res = await t.call('GET', '/api/v1/appraisals', { cookie: await as(who) });
      expect(res.statusCode, who).toBe(200);
      expect((res.json().items as { id: string }[]).map((a) => a.id).sort(), who).toEqual(expected);
    }
  });
});
