// Arrears warnings (docs/DOMAIN.md §党费: six months unpaid without reason is treated as leaving the Party): the 待办 of
// the secretaries who keep the member's dues, at the warning threshold and as a serious one at the second, and the
// daily job that notifies them once per member, level and spell of arrears.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { scopePaths } from '../../platform/access/can.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { shanghaiMonth } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { readSetting } from '../../platform/settings/service.js';
import { memberSummaries } from '../members/index.js';
import { orgNamesOf } from '../org/index.js';
import { inSubtree } from '../../db/dialect.js';
import { levelOf } from './reports.js';
import { DUES_RULES } from './settings.js';

const LIMIT = 200;
/** A committee's own path has two slashes (/<id>/): a grant there is the committee's staff, told through their lists. */
const isRoot = (path: string) => path.split('/').length <= 3;
export const arrearsLink = (memberId: string) => `/dues?tab=arrears&member=${memberId}`;

/** Members with at least `min` unpaid months up to `month`, per member with their place, first unpaid month and count. */
function membersInArrears(db: DbOrTx, tenantId: string, month: string, min: number) {
  return db.selectFrom('dues_bills as b')
    .select((eb) => ['b.member_id', eb.fn.max('b.org_path').as('org_path'), eb.fn.max('b.branch_id').as('branch_id'), eb.fn.min('b.month').as('first'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('b.amount_fen').as('s')])
    .where('b.tenant_id', '=', tenantId).where('b.payment_id', 'is', null).where('b.month', '<=', month)
    .groupBy('b.member_id').having((eb) => eb.fn.countAll(), '>=', min);
}

/** The actor's own secretary-level scopes of dues.write (not the committee's). */
const keptPaths = (actor: Actor) => scopePaths(actor, 'dues.write').filter((s) => s.tenantId === actor.tenantId && !isRoot(s.path)).map((s) => s.path);

async function todos(ctx: TodoContext, serious: boolean): Promise<TodoItem[]> {
  const paths = keptPaths(ctx.actor);
  if (paths.length === 0) return [];
  const tenantId = ctx.actor.tenantId;
  const rules = await readSetting(ctx.db, tenantId, DUES_RULES);
  let q = membersInArrears(ctx.db, tenantId, ctx.today.slice(0, 7), serious ? rules.seriousMonths : rules.warnMonths)
    .where((eb) => eb.or(paths.map((path) => inSubtree(sql.ref<string>('b.org_path'), path))));
  if (!serious) q = q.having((eb) => eb.fn.countAll(), '<', rules.seriousMonths);
  const rows = await q.orderBy(sql`count(*)`, 'desc').orderBy('b.member_id').limit(LIMIT).execute();
  const [names, orgs] = await Promise.all([memberSummaries(ctx.db, tenantId, rows.map((r) => r.member_id)), orgNamesOf(ctx.db, ctx.actor, rows.map((r) => String(r.branch_id)))]);
  return rows.map((r) => ({
    kind: serious ? 'dues.arrearsSerious' : 'dues.arrears',
    title: serious ? `连续 ${Number(r.n)} 个月未交党费：${names.get(r.member_id)?.name ?? ''}（请了解原因，按规定处理）` : `欠交党费 ${Number(r.n)} 个月：${names.get(r.member_id)?.name ?? ''}`,
    link: arrearsLink(r.member_id), entityId: r.member_id, orgName: orgs.get(`${tenantId}/${String(r.branch_id)}`) ?? '', overdue: serious,
  }));
}

export const arrearsTodos = (ctx: TodoContext) => todos(ctx, false);
export const seriousArrearsTodos = (ctx: TodoContext) => todos(ctx, true);

/**
 * Every day at 09:00 Shanghai: each member at a threshold, their secretaries (dues.write by a grant inside the
 * committee, over the member) are told once per level and spell of arrears: the dedupe key carries the first unpaid
 * month, so the next day, a second run or a second process sends nothing, and a new spell after paying is new.
 */
export async function sendArrearsReminders(p: Platform, db: DbOrTx, tenantId: string, now: Date): Promise<number> {
  const rules = await readSetting(db, tenantId, DUES_RULES);
  const rows = await membersInArrears(db, tenantId, shanghaiMonth(now), rules.warnMonths).orderBy('b.member_id').execute();
  if (rows.length === 0) return 0;
  const names = await memberSummaries(db, tenantId, rows.map((r) => r.member_id));
  const holdersOf = new Map<string, string[]>();
  let sent = 0;
  for (const r of rows) {
    const path = String(r.org_path);
    if (!holdersOf.has(path)) {
      const holders = await permissionHolders(db, tenantId, path, (x) => x === 'dues.write');
      holdersOf.set(path, holders.filter((h) => h.grantPaths.some((g) => !isRoot(g) && path.startsWith(g))).map((h) => h.id));
    }
    const to = holdersOf.get(path)!;
    if (to.length === 0) continue;
    const level = levelOf(Number(r.n), rules);
    const name = names.get(r.member_id)?.name ?? '';
    sent += await p.notify.send(db, tenantId, to, {
      kind: level === 'serious' ? 'dues.arrearsSerious' : 'dues.arrears',
      title: level === 'serious' ? `${name}已连续 ${Number(r.n)} 个月未交党费` : `${name}已欠交党费 ${Number(r.n)} 个月`,
      body: level === 'serious'
        ? `自 ${String(r.first)} 起未交党费。按规定，连续六个月不交纳党费又无正当理由的，应视为自行脱党，请及时谈话了解原因并按规定处理。`
        : `自 ${String(r.first)} 起未交党费，请提醒其按时交纳。`,
      link: arrearsLink(r.member_id),
      dedupeKey: `dues.arrears:${r.member_id}:${level}:${String(r.first)}`,
    });
  }
  return sent;
}
