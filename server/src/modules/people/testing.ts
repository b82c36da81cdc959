// Test helpers for the people modules: accounts of our own with a built-in role on a named organisation,
// so tests do not depend on which demo accounts the seed happens to create.
import type { TestApp } from '../../test/harness.js';
import { DEMO_PASSWORD } from '../../test/harness.js';
import { insertUser } from '../../platform/accounts/service.js';
import { insertGrant } from '../../platform/access/grants.js';
import { hashPassword } from '../../platform/crypto/password.js';
import { checkDigit } from './idNumber.js';

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

/**
 * Every 身份证号 consistent with what a viewer without member.sensitive sees of a person: the masked number, and
 * beside it the birth date and sex in clear; the 6-digit region is assumed known (籍贯 and 住址 narrow it that far).
 * Each candidate has a valid GB 11643 check digit and agrees with every character the mask shows.
 */
export function idNumbersConsistentWith(shown: { idNumber: string; birthDate: string; gender: 'male' | 'female' }, region: string): string[] {
  const birth = shown.birthDate.replaceAll('-', '');
  const out: string[] = [];
  for (let seq = 0; seq < 1000; seq++) {
    if ((seq % 2 === 1) !== (shown.gender === 'male')) continue; // the 17th character's parity is the sex
    const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
    const candidate = first17 + checkDigit(first17);
    if (candidate.length === shown.idNumber.length && [...shown.idNumber].every((c, i) => c === '*' || c === candidate[i])) out.push(candidate);
  }
  return out;
}

/** The mask before issue 16 (first 6 and last 4 shown), to show that the candidates test can tell a weak mask. */
export const oldIdMask = (v: string): string => `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
