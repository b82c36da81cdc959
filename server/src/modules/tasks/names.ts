// Names and paths of the organisations and people 督办's rows point at, looked up once per page through their
// owners' readers: organisations from the cached tree (no statement while it is current), people in one batch.
// Keys are "<tenant>/<id>", since a grant may one day reach another tenant's rows.
import type { Actor } from '../../platform/access/actor.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { orgNames, orgNamesOf, orgPaths, tenantTree } from '../org/index.js';

export interface Ref { tenant: string; id: string }
export const key = (tenant: string, id: string) => `${tenant}/${id}`;

const byTenant = (refs: readonly Ref[]) => {
  const out = new Map<string, string[]>();
  for (const r of refs) out.set(r.tenant, [...(out.get(r.tenant) ?? []), r.id]);
  return out;
};

/** Organisation names for the reader, deleted organisations included (old records keep their place's name). */
export async function orgNamesFor(db: Db, reader: Actor, refs: readonly Ref[]): Promise<Map<string, string>> {
  const groups = byTenant(refs);
  const names = await orgNamesOf(db, reader, groups.get(reader.tenantId) ?? []);
  groups.delete(reader.tenantId);
  if (groups.size > 0) for (const [k, v] of await orgNames(db, [...groups.keys()], [...groups.values()].flat())) names.set(k, v);
  return names;
}

/** Display names of accounts. */
export async function peopleNames(db: DbOrTx, refs: readonly Ref[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all([...byTenant(refs)].map(async ([tenant, ids]) => {
    for (const [id, name] of await userDisplayNames(db, tenant, ids)) out.set(key(tenant, id), name);
  }));
  return out;
}

/**
 * The current path of an organisation of the reader's tenant (deleted ones too, as a filter may name one), or
 * null when there is none: from the cached tree, and from a keyed read only for an id the tree lacks.
 */
export async function orgPathFor(db: Db, reader: Actor, id: string): Promise<string | null> {
  const live = (await tenantTree(db, reader.tenantId, reader.treeVersion)).find((o) => o.id === id);
  return live?.path ?? (await orgPaths(db, reader.tenantId, [id])).get(id) ?? null;
}
