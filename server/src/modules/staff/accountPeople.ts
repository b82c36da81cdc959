// The employee behind each of these accounts (用户管理's 对应人员) for employees linked directly (staff.user_id):
// name, and their unit and post. Members' accounts are answered by the members module; both fill one port.
import type { DbOrTx } from '../../db/types.js';
import type { AccountPerson } from '../../platform/accounts/people.js';
import { inSlices } from '../../db/batch.js';

export async function staffOfAccounts(db: DbOrTx, tenantIds: readonly string[], userIds: readonly string[]): Promise<Map<string, AccountPerson>> {
  if (tenantIds.length === 0 || userIds.length === 0) return new Map();
  const rows = await inSlices([...new Set(userIds)], (slice) => db.selectFrom('staff as s')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .select(['s.user_id', 's.name', 's.post', 'u.name as unit_name'])
    .where('s.tenant_id', 'in', tenantIds).where('s.user_id', 'in', slice).where('s.deleted_at', 'is', null).execute());
  return new Map(rows.map((r) => [r.user_id!, { kind: 'staff', name: r.name, detail: r.post ? `${r.unit_name} · ${r.post}` : r.unit_name }]));
}
