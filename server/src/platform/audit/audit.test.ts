// "Nothing is lost" (ARCHITECTURE.md): every change goes to an append-only, hash-chained audit log, and
// tampering by someone who gets round the append-only trigger is found by verifyAudit and the CLI.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql, type KyselyPlugin, type RootOperationNode, type SelectQueryNode, type TableNode } from 'kysely';
import { loadConfig } from '../../config.js';
import { openDatabase, type DataLayer } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { AuditLogTable } from '../../db/types.js';
import { FakeClock } from '../clock.js';
import { auditChainKey, entryHash } from './chain.js';
import { loadOrCreateKey } from '../crypto/keyFile.js';
import { AuditService } from './service.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';
import { verifyAudit } from './verify.js';
import { createTestApp, dialectLabel, freshDatabase, type TestApp } from '../../test/harness.js';
import { runCli } from '../../test/cli.js';

describe(`audit log of the running app ${dialectLabel()}`, () => {
  let t: TestApp;
  let tenantId: string;
  let auditorCookie: string;
  const newest = (tenant: string) =>
    t.platform.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant).orderBy('seq', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    tenantId = (await t.platform.db.selectFrom('users').select('tenant_id').where('username', '=', 'dangwei').executeTakeFirstOrThrow()).tenant_id;
    auditorCookie = await t.login('auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a rename with who, from where, and the name before and after', async () => {
    const cookie = await t.login('dangwei');
    const orgId = await t.orgId('机关第二党支部');
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/orgs/${orgId}`, remoteAddress: '203.0.113.7', headers: { cookie }, payload: { name: '机关第二党支部（审计）' },
    });
    expect(res.statusCode).toBe(200);

    const entry = await newest(tenantId);
    const dangwei = await t.platform.db.selectFrom('users').select('id').where('username', '=', 'dangwei').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'org.update', entity: 'organisation', entity_id: orgId, username: 'dangwei', user_id: dangwei.id, ip: '203.0.113.7' });
    expect(JSON.parse(entry.before!).name).toBe('机关第二党支部');
    expect(JSON.parse(entry.after!).name).toBe('机关第二党支部（审计）');
    expect(entry.request_id).toBe(res.headers['x-request-id']);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('records failed logins, for a known user in its tenant and for an unknown name in the platform chain', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.23', payload: { username: 'kaohe', password: 'Wrong#pass1' } });
    expect(bad.statusCode).toBe(401);
    const entry = await newest(tenantId);
    expect(entry).toMatchObject({ action: 'auth.login.failed', username: 'kaohe', ip: '198.51.100.23', status: 401 });
    expect(JSON.parse(entry.after!).failedLogins).toBe(1);

    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.24', payload: { username: 'nobody-here', password: 'Wrong#pass1' } });
    expect(unknown.statusCode).toBe(401);
    const platformEntry = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login.failed').where('ip', '=', '198.51.100.24').executeTakeFirstOrThrow();
    expect(platformEntry.tenant_id).not.toBe(tenantId);
    expect(JSON.parse(platformEntry.after!).username).toBe('nobody-here');
  });

  it("lists entries to the auditor, filtered by user and by action", async () => {
    const byUser = (await t.call('GET', '/api/v1/audit?username=dangwei&action=org.&pageSize=200', { cookie: auditorCookie })).json();
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.total).toBe(byUser.items.length);
    for (const e of byUser.items) {
      expect(e.username).toBe('dangwei');
      expect(e.action).toMatch(/^org\./);
    }
    expect(byUser.items).toContainEqual(expect.objectContaining({
      action: 'org.update', ip: '203.0.113.7',
      before: expect.objectContaining({ name: '机关第二党支部' }), after: expect.objectContaining({ name: '机关第二党支部（审计）' }),
    }));

    const failed = (await t.call('GET', '/api/v1/audit?action=auth.login.failed', { cookie: auditorCookie })).json();
    expect(failed.items.map((e: { username: string | null; ip: string }) => [e.username, e.ip]).sort()).toEqual([
      ['kaohe', '198.51.100.23'], [null, '198.51.100.24'],
    ].sort());

    const none = (await t.call('GET', '/api/v1/audit?username=kaohe&action=org.', { cookie: auditorCookie })).json();
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('shows the result in words and names the account, the committee and the record instead of codes', async () => {
    const cookie = await t.login('dangwei');
    const group = await t.platform.db.selectFrom('organisations').select('id').where('kind', '=', 'group').orderBy('path').executeTakeFirstOrThrow();
    expect((await t.call('PATCH', `/api/v1/orgs/${group.id}`, { cookie, body: { name: '学习党小组' } })).statusCode).toBe(200);
    const zb1 = await t.login('zb1');
    expect((await t.call('GET', '/api/v1/audit', { cookie: zb1 })).statusCode).toBe(403); // the refusal is logged
    const [dangwei, tenant] = await Promise.all([
      t.platform.db.selectFrom('users').select('display_name').where('username', '=', 'dangwei').executeTakeFirstOrThrow(),
      t.platform.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow(),
    ]);
    const list = async (q: string) => (await t.call('GET', `/api/v1/audit?${q}`, { cookie: auditorCookie })).json().items as Record<string, unknown>[];
    const [rename] = await list('action=org.update&username=dangwei');
    expect(rename).toMatchObject({ result: '成功', userName: dangwei.display_name, tenantName: tenant.name, entity: 'organisation', entityName: '机关第一党支部/学习党小组' });
    const [refused] = await list('action=access.refused&username=zb1');
    expect(refused).toMatchObject({ status: 403, result: '拒绝' });
    await t.platform.audit.recordAlone({ tenantId, userId: null, username: null, ip: null, requestId: null }, { action: 'job.nightly' });
    const [byJob] = await list('action=job.nightly');
    expect(byJob).toMatchObject({ status: null, result: '成功', userName: null }); // written with the change it records
  });

  it('takes the action filter literally: _ and % in it are not wildcards, on both databases', async () => {
    const ctx = { tenantId, userId: null, username: 'cashier', ip: null, requestId: null };
    for (const action of ['dues.pay_in', 'dues.payXin', 'dues.pay%done']) await t.platform.audit.recordAlone(ctx, { action });
    const actions = async (filter: string) => {
      const res = await t.call('GET', `/api/v1/audit?action=${encodeURIComponent(filter)}`, { cookie: auditorCookie });
      expect(res.statusCode).toBe(200);
      return (res.json().items as { action: string }[]).map((e) => e.action).sort();
    };
    expect(await actions('dues.pay')).toEqual(['dues.pay%done', 'dues.payXin', 'dues.pay_in']);
    expect(await actions('dues.pay_')).toEqual(['dues.pay_in']);
    expect(await actions('dues.pay%')).toEqual(['dues.pay%done']);
  });

  it('exports the filtered list as an Excel workbook', async () => {
    const res = await t.call('GET', '/api/v1/audit?username=dangwei&format=xlsx', { cookie: auditorCookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('时间');
    const rows: string[][] = [];
    expect([2, 3, 5].map((c) => sheet.getRow(1).getCell(c).value)).toEqual(['用户', '用户名', '操作']);
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push([String(row.getCell(2).value), String(row.getCell(3).value), String(row.getCell(5).value)]);
    });
    const { display_name: dangweiName } = await t.platform.db.selectFrom('users').select('display_name').where('username', '=', 'dangwei').executeTakeFirstOrThrow();
    expect(rows).toContainEqual([dangweiName, 'dangwei', 'org.update']);
    expect(rows.every(([, user]) => user === 'dangwei')).toBe(true);
  });

  it("refuses UPDATE and DELETE on audit_log through the app's own connection", async () => {
    const db = t.platform.db;
    const before = await db.selectFrom('audit_log').selectAll().orderBy('tenant_id').orderBy('seq').execute();
    await expect(db.updateTable('audit_log').set({ after: '{"name":"改写"}' }).where('tenant_id', '=', tenantId).execute()).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('tenant_id', '=', tenantId).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    // Also inside a transaction, the way services write.
    await expect(db.transaction().execute((trx) => trx.deleteFrom('audit_log').execute())).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_log').selectAll().orderBy('tenant_id').orderBy('seq').execute()).toEqual(before);
    expect((await t.platform.audit.verify()).ok).toBe(true);
  });
});

/**
 * A fresh database holding two tenants' chains of six entries each, written by the real AuditService,
 * with the append-only triggers dropped as an attacker with owner rights would.
 */
interface Chains {
  data: DataLayer;
  env: NodeJS.ProcessEnv;
  /** The tenant whose chain each test tampers with, and one that nobody touches. */
  target: string;
  bystander: string;
  key: Buffer;
  row(seq: number): Promise<AuditLogTable>;
  close(): Promise<void>;
}

const ENTRIES = 6;

async function chains(): Promise<Chains> {
  const fresh = await freshDatabase();
  const config = loadConfig(fresh.env);
  const data = openDatabase(config.dialect, config.databaseUrl);
  await migrateToLatest(data.db, data.dialect);
  // The key the CLI will load from the same data directory.
  const key = auditChainKey(loadOrCreateKey(config.keyFile, null));
  const clock = new FakeClock();
  const audit = new AuditService(data.db, data.dialect, clock, key);
  await audit.ensureChain(SYSTEM_TENANT_ID); // as createPlatform does
  const [target, bystander] = ['0190d5a0-0000-7000-8000-00000000000a', '0190d5a0-0000-7000-8000-00000000000b'] as const;
  for (const [i, id] of [target, bystander].entries()) {
    await data.db.insertInto('tenants').values({ id, name: `第${i + 1}社区党委`, region_path: '/', created_at: clock.now().toISOString() }).execute();
    for (let n = 1; n <= ENTRIES; n++) {
      clock.advanceMinutes(1);
      await data.db.transaction().execute((trx) =>
        audit.record(trx, { tenantId: id, userId: `user-${i}`, username: 'dangwei', ip: '10.0.0.8', requestId: `req-${i}-${n}` }, {
          action: 'org.update', entity: 'organisation', entityId: `org-${n}`, before: { name: `支部${n}` }, after: { name: `支部${n}（新）` },
        }));
    }
  }
  if (data.dialect === 'postgres') {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(data.db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(data.db);
    await sql`drop trigger audit_log_no_delete`.execute(data.db);
  }
  return {
    data, env: fresh.env, target, bystander, key,
    row: (seq) => data.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', target).where('seq', '=', seq).executeTakeFirstOrThrow(),
    async close() {
      await data.close();
      await fresh.drop();
    },
  };
}

describe(`tampering with the audit log is detected ${dialectLabel()}`, () => {
  let c: Chains;
  afterEach(async () => {
    await c?.close();
  });

  it('an intact log verifies, with every entry checked', async () => {
    c = await chains();
    expect(await verifyAudit(c.data.db, c.key)).toEqual({ ok: true, checked: 2 * ENTRIES, problems: [] });
  });

  it("an edited 'after' is reported as a modification of exactly that tenant and entry", async () => {
    c = await chains();
    await c.data.db.updateTable('audit_log').set({ after: JSON.stringify({ name: '支部3（伪造）' }) }).where('tenant_id', '=', c.target).where('seq', '=', 3).execute();
    const result = await verifyAudit(c.data.db, c.key);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ tenantId: c.target, seq: 3, reason: expect.stringContaining('修改') }]);
  });

  it('an edited entry whose own hash was recomputed breaks the link to the next entry', async () => {
    c = await chains();
    const { hash: _old, ...fields } = await c.row(3);
    const forged = { ...fields, after: JSON.stringify({ name: '支部3（伪造）' }) };
    await c.data.db.updateTable('audit_log').set({ after: forged.after, hash: entryHash(c.key, forged) }).where('tenant_id', '=', c.target).where('seq', '=', 3).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: 4, reason: expect.stringContaining('不衔接') }]);
  });

  it('a deleted entry in the middle is reported as missing', async () => {
    c = await chains();
    await c.data.db.deleteFrom('audit_log').where('tenant_id', '=', c.target).where('seq', '=', 3).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: 3, reason: expect.stringMatching(/第 3 条.*缺失/) }]);
  });

  it('a deleted last entry is reported (链尾)', async () => {
    c = await chains();
    await c.data.db.deleteFrom('audit_log').where('tenant_id', '=', c.target).where('seq', '=', ENTRIES).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: ENTRIES, reason: expect.stringContaining('链尾') }]);
  });

  it('two entries whose contents were swapped (reordered) are reported', async () => {
    c = await chains();
    const [a, b] = [await c.row(2), await c.row(4)];
    const content = ({ tenant_id: _t, seq: _s, ...rest }: AuditLogTable) => rest;
    await c.data.db.transaction().execute(async (trx) => {
      await trx.updateTable('audit_log').set(content(b)).where('tenant_id', '=', c.target).where('seq', '=', 2).execute();
      await trx.updateTable('audit_log').set(content(a)).where('tenant_id', '=', c.target).where('seq', '=', 4).execute();
    });
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: 2, reason: expect.stringContaining('调换') }]);
  });
});

describe(`verifying while the server keeps writing ${dialectLabel()}`, () => {
  let c: Chains;
  let writer: DataLayer;
  afterEach(async () => {
    await writer?.close();
    await c?.close();
  });

  /** verifyAudit's handle, on which `during` runs (on another connection) right after the chain heads are read. */
  function interleaved(during: () => Promise<void>) {
    const headQueries = new Set<unknown>();
    let fired = false;
    const plugin: KyselyPlugin = {
      transformQuery(args) {
        const node: RootOperationNode = args.node;
        const from = node.kind === 'SelectQueryNode' ? (node as SelectQueryNode).from?.froms[0] : undefined;
        if (from?.kind === 'TableNode' && (from as TableNode).table.identifier.name === 'audit_heads') headQueries.add(args.queryId);
        return args.node;
      },
      async transformResult(args) {
        if (!fired && headQueries.has(args.queryId)) {
          fired = true;
          await during();
        }
        return args.result;
      },
    };
    return { db: c.data.db.withPlugin(plugin), fired: () => fired };
  }

  it('does not mistake entries appended during the check, or a tenant created during it, for tampering', async () => {
    c = await chains();
    const config = loadConfig(c.env);
    writer = openDatabase(config.dialect, config.databaseUrl);
    const audit = new AuditService(writer.db, writer.dialect, new FakeClock('2026-11-28T00:00:00Z'), c.key);
    const ctx = { tenantId: c.target, userId: 'user-0', username: 'dangwei', ip: '10.0.0.8', requestId: 'live' };
    const newcomer = '0190d5a0-0000-7000-8000-00000000000c';
    const v = interleaved(async () => {
      await audit.recordAlone(ctx, { action: 'auth.login' });
      await writer.db.insertInto('tenants').values({ id: newcomer, name: '新社区党委', region_path: '/', created_at: '2026-11-28T00:00:00.000Z' }).execute();
      await audit.recordAlone({ ...ctx, tenantId: newcomer }, { action: 'tenant.create' });
    });
    const live = await verifyAudit(v.db, c.key);
    expect(v.fired()).toBe(true);
    expect(live.problems).toEqual([]);
    expect(live.ok).toBe(true);
    // Checked afterwards, the new entries are part of intact chains.
    expect(await verifyAudit(c.data.db, c.key)).toEqual({ ok: true, checked: 2 * ENTRIES + 2, problems: [] });
  });

  it('loses no entry when the first entries of a chain nobody initialised arrive at once', async () => {
    c = await chains();
    const audit = new AuditService(c.data.db, c.data.dialect, new FakeClock(), c.key);
    const lazy = '0190d5a0-0000-7000-8000-00000000000d';
    await c.data.db.insertInto('tenants').values({ id: lazy, name: '未建链的社区党委', region_path: '/', created_at: '2026-11-28T00:00:00.000Z' }).execute();
    const ctx = { tenantId: lazy, userId: null, username: null, ip: '192.0.2.1', requestId: null };
    expect(await c.data.db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', lazy).executeTakeFirst()).toBeUndefined();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) =>
      audit.recordAlone(ctx, { action: 'auth.login.failed', after: { username: `guess-${i}` }, status: 401 })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const seqs = await c.data.db.selectFrom('audit_log').select('seq').where('tenant_id', '=', lazy).orderBy('seq').execute();
    expect(seqs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await verifyAudit(c.data.db, c.key)).ok).toBe(true);
  });

  it('reports a deleted tail even when the head is moved back to the last remaining entry', async () => {
    c = await chains();
    const keep = await c.row(ENTRIES - 2);
    await c.data.db.deleteFrom('audit_log').where('tenant_id', '=', c.target).where('seq', '>', ENTRIES - 2).execute();
    await c.data.db.updateTable('audit_heads').set({ seq: keep.seq, hash: keep.hash }).where('tenant_id', '=', c.target).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: ENTRIES - 2, reason: expect.stringContaining('链头被篡改') }]);
  });

  it('reports a tenant whose whole chain, entries and head, was deleted', async () => {
    c = await chains();
    await c.data.db.deleteFrom('audit_log').where('tenant_id', '=', c.target).execute();
    await c.data.db.deleteFrom('audit_heads').where('tenant_id', '=', c.target).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: 0, reason: expect.stringContaining('整体缺失') }]);
  });

  it('cannot be fooled by a chain recomputed without the key', async () => {
    c = await chains();
    const wrongKey = Buffer.alloc(32, 7);
    const { hash: _old, ...fields } = await c.row(ENTRIES);
    const forged = { ...fields, after: JSON.stringify({ name: '伪造' }) };
    await c.data.db.updateTable('audit_log').set({ after: forged.after, hash: entryHash(wrongKey, forged) }).where('tenant_id', '=', c.target).where('seq', '=', ENTRIES).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: ENTRIES, reason: expect.stringContaining('修改') }]);
  });

  it('still reports an entry slipped in past the chain head by direct SQL', async () => {
    c = await chains();
    const last = await c.row(ENTRIES);
    const forged = { ...last, seq: ENTRIES + 1, action: 'org.delete', prev_hash: last.hash, request_id: 'forged' };
    await c.data.db.insertInto('audit_log').values({ ...forged, hash: entryHash(c.key, forged) }).execute();
    expect((await verifyAudit(c.data.db, c.key)).problems).toEqual([{ tenantId: c.target, seq: ENTRIES + 1, reason: expect.stringContaining('链头之后') }]);
  });
});

describe(`verify-audit command line ${dialectLabel()}`, () => {
  let c: Chains;
  beforeAll(async () => {
    c = await chains();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('exits 0 and says the log is intact', async () => {
    const r = await runCli(['verify-audit'], c.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('审计日志完整');
    expect(r.stdout).toContain(`已校验 ${2 * ENTRIES} 条`);
  });

  it('exits 1 and names the tampered tenant and entry on stderr', async () => {
    await c.data.db.updateTable('audit_log').set({ username: 'someone-else' }).where('tenant_id', '=', c.target).where('seq', '=', 5).execute();
    const r = await runCli(['verify-audit'], c.env);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('审计日志完整');
    expect(r.stderr).toContain(`tenant ${c.target} seq 5`);
    expect(r.stderr).toContain('修改');
    expect(r.stderr).not.toContain(c.bystander);
  });
});
