// "Tenant on every row" (ARCHITECTURE.md), checked on the migrated database itself: every table that
// is not a shared reference table carries tenant_id in its primary key, every unique key and every
// foreign key (both sides), so it can be distributed by tenant_id (Citus) without a rewrite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../config.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DataLayer } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { isSharedTable, SHARED_TABLES } from './sharedTables.js';
import { ORG_PATH_COLUMNS } from './orgPaths.js';
import { dialectLabel, freshDatabase } from '../test/harness.js';

interface TableKeys {
  name: string;
  /** Columns of the primary key in key order; empty when the table has none. */
  primaryKey: string[];
  /** Unique constraints and unique indexes other than the primary key. */
  uniques: { name: string; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

interface KeyProblem {
  table: string;
  kind: 'primary key' | 'unique key' | 'foreign key';
  columns: string[];
  message: string;
}

const EXPRESSION = '<expression>';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads catalogs, not the typed tables
type AnyDb = Kysely<any>;

async function rows<T>(db: AnyDb, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await query.execute(db)).rows as T[];
}

/** Every table of the database (SQLite: main schema; PostgreSQL: the current schema) with its keys. */
async function readSchema(db: AnyDb, dialect: DbDialect): Promise<TableKeys[]> {
  if (dialect === 'sqlite') {
    // Virtual tables (FTS5 search indexes) and their shadow tables are SQLite-only machinery with no
    // counterpart to distribute; sqlite_* are the engine's own.
    const tables = await rows<{ name: string }>(db, sql`select name from pragma_table_list
      where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`);
    const out: TableKeys[] = [];
    for (const { name } of tables) {
      const cols = await rows<{ name: string; pk: number }>(db, sql`select name, pk from pragma_table_info(${name})`);
      const primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      const indexes = await rows<{ name: string; unique: number; origin: string }>(db, sql`select name, "unique", origin from pragma_index_list(${name})`);
      const uniques: TableKeys['uniques'] = [];
      for (const ix of indexes.filter((i) => i.unique === 1 && i.origin !== 'pk')) {
        const info = await rows<{ seqno: number; name: string | null }>(db, sql`select seqno, name from pragma_index_info(${ix.name}) order by seqno`);
        uniques.push({ name: ix.name, columns: info.map((c) => c.name ?? EXPRESSION) });
      }
      const fkRows = await rows<{ id: number; seq: number; table: string; from: string; to: string | null }>(
        db, sql`select id, seq, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`);
      const foreignKeys: TableKeys['foreignKeys'] = [];
      for (const r of fkRows) {
        let fk = foreignKeys.find((f) => f.name === `fk#${r.id}`);
        if (!fk) foreignKeys.push((fk = { name: `fk#${r.id}`, columns: [], refTable: r.table, refColumns: [] }));
        fk.columns.push(r.from);
        fk.refColumns.push(r.to ?? '');
      }
      // "references t" without columns means t's primary key.
      for (const fk of foreignKeys.filter((f) => f.refColumns.includes(''))) {
        const refCols = await rows<{ name: string; pk: number }>(db, sql`select name, pk from pragma_table_info(${fk.refTable})`);
        fk.refColumns = refCols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      }
      out.push({ name, primaryKey, uniques, foreignKeys });
    }
    return out;
  }

  const tables = await rows<{ name: string }>(db, sql`select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`);
  const indexes = await rows<{ table: string; name: string; primary: boolean; unique: boolean; columns: string[] }>(db, sql`
    select c.relname as "table", ic.relname as name, i.indisprimary as "primary", i.indisunique as "unique",
      array(select coalesce(a.attname::text, ${EXPRESSION}) from unnest(i.indkey::int2[]) with ordinality k(n, o)
            left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n
            where k.o <= i.indnkeyatts order by k.o) as columns
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema()`);
  const fks = await rows<{ table: string; name: string; ref_table: string; columns: string[]; ref_columns: string[] }>(db, sql`
    select c.relname as "table", con.conname as name, r.relname as ref_table,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o) as columns,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o) as ref_columns
    from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class r on r.oid = con.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()`);
  return tables.map(({ name }) => ({
    name,
    primaryKey: indexes.find((i) => i.table === name && i.primary)?.columns ?? [],
    uniques: indexes.filter((i) => i.table === name && i.unique && !i.primary).map((i) => ({ name: i.name, columns: i.columns })),
    foreignKeys: fks.filter((f) => f.table === name).map((f) => ({ name: f.name, columns: f.columns, refTable: f.ref_table, refColumns: f.ref_columns })),
  }));
}

/** What keeps each non-shared table from being distributed by tenant_id; empty when all is well. */
async function tenantKeyProblems(db: AnyDb, dialect: DbDialect): Promise<KeyProblem[]> {
  const problems: KeyProblem[] = [];
  const list = (cols: string[]) => `(${cols.join(', ')})`;
  for (const t of await readSchema(db, dialect)) {
    if (isSharedTable(t.name)) continue;
    if (t.primaryKey.length === 0) {
      problems.push({ table: t.name, kind: 'primary key', columns: [], message: `${t.name}: has no primary key (it must lead with tenant_id)` });
    } else if (!t.primaryKey.includes('tenant_id')) {
      problems.push({ table: t.name, kind: 'primary key', columns: t.primaryKey, message: `${t.name}: primary key ${list(t.primaryKey)} lacks tenant_id` });
    }
    for (const u of t.uniques) {
      if (!u.columns.includes('tenant_id')) {
        problems.push({ table: t.name, kind: 'unique key', columns: u.columns, message: `${t.name}: unique key ${u.name} ${list(u.columns)} lacks tenant_id` });
      }
    }
    for (const fk of t.foreignKeys) {
      const shown = `foreign key ${list(fk.columns)} → ${fk.refTable} ${list(fk.refColumns)}`;
      if (fk.refTable === 'tenants') {
        if (fk.refColumns.length !== 1 || fk.refColumns[0] !== 'id') {
          problems.push({ table: t.name, kind: 'foreign key', columns: fk.columns, message: `${t.name}: ${shown} must reference tenants (id)` });
        }
        continue;
      }
      // tenant_id on both sides, paired with each other: a row can only point inside its own tenant.
      const paired = fk.columns.some((c, i) => c === 'tenant_id' && fk.refColumns[i] === 'tenant_id');
      if (!paired) {
        problems.push({ table: t.name, kind: 'foreign key', columns: fk.columns, message: `${t.name}: ${shown} does not pair tenant_id with tenant_id` });
      }
    }
  }
  return problems;
}

let data: DataLayer;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  const config = loadConfig(fresh.env);
  data = openDatabase(config.dialect, config.databaseUrl);
  await migrateToLatest(data.db, data.dialect);
});
afterAll(async () => {
  await data?.close();
  await drop?.();
});

describe(`tenant_id in every key ${dialectLabel()}`, () => {
  it('walks every table of the migrated database, keys included', async () => {
    const schema = await readSchema(data.db, data.dialect);
    const names = schema.map((t) => t.name);
    // The platform's tables and the shared ones; modules add more, which the walk must also see.
    expect(names).toEqual(expect.arrayContaining([
      'tenants', 'usernames', 'organisations', 'users', 'roles', 'grants', 'sessions', 'settings', 'audit_log', 'audit_heads',
    ]));
    for (const shared of Object.keys(SHARED_TABLES)) expect(names, `shared table ${shared} exists`).toContain(shared);

    // The walk reads keys, not just names: known keys of the first migration come back as declared.
    const byName = new Map(schema.map((t) => [t.name, t]));
    expect(byName.get('users')!.primaryKey).toEqual(['tenant_id', 'id']);
    expect(byName.get('users')!.uniques.map((u) => u.columns)).toContainEqual(['tenant_id', 'username']);
    expect(byName.get('grants')!.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns])).toEqual(expect.arrayContaining([
      [['tenant_id', 'user_id'], 'users', ['tenant_id', 'id']],
      [['tenant_id', 'role_id'], 'roles', ['tenant_id', 'id']],
      [['tenant_id', 'org_id'], 'organisations', ['tenant_id', 'id']],
      [['tenant_id'], 'tenants', ['id']],
    ]));
    expect(byName.get('usernames')!.primaryKey).toEqual(['username']);
  });

  it('finds tenant_id in the primary, unique and foreign keys of every table that is not shared', async () => {
    const problems = await tenantKeyProblems(data.db, data.dialect);
    expect(problems.map((p) => p.message)).toEqual([]);
  });

  it('names the table and the key of a table that breaks the rule', async () => {
    const statements = [
      sql`create table bad_pk_only (id text primary key, tenant_id text not null)`,
      sql`create table bad_no_pk (tenant_id text not null, note text)`,
      sql`create table bad_unique (tenant_id text not null, id text not null, code text not null, name text not null,
        constraint bad_unique_pk primary key (tenant_id, id), constraint bad_unique_code_uq unique (code))`,
      sql`create unique index bad_unique_name_uq on bad_unique (name)`,
      sql`create table bad_fk (tenant_id text not null references tenants (id), id text not null, parent_id text,
        user_id text, constraint bad_fk_pk primary key (tenant_id, id),
        constraint bad_fk_parent foreign key (parent_id) references bad_pk_only (id),
        constraint bad_fk_user foreign key (user_id, tenant_id) references users (tenant_id, id))`,
    ];
    for (const s of statements) await s.execute(data.db);
    try {
      const problems = await tenantKeyProblems(data.db, data.dialect);
      const shape = (p: KeyProblem) => ({ table: p.table, kind: p.kind, columns: p.columns });
      expect(problems.map(shape).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        { table: 'bad_fk', kind: 'foreign key', columns: ['parent_id'] },
        // tenant_id is on both sides, but crossed with the user id: still a cross-tenant pointer.
        { table: 'bad_fk', kind: 'foreign key', columns: ['user_id', 'tenant_id'] },
        { table: 'bad_no_pk', kind: 'primary key', columns: [] },
        { table: 'bad_pk_only', kind: 'primary key', columns: ['id'] },
        { table: 'bad_unique', kind: 'unique key', columns: ['code'] },
        { table: 'bad_unique', kind: 'unique key', columns: ['name'] },
      ]);
      expect(problems.find((p) => p.table === 'bad_pk_only')!.message).toBe('bad_pk_only: primary key (id) lacks tenant_id');
      expect(problems.find((p) => p.columns[0] === 'parent_id')!.message).toContain('bad_pk_only (id)');
    } finally {
      for (const t of ['bad_fk', 'bad_unique', 'bad_no_pk', 'bad_pk_only']) await sql`drop table ${sql.table(t)}`.execute(data.db);
    }
    expect(await tenantKeyProblems(data.db, data.dialect)).toEqual([]);
  });
});

/** Columns named `…_path` that are not organisation paths, and why. */
const NOT_ORG_PATHS: Readonly<Record<string, string>> = {
  'tenants.region_path': 'the tenant\'s place in the tree of levels above tenants (街道/区), not a path of its organisations',
};

/** Every `table.column` of the database whose column is named `…_path`. */
async function pathColumns(db: AnyDb, dialect: DbDialect): Promise<string[]> {
  const out: string[] = [];
  for (const { name } of await readSchema(db, dialect)) {
    const cols = dialect === 'sqlite'
      ? await rows<{ name: string }>(db, sql`select name from pragma_table_info(${name})`)
      : await rows<{ name: string }>(db, sql`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${name}`);
    for (const c of cols) if (c.name.endsWith('_path')) out.push(`${name}.${c.name}`);
  }
  return out.sort();
}

/** `…_path` columns that neither the registry (db/orgPaths.ts) nor NOT_ORG_PATHS accounts for, and registered columns that do not exist. */
async function pathRegistryProblems(db: AnyDb, dialect: DbDialect): Promise<string[]> {
  const registered = new Set(ORG_PATH_COLUMNS.map((c) => `${c.table}.${c.column}`));
  const actual = await pathColumns(db, dialect);
  return [
    ...actual.filter((c) => !registered.has(c) && !Object.hasOwn(NOT_ORG_PATHS, c))
      .map((c) => `${c}: an organisation path that no tables.ts registers (OrgPathColumns), so a move would leave it stale`),
    ...[...registered].filter((c) => !actual.includes(c)).map((c) => `${c}: registered but not in the database`),
  ];
}

describe(`every organisation-path column is registered ${dialectLabel()}`, () => {
  it('accounts for each …_path column of the migrated database, each with its reason', async () => {
    expect(await pathRegistryProblems(data.db, data.dialect)).toEqual([]);
    expect(ORG_PATH_COLUMNS.length).toBeGreaterThanOrEqual(11);
    for (const c of ORG_PATH_COLUMNS) expect(c.why.length, `${c.table}.${c.column}`).toBeGreaterThan(20);
  });

  it('names a new path column that nobody registered', async () => {
    await sql`create table stray_rows (tenant_id text not null references tenants (id), id text not null, owner_org_path text not null,
      constraint stray_rows_pk primary key (tenant_id, id))`.execute(data.db);
    try {
      expect(await pathRegistryProblems(data.db, data.dialect)).toEqual([
        'stray_rows.owner_org_path: an organisation path that no tables.ts registers (OrgPathColumns), so a move would leave it stale',
      ]);
    } finally {
      await sql`drop table stray_rows`.execute(data.db);
    }
  });
});
