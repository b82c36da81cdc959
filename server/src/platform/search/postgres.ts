// PostgreSQL side of platform/search: one tsvector per document (or per chunk of a very long one),
// built here from our own tokens as a tsvector literal, and a tsquery literal for the query. Both are
// passed as bound parameters and cast (::tsvector, ::tsquery), so no text search configuration or
// parser touches them and user text never becomes SQL.
import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { MAX_INDEXED_CHARS, MAX_TERM_CHARS, runToken, textRuns, type QueryTerm } from './tokens.js';
import type { SearchDoc, SearchHit } from './types.js';

/** tsvector keeps positions 1..16383 (higher ones are clamped) and at most 256 positions per lexeme. */
const MAX_POSITION = 16383;
const MAX_LEXEME_POSITIONS = 256;
/**
 * A new chunk repeats this many tokens of the run it cuts, so a query term (at most MAX_TERM_CHARS
 * characters, i.e. MAX_TERM_CHARS − 1 bigrams) that straddles the cut is still whole in one chunk.
 */
const CHUNK_OVERLAP = MAX_TERM_CHARS;

type PgSearchTables = {
  search_documents: { tenant_id: string; kind: string; entity_id: string; chunk: number; vec: string; title_vec: string };
};

/** A lexeme as a tsvector/tsquery literal: single-quoted, with ' doubled and \ escaped. */
function lexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Lexemes that every row of a tenant and kind carries, AND-ed into the filter query (see searchHitsPg).
 * They start with '#', which no token does (tokens are letters and digits), so no query term, not even
 * the one-character prefix 't', can match them.
 */
const tenantLexeme = (tenantId: string) => lexeme(`#t:${tenantId}`);
const kindLexeme = (kind: string) => lexeme(`#k:${kind}`);

/**
 * tsvector literals for runs of text: one position per token and a one-position gap before every run.
 * Whenever the next token would pass the position limit, or a lexeme would get more positions than
 * tsvector keeps, the rest goes to a new chunk (a new row), which starts again CHUNK_OVERLAP tokens
 * back in the same run. Phrases stay exact however long the text is, instead of being silently clamped
 * or truncated by PostgreSQL. `meta` is prepended to every chunk.
 */
function chunkVectors(runs: { run: string[]; weight: 'A' | '' }[], meta: string): string[] {
  const chunks: string[] = [];
  let positions = new Map<string, string[]>();
  let pos = 0;
  const flush = () => {
    if (positions.size === 0) return;
    const parts = meta ? [meta] : [];
    for (const [lex, list] of positions) parts.push(`${lexeme(lex)}:${list.join(',')}`);
    chunks.push(parts.join(' '));
    positions = new Map();
    pos = 0;
  };
  const add = (token: string, weight: string) => {
    pos += 1;
    const list = positions.get(token);
    if (list) list.push(`${pos}${weight}`);
    else positions.set(token, [`${pos}${weight}`]);
  };
  for (const { run, weight } of runs) {
    pos += 1; // the gap: a phrase never spans two runs
    for (let i = 0; i < run.length; i++) {
      const token = runToken(run, i);
      if (pos + 1 > MAX_POSITION || (positions.get(token)?.length ?? 0) >= MAX_LEXEME_POSITIONS) {
        flush();
        pos += 1;
        for (let j = Math.max(0, i - CHUNK_OVERLAP); j < i; j++) add(runToken(run, j), weight);
      }
      add(token, weight);
    }
  }
  flush();
  return chunks;
}

/**
 * The rows of a document: `vec` holds title (weight A) and body tokens and is what the GIN index
 * searches; `title_vec`, on the first chunk only, holds the title alone. It is small enough to stay in
 * the row, so ranking by "the title matches" never reads (detoasts) the large body vector.
 */
export function pgRows(tenantId: string, doc: SearchDoc): { vec: string; title_vec: string }[] {
  const title = textRuns(doc.title).map((run) => ({ run, weight: 'A' as const }));
  const titleChars = title.reduce((n, r) => n + r.run.length, 0);
  const body = textRuns(doc.body, Math.max(0, MAX_INDEXED_CHARS - titleChars)).map((run) => ({ run, weight: '' as const }));
  const vecs = chunkVectors([...title, ...body], `${tenantLexeme(tenantId)} ${kindLexeme(doc.kind)}`);
  const titleVec = chunkVectors(title, '')[0] ?? '';
  return vecs.map((vec, i) => ({ vec, title_vec: i === 0 ? titleVec : '' }));
}

/** The tsquery literal of the terms: phrases of bigrams (<->) and prefixes (:*), all AND-ed. */
export function pgQuery(terms: QueryTerm[]): string {
  return terms
    .map((t) =>
      t.kind === 'prefix'
        ? `${lexeme(t.char)}:*`
        : t.tokens.length === 1
          ? lexeme(t.tokens[0]!)
          : `(${t.tokens.map(lexeme).join(' <-> ')})`,
    )
    .join(' & ');
}

export async function indexPg(db: DbOrTx, tenantId: string, docs: SearchDoc[]): Promise<void> {
  const d = db.withTables<PgSearchTables>();
  const byKind = new Map<string, string[]>();
  for (const doc of docs) {
    const ids = byKind.get(doc.kind);
    if (ids) ids.push(doc.entityId);
    else byKind.set(doc.kind, [doc.entityId]);
  }
  for (const [kind, ids] of byKind) await removePg(db, tenantId, kind, ids);
  const rows: PgSearchTables['search_documents'][] = [];
  const chunkCounts: { kind: string; entityId: string; n: number }[] = [];
  for (const doc of docs) {
    const docRows = pgRows(tenantId, doc);
    docRows.forEach((r, chunk) => rows.push({ tenant_id: tenantId, kind: doc.kind, entity_id: doc.entityId, chunk, ...r }));
    chunkCounts.push({ kind: doc.kind, entityId: doc.entityId, n: docRows.length });
  }
  // A chunk can be ~100 kB of literal; keep each statement to a sane size.
  let batch: typeof rows = [];
  let size = 0;
  const send = async () => {
    if (batch.length === 0) return;
    // on conflict: two transactions replacing the same document at once both delete the old rows
    // first; the later one then updates the rows the earlier one inserted instead of failing.
    await d
      .insertInto('search_documents')
      .values(batch.map((r) => ({ ...r, vec: sql<string>`${r.vec}::tsvector`, title_vec: sql<string>`${r.title_vec}::tsvector` })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'entity_id', 'chunk']).doUpdateSet((eb) => ({ vec: eb.ref('excluded.vec'), title_vec: eb.ref('excluded.title_vec') })),
      )
      .execute();
    batch = [];
    size = 0;
  };
  for (const r of rows) {
    batch.push(r);
    size += r.vec.length + r.title_vec.length;
    if (batch.length >= 500 || size > 4_000_000) await send();
  }
  await send();
  // ...and drops chunks beyond this version's count that such an earlier transaction left behind.
  for (let i = 0; i < chunkCounts.length; i += 200) {
    const slice = chunkCounts.slice(i, i + 200);
    await d
      .deleteFrom('search_documents')
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or(slice.map((c) => eb.and([eb('kind', '=', c.kind), eb('entity_id', '=', c.entityId), eb('chunk', '>=', c.n)]))))
      .execute();
  }
}

export async function removePg(db: DbOrTx, tenantId: string, kind: string, entityIds: string[]): Promise<void> {
  const d = db.withTables<PgSearchTables>();
  await inSlices(entityIds, async (slice) => {
    await d.deleteFrom('search_documents').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('entity_id', 'in', slice).execute();
    return [];
  });
}

export function searchHitsPg(tenantId: string, kinds: string[], terms: QueryTerm[], opts = { scopeLexemes: true }): AliasedRawBuilder<SearchHit, 'h'> {
  return hitsQueryPg(tenantId, kinds, terms, opts).as('h');
}

/** The query of searchHitsPg without its alias (a common table expression). */
export function hitsQueryPg(tenantId: string, kinds: string[], terms: QueryTerm[], opts = { scopeLexemes: true }): RawBuilder<SearchHit> {
  const text = pgQuery(terms);
  // The tenant and kind lexemes make the GIN index itself pick this tenant's documents: with a tenant
  // holding a tenth of 200,000 documents, a list query for a common bigram took 190 ms without them
  // and 58 ms with them (bench.ts), because the index no longer returns every tenant's matches.
  const filter = opts.scopeLexemes ? `${tenantLexeme(tenantId)} & (${kinds.map(kindLexeme).join(' | ')}) & ${text}` : text;
  // rank: 1 when the title contains every term, else 0; the module orders ties by its recency column.
  // (A body rank such as ts_rank has to read every matching body vector: for 20,000 hits that was
  // ~300 ms of the query, for little a user could tell.) A long text in chunks counts once.
  return sql<SearchHit>`(select entity_id, kind, max((title_vec @@ ${text}::tsquery)::int) as rank
    from search_documents
    where tenant_id = ${tenantId} and kind in (${sql.join(kinds)}) and vec @@ ${filter}::tsquery
    group by entity_id, kind)`;
}
