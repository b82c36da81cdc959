// First start: the demo tenant (社区党委) with its organisation tree, the built-in roles and one demo
// account per built-in role. Runs only on a database with no tenant yet; later starts create nothing.
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Platform } from '../platform/context.js';
import type { DbOrTx, OrganisationTable } from '../db/types.js';
import { newId } from '../db/ids.js';
import { SYSTEM_TENANT_ID } from '../platform/tenants.js';
import { BUILTIN_ROLES } from '../platform/access/roles.js';
import { insertGrant } from '../platform/access/grants.js';
import { insertUser } from '../platform/accounts/service.js';
import { hashPassword } from '../platform/crypto/password.js';
import { passwordProblem } from '../platform/auth/policy.js';
import { insertOrg } from '../modules/org/index.js';

/** The reference community's tree: 1 党委 → 3 党总支 → 6 党支部 → 24 党小组 (PRODUCT.md §1). */
const TREE: { name: string; branches: string[] }[] = [
  { name: '机关党总支', branches: ['机关第一党支部', '机关第二党支部'] },
  { name: '物业党总支', branches: ['物业第一党支部', '物业第二党支部'] },
  { name: '离退休党总支', branches: ['离退休第一党支部', '离退休第二党支部'] },
];
const GROUPS = ['第一党小组', '第二党小组', '第三党小组', '第四党小组'];

interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  /** Where the grant applies: the committee, the first branch, or the first group. */
  scope: 'committee' | 'branch' | 'group';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin', scope: 'committee' },
  { username: 'secadmin', displayName: '安全保密员', role: 'secadmin', scope: 'committee' },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', scope: 'committee' },
  { username: 'dangwei', displayName: '党委管理员', role: 'committeeAdmin', scope: 'committee' },
  { username: 'shuji', displayName: '机关第一党支部书记', role: 'secretary', scope: 'branch' },
  { username: 'weiyuan', displayName: '机关第一党支部委员', role: 'committeeMember', scope: 'branch' },
  { username: 'zuzhang', displayName: '第一党小组组长', role: 'groupLeader', scope: 'group' },
  { username: 'dangyuan', displayName: '党员', role: 'member', scope: 'branch' },
  { username: 'tongxun', displayName: '通讯员', role: 'correspondent', scope: 'branch' },
  { username: 'shenhe', displayName: '宣传审核员', role: 'editor', scope: 'committee' },
  { username: 'kaohe', displayName: '考核员', role: 'assessor', scope: 'committee' },
];

export async function insertBuiltinRoles(trx: DbOrTx, tenantId: string, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const r of BUILTIN_ROLES) {
    const id = newId(now.getTime());
    await trx.insertInto('roles').values({
      tenant_id: tenantId, id, code: r.code, name: r.name, description: r.description, builtin: 1, separation: r.separation,
      permissions: JSON.stringify(r.permissions), created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
    }).execute();
    ids.set(r.code, id);
  }
  return ids;
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
  return chars.join('');
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

  await p.db.transaction().execute(async (trx) => {
    const tenantId = newId(now.getTime());
    await trx.insertInto('tenants').values({ id: tenantId, name: '社区党委', region_path: '/', created_at: now.toISOString() }).execute();
    await p.audit.initChain(trx, tenantId);
    const committee = await insertOrg(trx, { tenantId, parent: null, kind: 'committee', name: '社区党委', code: 'DW', now });
    let firstBranch: OrganisationTable | null = null;
    let firstGroup: OrganisationTable | null = null;
    for (const [gi, gb] of TREE.entries()) {
      const general = await insertOrg(trx, { tenantId, parent: committee, kind: 'generalBranch', name: gb.name, code: `ZZ${gi + 1}`, sortOrder: gi, now });
      for (const [bi, bn] of gb.branches.entries()) {
        const branch = await insertOrg(trx, { tenantId, parent: general, kind: 'branch', name: bn, code: `ZB${gi + 1}${bi + 1}`, sortOrder: bi, now });
        firstBranch ??= branch;
        for (const [si, gn] of GROUPS.entries()) {
          const group = await insertOrg(trx, { tenantId, parent: branch, kind: 'group', name: gn, code: `XZ${gi + 1}${bi + 1}${si + 1}`, sortOrder: si, now });
          firstGroup ??= group;
        }
      }
    }
    const roles = await insertBuiltinRoles(trx, tenantId, now);
    const scopeOrg = { committee, branch: firstBranch!, group: firstGroup! };
    for (const a of DEMO_ACCOUNTS) {
      const userId = await insertUser(trx, { tenantId, username: a.username, displayName: a.displayName, passwordHash: hash, mustChangePassword: false, isDemo: true, now });
      await insertGrant(trx, { tenantId, userId, roleId: roles.get(a.role)!, orgId: scopeOrg[a.scope].id, createdBy: null, now });
    }
    await p.audit.record(trx, { ...ctx, tenantId }, { action: 'demo.seed', entity: 'tenant', entityId: tenantId, after: { tenant: '社区党委', accounts: DEMO_ACCOUNTS.map((a) => a.username) } });
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
