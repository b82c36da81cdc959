// What the 审计日志 shows instead of internal codes: the result of the request in words, and the names of the
// account, the committee (tenant) and the record an entry is about. Names are looked up when the log is read,
// never written into it: the chained entries stay as they were recorded.
import type { Db, DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import type { Platform } from '../context.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';

/** Names of a module's records by id, keyed "<tenant>/<id>" (e.g. the org module's organisations). */
export type EntityNamer = (db: DbOrTx, tenantIds: readonly string[], ids: readonly string[]) => Promise<Map<string, string>>;

// A port the modules fill when the platform is created, so the log names their records without the
// platform reading module tables.
const namers = new WeakMap<Platform, Map<string, EntityNamer>>();

export function registerAuditEntityNames(p: Platform, entity: string, namer: EntityNamer): void {
  const mine = namers.get(p) ?? new Map<string, EntityNamer>();
  if (mine.has(entity)) throw new Error(`the audit log already has a namer for ${entity}`);
  mine.set(entity, namer);
  namers.set(p, mine);
}

/**
 * The result of an entry in words, from the HTTP status its request answered with. A change a service or job
 * recorded has none: it is written in the change's own transaction, so it exists only if the change was made.
 */
export function auditResult(status: number | null): string {
  if (status === null || status < 400) return '成功';
  if (status === 401 || status === 403) return '拒绝';
  if (status === 429) return '过于频繁';
  if (status >= 500) return '出错';
  return '失败';
}

interface Row { tenant_id: string; user_id: string | null; entity: string | null; entity_id: string | null }
export interface AuditNames { userName: string | null; tenantName: string; entityName: string | null }

const key = (tenantId: string, id: string) => `${tenantId}/${id}`;

/** Names for a page of entries, in one statement per kind of thing named (users, tenants, roles, each module's). */
export async function auditNames(p: Platform, rows: readonly Row[]): Promise<AuditNames[]> {
  const db: Db = p.db;
  if (rows.length === 0) return []; // PostgreSQL refuses an empty IN list
  const tenantIds = [...new Set(rows.map((r) => r.tenant_id))];
  const idsOf = (entity: string) => rows.flatMap((r) => (r.entity === entity && r.entity_id ? [r.entity_id] : []));
  const userIds = [...rows.flatMap((r) => (r.user_id ? [r.user_id] : [])), ...idsOf('user')];
  const modules = [...(namers.get(p) ?? new Map<string, EntityNamer>())];
  const [users, tenants, roles, ...moduleNames] = await Promise.all([
    inSlices(userIds, (s) => db.selectFrom('users').select(['tenant_id', 'id', 'display_name as name']).where('tenant_id', 'in', tenantIds).where('id', 'in', s).execute()),
    db.selectFrom('tenants').select(['id', 'name']).where('id', 'in', [...tenantIds, ...idsOf('tenant')]).execute(),
    inSlices(idsOf('role'), (s) => db.selectFrom('roles').select(['tenant_id', 'id', 'name']).where('id', 'in', s).execute()),
    ...modules.map(([entity, namer]) => (idsOf(entity).length > 0 ? namer(db, tenantIds, idsOf(entity)) : Promise.resolve(new Map<string, string>()))),
  ]);
  const userName = new Map(users.map((u) => [key(u.tenant_id, u.id), u.name]));
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  const named = new Map<string, Map<string, string>>([
    ['user', userName],
    ['role', new Map(roles.map((r) => [key(r.tenant_id, r.id), r.name]))],
    ...modules.map(([entity], i): [string, Map<string, string>] => [entity, moduleNames[i]!]),
  ]);
  return rows.map((r) => ({
    userName: r.user_id ? userName.get(key(r.tenant_id, r.user_id)) ?? null : null,
    tenantName: r.tenant_id === SYSTEM_TENANT_ID ? '平台' : tenantName.get(r.tenant_id) ?? '',
    entityName: !r.entity || !r.entity_id ? null
      : r.entity === 'tenant' ? tenantName.get(r.entity_id) ?? null
      : named.get(r.entity)?.get(key(r.tenant_id, r.entity_id)) ?? null,
  }));
}
