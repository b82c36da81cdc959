// Who sees which 工作台 card: the only file that says so. The dashboard is about an organisation where the reader holds
// the permission of at least one card (another one: 404); a card shows only with its own permission over it.
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/can.js';
import type { CardDef, CardOrg } from '../../platform/dashboard/cards.js';

export const seesCard = (actor: Actor, card: Pick<CardDef, 'access'>, org: Pick<CardOrg, 'tenant_id' | 'path'>): boolean =>
  can(actor, card.access, { tenantId: org.tenant_id, orgPath: org.path });
