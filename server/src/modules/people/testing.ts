// Test helpers for the people modules: accounts of our own with a built-in role on a named organisation,
// so tests do not depend on which demo accounts the seed happens to create.
import type { TestApp } from '../../test/harness.js';
import { DEMO_PASSWORD } from '../../test/harness.js';
import { insertUser } from '../../platform/accounts/service.js';
import { insertGrant } from '../../platform/access/grants.js';
import { hashPassword } from '../../platform/crypto/password.js';

/** Creates a user holding the built-in role `roleCode` over the organisation `orgName`, and logs them in. */
export async function accountWithRole(t: TestApp, username: string, displayName: string, roleCode: string, orgName: string): Promise<string> {
  const db = t.platform.db;
  const orgId = await t.orgId(orgName);
  const org = await db.selectFrom('organisations').select('tenant_id').where('id', '=', orgId).executeTakeFirstOrThrow();
  const role = await db.selectFrom('roles').select('id').where('tenant_id', '=', org.tenant_id).where('code', '=', roleCode).executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = t.clock.now();
  await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, { tenantId: org.tenant_id, username, displayName, passwordHash, mustChangePassword: false, now });
    await insertGrant(trx, { tenantId: org.tenant_id, userId, roleId: role.id, orgId, createdBy: null, now });
  });
  return t.login(username);
}
