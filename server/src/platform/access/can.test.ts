import { describe, expect, it } from 'vitest';
import type { Actor, ActorGrant } from './actor.js';
import { canAtRoot } from './can.js';

const grant = (orgPath: string, permissions: string[], tenantId = 't1'): ActorGrant => ({
  grantId: 'g', tenantId, roleId: 'r', roleCode: 'x', roleName: 'x', separation: null, permissions: new Set(permissions),
  orgId: 'o', orgName: 'o', orgKind: 'committee', orgPath,
});
const actor = (grants: ActorGrant[]): Actor => ({
  tenantId: 't1', tenantName: 't', userId: 'u', username: 'u', displayName: 'u', sessionId: 's', mustChangePassword: false,
  grants, permissions: new Set(grants.flatMap((g) => [...g.permissions])),
});

describe('canAtRoot (pure)', () => {
  it('holds only for a grant with the permission on the root organisation of the own tenant', () => {
    expect(canAtRoot(actor([grant('/root/', ['staff.read'])]), 'staff.read')).toBe(true);
    expect(canAtRoot(actor([grant('/root/', ['member.read'])]), 'staff.read')).toBe(false);
    expect(canAtRoot(actor([grant('/root/branch/', ['staff.read'])]), 'staff.read')).toBe(false);
    expect(canAtRoot(actor([grant('/root/', ['staff.read'], 't2')]), 'staff.read')).toBe(false);
    expect(canAtRoot(actor([grant('/root/b/', ['staff.read']), grant('/root/', ['staff.read'])]), 'staff.read')).toBe(true);
    expect(canAtRoot(null, 'staff.read')).toBe(false);
  });
});
