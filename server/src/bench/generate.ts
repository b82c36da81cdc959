// Benchmark data: the demo community (the seeder every fresh start runs), then, for district and city
// scale, copies of it as further committees. Every business table's key leads with tenant_id, so a copy is
// the same rows with a new tenant_id and the same ids: one INSERT … SELECT per table and batch of tenants,
// the tenant numbers generated in SQL (generate_series / a recursive CTE). Only what is global or encodes
// the tenant needs care: tenants, usernames (login names are global: `t<no>.<name>`), users.username, and
// the search index (PostgreSQL rows carry a `#t:<tenant>` lexeme; SQLite's FTS5 table is contentless, so
// its tokens are read back through fts5vocab). Audit chains start empty for the copies; sessions, jobs and
// notifications are not copied.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Platform } from '../platform/context.js';
import { seedDemo } from '../seed/demo.js';
import { SECURITY_POLICY, securityPolicySchema } from '../platform/auth/policy.js';
import { addVolunteerData } from './volunteerData.js';

export type Scale = 'community' | 'district' | 'city';
export const TENANTS: Record<Scale, number> = { community: 1, district: 100, city: 5000 };

/** Copies' tenant ids: valid UUIDv7-shaped text, far from the demo's and the platform's. */
export const cloneTenantId = (no: number): string => `b0000000-0000-7000-8000-${no.toString(16).padStart(12, '0')}`;
/** Login name of a demo account in committee `no` (1 is the demo itself). */
export const cloneUsername = (no: number, username: string): string => (no === 1 ? username : `t${no}.${username}`);

/** Tables not copied: global ones handled apart, per-tenant state that starts empty, migration bookkeeping. */
const NOT_COPIED = new Set(['tenants', 'usernames', 'audit_log', 'audit_heads', 'sessions', 'job_runs', 'notifications', 'search_documents', 'org_tree_versions', 'access_versions', 'org_life_versions', 'volunteer_versions', 'training_versions', 'write_versions',
  // A public code routes to one plaque of one tenant: copies of the demo tenant keep their plaques without public pages.
  'incentive_public_codes']);

export interface CloneOptions {
  /**
   * City scale keeps history to a window so that 5,000 committees generate in minutes: 组织生活 records
   * starting on or after `orgLifeSince` (with their attendance) and information entries created on or after
   * `infoSince` (with their versions), 志愿服务 visits on or after `orgLifeSince`; search documents and attachment metadata follow their records, and
   * attachment bytes are left out. Everything else (members, staff, the tree, tasks, assessment) is whole.
   */
  window?: { orgLifeSince: string; infoSince: string };
  log: (line: string) => void;
}

/** The window of city scale (the demo's today is 2026-11-27: the current quarter and the half-year of information before it). */
export const CITY_WINDOW = { orgLifeSince: '2026-10-01', infoSince: '2026-06-01' };

/** Seeds the demo community and copies it until the database holds `tenants` committees. */
export async function generate(p: Platform, scale: Scale, opts: CloneOptions): Promise<{ demoTenantId: string; tenants: number; seconds: number }> {
  const t0 = Date.now();
  const seeded = await seedDemo(p);
  if (!seeded.created) throw new Error('the benchmark database is not empty');
  const demo = await p.db.selectFrom('tenants').select('id').where('id', 'not like', '00000000-%').executeTakeFirstOrThrow();
  opts.log(`demo community seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The load comes from one address and measures logins at full speed: the per-address login allowance is set to
  // the policy's ceiling (the copies inherit the setting row).
  await p.settings.set(p.db, demo.id, SECURITY_POLICY, { ...SECURITY_POLICY.defaults, loginAttemptsPerMinute: securityPolicySchema.shape.loginAttemptsPerMinute.maxValue! });
  const vol = await addVolunteerData(p, demo.id);
  opts.log(`志愿服务: ${vol.residents} residents, ${vol.visits} visits added to the demo community`);
  const total = TENANTS[scale];
  if (total > 1) {
    if (p.data.dialect === 'postgres') await clonePostgres(p, demo.id, total, opts);
    else await cloneSqlite(p, demo.id, total, opts);
    for (let no = 2; no <= total; no++) await p.audit.ensureChain(cloneTenantId(no));
    // The organisation-tree version of each copy (its trigger may have been off during a bulk copy).
    await sql`insert into org_tree_versions (tenant_id, version) select o.tenant_id, 1 from organisations o
      where not exists (select 1 from org_tree_versions v where v.tenant_id = o.tenant_id) group by o.tenant_id`.execute(p.db);
    opts.log('analyze');
    await sql`analyze`.execute(p.db);
  }
  return { demoTenantId: demo.id, tenants: total, seconds: (Date.now() - t0) / 1000 };
}

interface TableInfo { name: string; columns: string[] }

async function tablesWithTenant(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<TableInfo[]> {
  let cols: { table_name: string; column_name: string }[];
  if (dialect === 'postgres') {
    cols = (await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)).rows;
  } else {
    cols = (await sql<{ table_name: string; column_name: string }>`
      select m.name as table_name, c.name as column_name from sqlite_master m join pragma_table_info(m.name) c
      where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'search_fts%' order by m.name, c.cid`.execute(db)).rows;
  }
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  return [...byTable].filter(([name, c]) => c.includes('tenant_id') && !NOT_COPIED.has(name)).map(([name, columns]) => ({ name, columns }));
}

const keptActivities = (demoId: string, since: string) =>
  sql`(select a.id from org_life_activities a where a.tenant_id = ${demoId} and a.starts_on >= ${since})`;
const keptEntries = (demoId: string, since: string) =>
  sql`(select e.id from info_entries e where e.tenant_id = ${demoId} and e.created_at >= ${since})`;

/** Extra condition on the demo rows of a table (alias x), for the windowed copies of city scale. */
function rowFilter(table: string, demoId: string, opts: CloneOptions) {
  const w = opts.window;
  if (!w) return sql``;
  switch (table) {
    case 'file_blobs': case 'file_chunks': return sql`and 1 = 0`;
    case 'org_life_activities': return sql`and x.starts_on >= ${w.orgLifeSince}`;
    case 'org_life_attendance': return sql`and x.activity_id in ${keptActivities(demoId, w.orgLifeSince)}`;
    case 'info_entries': return sql`and x.created_at >= ${w.infoSince}`;
    case 'volunteer_visits': return sql`and x.visited_on >= ${w.orgLifeSince}`;
    case 'info_entry_versions': return sql`and x.entry_id in ${keptEntries(demoId, w.infoSince)}`;
    case 'files': return sql`and (x.owner_kind not in ('orgLife', 'info') or x.owner_id in ${keptActivities(demoId, w.orgLifeSince)} or x.owner_id in ${keptEntries(demoId, w.infoSince)})`;
    default: return sql``;
  }
}

/** The search documents of records left out are left out with them. */
function searchFilter(demoId: string, opts: CloneOptions) {
  const w = opts.window;
  if (!w) return sql``;
  return sql`and (x.kind not in ('orglife', 'info') or x.entity_id in ${keptActivities(demoId, w.orgLifeSince)} or x.entity_id in ${keptEntries(demoId, w.infoSince)})`;
}

const selectList = (t: TableInfo) =>
  sql.join(t.columns.map((c) => {
    if (c === 'tenant_id') return sql.ref('n.tid');
    if (t.name === 'users' && c === 'username') return sql`'t' || n.no || '.' || x.username`;
    return sql.ref(`x.${c}`);
  }));

async function clonePostgres(p: Platform, demoId: string, total: number, opts: CloneOptions): Promise<void> {
  const tables = await tablesWithTenant(p.db, 'postgres');
  const batch = total > 1000 ? 500 : 100;
  await p.db.connection().execute(async (c) => {
    // Foreign keys and triggers off for the bulk copy (a superuser's session setting); the copy of a
    // consistent tenant is consistent. Secondary indexes are rebuilt once afterwards at city scale.
    let replica = false;
    try {
      await sql`set session_replication_role = replica`.execute(c);
      replica = true;
    } catch {
      opts.log('not a superuser: foreign keys are checked during the copy (slower)');
    }
    await sql`set maintenance_work_mem = '512MB'`.execute(c);
    const dropIndexes = total > 1000;
    const indexes = dropIndexes ? (await sql<{ indexname: string; indexdef: string }>`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema()
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`.execute(c)).rows : [];
    for (const i of indexes) await sql`drop index ${sql.id(i.indexname)}`.execute(c);
    for (let from = 2; from <= total; from += batch) {
      const to = Math.min(total, from + batch - 1);
      const t1 = Date.now();
      const n = sql`(select g as no, ${'b0000000-0000-7000-8000-'} || lpad(to_hex(g), 12, '0') as tid from generate_series(${from}::int, ${to}::int) g) n`;
      await sql`begin`.execute(c);
      await sql`insert into tenants (id, name, region_path, created_at)
        select n.tid, '第' || n.no || '社区党委', '/', ${new Date().toISOString()} from ${n}`.execute(c);
      await sql`insert into usernames (username, tenant_id, user_id)
        select 't' || n.no || '.' || x.username, n.tid, x.user_id from usernames x cross join ${n} where x.tenant_id = ${demoId}`.execute(c);
      for (const t of tables) {
        await sql`insert into ${sql.table(t.name)} (${sql.join(t.columns.map((col) => sql.id(col)))})
          select ${selectList(t)} from ${sql.table(t.name)} x cross join ${n} where x.tenant_id = ${demoId} ${rowFilter(t.name, demoId, opts)}`.execute(c);
      }
      await sql`insert into search_documents (tenant_id, kind, entity_id, chunk, vec, title_vec)
        select n.tid, x.kind, x.entity_id, x.chunk, ts_delete(x.vec, ${`#t:${demoId}`}::text) || ('''#t:' || n.tid || '''')::tsvector, x.title_vec
        from search_documents x cross join ${n} where x.tenant_id = ${demoId} ${searchFilter(demoId, opts)}`.execute(c);
      await sql`commit`.execute(c);
      opts.log(`committees ${from}–${to} copied in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    for (const i of indexes) {
      const t1 = Date.now();
      await sql.raw(i.indexdef).execute(c);
      opts.log(`index ${i.indexname} rebuilt in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    if (replica) await sql`set session_replication_role = origin`.execute(c);
  });
}

async function cloneSqlite(p: Platform, demoId: string, total: number, opts: CloneOptions): Promise<void> {
  const handle = p.data.sqlite!;
  const tables = await tablesWithTenant(p.db, 'sqlite');
  handle.pragma('foreign_keys = OFF');
  handle.pragma('synchronous = OFF');
  // The demo's search documents, token streams read back from the FTS5 index.
  handle.exec('create virtual table if not exists temp.bench_vocab using fts5vocab(main, search_fts, instance)');
  const docs = (await sql<{ kind: string; entity_id: string; doc_id: number }>`select x.kind, x.entity_id, x.doc_id from search_documents x
    where x.tenant_id = ${demoId} ${searchFilter(demoId, opts)}`.execute(p.db)).rows;
  const tokens = new Map<number, { title: string[]; body: string[] }>();
  for (const d of docs) tokens.set(d.doc_id, { title: [], body: [] });
  const inst = handle.prepare('select term, doc, col, "offset" as o from temp.bench_vocab order by doc, col, "offset"').iterate() as Iterable<{ term: string; doc: number; col: string; o: number }>;
  for (const r of inst) {
    const t = tokens.get(r.doc);
    if (t) (r.col === 'title' ? t.title : t.body).push(r.term);
  }
  handle.exec('drop table temp.bench_vocab');
  let nextDoc = ((handle.prepare('select max(doc_id) as m from search_documents').get() as { m: number | null }).m ?? 0) + 1;
  const insertDoc = handle.prepare('insert into search_documents (tenant_id, kind, entity_id, doc_id) values (?, ?, ?, ?)');
  const insertFts = handle.prepare('insert into search_fts (rowid, title, body) values (?, ?, ?)');
  const batch = 50;
  for (let from = 2; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    const t1 = Date.now();
    const n = sql`(with recursive g(no) as (select cast(${from} as integer) union all select no + 1 from g where no < ${to})
      select no, ${'b0000000-0000-7000-8000-'} || printf('%012x', no) as tid from g) n`;
    await p.db.transaction().execute(async (trx) => {
      await sql`insert into tenants (id, name, region_path, created_at)
        select n.tid, '第' || n.no || '社区党委', '/', ${new Date().toISOString()} from ${n}`.execute(trx);
      await sql`insert into usernames (username, tenant_id, user_id)
        select 't' || n.no || '.' || x.username, n.tid, x.user_id from usernames x cross join ${n} where x.tenant_id = ${demoId}`.execute(trx);
      for (const t of tables) {
        await sql`insert into ${sql.table(t.name)} (${sql.join(t.columns.map((col) => sql.id(col)))})
          select ${selectList(t)} from ${sql.table(t.name)} x cross join ${n} where x.tenant_id = ${demoId} ${rowFilter(t.name, demoId, opts)}`.execute(trx);
      }
      for (let no = from; no <= to; no++) {
        const tid = cloneTenantId(no);
        for (const d of docs) {
          const t = tokens.get(d.doc_id)!;
          insertDoc.run(tid, d.kind, d.entity_id, nextDoc);
          insertFts.run(nextDoc, t.title.join(' '), t.body.join(' '));
          nextDoc += 1;
        }
      }
    });
    opts.log(`committees ${from}–${to} copied in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
}
