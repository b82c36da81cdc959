// The names organisations are shown by outside the organisation tree. A 党小组's own name ("第一党小组") repeats
// under every branch, so elsewhere it carries its parent's: "机关第一党支部/第一党小组". Branches and the committee
// keep their own names. Stored names never change; the tree and detail views of the org module show the bare name
// (the tree shows the hierarchy itself).
import type { DbOrTx, OrganisationTable } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';

type Named = Pick<OrganisationTable, 'tenant_id' | 'id' | 'kind' | 'name' | 'parent_id'>;

const keyOf = (tenantId: string, id: string) => `${tenantId}/${id}`;

/** The display name of one organisation given its parent's (stored) name. */
export function orgDisplayName(o: Pick<OrganisationTable, 'kind' | 'name'>, parentName: string | null | undefined): string {
  return o.kind === 'group' && parentName ? `${parentName}/${o.name}` : o.name;
}

/** A display name shown next to its parent's (a member's 党小组 beside their 党支部): the organisation's own name. */
export function nameBeside(displayName: string, parentDisplayName: string): string {
  return displayName.startsWith(`${parentDisplayName}/`) ? displayName.slice(parentDisplayName.length + 1) : displayName;
}

/** Copies of `rows` with `name` as displayed, their parents looked up among `known` (and `rows`) by id. */
export function displayNamed<T extends Named>(rows: readonly T[], known: readonly Named[] = []): T[] {
  const names = new Map<string, string>();
  for (const o of [...known, ...rows]) names.set(keyOf(o.tenant_id, o.id), o.name);
  return rows.map((o) => ({ ...o, name: orgDisplayName(o, o.parent_id ? names.get(keyOf(o.tenant_id, o.parent_id)) : null) }));
}

/**
 * displayNamed, reading by id (deleted ones too) the parents of groups that neither `rows` nor `known` hold:
 * no statement when every group's parent is at hand.
 */
export async function withDisplayNames<T extends Named>(db: DbOrTx, rows: readonly T[], known: readonly Named[] = []): Promise<T[]> {
  const have = new Set([...known, ...rows].map((o) => keyOf(o.tenant_id, o.id)));
  const missing = rows.filter((o) => o.kind === 'group' && o.parent_id && !have.has(keyOf(o.tenant_id, o.parent_id)));
  if (missing.length === 0) return displayNamed(rows, known);
  const tenants = [...new Set(missing.map((o) => o.tenant_id))];
  const parents = await inSlices([...new Set(missing.map((o) => o.parent_id!))], (slice) => db.selectFrom('organisations')
    .select(['tenant_id', 'id', 'kind', 'name', 'parent_id']).where('tenant_id', 'in', tenants).where('id', 'in', slice).execute());
  return displayNamed(rows, [...known, ...parents]);
}
