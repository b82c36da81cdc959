// SQLite side of platform/search: an FTS5 table holding our tokens, space-separated, with the 'ascii'
// tokenizer (spaces and ASCII punctuation separate, every other character is part of a token), so each
// token we emit stays exactly one FTS5 token whatever its script. The table is contentless (the tokens
// are not stored twice) with contentless_delete, and search_documents maps (tenant, kind, entity) to
// its rowid. User text only reaches FTS5 as our own tokens inside double quotes: no FTS5 syntax.
import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { MAX_INDEXED_CHARS, textRuns, runTokens, type QueryTerm } from './tokens.js';
import type { SearchDoc, SearchHit } from './types.js';

type SqliteSearchTables = {
  search_documents: { tenant_id: string; kind: string; entity_id: string; doc_id: number };
  search_fts: { rowid: number; title: string; body: string };
};

function fieldTokens(text: string, maxChars: number): { tokens: string; chars: number } {
  const runs = textRuns(text, maxChars);
  return { tokens: runs.flatMap(runTokens).join(' '), chars: runs.reduce((n, r) => n + r.length, 0) };
}

/** The FTS5 query: each term a quoted phrase of bigrams ("消防 防安 安全") or a quoted prefix ("党"*), AND-ed. */
export function ftsQuery(terms: QueryTerm[]): string {
  // Tokens hold only letters and digits, so they can never contain a double quote; checked anyway.
  const quote = (t: string) => {
    if (t.includes('"')) throw new Error('search token with a double quote');
    return `"${t}"`;
  };
  return terms.map((t) => (t.kind === 'prefix' ? `${quote(t.char)}*` : quote(t.tokens.join(' ')))).join(' AND ');
}

export async function indexSqlite(db: DbOrTx, tenantId: string, docs: SearchDoc[]): Promise<void> {
  const d = db.withTables<SqliteSearchTables>();
  const byKind = new Map<string, string[]>();
  for (const doc of docs) {
    const ids = byKind.get(doc.kind);
    if (ids) ids.push(doc.entityId);
    else byKind.set(doc.kind, [doc.entityId]);
  }
  for (const [kind, ids] of byKind) await removeSqlite(db, tenantId, kind, ids);
  // New rowids after the largest in use. Safe: the caller's transaction reads and writes in one go,
  // and SQLite refuses to commit a write based on a read another writer has since overtaken.
  const top = await d.selectFrom('search_documents').select((eb) => eb.fn.max('doc_id').as('m')).executeTakeFirst();
  let next = Number(top?.m ?? 0) + 1;
  const rows: { map: SqliteSearchTables['search_documents']; fts: SqliteSearchTables['search_fts'] }[] = [];
  for (const doc of docs) {
    const title = fieldTokens(doc.title, MAX_INDEXED_CHARS);
    const body = fieldTokens(doc.body, Math.max(0, MAX_INDEXED_CHARS - title.chars));
    if (!title.tokens && !body.tokens) continue; // nothing a query could find
    const docId = next++;
    rows.push({
      map: { tenant_id: tenantId, kind: doc.kind, entity_id: doc.entityId, doc_id: docId },
      fts: { rowid: docId, title: title.tokens, body: body.tokens },
    });
  }
  for (let i = 0; i < rows.length; i += 200) {
    const slice = rows.slice(i, i + 200);
    await d.insertInto('search_documents').values(slice.map((r) => r.map)).execute();
    await d.insertInto('search_fts').values(slice.map((r) => r.fts)).execute();
  }
}

export async function removeSqlite(db: DbOrTx, tenantId: string, kind: string, entityIds: string[]): Promise<void> {
  const d = db.withTables<SqliteSearchTables>();
  await inSlices(entityIds, async (slice) => {
    const old = await d
      .selectFrom('search_documents')
      .select('doc_id')
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .where('entity_id', 'in', slice)
      .execute();
    if (old.length === 0) return [];
    await d.deleteFrom('search_fts').where('rowid', 'in', old.map((o) => o.doc_id)).execute();
    await d.deleteFrom('search_documents').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('entity_id', 'in', slice).execute();
    return [];
  });
}

export function searchHitsSqlite(tenantId: string, kinds: string[], terms: QueryTerm[]): AliasedRawBuilder<SearchHit, 'h'> {
  return hitsQuerySqlite(tenantId, kinds, terms).as('h');
}

/** The query of searchHitsSqlite without its alias (a common table expression). */
export function hitsQuerySqlite(tenantId: string, kinds: string[], terms: QueryTerm[]): RawBuilder<SearchHit> {
  const query = ftsQuery(terms);
  // rank as on PostgreSQL: 1 when the title contains every term, else 0 (the module orders ties by
  // recency), so both dialects list the same records in the same order.
  // Each MATCH is an IN subquery, run once into a list of rowids. A join with search_fts let SQLite's planner
  // walk the tenant's documents and run the full-text query once per document (0.2 s instead of a few ms
  // for a two-character term over the demo's 3,500 documents: docs/PERFORMANCE.md).
  return sql<SearchHit>`(select d.entity_id as entity_id, d.kind as kind,
      (d.doc_id in (select rowid from search_fts where search_fts match ${`title : (${query})`})) as rank
    from search_documents d
    where d.doc_id in (select rowid from search_fts where search_fts match ${query}) and d.tenant_id = ${tenantId} and d.kind in (${sql.join(kinds)}))`;
}
