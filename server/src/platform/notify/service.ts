// In-app notifications: modules send them inside their own transaction, so a notification exists
// exactly when the change that caused it committed.
import type { Clock } from '../clock.js';
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';

export interface NotificationInput {
  /** `<module>.<what>`, e.g. `tasks.reminder`. */
  kind: string;
  /** Chinese, one line: what happened or what to do. */
  title: string;
  body?: string;
  /** Web path, e.g. `/tasks?id=…`. */
  link?: string;
  /** At most one notification per (user, dedupeKey): a second send with the same key is skipped. */
  dedupeKey?: string;
}

/** Rows per INSERT: 9 columns each, well under SQLite's 32766 bound parameters. */
const SLICE = 500;

export class NotifyService {
  constructor(private readonly clock: Clock) {}

  /**
   * Sends one notification to each user (ids of users of the tenant; duplicates ignored). Call it with
   * the transaction of the change that causes it. Returns how many were new (dedupe hits not counted).
   */
  async send(trx: DbOrTx, tenantId: string, userIds: readonly string[], n: NotificationInput): Promise<number> {
    const users = [...new Set(userIds)];
    if (users.length === 0) return 0;
    const at = this.clock.now().toISOString();
    let sent = 0;
    for (let i = 0; i < users.length; i += SLICE) {
      const rows = users.slice(i, i + SLICE).map((userId) => ({
        tenant_id: tenantId, id: newId(), user_id: userId, kind: n.kind, title: n.title,
        body: n.body ?? null, link: n.link ?? null, dedupe_key: n.dedupeKey ?? null, created_at: at, read_at: null,
      }));
      // NULL keys never conflict (NULLs are distinct in a unique index on both dialects).
      const inserted = await trx.insertInto('notifications').values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'dedupe_key']).doNothing())
        .returning('id')
        .execute();
      sent += inserted.length;
    }
    return sent;
  }
}
