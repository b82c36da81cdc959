// Who may see and do what in the information base (管控信息): the one place that says it. Published rows need
// info.read over their organisation, unpublished ones info.write or info.publish there; writers keep drafts
// and returned entries, publishers review, correct and delete what was submitted or published. Lists filter
// in SQL; one entry is loaded, then checked (out of sight → 404, seen but not allowed → 403 with the reason).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Db } from '../../db/types.js';
import { orgOrTopInScope, orgsInScopeUnder, type OrganisationTable } from '../org/index.js';
import type { EntryView } from './schema.js';
import type { InfoEntryTable, InfoStatus } from './tables.js';

interface Cols { tenant: Expression<string>; path: Expression<string> }
type Scoped = Pick<InfoEntryTable, 'tenant_id' | 'org_path'>;

const rec = (e: Scoped) => ({ tenantId: e.tenant_id, orgPath: e.org_path });
export const isOpen = (s: InfoStatus) => s === 'draft' || s === 'returned';

/** SQL: the rows (entries and source records alike) the actor may see. */
export function visibleEntries(actor: Actor, c: Cols & { status: Expression<string> }): Expression<SqlBool> {
  const cols = { tenant: c.tenant, path: c.path };
  return sql<SqlBool>`((${c.status} = 'published' and ${scopeFilter(actor, 'info.read', cols)}) or (${c.status} <> 'published' and (${scopeFilter(actor, 'info.write', cols)} or ${scopeFilter(actor, 'info.publish', cols)})))`;
}

/** SQL: rows the actor may review (待我审核, the review 待办); the status is the caller's condition. */
export const reviewableEntries = (actor: Actor, cols: Cols): Expression<SqlBool> => scopeFilter(actor, 'info.publish', cols);

/** SQL: rows the actor may write (their returned entries' 待办). */
export const writableEntries = (actor: Actor, cols: Cols): Expression<SqlBool> => scopeFilter(actor, 'info.write', cols);

/** The same rule as visibleEntries for one row already fetched. */
export function seesEntry(actor: Actor, e: Scoped & Pick<InfoEntryTable, 'status'>): boolean {
  if (e.status === 'published') return can(actor, 'info.read', rec(e));
  return can(actor, 'info.write', rec(e)) || can(actor, 'info.publish', rec(e));
}

export const writesEntry = (actor: Actor, e: Scoped): boolean => can(actor, 'info.write', rec(e));

export const publishesEntry = (actor: Actor, e: Scoped): boolean => can(actor, 'info.publish', rec(e));

/** What the actor may do with the entry now (the UI shows only these buttons; the service checks the same). */
export function allowed(actor: Actor, e: Scoped & Pick<InfoEntryTable, 'status'>): EntryView['can'] {
  const write = writesEntry(actor, e);
  const publish = publishesEntry(actor, e);
  return {
    edit: (isOpen(e.status) || e.status === 'published') && write,
    submit: isOpen(e.status) && write,
    publish: e.status === 'submitted' && publish,
    return: e.status === 'submitted' && publish,
    delete: isOpen(e.status) ? write : publish,
    attach: isOpen(e.status) ? write : e.status === 'published' && publish,
  };
}

/**
 * Whether an edit of a published entry is a correction published at once: only by a publisher over the entry's
 * organisation and over the one it moves to; anyone else's edit goes back to review.
 */
export const correctsInPlace = (actor: Actor, e: Scoped & Pick<InfoEntryTable, 'status'>, target: { tenant_id: string; path: string }): boolean =>
  e.status === 'published' && publishesEntry(actor, e) && publishesEntry(actor, { tenant_id: target.tenant_id, org_path: target.path });

/** The organisation the statistics are about: the one asked for when the actor reads there, else the highest one they read. */
export const statsOrg = (db: Db, actor: Actor, orgId: string | undefined): Promise<OrganisationTable | undefined> => orgOrTopInScope(db, actor, 'info.read', orgId);

/** The organisations of its subtree the statistics show: those the actor reads, with the organisation itself (from the cached tree). */
export const statsOrgs = (db: Db, actor: Actor, org: OrganisationTable): Promise<OrganisationTable[]> => orgsInScopeUnder(db, actor, 'info.read', org);
