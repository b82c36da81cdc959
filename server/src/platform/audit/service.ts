// Writes audit entries inside the caller's transaction, so a change and its record commit together.
// Entries of one tenant form one chain; the chain head row is locked while appending (PostgreSQL) or
// protected by SQLite's single writer.
import type { DbDialect } from '../../config.js';
import type { Db, DbOrTx, Tx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { entryHash, GENESIS_HASH, headMac } from './chain.js';
import { verifyAudit, type VerifyResult } from './verify.js';

/** Who did it, from where; one per request. `audited` tells the request hook a specific entry was written. */
export interface AuditContext {
  tenantId: string;
  userId: string | null;
  username: string | null;
  ip: string | null;
  requestId: string | null;
  audited?: boolean;
}

export interface AuditEntry {
  action: string;
  entity?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  status?: number | null;
  /** Write into this tenant's chain instead of the context's (e.g. a login routed to a user's tenant). */
  tenantId?: string;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly dialect: DbDialect,
    private readonly clock: Clock,
    /** HMAC key of the chain (auditChainKey of the master key). */
    private readonly key: Buffer,
  ) {}

  private genesis(tenantId: string) {
    return { tenant_id: tenantId, seq: 0, hash: GENESIS_HASH, mac: headMac(this.key, tenantId, 0, GENESIS_HASH) };
  }

  /** Creates the empty chain of a new tenant in the tenant's own transaction: every tenant has a head. */
  async initChain(trx: DbOrTx, tenantId: string): Promise<void> {
    await trx.insertInto('audit_heads').values(this.genesis(tenantId)).execute();
  }

  /** Creates the chain if it is missing (the platform tenant, created by the first migration). */
  async ensureChain(tenantId: string): Promise<void> {
    await this.db.insertInto('audit_heads').values(this.genesis(tenantId)).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  }

  /** Checks every chain with this service's key. */
  verify(): Promise<VerifyResult> {
    return verifyAudit(this.db, this.key);
  }

  /** Appends one entry; must run inside a transaction. */
  async record(trx: DbOrTx, ctx: AuditContext, entry: AuditEntry): Promise<number> {
    const tenantId = entry.tenantId ?? ctx.tenantId;
    let q = trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId);
    if (this.dialect === 'postgres') q = q.forUpdate();
    let head = await q.executeTakeFirst();
    if (!head) {
      // A chain nobody initialised (the platform's own): concurrent first appends must not both create
      // the head, so create it if still absent and read it again under the lock.
      await trx.insertInto('audit_heads').values(this.genesis(tenantId)).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
      head = await q.executeTakeFirstOrThrow();
    }
    const row = {
      tenant_id: tenantId,
      seq: head.seq + 1,
      at: this.clock.now().toISOString(),
      user_id: ctx.userId,
      username: ctx.username,
      ip: ctx.ip,
      action: entry.action,
      entity: entry.entity ?? null,
      entity_id: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      request_id: ctx.requestId,
      status: entry.status ?? null,
      prev_hash: head.hash,
    };
    const hash = entryHash(this.key, row);
    await trx.insertInto('audit_log').values({ ...row, hash }).execute();
    await trx.updateTable('audit_heads').set({ seq: row.seq, hash, mac: headMac(this.key, tenantId, row.seq, hash) }).where('tenant_id', '=', tenantId).execute();
    ctx.audited = true;
    return row.seq;
  }

  /**
   * Runs `fn` in a transaction whose audit entries commit with it. If it fails, the request is marked
   * unaudited again, so the request hook still records the attempt.
   */
  async tx<T>(ctx: AuditContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
    const before = ctx.audited;
    try {
      return await this.db.transaction().execute(fn);
    } catch (err) {
      ctx.audited = before;
      throw err;
    }
  }

  /**
   * Records that a user saw sensitive fields unmasked (身份证号, phone …). Call it whenever a response
   * carries a value in clear; the entry names the record and the fields, never the values.
   */
  async sensitiveView(ctx: AuditContext, view: { entity: string; entityId: string; fields: string[] }): Promise<void> {
    await this.db.transaction().execute((trx) =>
      this.record(trx, ctx, { action: 'sensitive.view', entity: view.entity, entityId: view.entityId, after: { fields: view.fields } }),
    );
  }

  /** Records an entry in a transaction of its own (for events with no other write, like a logout). */
  async recordAlone(ctx: AuditContext, entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, ctx, entry));
  }
}
