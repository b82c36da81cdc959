#!/usr/bin/env node
// Command line: start | migrate | seed | create-admin | verify-audit | backup | restore.
// Every command reads the same environment as the server (config.ts).
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import { ConfigError, loadConfig } from './config.js';
import { buildApp, createPlatform } from './app.js';
import { describeDemo, insertBuiltinRoles, seedDemo } from './seed/demo.js';
import { backup, defaultBackupPath, restore } from './cli/backup.js';
import { SYSTEM_TENANT_ID } from './platform/tenants.js';
import { hashPassword } from './platform/crypto/password.js';
import { passwordProblem } from './platform/auth/policy.js';
import { insertUser } from './platform/accounts/service.js';
import { insertGrant, assertSeparation } from './platform/access/grants.js';
import { insertOrg } from './modules/org/index.js';
import { newId } from './db/ids.js';

const HELP = `用法 (usage): node server/dist/main.js <命令>
  start          迁移数据库、首次启动时载入演示社区，然后启动服务
  migrate        只执行数据库迁移
  seed           在空数据库上载入演示社区
  create-admin   --username <名> --name <姓名> [--role sysadmin|secadmin|auditor] [--password <密码>]
                 创建三员账号（首次登录须改密码）
  verify-audit   校验审计日志哈希链，报告第一条被修改、删除或调换的记录
  backup [文件]  在线备份（SQLite 在线备份 / pg_dump），同时复制字段加密密钥
  restore <文件> 从备份恢复（请先停止服务）`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig();

  switch (command) {
    case 'start': {
      const platform = await createPlatform(config);
      if (config.seedDemo) {
        const seeded = await seedDemo(platform);
        if (seeded.created) console.log(describeDemo(seeded));
      }
      const app = await buildApp(platform);
      const stop = async () => {
        await platform.jobs.stop();
        await app.close();
        await platform.data.close();
        process.exit(0);
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      await app.listen({ port: config.port, host: config.host });
      const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
      console.log(`社区党建管控系统已启动: http://${shown}:${config.port} （数据库 ${config.dialect}）`);
      // Scheduled jobs (reminders …): every minute; each period runs once even with several processes.
      platform.jobs.start((results, error) => {
        if (error) app.log.error({ err: error }, 'scheduled jobs: tick failed');
        for (const r of results ?? []) {
          const fields = { job: r.job, tenantId: r.tenantId, runKey: r.runKey, attempt: r.attempt, status: r.status };
          if (r.status === 'failed') app.log.error({ ...fields, err: r.error }, 'scheduled job failed');
          else if (r.status === 'unclaimed') app.log.warn({ ...fields, err: r.error }, 'scheduled job not claimed; next tick retries');
          else app.log.info(fields, 'scheduled job ran');
        }
      });
      return -1; // keep running
    }
    case 'migrate': {
      const platform = await createPlatform(config);
      await platform.data.close();
      console.log(`数据库已迁移到最新版本 (${config.dialect})`);
      return 0;
    }
    case 'seed': {
      const platform = await createPlatform(config);
      const seeded = await seedDemo(platform);
      console.log(seeded.created ? describeDemo(seeded) : '数据库中已有数据，未重复创建演示社区');
      await platform.data.close();
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'sysadmin' }, password: { type: 'string' }, tenant: { type: 'string' } } });
      if (!values.username) throw new Error('请用 --username 指定用户名');
      if (!['sysadmin', 'secadmin', 'auditor'].includes(values.role!)) throw new Error('--role 只能是 sysadmin、secadmin 或 auditor');
      const password = values.password ?? process.env.DANGJIAN_ADMIN_PASSWORD ?? `Dj${randomInt(10 ** 8, 10 ** 9)}@${randomInt(1000, 9999)}`;
      const problem = passwordProblem(password, 8, values.username);
      if (problem) throw new Error(problem);
      const platform = await createPlatform(config);
      const now = platform.clock.now();
      const hash = await hashPassword(password);
      await platform.db.transaction().execute(async (trx) => {
        let tenant = await trx.selectFrom('tenants').select(['id', 'name']).where('id', '!=', SYSTEM_TENANT_ID).orderBy('created_at').executeTakeFirst();
        if (!tenant) {
          const id = newId();
          tenant = { id, name: values.tenant ?? '社区党委' };
          await trx.insertInto('tenants').values({ id, name: tenant.name, region_path: '/', created_at: now.toISOString() }).execute();
          await platform.audit.initChain(trx, id);
          await insertOrg(trx, { tenantId: id, parent: null, kind: 'committee', name: tenant.name, now });
          await insertBuiltinRoles(trx, id, now);
        }
        const root = await trx.selectFrom('organisations').select(['id']).where('tenant_id', '=', tenant.id).where('parent_id', 'is', null).orderBy('created_at').executeTakeFirstOrThrow();
        const role = await trx.selectFrom('roles').select(['id', 'name', 'separation']).where('tenant_id', '=', tenant.id).where('code', '=', values.role!).executeTakeFirstOrThrow();
        const userId = await insertUser(trx, { tenantId: tenant.id, username: values.username!, displayName: values.name ?? role.name, passwordHash: hash, mustChangePassword: true, now });
        await assertSeparation(trx, tenant.id, userId, role);
        const grantId = await insertGrant(trx, { tenantId: tenant.id, userId, roleId: role.id, orgId: root.id, createdBy: null, now });
        // The operator's recovery path around 三员分立 (a lost 安全保密员 …): both steps stand in the audit log as 'cli'.
        const cli = { tenantId: tenant.id, userId: null, username: 'cli', ip: null, requestId: null };
        await platform.audit.record(trx, cli, { action: 'user.create', entity: 'user', entityId: userId, after: { username: values.username, role: values.role } });
        await platform.audit.record(trx, cli, { action: 'grant.create', entity: 'grant', entityId: grantId, after: { user: values.username, role: values.role, roleName: role.name } });
      });
      await platform.data.close();
      console.log(`已创建${values.role === 'sysadmin' ? '系统管理员' : values.role === 'secadmin' ? '安全保密员' : '安全审计员'}账号 ${values.username}，初始密码：${password}（首次登录须修改）`);
      return 0;
    }
    case 'verify-audit': {
      const platform = await createPlatform(config);
      const result = await platform.audit.verify();
      await platform.data.close();
      if (result.ok) {
        console.log(`审计日志完整：已校验 ${result.checked} 条记录 (audit log intact)`);
        return 0;
      }
      for (const pr of result.problems) console.error(`审计日志被篡改 (tampered): tenant ${pr.tenantId} seq ${pr.seq}: ${pr.reason}`);
      return 1;
    }
    case 'backup': {
      const target = rest[0] ?? defaultBackupPath(config);
      await backup(config, target);
      console.log(`备份完成：${target}${config.keyFromEnv ? '' : `（密钥：${target}.key）`}`);
      return 0;
    }
    case 'restore': {
      if (!rest[0]) throw new Error('请指定备份文件：restore <文件>');
      await restore(config, rest[0]);
      const platform = await createPlatform(config);
      const result = await platform.audit.verify();
      await platform.data.close();
      console.log(`恢复完成：${rest[0]}；审计日志${result.ok ? '完整' : '校验失败'}`);
      return result.ok ? 0 : 1;
    }
    default:
      console.error(`未知命令：${command}\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DANGJIAN_DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  },
);
