// 志愿服务's alerts: who answers for a resident (the responsible secretaries), the 待办 sources 需关注老人 and
// 超期未走访, and the daily reminder of residents not visited within their interval.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { permissionHolders } from '../../platform/access/holders.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { readSetting } from '../../platform/settings/service.js';
import { orgNamesOf } from '../org/index.js';
import { nextDueOn, overdueCondition, overdueDays } from './due.js';
import { CONDITION_NAMES, residentLink, visitLink } from './names.js';
import { pairedWith, responsibleOrgIds } from './policy.js';
import { VOLUNTEER_RULES } from './settings.js';
import type { VisitCondition } from './tables.js';
import { volunteerKey, volunteerOfUser, volunteersByKey } from './volunteers.js';

const LIMIT = 200;
export const ATTENTION_CONDITIONS: VisitCondition[] = ['attention', 'urgent'];

/**
 * The responsible secretaries of an organisation: enabled accounts holding volunteer.sensitive by a grant AT the
 * organisation itself (not above it: the committee's people are told through their own lists, not every alert).
 */
export async function responsibleSecretaries(db: DbOrTx, tenantId: string, orgPath: string): Promise<string[]> {
  const holders = await permissionHolders(db, tenantId, orgPath, (x) => x === 'volunteer.sensitive');
  return holders.filter((h) => h.grantPaths.includes(orgPath)).map((h) => h.id);
}

/** 需关注老人: open 需关注/紧急 visits of residents the actor answers for. */
export async function attentionTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const orgIds = responsibleOrgIds(ctx.actor);
  if (orgIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('volunteer_visits as vv')
    .innerJoin('volunteer_residents as vr', (j) => j.onRef('vr.tenant_id', '=', 'vv.tenant_id').onRef('vr.id', '=', 'vv.resident_id'))
    .select(['vv.id', 'vv.resident_id', 'vv.condition', 'vv.visited_on', 'vv.created_at', 'vr.name', 'vr.community', 'vr.org_id'])
    .where('vv.tenant_id', '=', ctx.actor.tenantId).where('vr.org_id', 'in', orgIds)
    .where('vv.condition', 'in', ATTENTION_CONDITIONS).where('vv.handled_at', 'is', null)
    .where('vv.deleted_at', 'is', null).where('vr.deleted_at', 'is', null)
    .orderBy('vv.created_at').limit(LIMIT).execute();
  const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
  return rows.map((r) => ({
    kind: 'volunteer.attention', title: `${CONDITION_NAMES[r.condition]}：${r.name}（${r.community}，${r.visited_on} 走访）`,
    link: visitLink(r.resident_id, r.id), entityId: r.id, orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '', since: r.created_at,
  }));
}

/** 超期未走访: the actor's own paired residents and the residents they answer for, overdue today. */
export async function overdueTodos(ctx: TodoContext): Promise<TodoItem[]> {
  const a = ctx.actor;
  const orgIds = responsibleOrgIds(a);
  const self = await volunteerOfUser(ctx.db, a.tenantId, a.userId);
  if (orgIds.length === 0 && !self) return [];
  const rules = await readSetting(ctx.db, a.tenantId, VOLUNTEER_RULES);
  const rows = await ctx.db.selectFrom('volunteer_residents as vr')
    .select(['vr.id', 'vr.name', 'vr.community', 'vr.org_id', 'vr.risk', 'vr.status', 'vr.last_visit_on', 'vr.registered_on'])
    .where('vr.tenant_id', '=', a.tenantId).where('vr.deleted_at', 'is', null)
    .where(overdueCondition(ctx.today, rules, 'vr'))
    .where((eb) => eb.or([pairedWith(self, 'vr'), orgIds.length ? eb('vr.org_id', 'in', orgIds) : sql<boolean>`1 = 0`]))
    .orderBy(sql`coalesce(vr.last_visit_on, vr.registered_on)`).orderBy('vr.id').limit(LIMIT).execute();
  const names = await orgNamesOf(ctx.db, a, rows.map((r) => r.org_id));
  return rows.map((r) => ({
    kind: 'volunteer.overdue', title: `超期未走访：${r.name}（${r.community}，已超 ${overdueDays(r, rules, ctx.today)} 天）`,
    link: residentLink(r.id), entityId: r.id, orgName: names.get(`${a.tenantId}/${r.org_id}`) ?? '', due: nextDueOn(r, rules)!, overdue: true,
  }));
}

/**
 * Every day at 08:30 Shanghai: each overdue 在册 resident's open volunteers and responsible secretaries get one
 * reminder per resident per day (the dedupe key carries the day, so a second run or a second process sends nothing).
 */
export async function sendOverdueReminders(p: Platform, db: DbOrTx, tenantId: string, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const rules = await readSetting(db, tenantId, VOLUNTEER_RULES);
  const residents = await db.selectFrom('volunteer_residents as vr')
    .select(['vr.id', 'vr.name', 'vr.community', 'vr.org_path', 'vr.risk', 'vr.status', 'vr.last_visit_on', 'vr.registered_on'])
    .where('vr.tenant_id', '=', tenantId).where('vr.deleted_at', 'is', null).where(overdueCondition(today, rules, 'vr'))
    .orderBy('vr.id').execute();
  if (residents.length === 0) return 0;
  const pairings = await inSlices(residents.map((r) => r.id), (slice) => db.selectFrom('volunteer_pairings').select(['resident_id', 'volunteer_kind', 'volunteer_id'])
    .where('tenant_id', '=', tenantId).where('ended_on', 'is', null).where('resident_id', 'in', slice).execute());
  const volunteers = await volunteersByKey(db, tenantId, pairings.map((x) => ({ kind: x.volunteer_kind, id: x.volunteer_id })));
  const secretaries = new Map<string, string[]>();
  let sent = 0;
  for (const r of residents) {
    if (!secretaries.has(r.org_path)) secretaries.set(r.org_path, await responsibleSecretaries(db, tenantId, r.org_path));
    const own = pairings.filter((x) => x.resident_id === r.id).map((x) => volunteers.get(volunteerKey(x.volunteer_kind, x.volunteer_id)))
      .filter((v) => v?.active && v.userId).map((v) => v!.userId!);
    const to = [...new Set([...own, ...secretaries.get(r.org_path)!])];
    if (to.length === 0) continue;
    sent += await p.notify.send(db, tenantId, to, {
      kind: 'volunteer.overdue',
      title: `${r.name}（${r.community}）已超期未走访`,
      body: `应于 ${nextDueOn(r, rules)} 前走访，已超 ${overdueDays(r, rules, today)} 天，请尽快安排`,
      link: residentLink(r.id),
      dedupeKey: `volunteer.overdue:${r.id}:${today}`,
    });
  }
  return sent;
}
