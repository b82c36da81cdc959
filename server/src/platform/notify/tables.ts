// Row types of the tables platform/notify and platform/jobs own (composed into the Database interface
// in db/types.ts); both are created by migration 0006_notify.
import type { JobTables } from '../jobs/tables.js';

/** One in-app notification for one user (the inbox behind the bell). */
export interface NotificationTable {
  tenant_id: string;
  id: string;
  user_id: string;
  /** `<module>.<what>`, e.g. `tasks.reminder`; the web may pick an icon from it. */
  kind: string;
  title: string;
  body: string | null;
  /** Web path the notification opens, e.g. `/tasks?id=…`. */
  link: string | null;
  /** At most one notification per (user, dedupe_key); null = always sent. */
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotifyTables extends JobTables {
  notifications: NotificationTable;
}
