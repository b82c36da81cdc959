// Who a volunteer is: a Party member (members.user_id links their account) or, when the committee allows, an
// employee who is not a member (staff.user_id). Read through the people room's readers, never its tables.
import type { DbOrTx } from '../../db/types.js';
import { memberSummaries, personOfUser } from '../members/index.js';
import { staffSummaries } from '../staff/index.js';
import type { VolunteerKind } from './tables.js';

export interface Volunteer {
  kind: VolunteerKind;
  id: string;
  name: string;
  /** A member's group or branch; null for an employee (their hours count where the resident is). */
  orgId: string | null;
  orgPath: string | null;
  userId: string | null;
}

/** The volunteer an account acts as (its member record first, else its employee record), if any. */
export async function volunteerOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<Volunteer | undefined> {
  const x = await personOfUser(db, tenantId, userId);
  if (x?.kind === 'member') return { kind: 'member', id: x.id, name: x.name, orgId: x.groupId ?? x.branchId, orgPath: x.orgPath, userId };
  return x && { kind: 'staff', id: x.id, name: x.name, orgId: null, orgPath: null, userId };
}

export const volunteerKey = (kind: VolunteerKind, id: string) => `${kind}:${id}`;

/** Volunteers by (kind, id), deleted records included so old visits keep a name; keyed by volunteerKey. */
export async function volunteersByKey(db: DbOrTx, tenantId: string, refs: readonly { kind: VolunteerKind; id: string }[]): Promise<Map<string, Volunteer & { deleted: boolean; active: boolean }>> {
  const memberIds = refs.filter((r) => r.kind === 'member').map((r) => r.id);
  const staffIds = refs.filter((r) => r.kind === 'staff').map((r) => r.id);
  const [members, staff] = await Promise.all([
    memberIds.length ? memberSummaries(db, tenantId, memberIds) : new Map<string, never>(),
    staffIds.length ? staffSummaries(db, tenantId, staffIds) : new Map<string, never>(),
  ]);
  const out = new Map<string, Volunteer & { deleted: boolean; active: boolean }>();
  for (const m of members.values()) {
    out.set(volunteerKey('member', m.id), {
      kind: 'member', id: m.id, name: m.name, orgId: m.groupId ?? m.branchId, orgPath: m.orgPath, userId: m.userId, deleted: m.deleted, active: !m.deleted && m.status === 'active',
    });
  }
  for (const s of staff.values()) {
    out.set(volunteerKey('staff', s.id), { kind: 'staff', id: s.id, name: s.name, orgId: null, orgPath: null, userId: s.userId, deleted: s.deleted, active: !s.deleted });
  }
  return out;
}
