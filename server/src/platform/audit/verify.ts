// Walks every tenant's chain and reports the first entry of each that was edited, deleted or reordered.
import type { Db } from '../../db/types.js';
import { entryHash, GENESIS_HASH, headMac } from './chain.js';

export interface AuditProblem {
  tenantId: string;
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
}

const PAGE = 5000;

export async function verifyAudit(db: Db, key: Buffer): Promise<VerifyResult> {
  // The server keeps appending while this runs, and an entry and its head commit together. So read the
  // log's tenants before the heads, walk each chain only up to the head as read, and count entries past
  // it as foreign only if a head read afterwards does not cover them: live writes are never an alarm.
  // Tenants are read first of all: a tenant's head is created with it, so one without a head lost it.
  const tenants = await db.selectFrom('tenants').select('id').execute();
  const tenantsWithLog = await db.selectFrom('audit_log').select('tenant_id').distinct().execute();
  const heads = await db.selectFrom('audit_heads').selectAll().orderBy('tenant_id').execute();
  const known = new Set(heads.map((h) => h.tenant_id));
  const problems: AuditProblem[] = [];
  let checked = 0;

  const withLog = new Set(tenantsWithLog.map((t) => t.tenant_id));
  for (const t of tenantsWithLog) {
    if (!known.has(t.tenant_id)) problems.push({ tenantId: t.tenant_id, seq: 0, reason: '审计链头记录缺失（链头被删除）' });
  }
  for (const t of tenants) {
    if (!known.has(t.id) && !withLog.has(t.id)) problems.push({ tenantId: t.id, seq: 0, reason: '该组织的审计链整体缺失（记录与链头均被删除）' });
  }

  for (const head of heads) {
    if (head.mac !== headMac(key, head.tenant_id, head.seq, head.hash)) {
      problems.push({ tenantId: head.tenant_id, seq: head.seq, reason: '审计链头被篡改（链头校验码不符）' });
      continue;
    }
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let problem: AuditProblem | null = null;
    let after = 0;
    outer: for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', head.tenant_id)
        .where('seq', '>', after)
        .where('seq', '<=', head.seq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        checked++;
        if (row.seq !== expectedSeq) {
          problem = { tenantId: head.tenant_id, seq: expectedSeq, reason: `第 ${expectedSeq} 条审计记录缺失（被删除）` };
          break outer;
        }
        if (row.prev_hash !== prevHash) {
          problem = { tenantId: head.tenant_id, seq: row.seq, reason: `第 ${row.seq} 条审计记录与前一条不衔接（被删除、插入或调换顺序）` };
          break outer;
        }
        const { hash, ...fields } = row;
        if (entryHash(key, fields) !== hash) {
          problem = { tenantId: head.tenant_id, seq: row.seq, reason: `第 ${row.seq} 条审计记录内容被修改` };
          break outer;
        }
        prevHash = hash;
        expectedSeq++;
        after = row.seq;
      }
      if (rows.length < PAGE) break;
    }
    if (!problem && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
      problem = { tenantId: head.tenant_id, seq: expectedSeq, reason: `第 ${expectedSeq} 条起的审计记录缺失（链尾被删除）` };
    }
    if (!problem) {
      const last = await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).where('tenant_id', '=', head.tenant_id).executeTakeFirst();
      const now = await db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', head.tenant_id).executeTakeFirst();
      const lastSeq = Number(last?.seq ?? 0);
      if (now && lastSeq > now.seq) {
        problem = { tenantId: head.tenant_id, seq: now.seq + 1, reason: `第 ${now.seq + 1} 条起的审计记录不在链中（在链头之后被插入）` };
      }
    }
    if (problem) problems.push(problem);
  }
  return { ok: problems.length === 0, checked, problems };
}
