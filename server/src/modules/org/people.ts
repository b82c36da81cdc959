// The organisation module shows who holds its posts and refuses to delete an organisation members still belong to,
// but the people register sits above it (members belong to organisations, not the other way round). The members
// module fills this port when the platform is created (registerOrgPeople), so org imports nothing above it.
import type { DbOrTx } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';

export interface OrgPeople {
  /** Members still belonging somewhere in the subtree at `path`, and how many of them are full (正式) members. */
  liveCounts(db: DbOrTx, tenantId: string, path: string): Promise<{ total: number; full: number }>;
  /** Name, place and standing of members by id (deleted ones included and marked, so old posts keep a name). */
  byId(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, { id: string; name: string; orgPath: string; status: string; deleted: boolean }>>;
}

const ports = new WeakMap<Platform, OrgPeople>();

export function registerOrgPeople(p: Platform, people: OrgPeople): void {
  if (ports.has(p)) throw new Error('the organisation module\'s people port is already filled');
  ports.set(p, people);
}

export function orgPeople(p: Platform): OrgPeople {
  const people = ports.get(p);
  if (!people) throw new Error('the members module has not filled the organisation module\'s people port (registerOrgPeople)');
  return people;
}
