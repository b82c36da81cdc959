// Rules of the organisation tree: creation with its materialised path, renaming with audit.
import type { DbOrTx, OrgKind, OrganisationTable } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { badRequest } from '../../platform/errors.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { OrgView } from './schema.js';

/** Which kinds may sit under which (DOMAIN.md): a 党小组 only under a 支部, and so on. */
const ALLOWED_PARENT: Record<OrgKind, (OrgKind | null)[]> = {
  committee: [null],
  generalBranch: ['committee'],
  branch: ['committee', 'generalBranch'],
  jointBranch: ['committee', 'generalBranch'],
  group: ['branch', 'jointBranch'],
};

export const toView = (o: OrganisationTable): OrgView => ({ id: o.id, parentId: o.parent_id, name: o.name, kind: o.kind, code: o.code, path: o.path, depth: o.depth });

export async function insertOrg(
  trx: DbOrTx,
  o: { tenantId: string; parent: Pick<OrganisationTable, 'id' | 'path' | 'depth' | 'kind'> | null; kind: OrgKind; name: string; code?: string | null; sortOrder?: number; now: Date },
): Promise<OrganisationTable> {
  if (!ALLOWED_PARENT[o.kind].includes(o.parent?.kind ?? null)) throw badRequest('组织层级不符合规定（例如党小组只能设在党支部下）');
  const id = newId(o.now.getTime());
  const at = o.now.toISOString();
  const row: OrganisationTable = {
    tenant_id: o.tenantId, id, parent_id: o.parent?.id ?? null, kind: o.kind, name: o.name, code: o.code ?? null,
    path: `${o.parent?.path ?? '/'}${id}/`, depth: (o.parent?.depth ?? -1) + 1, sort_order: o.sortOrder ?? 0,
    founded_on: null, term_started_on: null, term_ends_on: null,
    created_at: at, updated_at: at, deleted_at: null,
  };
  await trx.insertInto('organisations').values(row).execute();
  return row;
}

export async function renameOrg(p: Platform, ctx: AuditContext, org: OrganisationTable, name: string): Promise<OrganisationTable> {
  const now = p.clock.now().toISOString();
  const next = { ...org, name, updated_at: now };
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('organisations').set({ name, updated_at: now }).where('tenant_id', '=', org.tenant_id).where('id', '=', org.id).execute();
    await p.audit.record(trx, ctx, { action: 'org.update', entity: 'organisation', entityId: org.id, before: toView(org), after: toView(next) });
  });
  return next;
}
