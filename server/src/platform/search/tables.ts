// Row types of the tables this room owns (composed into the Database interface in db/types.ts).
// The search tables differ by dialect (PostgreSQL: search_documents with a tsvector; SQLite:
// search_documents mapping to the FTS5 table search_fts), so they are typed locally where they are used
// (postgres.ts, sqlite.ts, via withTables) and only platform/search touches them.
export type SearchTables = Record<never, never>;
