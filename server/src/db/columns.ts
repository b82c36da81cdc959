// Column conventions shared by every room's tables.ts (docs/ARCHITECTURE.md): ids are UUIDv7 text; instants
// ISO-8601 UTC text; booleans 0/1 integers; JSON is text. A leaf file: row types import it, it imports nothing.

export type Bool = 0 | 1;

/**
 * A tenant's change counter, raised by a trigger on every row change of the tables it covers (migrations
 * 0013 and 0014): org_tree_versions for organisations, access_versions for grants and roles. A process
 * caches what it derived from those rows with the version it read first and re-reads on a difference.
 */
export interface VersionTable {
  tenant_id: string;
  /** bigint: a number here through the PostgreSQL type parser (db/connect.ts). */
  version: number;
}

/**
 * What an organisation move does to a column holding an organisation path (`/<root>/…/<org>/`):
 * `rewrite` — the record belongs to that organisation wherever it sits, so a move rewrites the prefix in the
 * move's transaction; `snapshot` — the path as it stood on a date, kept as history and never rewritten.
 * `why` says which and why, beside the table that declares it (db/orgPaths.ts collects them).
 */
export interface OrgPathRule {
  onMove: 'rewrite' | 'snapshot';
  why: string;
}

/** A room's organisation-path columns: table → column (named `…_path`) → rule. */
export type OrgPathColumns<T> = { [K in keyof T]?: { [C in keyof T[K] & `${string}_path`]?: OrgPathRule } };

/** A column a move rewrites, with why (the record belongs to its organisation wherever the organisation sits). */
export const rewrite = (why: string): OrgPathRule => ({ onMove: 'rewrite', why });
