// The operator's recovery path around 三员分立 (create-admin on the server's command line) is audited.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createPlatform } from '../../app.js';
import { dialectLabel, freshDatabase } from '../../test/harness.js';
import { runCli } from '../../test/cli.js';

let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  await drop?.();
});

describe(`create-admin on the command line ${dialectLabel()}`, () => {
  it('creates a 三员 account that must change its password, and leaves the account and its role in the audit log', async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    const env = { ...fresh.env, LOG_LEVEL: 'silent', DANGJIAN_SEED_DEMO: 'false' };
    const r = await runCli(['create-admin', '--username', 'ops-audit', '--name', '值班审计', '--role', 'auditor', '--password', 'Recover#2026q'], env, 120_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已创建安全审计员账号 ops-audit');
    const platform = await createPlatform(loadConfig(env));
    try {
      const user = await platform.db.selectFrom('users').select(['id', 'must_change_password']).where('username', '=', 'ops-audit').executeTakeFirstOrThrow();
      expect(user.must_change_password).toBe(1);
      const entries = await platform.db.selectFrom('audit_log').select(['action', 'username', 'entity_id', 'after']).where('username', '=', 'cli').orderBy('seq').execute();
      expect(entries.map((e) => e.action)).toEqual(['user.create', 'grant.create']);
      expect(entries[0]!.entity_id).toBe(user.id);
      expect(JSON.parse(entries[1]!.after!)).toMatchObject({ user: 'ops-audit', role: 'auditor' });
      expect(entries.some((e) => (e.after ?? '').includes('Recover#2026q'))).toBe(false);
      expect((await platform.audit.verify()).ok).toBe(true);
    } finally {
      await platform.data.close();
    }
  });
});
