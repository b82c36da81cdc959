// platform/search: Chinese substring search over any module's records, one shared index (ARCHITECTURE.md).
// Documents are tokenised into overlapping character bigrams (tokens.ts); PostgreSQL keeps them in a
// tsvector with a GIN index (postgres.ts), SQLite in an FTS5 table (sqlite.ts). A module indexes its
// records inside the transaction that writes them (after writing its own row) and searches by joining
// `searchHits` into its own list query, so its scope, filters, paging and count stay in one statement:
//
//   const hits = searchHits(p.data.dialect, tenantId, ['info'], q);   // null: no searchable character
//   const base = db.selectFrom('info_entries as e').where('e.tenant_id', '=', tenantId) /* scope, filters */;
//   if (hits) {
//     const joined = base.innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'e.id'));
//     rows = joined.selectAll('e').orderBy('h.rank', 'desc').orderBy('e.updated_at', 'desc').limit(n).offset(k);
//     count = joined.select((eb) => eb.fn.countAll<number>().as('n'));
//   }
// (the join changes the query's type, hence a branch; modules/info/list.ts is a worked example).
import type { AliasedRawBuilder, RawBuilder } from 'kysely';
import type { DbDialect } from '../../config.js';
import type { DbOrTx } from '../../db/types.js';
import { hitsQueryPg, indexPg, removePg, searchHitsPg } from './postgres.js';
import { hitsQuerySqlite, indexSqlite, removeSqlite, searchHitsSqlite } from './sqlite.js';
import { queryTerms } from './tokens.js';
import type { SearchDoc, SearchHit } from './types.js';

export type { SearchDoc, SearchHit } from './types.js';
export { normalize, tokenize, queryTerms } from './tokens.js';

const KIND = /^[a-z][a-z0-9_-]{0,31}$/;

function checkKind(kind: string): void {
  if (!KIND.test(kind)) throw new Error(`search kind must match ${KIND}: ${JSON.stringify(kind)}`);
}

/** Runs fn in the caller's transaction, or in a new one: a replace is never half done. */
async function inTransaction(db: DbOrTx, fn: (trx: DbOrTx) => Promise<void>): Promise<void> {
  if (db.isTransaction) await fn(db);
  else await db.transaction().execute(fn);
}

/**
 * Inserts or replaces documents (a document is identified by tenant, kind and entityId; its previous
 * text is forgotten). Call inside the transaction that writes the records, so the index never disagrees
 * with them. A document with no letters or digits is simply not findable.
 */
export async function indexDocuments(db: DbOrTx, dialect: DbDialect, tenantId: string, docs: SearchDoc[]): Promise<void> {
  if (docs.length === 0) return;
  // The last version of a document in one call wins.
  const unique = new Map<string, SearchDoc>();
  for (const doc of docs) {
    checkKind(doc.kind);
    unique.set(`${doc.kind}\u0000${doc.entityId}`, doc);
  }
  const list = [...unique.values()];
  await inTransaction(db, (trx) => (dialect === 'postgres' ? indexPg(trx, tenantId, list) : indexSqlite(trx, tenantId, list)));
}

/** Removes documents from the index (e.g. when their records are deleted); unknown ids are ignored. */
export async function removeDocuments(db: DbOrTx, dialect: DbDialect, tenantId: string, kind: string, entityIds: string[]): Promise<void> {
  checkKind(kind);
  if (entityIds.length === 0) return;
  await inTransaction(db, (trx) => (dialect === 'postgres' ? removePg(trx, tenantId, kind, entityIds) : removeSqlite(trx, tenantId, kind, entityIds)));
}

/**
 * The documents of the tenant, of the given kinds, that contain every term of the query, as a
 * subquery aliased `h` with columns entity_id, kind and rank: 1 when the title alone contains every
 * term, else 0 (order by it descending, then by the module's recency column). Terms are separated by
 * spaces or punctuation; a term of two or more characters must occur as written (substring; only its
 * first 32 characters count), a one-character term matches any text containing that character; at most
 * 16 terms. Null when the query has no letter or digit: the caller then applies no text filter.
 */
export function searchHits(dialect: DbDialect, tenantId: string, kinds: string[], query: string): AliasedRawBuilder<SearchHit, 'h'> | null {
  if (kinds.length === 0) throw new Error('searchHits needs at least one kind');
  kinds.forEach(checkKind);
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return dialect === 'postgres' ? searchHitsPg(tenantId, kinds, terms) : searchHitsSqlite(tenantId, kinds, terms);
}

/**
 * The same hits as searchHits, as a query without an alias: for a common table expression
 * (`db.with('h', () => query)`) that a module reads in several places of one statement, e.g. inside each
 * branch of a union so the database starts from the hits (modules/info). Null as for searchHits.
 */
export function searchHitsQuery(dialect: DbDialect, tenantId: string, kinds: string[], query: string): RawBuilder<SearchHit> | null {
  if (kinds.length === 0) throw new Error('searchHits needs at least one kind');
  kinds.forEach(checkKind);
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return dialect === 'postgres' ? hitsQueryPg(tenantId, kinds, terms) : hitsQuerySqlite(tenantId, kinds, terms);
}
