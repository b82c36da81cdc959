// The registration point through which other modules (organisational life, assessment) make their records
// appear in the information base — listed, searched and counted — without copying rows: each source
// contributes a query with the uniform columns, and every read here runs over the union of the written
// entries and those queries. One registry per Platform (per app instance), not a global.
import { sql, type AliasableExpression, type Expression, type SqlBool } from 'kysely';
import type { Db, DbOrTx } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';
import type { SourceCategory } from './schema.js';

/** The columns every source query must select (published records of one tenant only). */
export interface InfoSourceRow {
  id: string;
  category: SourceCategory;
  org_id: string;
  /** The organisation's materialised path, the record's scope. */
  org_path: string;
  title: string;
  status: 'published';
  /** ISO UTC instant of publication (for a meeting: when its record was completed). */
  published_at: string;
  /** YYYY-MM in Asia/Shanghai of `published_at`: the month the statistics count it in. */
  published_month: string;
  /** Web path where the record opens, e.g. `/org-life/meetings?id=…`. */
  link: string;
}

export interface InfoSource {
  /** Stable key, `<module>.<name>`, e.g. `orgLife.meetings`; shown as the row's `source`. */
  key: string;
  category: SourceCategory;
  /** Chinese name, e.g. 组织生活会议记录. */
  name: string;
  /** The kind its records are indexed under in platform/search, or null when not searchable. */
  searchKind: string | null;
  /** The published records of the tenant with the uniform columns (a Kysely select; not executed here). */
  rows(db: DbOrTx, tenantId: string): AliasableExpression<InfoSourceRow>;
}

export class InfoSourceRegistry {
  private readonly sources = new Map<string, InfoSource>();
  register(source: InfoSource): void {
    if (this.sources.has(source.key)) throw new Error(`info source registered twice: ${source.key}`);
    this.sources.set(source.key, source);
  }
  unregister(key: string): void {
    this.sources.delete(key);
  }
  list(): InfoSource[] {
    return [...this.sources.values()];
  }
}

const registries = new WeakMap<Platform, InfoSourceRegistry>();

/** The source registry of this app instance. */
export function infoSources(p: Platform): InfoSourceRegistry {
  let r = registries.get(p);
  if (!r) {
    r = new InfoSourceRegistry();
    registries.set(p, r);
  }
  return r;
}

/** Registers a source (call once per app, e.g. from the owning module's routes plugin). */
export function registerInfoSource(p: Platform, source: InfoSource): void {
  infoSources(p).register(source);
}

/** The search kind written entries are indexed under. */
export const ENTRY_SEARCH_KIND = 'info';

/**
 * Every row of the information base of one tenant: live written entries and the records of the sources
 * (optionally only some of them), with uniform columns. Filters applied on the result are pushed into each
 * branch by both planners (a UNION ALL in a derived table).
 */
export function unionRows(
  db: Db, tenantId: string, sources: readonly InfoSource[],
  opts: {
    entries: boolean;
    /**
     * Keep only the records a search found: the condition "id is a hit of this search kind", put inside each
     * branch so the database starts from the hits (PostgreSQL cannot push a join with the union into its
     * branches: joining afterwards read every entry and activity of the tenant, 80 ms at district scale).
     */
    hitsOf?: (searchKind: string, id: Expression<string>) => Expression<SqlBool>;
  } = { entries: true },
) {
  const text = (v: string | null) => sql<string>`cast(${v} as text)`;
  let entriesBase = db.selectFrom('info_entries as e').where('e.tenant_id', '=', tenantId);
  if (opts.hitsOf) entriesBase = entriesBase.where(opts.hitsOf(ENTRY_SEARCH_KIND, sql.ref('e.id')));
  const entries = entriesBase
    .where('e.deleted_at', 'is', null)
    .select([
      'e.tenant_id', 'e.id', text('entry').as('source'), sql<string>`e.category`.as('category'), 'e.org_id', 'e.org_path', 'e.title',
      sql<string>`substr(e.body_text, 1, 120)`.as('excerpt'), sql<string>`e.status`.as('status'), 'e.version', 'e.updated_at',
      'e.published_at', 'e.first_published_at', 'e.published_month', text(null).as('link'), text(ENTRY_SEARCH_KIND).as('search_kind'),
    ]);
  let q = opts.entries ? entries : entries.where(sql<boolean>`1 = 0`);
  for (const s of sources) {
    let from = db.selectFrom(s.rows(db, tenantId).as('s') as never);
    if (opts.hitsOf) from = from.where(s.searchKind ? opts.hitsOf(s.searchKind, sql.ref('s.id')) : sql<SqlBool>`1 = 0`);
    const part = from
      .select([
        text(tenantId).as('tenant_id'), sql<string>`s.id`.as('id'), text(s.key).as('source'), sql<string>`s.category`.as('category'), sql<string>`s.org_id`.as('org_id'),
        sql<string>`s.org_path`.as('org_path'), sql<string>`s.title`.as('title'), text('').as('excerpt'), sql<string>`s.status`.as('status'),
        sql<number>`0`.as('version'), sql<string>`s.published_at`.as('updated_at'), sql<string | null>`s.published_at`.as('published_at'),
        sql<string | null>`s.published_at`.as('first_published_at'), sql<string | null>`s.published_month`.as('published_month'),
        sql<string | null>`s.link`.as('link'), text(s.searchKind ?? `${s.key}:none`).as('search_kind'),
      ]);
    q = q.unionAll(part as never);
  }
  return q;
}
