// The residents' ratings inside the system: the scoped list (comments first) with its count and average, the
// 留言审核 (a comment is public only once a secretary approves it; a conditional update so two moderators cannot
// both decide differently), and a plaque's ratings summed up per period.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { periodOf, type PeriodKind } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberSummaries } from '../members/index.js';
import { moderatesPlaque, readableAt } from './policy.js';
import { average2, ownMemberId, plaqueFor } from './plaqueQueries.js';
import type { RatingQuery } from './plaqueSchema.js';
import type { CommentStatus } from './tables.js';

const DECIDED: Record<CommentStatus, string> = { none: '该评价没有留言', pending: '该留言尚待审核', approved: '该留言已公开', rejected: '该留言已设为不公开' };

export async function listRatings(p: Platform, actor: Actor, q: RatingQuery) {
  let base = p.db.selectFrom('incentive_ratings as r')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'r.tenant_id').onRef('ip.id', '=', 'r.plaque_id'))
    .where('r.tenant_id', '=', actor.tenantId).where('ip.deleted_at', 'is', null).where(readableAt(actor, 'r'));
  if (q.plaqueId) base = base.where('r.plaque_id', '=', q.plaqueId);
  // Without a plaque the list is the moderation queue: ratings with a comment only.
  if (q.commentStatus) base = base.where('r.comment_status', '=', q.commentStatus);
  else if (!q.plaqueId) base = base.where('r.comment_status', '<>', 'none');
  if (q.from) base = base.where('r.rated_on', '>=', q.from);
  if (q.to) base = base.where('r.rated_on', '<=', q.to);
  const sum = await base.select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.avg<number | string | null>('r.score').as('avg')]).executeTakeFirstOrThrow();
  const win = window(q);
  const rows = await base.select(['r.id', 'r.plaque_id', 'r.org_path', 'r.score', 'r.comment', 'r.comment_status', 'r.moderated_at', 'r.rated_on', 'ip.title', 'ip.member_id'])
    .orderBy('r.rated_on', 'desc').orderBy('r.created_at', 'desc').orderBy('r.id').limit(win.limit).offset(win.offset).execute();
  const [members, own] = await Promise.all([memberSummaries(p.db, actor.tenantId, rows.map((r) => r.member_id)), ownMemberId(p.db, actor)]);
  return {
    items: rows.map((r) => ({
      id: r.id, plaqueId: r.plaque_id, plaqueTitle: r.title, memberName: members.get(r.member_id)?.name ?? '', score: r.score, comment: r.comment,
      commentStatus: r.comment_status, moderatedAt: r.moderated_at, ratedOn: r.rated_on, canModerate: r.comment_status !== 'none' && moderatesPlaque(actor, own, r),
    })),
    total: Number(sum.n), page: q.page, pageSize: q.pageSize, summary: { count: Number(sum.n), average: average2(sum.avg) },
  };
}

export async function moderateRating(p: Platform, ctx: AuditContext, actor: Actor, id: string, decision: 'approve' | 'reject') {
  // Through its live plaque, as the list shows it: a deleted plaque's ratings are out of sight.
  const r = await p.db.selectFrom('incentive_ratings as r')
    .innerJoin('incentive_plaques as ip', (j) => j.onRef('ip.tenant_id', '=', 'r.tenant_id').onRef('ip.id', '=', 'r.plaque_id'))
    .selectAll('r').select('ip.member_id').where('r.tenant_id', '=', actor.tenantId).where('r.id', '=', id).where('ip.deleted_at', 'is', null)
    .where(readableAt(actor, 'r')).executeTakeFirst();
  if (!r) throw notFound('评价');
  const own = await ownMemberId(p.db, actor);
  if (!moderatesPlaque(actor, own, r)) throw forbidden(r.member_id === own ? '不能审核本人岗位的留言' : '没有审核该留言的权限');
  const to: CommentStatus = decision === 'approve' ? 'approved' : 'rejected';
  // A decided comment may be changed the other way (a published one taken down); a rating without one has nothing to decide.
  const from: CommentStatus[] = decision === 'approve' ? ['pending', 'rejected'] : ['pending', 'approved'];
  const refuse = (s: CommentStatus) => conflict('COMMENT_STATE', DECIDED[s]);
  if (!from.includes(r.comment_status)) throw refuse(r.comment_status);
  const at = p.clock.now().toISOString();
  const ok = await p.audit.tx(ctx, async (trx) => {
    const u = await trx.updateTable('incentive_ratings').set({ comment_status: to, moderated_by: actor.userId, moderated_at: at })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).where('comment_status', '=', r.comment_status).executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) return false;
    await p.audit.record(trx, ctx, { action: `incentive.rating.${decision}`, entity: 'incentiveRating', entityId: r.id, before: { commentStatus: r.comment_status }, after: { commentStatus: to, plaqueId: r.plaque_id } });
    return true;
  });
  if (!ok) {
    const cur = await p.db.selectFrom('incentive_ratings').select('comment_status').where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).executeTakeFirstOrThrow();
    throw refuse(cur.comment_status);
  }
  return { id: r.id, commentStatus: to };
}

/** A plaque's ratings per period (month, quarter, half, year), newest first. */
export async function ratingPeriods(p: Platform, actor: Actor, plaqueId: string, kind: PeriodKind) {
  const x = await plaqueFor(p, actor, plaqueId);
  const rows = await p.db.selectFrom('incentive_ratings').select(['rated_on', (eb) => eb.fn.countAll<number | string>().as('n'), sql<number | string>`sum(score)`.as('total')])
    .where('tenant_id', '=', x.tenant_id).where('plaque_id', '=', x.id).groupBy('rated_on').execute();
  const byPeriod = new Map<string, { count: number; total: number }>();
  for (const r of rows) {
    const code = periodOf(kind, r.rated_on).code;
    const cur = byPeriod.get(code) ?? { count: 0, total: 0 };
    cur.count += Number(r.n);
    cur.total += Number(r.total);
    byPeriod.set(code, cur);
  }
  return {
    items: [...byPeriod.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1))
      .map(([period, v]) => ({ period, count: v.count, average: average2(v.count ? v.total / v.count : null) })),
  };
}
