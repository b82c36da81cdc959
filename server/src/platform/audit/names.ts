// What the 审计日志 shows instead of internal codes: the result of the request in words, and the names of the
// account, the committee (tenant) and the record an entry is about. Names are looked up when the log is read,
// never written into it: the chained entries stay as they were recorded.
import type { Db } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { SYSTEM_TENANT_ID } from '../tenants.js';

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

/** Names for a page of entries, in one statement per kind of thing named (users, tenants, roles, organisations). */
export async function auditNames(db: Db, rows: readonly Row[]): Promise<AuditNames[]> {
  if (rows.length === 0) return []; // PostgreSQL refuses an empty IN list
  const tenantIds = [...new Set(rows.map((r) => r.tenant_id))];
  const idsOf = (entity: string) => rows.flatMap((r) => (r.entity === entity && r.entity_id ? [r.entity_id] : []));
  const userIds = [...rows.flatMap((r) => (r.user_id ? [r.user_id] : [])), ...idsOf('user')];
  const [users, tenants, roles, orgs] = await Promise.all([
    inSlices(userIds, (s) => db.selectFrom('users').select(['tenant_id', 'id', 'display_name as name']).where('tenant_id', 'in', tenantIds).where('id', 'in', s).execute()),
    db.selectFrom('tenants').select(['id', 'name']).where('id', 'in', [...tenantIds, ...idsOf('tenant')]).execute(),
    inSlices(idsOf('role'), (s) => db.selectFrom('roles').select(['tenant_id', 'id', 'name']).where('id', 'in', s).execute()),
    // A 党小组 is named with its branch, as everywhere outside the tree (modules/org/displayNames.ts).
    inSlices(idsOf('organisation'), (s) => db.selectFrom('organisations as o')
      .leftJoin('organisations as parent', (j) => j.onRef('parent.tenant_id', '=', 'o.tenant_id').onRef('parent.id', '=', 'o.parent_id'))
      .select(['o.tenant_id', 'o.id', 'o.kind', 'o.name', 'parent.name as parent_name']).where('o.tenant_id', 'in', tenantIds).where('o.id', 'in', s).execute()),
  ]);
  const userName = new Map(users.map((u) => [key(u.tenant_id, u.id), u.name]));
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  const named = new Map<string, Map<string, string>>([
    ['user', userName],
    ['role', new Map(roles.map((r) => [key(r.tenant_id, r.id), r.name]))],
    ['organisation', new Map(orgs.map((o) => [key(o.tenant_id, o.id), o.kind === 'group' && o.parent_name ? `${o.parent_name}/${o.name}` : o.name]))],
  ]);
  return rows.map((r) => ({
    userName: r.user_id ? userName.get(key(r.tenant_id, r.user_id)) ?? null : null,
    tenantName: r.tenant_id === SYSTEM_TENANT_ID ? '平台' : tenantName.get(r.tenant_id) ?? '',
    entityName: !r.entity || !r.entity_id ? null
      : r.entity === 'tenant' ? tenantName.get(r.entity_id) ?? null
      : named.get(r.entity)?.get(key(r.tenant_id, r.entity_id)) ?? null,
  }));
}
