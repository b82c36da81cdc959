// Reading plaques: one by id within the reader's sight (else 404), the scoped list with filters, and the views with
// the names (member, organisation, unit) and the residents' rating figures beside each.
import { sql } from 'kysely';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import { inSlices } from '../../db/batch.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberOfUser, memberSummaries } from '../members/index.js';
import { liveOrg, orgNames } from '../org/index.js';
import { unitNames } from '../units/index.js';
import { decidesPlaque, moderatesPlaque, proposesAt, readsAt, seesPlaque, visiblePlaques } from './policy.js';
import type { PlaqueAllowed, PlaqueQuery, PlaqueView } from './plaqueSchema.js';
import type { IncentivePlaqueTable } from './tables.js';

/** The actor's own member record id (a holder sees their own plaques), if any. */
export async function ownMemberId(db: DbOrTx, actor: Actor): Promise<string | undefined> {
  return (await memberOfUser(db, actor.tenantId, actor.userId))?.id;
}

/** The plaque if the actor sees it, else 404 (out of sight answers like missing). */
export async function plaqueFor(p: Platform, actor: Actor, id: string): Promise<IncentivePlaqueTable> {
  const x = await p.db.selectFrom('incentive_plaques').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!x || !seesPlaque(actor, await ownMemberId(p.db, actor), x)) throw notFound('示范岗/责任区');
  return x;
}

/** What the actor may do with the plaque now (the web shows exactly these buttons). */
export function allowedOn(actor: Actor, own: string | undefined, x: IncentivePlaqueTable): PlaqueAllowed[] {
  const out: PlaqueAllowed[] = [];
  if ((x.status === 'proposed' || x.status === 'rejected') && proposesAt(actor, x.org_path)) out.push('edit');
  if (decidesPlaque(actor, x)) {
    if (x.status === 'proposed') out.push('approve', 'reject');
    if (x.status === 'approved') out.push('issue');
    if (x.status === 'approved' || x.status === 'active') out.push('withdraw');
  }
  if (moderatesPlaque(actor, own, x)) out.push('moderate');
  return out;
}

/** An average as shown (two decimals), null when there is nothing to average. */
export const average2 = (v: number | string | null): number | null => (v === null ? null : Math.round(Number(v) * 100) / 100);

/** Rating count, average and pending comments per plaque. */
async function ratingFigures(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  const rows = await inSlices([...ids], (slice) => db.selectFrom('incentive_ratings')
    .select(['plaque_id', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.avg<number | string | null>('score').as('avg'),
      sql<number | string>`sum(case when comment_status = 'pending' then 1 else 0 end)`.as('pending')])
    .where('tenant_id', '=', tenantId).where('plaque_id', 'in', slice).groupBy('plaque_id').execute());
  return new Map(rows.map((r) => [r.plaque_id, { count: Number(r.n), average: average2(r.avg), pending: Number(r.pending) }]));
}

export async function toViews(p: Platform, actor: Actor, rows: IncentivePlaqueTable[]): Promise<PlaqueView[]> {
  if (rows.length === 0) return [];
  const t = actor.tenantId;
  const [members, orgs, units, figures, own] = await Promise.all([
    memberSummaries(p.db, t, rows.map((r) => r.member_id)),
    orgNames(p.db, [t], [...new Set(rows.map((r) => r.org_id))]),
    unitNames(p.db, [t], [...new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))]),
    ratingFigures(p.db, t, rows.map((r) => r.id)),
    ownMemberId(p.db, actor),
  ]);
  return rows.map((x) => {
    const f = figures.get(x.id);
    return {
      id: x.id, kind: x.kind, orgId: x.org_id, orgName: orgs.get(`${t}/${x.org_id}`) ?? '', memberId: x.member_id, memberName: members.get(x.member_id)?.name ?? '',
      title: x.title, unitId: x.unit_id, unitName: x.unit_id ? (units.get(`${t}/${x.unit_id}`) ?? null) : null, postName: x.post_name,
      areaKind: x.area_kind, areaName: x.area_name, extent: x.extent, commitment: x.commitment, periodFrom: x.period_from, periodTo: x.period_to,
      status: x.status, publicCode: x.public_code, issuedOn: x.issued_on, withdrawnOn: x.withdrawn_on, withdrawReason: x.withdraw_reason,
      flagged: Boolean(x.flagged), ratingCount: f?.count ?? 0, ratingAverage: f?.average ?? null, pendingComments: f?.pending ?? 0,
      allowed: allowedOn(actor, own, x), createdAt: x.created_at, updatedAt: x.updated_at,
    };
  });
}

/** The plaques the actor sees (incentive.read over their organisation, or their own), filtered and paged. */
export async function listPlaques(p: Platform, actor: Actor, q: PlaqueQuery) {
  const own = await ownMemberId(p.db, actor);
  let base = p.db.selectFrom('incentive_plaques as ip').where('ip.tenant_id', '=', actor.tenantId).where('ip.deleted_at', 'is', null).where(visiblePlaques(actor, own, 'ip'));
  if (q.kind) base = base.where('ip.kind', '=', q.kind);
  if (q.status) base = base.where('ip.status', '=', q.status);
  if (q.flagged !== undefined) base = base.where('ip.flagged', '=', q.flagged ? 1 : 0);
  if (q.orgId) {
    const org = await liveOrg(p.db, actor.tenantId, q.orgId);
    if (!org || !readsAt(actor, org.path)) throw notFound('组织');
    base = base.where(inSubtree(sql.ref<string>('ip.org_path'), org.path));
  }
  const keyword = q.keyword?.trim();
  if (keyword) {
    const holders = await p.db.selectFrom('incentive_plaques').select('member_id').distinct().where('tenant_id', '=', actor.tenantId).where('deleted_at', 'is', null).execute();
    const named = [...(await memberSummaries(p.db, actor.tenantId, holders.map((h) => h.member_id))).values()].filter((m) => m.name.includes(keyword)).map((m) => m.id);
    base = base.where((eb) => eb.or([likeLiteral(sql.ref<string>('ip.title'), keyword, 'anywhere'), ...(named.length ? [eb('ip.member_id', 'in', named)] : [])]));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const win = window(q);
  const rows = await base.selectAll('ip').orderBy('ip.org_path').orderBy('ip.kind', 'desc').orderBy('ip.created_at').orderBy('ip.id').limit(win.limit).offset(win.offset).execute();
  return { items: await toViews(p, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The history of a plaque, oldest first, with the actors' display names. */
export async function plaqueEvents(p: Platform, x: IncentivePlaqueTable) {
  const rows = await p.db.selectFrom('incentive_plaque_events').select(['id', 'action', 'note', 'at', 'actor_id'])
    .where('tenant_id', '=', x.tenant_id).where('plaque_id', '=', x.id).orderBy('at').orderBy('id').execute();
  const names = await userDisplayNames(p.db, x.tenant_id, rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])));
  return rows.map((r) => ({ id: r.id, action: r.action, note: r.note, actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null, at: r.at }));
}
