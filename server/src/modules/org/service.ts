// Rules of the organisation tree: nesting, term dates, creation with its materialised path, edits and
// moves of whole subtrees (members follow in the same transaction), soft deletion, committee posts.
import { sql } from 'kysely';
import type { DbOrTx, OrgKind, OrganisationTable, OrgPostTable } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { addDays, addYears, daysBetween, shanghaiDate } from '../../platform/calendar.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { rewriteOrgPaths } from '../../db/orgPaths.js';
import { lockTenant } from '../../platform/tenants.js';
import type { DbDialect } from '../../config.js';
import { ORG_KIND_NAMES, POST_NAMES, POSTS, type OrgCreate, type OrgPatch, type OrgView, type Post, type PostCreate, type PostView } from './schema.js';
import { orgPeople } from './people.js';
import { orgInScope, seesPostHolder } from './policy.js';
import { orgName, postById, postsOf, termsEndingBy } from './queries.js';
import { orgWarnings } from './warnings.js';
import { ORG_RULES, type OrgRules } from './settings.js';

/** Which kinds may sit under which (docs/DOMAIN.md): a 党小组 only under a 支部, and so on. */
const ALLOWED_PARENT: Record<OrgKind, (OrgKind | null)[]> = {
  committee: [null],
  generalBranch: ['committee'],
  branch: ['committee', 'generalBranch'],
  jointBranch: ['committee', 'generalBranch'],
  group: ['branch', 'jointBranch'],
};

const RULE_TEXT: Record<OrgKind, string> = {
  committee: '党委是最高一级组织，不能设在其他组织下',
  generalBranch: '党总支只能设在党委下',
  branch: '党支部只能设在党委或党总支下',
  jointBranch: '联合支部只能设在党委或党总支下',
  group: '党小组只能设在党支部或联合支部下',
};

/** The Chinese reason a `kind` may not sit under `parentKind`, or null when it may. */
export function nestingProblem(kind: OrgKind, parentKind: OrgKind | null): string | null {
  if (ALLOWED_PARENT[kind].includes(parentKind)) return null;
  const under = parentKind ? `，不能设在${ORG_KIND_NAMES[parentKind]}下` : '';
  return `组织层级不符合规定：${RULE_TEXT[kind]}${under}`;
}

export const toView = (o: OrganisationTable): OrgView => ({
  id: o.id, parentId: o.parent_id, kind: o.kind, name: o.name, code: o.code, path: o.path, depth: o.depth,
  foundedOn: o.founded_on, termStartedOn: o.term_started_on, termEndsOn: o.term_ends_on,
});

export const termYearsOf = (rules: OrgRules, kind: OrgKind): number | null => (kind === 'group' ? null : rules.termYears[kind]);

interface Dates {
  foundedOn: string | null;
  termStartedOn: string | null;
  termEndsOn: string | null;
}

/** No founding or term start in the future, a term ends after it starts and not before founding; groups have no term. */
function checkDates(kind: OrgKind, d: Dates, today: string): void {
  if (d.foundedOn && d.foundedOn > today) throw fieldError('foundedOn', '成立日期不能晚于今天');
  if (kind === 'group' && (d.termStartedOn || d.termEndsOn)) throw fieldError(d.termStartedOn ? 'termStartedOn' : 'termEndsOn', '党小组不设任期，无需填写换届日期');
  if (d.termStartedOn && d.termStartedOn > today) throw fieldError('termStartedOn', '本届任期开始日期不能晚于今天');
  if (d.termStartedOn && d.foundedOn && d.termStartedOn < d.foundedOn) throw fieldError('termStartedOn', '本届任期开始日期不能早于成立日期');
  if (d.termEndsOn && !d.termStartedOn) throw fieldError('termStartedOn', '请填写本届任期开始日期');
  if (d.termEndsOn && d.termStartedOn && d.termEndsOn <= d.termStartedOn) throw fieldError('termEndsOn', '本届任期届满日期应晚于开始日期');
}

/** Creates an organisation row (no audit, no scope check): the seed and tenant creation use it too. */
export async function insertOrg(
  trx: DbOrTx,
  o: {
    tenantId: string; parent: Pick<OrganisationTable, 'id' | 'path' | 'depth' | 'kind'> | null; kind: OrgKind; name: string; code?: string | null;
    sortOrder?: number; foundedOn?: string | null; termStartedOn?: string | null; termEndsOn?: string | null; now: Date;
  },
): Promise<OrganisationTable> {
  const problem = nestingProblem(o.kind, o.parent?.kind ?? null);
  if (problem) throw fieldError('parentId', problem);
  const id = newId(o.now.getTime());
  const at = o.now.toISOString();
  const row: OrganisationTable = {
    tenant_id: o.tenantId, id, parent_id: o.parent?.id ?? null, kind: o.kind, name: o.name, code: o.code ?? null,
    path: `${o.parent?.path ?? '/'}${id}/`, depth: (o.parent?.depth ?? -1) + 1, sort_order: o.sortOrder ?? 0,
    founded_on: o.foundedOn ?? null, term_started_on: o.termStartedOn ?? null, term_ends_on: o.termEndsOn ?? null,
    created_at: at, updated_at: at, deleted_at: null,
  };
  await trx.insertInto('organisations').values(row).execute();
  return row;
}

/**
 * Serialises changes to one tenant's tree shape (create, move, delete) on PostgreSQL by locking the
 * tenant row, and re-reads the rows the change was computed from: a path computed from a parent that
 * moved meanwhile would otherwise land outside the tree. SQLite already has a single writer.
 * Others that write paths derived from the tree (members' org_path) may take the same lock.
 */
export async function lockOrgTree(trx: DbOrTx, dialect: DbDialect, tenantId: string): Promise<void> {
  await lockTenant(trx, dialect, tenantId);
}

/** The row again inside the transaction; a conflict when it was moved or deleted since it was read. */
async function unchanged(trx: DbOrTx, row: OrganisationTable): Promise<void> {
  const now = await trx.selectFrom('organisations').select(['path', 'deleted_at']).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).executeTakeFirst();
  if (!now || now.deleted_at || now.path !== row.path) throw conflict('ORG_CHANGED', `“${row.name}”刚被他人调整或删除，请刷新后重试`);
}

async function nextSortOrder(trx: DbOrTx, tenantId: string, parentId: string): Promise<number> {
  const r = await trx.selectFrom('organisations').select((eb) => eb.fn.max('sort_order').as('m'))
    .where('tenant_id', '=', tenantId).where('parent_id', '=', parentId).executeTakeFirst();
  return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
}

/** POST /orgs: the parent is already resolved within the actor's org.write scope. */
export async function createOrg(p: Platform, ctx: AuditContext, parent: OrganisationTable, body: OrgCreate): Promise<OrganisationTable> {
  const problem = nestingProblem(body.kind, parent.kind);
  if (problem) throw fieldError('parentId', problem);
  const now = p.clock.now();
  const rules = await p.settings.get(parent.tenant_id, ORG_RULES);
  const dates: Dates = { foundedOn: body.foundedOn ?? null, termStartedOn: body.termStartedOn ?? null, termEndsOn: body.termEndsOn ?? null };
  const years = termYearsOf(rules, body.kind);
  if (dates.termStartedOn && !dates.termEndsOn && years) dates.termEndsOn = addYears(dates.termStartedOn, years);
  checkDates(body.kind, dates, shanghaiDate(now));
  return p.audit.tx(ctx, async (trx) => {
    await lockOrgTree(trx, p.config.dialect, parent.tenant_id);
    await unchanged(trx, parent);
    const row = await insertOrg(trx, {
      tenantId: parent.tenant_id, parent, kind: body.kind, name: body.name, code: body.code || null,
      sortOrder: await nextSortOrder(trx, parent.tenant_id, parent.id), ...dates, now,
    });
    await p.audit.record(trx, ctx, { action: 'org.create', entity: 'organisation', entityId: row.id, after: toView(row) });
    return row;
  });
}

/** The parent a patch moves the organisation under (in the actor's org.write scope, else 404), or null when it stays. */
async function newParentOf(p: Platform, actor: Actor, org: OrganisationTable, parentId: string | undefined): Promise<OrganisationTable | null> {
  if (parentId === undefined || parentId === org.parent_id) return null;
  const parent = await orgInScope(p.db, actor, 'org.write', parentId);
  if (!parent || parent.tenant_id !== org.tenant_id) throw notFound('上级组织');
  return parent;
}

/**
 * PATCH /orgs/{id}: fields, and a move when `patch.parentId` names another parent, which must lie in the actor's
 * org.write scope too. A move rewrites the path and depth of the whole subtree and the members' paths in the same
 * transaction; grants point at ids, so everyone's scope follows.
 */
export async function updateOrg(p: Platform, ctx: AuditContext, actor: Actor, org: OrganisationTable, patch: OrgPatch): Promise<OrganisationTable> {
  const newParent = await newParentOf(p, actor, org, patch.parentId);
  const now = p.clock.now();
  const rules = await p.settings.get(org.tenant_id, ORG_RULES);
  const dates: Dates = {
    foundedOn: patch.foundedOn !== undefined ? patch.foundedOn : org.founded_on,
    termStartedOn: patch.termStartedOn !== undefined ? patch.termStartedOn : org.term_started_on,
    termEndsOn: patch.termEndsOn !== undefined ? patch.termEndsOn : org.term_ends_on,
  };
  // A new term start without an end gets the default end (a new 换届); clearing the start clears the end.
  const years = termYearsOf(rules, org.kind);
  if (patch.termStartedOn && patch.termEndsOn === undefined && years) dates.termEndsOn = addYears(patch.termStartedOn, years);
  if (patch.termStartedOn === null && patch.termEndsOn === undefined) dates.termEndsOn = null;
  checkDates(org.kind, dates, shanghaiDate(now));

  const moving = newParent !== null && newParent.id !== org.parent_id;
  if (moving) {
    if (newParent.path.startsWith(org.path)) throw fieldError('parentId', '不能把组织调整到它自己或它的下级组织之下');
    const problem = nestingProblem(org.kind, newParent.kind);
    if (problem) throw fieldError('parentId', problem);
  }

  const at = now.toISOString();
  const next: OrganisationTable = {
    ...org,
    name: patch.name ?? org.name,
    code: patch.code !== undefined ? patch.code || null : org.code,
    founded_on: dates.foundedOn, term_started_on: dates.termStartedOn, term_ends_on: dates.termEndsOn,
    updated_at: at,
  };
  if (moving) {
    next.parent_id = newParent.id;
    next.path = `${newParent.path}${org.id}/`;
    next.depth = newParent.depth + 1;
  }

  return p.audit.tx(ctx, async (trx) => {
    let moved: { organisations: number; members: number } | undefined;
    await lockOrgTree(trx, p.config.dialect, org.tenant_id);
    await unchanged(trx, org);
    if (moving) {
      await unchanged(trx, newParent);
      const oldPrefix = org.path;
      const delta = next.depth - org.depth;
      const res = await trx.updateTable('organisations')
        .set({
          path: sql<string>`${next.path} || substr(path, ${oldPrefix.length + 1})`,
          depth: sql<number>`depth + ${delta}`,
          updated_at: at,
        })
        .where('tenant_id', '=', org.tenant_id)
        .where(inSubtree(sql.ref<string>('path'), oldPrefix))
        .executeTakeFirst();
      // Every registered path column of every module follows, in this transaction (db/orgPaths.ts).
      const rows = await rewriteOrgPaths(trx, org.tenant_id, oldPrefix, next.path);
      moved = { organisations: Number(res.numUpdatedRows), members: rows.members ?? 0 };
    }
    await trx.updateTable('organisations')
      .set({ parent_id: next.parent_id, name: next.name, code: next.code, founded_on: next.founded_on, term_started_on: next.term_started_on, term_ends_on: next.term_ends_on, updated_at: at })
      .where('tenant_id', '=', org.tenant_id).where('id', '=', org.id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: moving ? 'org.move' : 'org.update', entity: 'organisation', entityId: org.id,
      before: toView(org), after: moved ? { ...toView(next), moved } : toView(next),
    });
    return next;
  });
}

/** Live child organisations of an organisation. */
export async function childCount(db: DbOrTx, org: OrganisationTable): Promise<number> {
  const r = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', org.tenant_id).where('parent_id', '=', org.id).where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** DELETE /orgs/{id}: soft, refused while anything still hangs on it (sub-organisations, members). Open committee posts end with it. */
export async function deleteOrg(p: Platform, ctx: AuditContext, org: OrganisationTable): Promise<void> {
  const liveMembers = async (trx: DbOrTx) => (await orgPeople(p).liveCounts(trx, org.tenant_id, org.path)).total;
  if (org.parent_id === null) throw conflict('ORG_IS_ROOT', '党委是最高一级组织，不能删除');
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await lockOrgTree(trx, p.config.dialect, org.tenant_id);
    await unchanged(trx, org);
    const children = await childCount(trx, org);
    if (children > 0) throw conflict('ORG_HAS_CHILDREN', `该组织下还有 ${children} 个下级组织，请先删除或调整这些组织后再删除`);
    const members = await liveMembers(trx);
    if (members > 0) throw conflict('ORG_HAS_MEMBERS', `该组织还有 ${members} 名党员，请先将党员调整到其他组织后再删除`);
    const at = now.toISOString();
    await trx.updateTable('org_posts').set({ ended_on: shanghaiDate(now), updated_at: at })
      .where('tenant_id', '=', org.tenant_id).where('org_id', '=', org.id).where('ended_on', 'is', null).execute();
    await trx.updateTable('organisations').set({ deleted_at: at, updated_at: at })
      .where('tenant_id', '=', org.tenant_id).where('id', '=', org.id).execute();
    await p.audit.record(trx, ctx, { action: 'org.delete', entity: 'organisation', entityId: org.id, before: toView(org) });
  });
}

/** Posts a 党小组 may have, and those of every other organisation. */
function postProblem(kind: OrgKind, post: Post): string | null {
  if (kind === 'group' && post !== 'groupLeader') return '党小组只设党小组长';
  if (kind !== 'group' && post === 'groupLeader') return `${ORG_KIND_NAMES[kind]}不设党小组长`;
  return null;
}

/** Member statuses that no longer tie a member to an organisation: no post for them. */
const GONE: ReadonlySet<string> = new Set(['transferredOut', 'expelled', 'deceased']);

/** Posts held by one person at most at a time. */
const SINGLE_POSTS: ReadonlySet<Post> = new Set(['secretary', 'groupLeader']);

/**
 * POST /orgs/{id}/posts: appoints a member of the organisation's subtree. A member the actor may not read answers
 * 404 like a missing one; a member elsewhere is a field error.
 */
export async function appointPost(p: Platform, ctx: AuditContext, actor: Actor, org: OrganisationTable, input: PostCreate): Promise<PostView> {
  const member = (await orgPeople(p).byId(p.db, org.tenant_id, [input.memberId])).get(input.memberId);
  const place = member?.orgPath;
  if (!member || !place || !seesPostHolder(actor, org.tenant_id, place)) throw notFound('党员');
  if (!place.startsWith(org.path)) throw fieldError('memberId', `${member.name}不是本组织的党员，不能担任本组织职务`);
  if (member.deleted || GONE.has(member.status)) throw fieldError('memberId', `${member.name}已不在党员名册中（已删除、转出、出党或去世），不能任职`);
  const row = await addPost(p, ctx, org, { memberId: member.id, memberName: member.name, post: input.post, startedOn: input.startedOn ?? null });
  return {
    id: row.id, memberId: row.member_id, name: member.name, post: input.post, postName: POST_NAMES[input.post],
    startedOn: row.started_on, endedOn: row.ended_on,
  };
}

async function addPost(p: Platform, ctx: AuditContext, org: OrganisationTable, input: { memberId: string; memberName: string; post: Post; startedOn: string | null }): Promise<OrgPostTable> {
  const problem = postProblem(org.kind, input.post);
  if (problem) throw fieldError('post', problem);
  const now = p.clock.now();
  const today = shanghaiDate(now);
  if (input.startedOn && input.startedOn > today) throw fieldError('startedOn', '任职日期不能晚于今天');
  return p.audit.tx(ctx, async (trx) => {
    // Serialises appointments in the tenant on PostgreSQL: two at once would both find the 书记 post free.
    await lockOrgTree(trx, p.config.dialect, org.tenant_id);
    const open = await trx.selectFrom('org_posts').select(['member_id', 'post'])
      .where('tenant_id', '=', org.tenant_id).where('org_id', '=', org.id).where('ended_on', 'is', null).execute();
    if (open.some((o) => o.member_id === input.memberId && o.post === input.post)) {
      throw conflict('POST_HELD', `${input.memberName}已担任${POST_NAMES[input.post]}`);
    }
    if (SINGLE_POSTS.has(input.post) && open.some((o) => o.post === input.post)) {
      throw conflict('POST_TAKEN', `该组织已有在任${POST_NAMES[input.post]}，请先免去原${POST_NAMES[input.post]}`);
    }
    const at = now.toISOString();
    const row: OrgPostTable = {
      tenant_id: org.tenant_id, id: newId(now.getTime()), org_id: org.id, member_id: input.memberId, post: input.post,
      started_on: input.startedOn ?? today, ended_on: null, created_at: at, updated_at: at,
    };
    await trx.insertInto('org_posts').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'org.post.add', entity: 'organisation', entityId: org.id, after: { postId: row.id, memberId: row.member_id, name: input.memberName, post: row.post, startedOn: row.started_on } });
    return row;
  });
}

/** DELETE /orgs/{id}/posts/{postId}: ends a current post of the organisation (the record stays as history). */
export async function endPost(p: Platform, ctx: AuditContext, org: OrganisationTable, postId: string): Promise<void> {
  const post = await postById(p.db, org, postId);
  if (!post || post.ended_on) throw notFound('任职记录');
  const now = p.clock.now();
  const today = shanghaiDate(now);
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('org_posts').set({ ended_on: today, updated_at: now.toISOString() })
      .where('tenant_id', '=', post.tenant_id).where('id', '=', post.id).execute();
    await p.audit.record(trx, ctx, {
      action: 'org.post.end', entity: 'organisation', entityId: org.id,
      before: { postId: post.id, memberId: post.member_id, post: post.post, startedOn: post.started_on, endedOn: null },
      after: { postId: post.id, endedOn: today },
    });
  });
}

/** GET /orgs/terms/expiring: organisations in scope whose term ends within `days` (default: the reminder setting). */
export async function expiringTerms(p: Platform, actor: Actor, days: number | undefined): Promise<(OrgView & { daysLeft: number })[]> {
  const within = days ?? (await p.settings.get(actor.tenantId, ORG_RULES)).termReminderDays;
  const today = shanghaiDate(p.clock.now());
  const rows = await termsEndingBy(p.db, actor, addDays(today, within));
  return rows.map((o) => ({ ...toView(o), daysLeft: daysBetween(today, o.term_ends_on!) }));
}

/** GET /orgs/{id}: the organisation with its parent's name, the rules' warnings and the current committee, in post order. */
export async function orgDetailOf(p: Platform, org: OrganisationTable): Promise<OrgView & { parentName: string | null; warnings: string[]; posts: PostView[] }> {
  const [parentName, posts, rules, counts] = await Promise.all([
    orgName(p.db, org.tenant_id, org.parent_id),
    postsOf(p.db, org, { current: true }),
    p.settings.get(org.tenant_id, ORG_RULES),
    orgPeople(p).liveCounts(p.db, org.tenant_id, org.path),
  ]);
  const names = await orgPeople(p).byId(p.db, org.tenant_id, posts.map((x) => x.member_id));
  return {
    ...toView(org),
    parentName,
    warnings: orgWarnings(org, { today: shanghaiDate(p.clock.now()), rules, posts, counts }),
    posts: posts.sort((a, b) => POSTS.indexOf(a.post as Post) - POSTS.indexOf(b.post as Post)).map((x) => ({
      id: x.id, memberId: x.member_id, name: names.get(x.member_id)?.name ?? '', post: x.post as Post,
      postName: POST_NAMES[x.post as Post] ?? x.post, startedOn: x.started_on, endedOn: x.ended_on,
    })),
  };
}
