// Reading transfers: the list of one direction in the actor's sight (scope, filters, paging and count in SQL) and
// one transfer (404 out of sight), each answered with the organisation names and what the reader may do now.
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/types.js';
import { likeLiteral } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { orgNames, orgsUnder, rootOrgs, withDisplayNames } from '../org/index.js';
import { liveUnits } from '../units/index.js';
import { confirms, printsLetter, receivesInto, receivingSide, recordsReceipt, seesTransfer, sendingSide, visibleTransfers, withdraws } from './policy.js';
import type { TransferQuery, TransferView } from './schema.js';
import type { TransferTable } from './tables.js';
import { TRANSFER_RULES } from './settings.js';

/** An unreceived letter of ours whose validity has passed. */
export const letterExpired = (t: Pick<TransferTable, 'scope' | 'direction' | 'status' | 'valid_until'>, today: string): boolean =>
  t.scope === 'external' && t.direction === 'out' && t.status === 'pending' && t.valid_until !== null && t.valid_until < today;

export async function transferViews(p: Platform, actor: Actor, rows: TransferTable[]): Promise<TransferView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.from_org_id, r.to_org_id].filter((x): x is string => x !== null)))];
  const names = await orgNames(p.db, [actor.tenantId], ids);
  const name = (id: string | null) => (id ? (names.get(`${actor.tenantId}/${id}`) ?? null) : null);
  const today = todayIn(p.clock);
  return rows.map((r) => ({
    id: r.id, direction: r.direction, scope: r.scope, status: r.status, memberId: r.member_id, memberName: r.member_name,
    fromOrgId: r.from_org_id, fromOrgName: name(r.from_org_id), toOrgId: r.to_org_id, toOrgName: name(r.to_org_id),
    counterpart: r.counterpart, letterNo: r.letter_no, duesPaidTo: r.dues_paid_to, validityMonths: r.validity_months, validUntil: r.valid_until,
    startedOn: r.started_on, receivedOn: r.received_on, reason: r.reason, withdrawnOn: r.withdrawn_on, withdrawReason: r.withdraw_reason, expired: letterExpired(r, today),
    actions: [
      ...(confirms(actor, r) ? ['confirm' as const] : []),
      ...(recordsReceipt(actor, r) ? ['receipt' as const] : []),
      ...(printsLetter(actor, r) ? ['letter' as const] : []),
      ...(withdraws(actor, r) ? ['withdraw' as const] : []),
    ],
  }));
}

/** The transfer if the actor sees it; 404 otherwise (missing and out of sight look the same). */
export async function transferFor(db: DbOrTx, actor: Actor, id: string): Promise<TransferTable> {
  const row = await db.selectFrom('transfers').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row || !seesTransfer(actor, row)) throw notFound('转接记录');
  return row;
}

export async function listTransfers(p: Platform, actor: Actor, q: TransferQuery) {
  let base = p.db.selectFrom('transfers as t').where('t.tenant_id', '=', actor.tenantId);
  // 转出: ours leaving (the sending side); 转入: arriving here, an internal transfer into the actor's branch included.
  base = q.direction === 'out' ? base.where('t.direction', '=', 'out').where(sendingSide(actor, 't')) : base.where(receivingSide(actor, 't'));
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('t.member_name'), q.keyword, 'anywhere'));
  const { limit, offset } = window(q);
  const [rows, count] = await Promise.all([
    // Pending first (the work still to do), then the newest.
    base.selectAll('t').orderBy('t.status').orderBy('t.started_on', 'desc').orderBy('t.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await transferViews(p, actor, rows), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** The pending transfers in sight of the actor, for the 待办 (a small set: at most `limit`). */
export async function pendingInSight(db: Db, actor: Actor, limit = 100): Promise<TransferTable[]> {
  return db.selectFrom('transfers as t').selectAll('t').where('t.tenant_id', '=', actor.tenantId).where('t.status', '=', 'pending')
    .where(visibleTransfers(actor, 't')).orderBy('t.started_on').limit(limit).execute();
}

/** Every branch of the committee (where the actor may act marked) and the units, for the forms. */
export async function transferPlaces(p: Platform, actor: Actor) {
  const roots = await rootOrgs(p.db, actor.tenantId);
  const branches = roots[0] ? await withDisplayNames(p.db, await orgsUnder(p.db, actor.tenantId, roots[0].path, ['branch', 'jointBranch'])) : [];
  return {
    branches: branches.map((b) => ({ id: b.id, name: b.name, mine: receivesInto(actor, b.path) })),
    units: await liveUnits(p.db, actor.tenantId),
    ...(await p.settings.get(actor.tenantId, TRANSFER_RULES)),
  };
}
