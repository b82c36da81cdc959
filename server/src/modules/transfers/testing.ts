// Test helper: a second committee on the same server (its own tenant, tree, unit and 党委管理员), for transfers
// between committees.
import { newId } from '../../db/ids.js';
import { insertGrant } from '../../platform/access/grants.js';
import { insertUser } from '../../platform/accounts/service.js';
import { hashPassword } from '../../platform/crypto/password.js';
import { insertBuiltinRoles } from '../../seed/demo.js';
import { DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { insertOrg } from '../org/index.js';

export interface OtherCommittee { tenantId: string; cookie: string; branchId: string; unitId: string }

export async function otherCommittee(t: TestApp, name: string, username: string): Promise<OtherCommittee> {
  const db = t.platform.db;
  const now = t.clock.now();
  const at = now.toISOString();
  const tenantId = newId();
  const unitId = newId();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const branchId = await db.transaction().execute(async (trx) => {
    await trx.insertInto('tenants').values({ id: tenantId, name, region_path: '/', created_at: at }).execute();
    await t.platform.audit.initChain(trx, tenantId);
    const root = await insertOrg(trx, { tenantId, parent: null, kind: 'committee', name, now });
    const branch = await insertOrg(trx, { tenantId, parent: root, kind: 'branch', name: '第一党支部', now });
    await trx.insertInto('units').values({ tenant_id: tenantId, id: unitId, parent_id: null, kind: 'office', name: '社区居委会', code: null, path: `/${unitId}/`, depth: 0, sort_order: 0, created_at: at, updated_at: at, deleted_at: null }).execute();
    const roles = await insertBuiltinRoles(trx, tenantId, now);
    const userId = await insertUser(trx, { tenantId, username, displayName: `${name}管理员`, passwordHash, mustChangePassword: false, now });
    await insertGrant(trx, { tenantId, userId, roleId: roles.get('committeeAdmin')!, orgId: root.id, createdBy: null, now });
    return branch.id;
  });
  return { tenantId, cookie: await t.login(username), branchId, unitId };
}
