// Who manages 大屏 links: the only file that says so. A link belongs to its organisation: whoever holds display.manage
// over it (the 党委管理员 over the committee) sees, issues and revokes it; anyone else gets 404 for it (403 without the
// permission at all, from the route). The screen itself has no user: it is computed as `screenActor`, a read-only
// actor over the link's organisation that holds only the read permissions of the cards marked for the 大屏.
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/can.js';
import type { Permission } from '../../platform/access/permissions.js';
import type { OrganisationTable } from '../org/index.js';

export const managesLinksOf = (actor: Actor, org: Pick<OrganisationTable, 'tenant_id' | 'path'>): boolean =>
  can(actor, 'display.manage', { tenantId: org.tenant_id, orgPath: org.path });

/** The screen's actor: no account, no session, only reads of `permissions` over the link's organisation subtree. */
export function screenActor(linkId: string, org: OrganisationTable, permissions: readonly Permission[]): Actor {
  const perms: ReadonlySet<string> = new Set(permissions);
  return {
    tenantId: org.tenant_id, tenantName: '', userId: `display:${linkId}`, username: 'display', displayName: '大屏',
    sessionId: '', mustChangePassword: false, permissions: perms,
    grants: [{
      grantId: `display:${linkId}`, tenantId: org.tenant_id, roleId: 'display', roleCode: 'display', roleName: '大屏', separation: null,
      permissions: perms, orgId: org.id, orgName: org.name, orgKind: org.kind, orgPath: org.path,
    }],
  };
}
