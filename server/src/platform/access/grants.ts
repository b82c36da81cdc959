// Granting roles: user × role × organisation subtree, with the 三员分立 rule enforced in one place.
import type { DbOrTx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { conflict } from '../errors.js';
import { SEPARATION_NAMES, type Separation } from './roles.js';

export async function assertSeparation(trx: DbOrTx, tenantId: string, userId: string, newRole: { separation: Separation | null; name: string }): Promise<void> {
  const held = await trx
    .selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .select(['r.name', 'r.separation'])
    .where('g.tenant_id', '=', tenantId)
    .where('g.user_id', '=', userId)
    .where('g.revoked_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .execute();
  for (const h of held) {
    if (h.separation === newRole.separation) continue;
    if (h.separation && newRole.separation) {
      throw conflict('SEPARATION_OF_DUTIES', `三员分立：该账号已是${SEPARATION_NAMES[h.separation]}，不能再兼任${SEPARATION_NAMES[newRole.separation]}`);
    }
    const admin = h.separation ?? newRole.separation;
    if (admin) {
      throw conflict('SEPARATION_OF_DUTIES', `三员分立：${SEPARATION_NAMES[admin]}账号为专用账号，不能与业务角色（${h.separation ? newRole.name : h.name}）兼任`);
    }
  }
}

export async function insertGrant(trx: DbOrTx, g: { tenantId: string; userId: string; roleId: string; orgId: string; createdBy: string | null; now: Date }): Promise<string> {
  const id = newId(g.now.getTime());
  await trx
    .insertInto('grants')
    .values({ tenant_id: g.tenantId, id, user_id: g.userId, role_id: g.roleId, org_id: g.orgId, created_at: g.now.toISOString(), created_by: g.createdBy, revoked_at: null, revoked_by: null })
    .execute();
  return id;
}
