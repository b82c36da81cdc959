import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../app.js';
import { loadConfig } from '../config.js';
import type { Platform } from '../platform/context.js';
import { verifyPassword } from '../platform/crypto/password.js';
import { freshDatabase, dialectLabel } from '../test/harness.js';
import { DEMO_ACCOUNTS, seedDemo } from './demo.js';

let p: Platform;
let drop: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  dataDir = db.dataDir;
  p = await createPlatform(loadConfig({ ...db.env, LOG_LEVEL: 'silent' })); // no DANGJIAN_DEMO_PASSWORD
});
afterAll(async () => {
  await p.data.close();
  await drop();
});

describe(`first start ${dialectLabel()}`, () => {
  it('creates the demo tenant, its tree and one account per built-in role, with a generated password written 0600', async () => {
    const r = await seedDemo(p);
    expect(r.created).toBe(true);
    expect(r.generated).toBe(true);
    const file = path.join(dataDir, 'demo-accounts.txt');
    expect(r.accountsFile).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain(r.password!);

    const kinds = await p.db.selectFrom('organisations').select('kind').execute();
    const count = (k: string) => kinds.filter((o) => o.kind === k).length;
    expect([count('committee'), count('generalBranch'), count('branch'), count('group')]).toEqual([1, 3, 6, 24]);

    const users = await p.db.selectFrom('users').selectAll().execute();
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    for (const name of ['admin', 'secadmin', 'auditor', 'dangwei']) expect(users.some((u) => u.username === name)).toBe(true);
    expect(users.every((u) => u.must_change_password === 0 && u.is_demo === 1)).toBe(true);
    expect(await verifyPassword(r.password!, users[0]!.password_hash)).toBe(true);
  });

  it('creates nothing again on a later start', async () => {
    const before = await p.db.selectFrom('users').select('id').execute();
    const again = await seedDemo(p);
    expect(again.created).toBe(false);
    expect(await p.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    expect(await p.db.selectFrom('tenants').select('id').execute()).toHaveLength(2); // platform + demo
  });
});
