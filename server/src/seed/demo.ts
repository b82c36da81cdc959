// First start: the demo tenant (社区党委), the reference community of docs/DOMAIN.md (community.ts), the
// built-in roles and the demo accounts, in one transaction with batched inserts and fixed ids, so every
// fresh start writes the same data. Runs only on a database with no tenant yet; later starts create nothing.
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Platform } from '../platform/context.js';
import type { Insertable } from 'kysely';
import type { Database, DbOrTx } from '../db/types.js';
import { newId } from '../db/ids.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';
import { BUILTIN_ROLES } from '../platform/access/roles.js';
import { hashPassword } from '../platform/crypto/password.js';
import { passwordProblem } from '../platform/auth/policy.js';
import { buildCommunity, DEMO_TODAY, demoIds, GROUP_NAMES, TREE, type Community } from './community.js';
import { seedInfoDemo } from '../modules/info/demo.js';
import { seedTaskDemo } from '../modules/tasks/demo.js';
import { seedOrgLifeDemo } from '../modules/orgLife/demo.js';
import { seedAssessmentDemo } from '../modules/assessment/demo.js';
import { seedPublicityDemo } from '../modules/publicity/demo.js';
import { seedCampaignDemo } from '../modules/campaigns/demo.js';
import { seedProposalDemo } from '../modules/proposals/demo.js';
import { seedVolunteerDemo } from '../modules/volunteer/demo.js';
import { seedIncentiveDemo } from '../modules/incentives/demo.js';
import { seedTrainingDemo } from '../modules/training/demo.js';
import { seedTransferDemo } from '../modules/transfers/demo.js';
import { seedRecruitmentDemo } from '../modules/recruitment/demo.js';
import { seedDuesDemo } from '../modules/dues/demo.js';
import type { DemoContext } from './context.js';

export { DEMO_TODAY } from './community.js';

type Scope = { kind: 'committee' } | { kind: 'branch'; branch: number } | { kind: 'group'; branch: number; group: number };

interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  /** Where the grant applies: the committee, a branch (tree order, 0–5), or a group of a branch. */
  scope: Scope;
}

const COMMITTEE_SCOPE: Scope = { kind: 'committee' };
const BRANCHES = TREE.flatMap((g) => g.branches.map((b) => b.name));

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin', scope: COMMITTEE_SCOPE },
  { username: 'secadmin', displayName: '安全保密员', role: 'secadmin', scope: COMMITTEE_SCOPE },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', scope: COMMITTEE_SCOPE },
  { username: 'dangwei', displayName: '党委管理员', role: 'committeeAdmin', scope: COMMITTEE_SCOPE },
  ...BRANCHES.map((name, i): DemoAccount => ({ username: `zb${i + 1}`, displayName: `${name}书记`, role: 'secretary', scope: { kind: 'branch', branch: i } })),
  { username: 'weiyuan', displayName: `${BRANCHES[0]}委员`, role: 'committeeMember', scope: { kind: 'branch', branch: 0 } },
  { username: 'xz1', displayName: `${BRANCHES[0]}${GROUP_NAMES[0]}组长`, role: 'groupLeader', scope: { kind: 'group', branch: 0, group: 0 } },
  { username: 'dy1', displayName: `${BRANCHES[0]}党员`, role: 'member', scope: { kind: 'branch', branch: 0 } },
  { username: 'tongxun', displayName: '通讯员', role: 'correspondent', scope: { kind: 'branch', branch: 0 } },
  { username: 'shenhe', displayName: '宣传审核员', role: 'editor', scope: COMMITTEE_SCOPE },
  { username: 'kaohe', displayName: '考核员', role: 'assessor', scope: COMMITTEE_SCOPE },
];

/**
 * The demo accounts that are Party members act as their member record (QR sign-in, own record): each 书记
 * is the secretary of their branch, the 委员 its 组织委员, the 党小组长 and the 党员 members of the first group.
 * A linked account is named after its member, as linking does (members/accountLink.ts). The 通讯员, 宣传审核员
 * and 考核员 are linked to employees who are not members (staff/accountLink.ts); the post in DEMO_ACCOUNTS stays
 * the name of the accounts that are no one's (the 三员 and 党委管理员).
 */
function linkDemoMembers(c: Community, users: { id: string; username: string; display_name: string }[]): void {
  const user = (name: string) => users.find((u) => u.username === name)!;
  const byId = new Map(c.members.map((m) => [m.id, m]));
  const staffName = new Map(c.staff.map((s) => [s.id, s.name]));
  const holder = (orgId: string, post: string) => c.posts.find((p) => p.org_id === orgId && p.post === post && !p.ended_on)?.member_id;
  const link = (memberId: string | undefined, username: string) => {
    const m = memberId ? byId.get(memberId) : undefined;
    if (!m || m.user_id) throw new Error(`demo account ${username}: no free member record to link`);
    const u = user(username);
    m.user_id = u.id;
    u.display_name = staffName.get(m.staff_id)!;
  };
  c.branches.forEach((b, i) => link(holder(b.id, 'secretary'), `zb${i + 1}`));
  const first = c.branches[0]!;
  link(holder(first.id, 'organisation'), 'weiyuan');
  const group = c.groupsOf.get(first.id)![0]!;
  const inGroup = c.members.filter((m) => m.group_id === group.id && m.status === 'active' && !m.user_id);
  link(inGroup[0]?.id, 'xz1');
  link(inGroup[1]?.id, 'dy1');
  // The 通讯员, 宣传审核员 and 考核员 are employees who are not members: their accounts name their staff records.
  const memberStaff = new Set(c.members.map((m) => m.staff_id));
  const free = c.staff.filter((s) => s.employment === 'active' && s.post && !memberStaff.has(s.id));
  const linkStaff = (unitId: string, username: string) => {
    const s = free.find((f) => f.unit_id === unitId && !f.user_id);
    if (!s) throw new Error(`demo account ${username}: no free employee to link`);
    const u = user(username);
    s.user_id = u.id;
    u.display_name = s.name;
  };
  // The 通讯员 works where the first branch's secretary works; the committee-wide roles sit in the first unit.
  linkStaff(c.staff.find((s) => s.id === byId.get(holder(first.id, 'secretary')!)!.staff_id)!.unit_id, 'tongxun');
  linkStaff(c.units[0]!.id, 'shenhe');
  linkStaff(c.units[0]!.id, 'kaohe');
}

/** The built-in roles of a new tenant, in one insert; ids from `nextId` (the demo passes its fixed sequence). */
export async function insertBuiltinRoles(trx: DbOrTx, tenantId: string, now: Date, nextId: () => string = () => newId(now.getTime())): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const at = now.toISOString();
  const rows = BUILTIN_ROLES.map((r) => {
    const id = nextId();
    ids.set(r.code, id);
    return {
      tenant_id: tenantId, id, code: r.code, name: r.name, description: r.description, builtin: 1 as const, separation: r.separation,
      permissions: JSON.stringify(r.permissions), created_at: at, updated_at: at, deleted_at: null,
    };
  });
  await trx.insertInto('roles').values(rows).execute();
  return ids;
}

/** Inserts rows in chunks, so that no statement passes the bind-parameter limits of either dialect. */
async function insertBatched<T extends keyof Database & string>(trx: DbOrTx, table: T, rows: Insertable<Database[T]>[], size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+='];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  const password = chars.join('');
  // A random draw could, very rarely, be refused by the password rule (a keyboard walk, too few letters): draw again.
  return passwordProblem(password, 8) ? generatePassword() : password;
}

export interface SeedResult {
  created: boolean;
  password?: string;
  generated?: boolean;
  accountsFile?: string;
}

export async function seedDemo(p: Platform): Promise<SeedResult> {
  const existing = await p.db.selectFrom('tenants').select('id').where('id', '!=', SYSTEM_TENANT_ID).executeTakeFirst();
  if (existing) return { created: false };

  const generated = !p.config.demoPassword;
  const password = p.config.demoPassword ?? generatePassword();
  const problem = passwordProblem(password, 8);
  if (problem) throw new Error(`DANGJIAN_DEMO_PASSWORD: ${problem}`);
  const hash = await hashPassword(password);
  const now = p.clock.now();
  const ctx = { tenantId: SYSTEM_TENANT_ID, userId: null, username: 'system', ip: null, requestId: null };

  const ids = demoIds();
  const c = buildCommunity(ids, p.fieldCrypto, now);
  const tenantId = c.tenantId;
  const at = now.toISOString();
  const committee = c.orgs[0]!;
  const scopeOrg = (s: Scope) => (s.kind === 'committee' ? committee : s.kind === 'branch' ? c.branches[s.branch]! : c.groupsOf.get(c.branches[s.branch]!.id)![s.group]!);
  const users = DEMO_ACCOUNTS.map((a) => ({
    tenant_id: tenantId, id: ids.next(), username: a.username, display_name: a.displayName, password_hash: hash, must_change_password: 0 as const,
    failed_logins: 0, locked_until: null, disabled: 0 as const, is_demo: 1 as const, last_login_at: null, password_changed_at: null, created_at: at, updated_at: at,
  }));

  await p.db.transaction().execute(async (trx) => {
    await trx.insertInto('tenants').values({ id: tenantId, name: committee.name, region_path: '/', created_at: at }).execute();
    await p.audit.initChain(trx, tenantId);
    await insertBatched(trx, 'organisations', c.orgs);
    await insertBatched(trx, 'units', c.units);
    linkDemoMembers(c, users);
    await insertBatched(trx, 'staff', c.staff);
    await insertBatched(trx, 'members', c.members);
    await insertBatched(trx, 'member_events', c.events);
    await insertBatched(trx, 'org_posts', c.posts);
    const roles = await insertBuiltinRoles(trx, tenantId, now, () => ids.next());
    for (const u of users) {
      const taken = await trx.selectFrom('usernames').select('username').where('username', '=', u.username).executeTakeFirst();
      if (taken) throw new Error(`demo account ${u.username}: username already taken`);
    }
    await insertBatched(trx, 'users', users);
    await insertBatched(trx, 'usernames', users.map((u) => ({ username: u.username, tenant_id: tenantId, user_id: u.id })));
    await insertBatched(trx, 'grants', DEMO_ACCOUNTS.map((a, i) => ({
      tenant_id: tenantId, id: ids.next(), user_id: users[i]!.id, role_id: roles.get(a.role)!, org_id: scopeOrg(a.scope).id,
      created_at: at, created_by: null, revoked_at: null, revoked_by: null,
    })));
    // Each module's demo rows, in the same transaction: a half-seeded community never exists.
    const demo: DemoContext = { p, trx, tenantId, now, today: DEMO_TODAY, community: c, userIds: new Map(users.map((u) => [u.username, u.id])), ids };
    await seedInfoDemo(demo);
    await seedTaskDemo(demo);
    await seedOrgLifeDemo(demo);
    await seedAssessmentDemo(demo);
    await seedPublicityDemo(demo);
    await seedCampaignDemo(demo);
    await seedProposalDemo(demo);
    await seedVolunteerDemo(demo);
    await seedIncentiveDemo(demo);
    await seedTrainingDemo(demo);
    await seedTransferDemo(demo);
    await seedRecruitmentDemo(demo);
    await seedDuesDemo(demo);
    const active = new Set(c.staff.filter((s) => s.employment === 'active').map((s) => s.id));
    await p.audit.record(trx, { ...ctx, tenantId }, {
      action: 'demo.seed', entity: 'tenant', entityId: tenantId,
      after: {
        tenant: committee.name, organisations: c.orgs.length, units: c.units.length, staffOnPost: active.size, staff: c.staff.length,
        membersOnPost: c.members.filter((m) => active.has(m.staff_id)).length, members: c.members.length, accounts: DEMO_ACCOUNTS.map((a) => a.username),
      },
    });
  });

  let accountsFile: string | undefined;
  if (generated) {
    accountsFile = path.join(p.config.dataDir, 'demo-accounts.txt');
    fs.mkdirSync(p.config.dataDir, { recursive: true });
    const lines = ['# 演示账号 (demo accounts) — 密码只显示这一次，请妥善保管', `密码 (password): ${password}`, '',
      ...DEMO_ACCOUNTS.map((a) => `${a.username.padEnd(10)} ${BUILTIN_ROLES.find((r) => r.code === a.role)!.name}`)];
    fs.writeFileSync(accountsFile, `${lines.join('\n')}\n`, { mode: 0o600 });
    fs.chmodSync(accountsFile, 0o600);
  }
  return { created: true, password, generated, accountsFile };
}

export function describeDemo(r: SeedResult): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${BUILTIN_ROLES.find((x) => x.code === a.role)!.name}`);
  return [
    '已创建演示社区“社区党委”和演示账号 (demo community and accounts created):',
    ...rows,
    r.generated ? `  密码 (password): ${r.password}    （仅显示一次，已写入 ${r.accountsFile}，权限 0600）` : '  密码 (password): 取自 DANGJIAN_DEMO_PASSWORD',
  ].join('\n');
}
