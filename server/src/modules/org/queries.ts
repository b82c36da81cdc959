// SQL of the organisation module. Scope is applied in SQL through policy.ts, never after fetching.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import type { Db, DbOrTx, OrgKind, OrganisationTable, OrgPostTable } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { ORG_SORTS } from './schema.js';
import { tenantTree } from './treeCache.js';
import { visibleOrgs } from './policy.js';
import { withDisplayNames } from './displayNames.js';

/** The scope columns of `organisations as o`. */
const ORG_COLS = { tenant: sql.ref<string>('o.tenant_id'), path: sql.ref<string>('o.path') };

export interface OrgListFilter {
  kind?: OrgKind | undefined;
  keyword?: string | undefined;
  parentId?: string | undefined;
  sort: keyof typeof ORG_SORTS;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A page of organisations in scope with their parent's name (the parent may lie outside the scope). */
export async function listOrgs(db: Db, actor: Actor, f: OrgListFilter): Promise<{ rows: (OrganisationTable & { parent_name: string | null })[]; total: number }> {
  let base = db
    .selectFrom('organisations as o')
    .leftJoin('organisations as parent', (j) => j.onRef('parent.tenant_id', '=', 'o.tenant_id').onRef('parent.id', '=', 'o.parent_id'))
    .where('o.deleted_at', 'is', null)
    .where(visibleOrgs(actor, 'org.read', ORG_COLS));
  if (f.kind) base = base.where('o.kind', '=', f.kind);
  if (f.parentId) base = base.where('o.parent_id', '=', f.parentId);
  if (f.keyword) {
    const k = f.keyword;
    base = base.where((eb) => eb.or([likeLiteral(sql.ref<string>('o.name'), k, 'anywhere'), likeLiteral(sql.ref<string>('o.code'), k, 'anywhere')]));
  }
  const [rows, count] = await Promise.all([
    base.selectAll('o').select('parent.name as parent_name')
      .orderBy(sql.ref(ORG_SORTS[f.sort]), f.order).orderBy('o.path')
      .limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Organisations in scope with a term end on or before `until` (YYYY-MM-DD), soonest first. */
export function termsEndingBy(db: Db, actor: Actor, until: string): Promise<OrganisationTable[]> {
  return db
    .selectFrom('organisations as o')
    .selectAll()
    .where('o.deleted_at', 'is', null)
    .where('o.term_ends_on', 'is not', null)
    .where('o.term_ends_on', '<=', until)
    .where(visibleOrgs(actor, 'org.read', ORG_COLS))
    .orderBy('o.term_ends_on')
    .orderBy('o.path')
    .execute();
}

export async function orgName(db: Db, tenantId: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const r = await db.selectFrom('organisations').select('name').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r?.name ?? null;
}

/** Committee posts of an organisation: current ones, or all of them with history. */
export function postsOf(db: Db, org: Pick<OrganisationTable, 'tenant_id' | 'id'>, opts: { current: boolean }): Promise<OrgPostTable[]> {
  let q = db.selectFrom('org_posts').selectAll().where('tenant_id', '=', org.tenant_id).where('org_id', '=', org.id);
  if (opts.current) q = q.where('ended_on', 'is', null);
  return q.orderBy('started_on').orderBy('created_at').execute();
}

export function postById(db: Db, org: Pick<OrganisationTable, 'tenant_id' | 'id'>, postId: string): Promise<OrgPostTable | undefined> {
  return db.selectFrom('org_posts').selectAll().where('tenant_id', '=', org.tenant_id).where('org_id', '=', org.id).where('id', '=', postId).executeTakeFirst();
}

/** A metric's target organisations with their paths (deleted ones included, as a target may be). */
export async function metricTargets(ctx: Pick<MetricContext, 'db' | 'tenantId' | 'targetIds'>): Promise<{ id: string; path: string }[]> {
  return [...(await orgPaths(ctx.db, ctx.tenantId, ctx.targetIds))].map(([id, path]) => ({ id, path }));
}

/** Paths of organisations by id (deleted ones included), for placing members by their branch or group. */
export async function orgPaths(db: Db, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path']).where('tenant_id', '=', tenantId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * orgNames for rows of the reader's own tenant: from the cached tree (no statement on a read), and from the
 * table only for ids the tree lacks (a deleted organisation keeps its name on old records). Display names
 * (displayNames.ts: a 党小组 carries its branch's name).
 */
export async function orgNamesOf(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await orgRowsOf(db, reader, ids)).values()].map((o) => [`${o.tenant_id}/${o.id}`, o.name]));
}

/** Display names of organisations by id, keyed "<tenant>/<id>", for modules that show where a record belongs. */
export async function orgNames(db: DbOrTx, tenantIds: readonly string[], ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await inSlices(ids, (slice) => db.selectFrom('organisations').select(['tenant_id', 'id', 'kind', 'name', 'parent_id']).where('tenant_id', 'in', tenantIds).where('id', 'in', slice).execute());
  return new Map((await withDisplayNames(db, rows)).map((o) => [`${o.tenant_id}/${o.id}`, o.name]));
}

// ---------- the tree reader other modules use (they never name the organisations table) ----------

/**
 * One live organisation by id, from a keyed read: for writes and jobs, which run inside a transaction
 * (the cached tree belongs to the root handle). Reads for a request use orgInScope instead.
 */
export function liveOrg(db: DbOrTx, tenantId: string, id: string): Promise<OrganisationTable | undefined> {
  return db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Live organisations of the subtree at `path` (itself included), optionally of some kinds, in path order. */
export async function orgsUnder(db: DbOrTx, tenantId: string, path: string, kinds?: readonly OrgKind[]): Promise<OrganisationTable[]> {
  let q = db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where(inSubtree(sql.ref<string>('path'), path));
  if (kinds) q = q.where('kind', 'in', kinds);
  return q.orderBy('path').execute();
}

/** The live root organisations (the committee) of a tenant. */
export function rootOrgs(db: DbOrTx, tenantId: string): Promise<OrganisationTable[]> {
  return db.selectFrom('organisations').selectAll().where('tenant_id', '=', tenantId).where('parent_id', 'is', null).where('deleted_at', 'is', null).execute();
}

/** Live organisations by id (any tenant given), for a module placing its rows in the tree. */
export async function liveOrgsById(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, OrganisationTable>> {
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('organisations').selectAll()
    .where('tenant_id', '=', tenantId).where('id', 'in', slice).where('deleted_at', 'is', null).execute());
  return new Map(rows.map((o) => [o.id, o]));
}

/** SQL: the current path of the organisation in column `orgId`, for ordering or a subtree filter by a kept id. */
export function orgPathOf(cols: { tenant: Expression<string>; orgId: Expression<string> }): RawBuilder<string> {
  // `_org`, not `o`: a caller's `o` in cols would bind to the inner table (orgScopeFilter says the same).
  return sql<string>`(select _org.path from organisations _org where _org.tenant_id = ${cols.tenant} and _org.id = ${cols.orgId})`;
}

/** Current committee posts of many organisations: organisation id → the posts held now. */
export async function currentPosts(db: DbOrTx, tenantId: string, orgIds: readonly string[]): Promise<Map<string, OrgPostTable[]>> {
  const rows = await inSlices([...new Set(orgIds)], (slice) => db.selectFrom('org_posts').selectAll()
    .where('tenant_id', '=', tenantId).where('org_id', 'in', slice).where('ended_on', 'is', null).orderBy('started_on').execute());
  const out = new Map<string, OrgPostTable[]>();
  for (const r of rows) out.set(r.org_id, [...(out.get(r.org_id) ?? []), r]);
  return out;
}

/**
 * SQL: the organisation in column `orgId` (of tenant `tenant`) exists and is not deleted. For a module that
 * keeps organisation ids of its own and must count or list only live ones in one statement.
 */
export function liveOrgFilter(cols: { tenant: Expression<string>; orgId: Expression<string> }): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from organisations _org where _org.tenant_id = ${cols.tenant} and _org.id = ${cols.orgId} and _org.deleted_at is null)`;
}

/**
 * Organisations of the reader's own tenant by id, whatever the reader's scope: live ones from the cached tree (no
 * statement on a read), deleted ones from the table (an old record still shows where it belonged). `name` is the
 * display name (displayNames.ts), as every caller shows it.
 */
export async function orgRowsOf(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, OrganisationTable>> {
  const tree = await tenantTree(db, reader.tenantId, reader.treeVersion);
  const wanted = new Set(ids);
  const out = new Map<string, OrganisationTable>();
  for (const o of tree) if (wanted.delete(o.id)) out.set(o.id, o);
  if (wanted.size > 0) {
    const rows = await inSlices([...wanted], (slice) => db.selectFrom('organisations').selectAll().where('tenant_id', '=', reader.tenantId).where('id', 'in', slice).execute());
    for (const o of rows) out.set(o.id, o);
  }
  return new Map((await withDisplayNames(db, [...out.values()], tree)).map((o) => [o.id, o]));
}

/**
 * A live organisation of the reader's tenant by id, whatever the reader's scope, from the cached tree (no statement
 * on a read): for a filter that only needs the organisation to exist, such as "records under this organisation".
 */
export async function liveOrgOf(db: Db, reader: Actor, id: string): Promise<OrganisationTable | undefined> {
  const org = (await tenantTree(db, reader.tenantId, reader.treeVersion)).find((o) => o.id === id);
  return org && { ...org };
}

