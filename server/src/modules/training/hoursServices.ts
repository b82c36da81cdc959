// What the 学时 part adds to the platform: its 业务规则 (the yearly requirement), the secretary's 待办 of members
// behind near the year's end, and the 学时完成率 metric for assessment and dashboards.
import type { Platform } from '../../platform/context.js';
import type { TodoContext, TodoItem } from '../../platform/notify/todos.js';
import { subtreeRates } from '../../platform/metrics/registry.js';
import { readSetting } from '../../platform/settings/service.js';
import { membersUnder, type MemberSummary } from '../members/index.js';
import { metricTargets, orgRowsOf, tenantTree } from '../org/index.js';
import type { DbOrTx } from '../../db/types.js';
import { cadrePosts, hoursItems, requiredTenths, totalsOf } from './hours.js';
import { HOURS_RULES, type HoursRules } from './hoursSettings.js';
import { hoursReminderScopes } from './policy.js';

/** Which of the members have not met their requirement with the 学时 earned between the dates. */
async function behindOf(db: DbOrTx, tenantId: string, members: readonly MemberSummary[], orgIds: readonly string[], from: string, to: string, rules: HoursRules, today: string): Promise<Set<string>> {
  const ids = members.map((m) => m.id);
  const [posts, items] = await Promise.all([cadrePosts(db, tenantId, orgIds, today), hoursItems(db, tenantId, ids, from, to, rules)]);
  const totals = totalsOf(ids, items);
  return new Set(ids.filter((id) => totals.get(id)!.total < requiredTenths(rules, (posts.get(id) ?? []).length > 0)));
}

/** 学时未达标: from the 业务规则's remindFrom to the year's end, one item per organisation the secretary keeps. */
export async function hoursBehindTodos(p: Platform, ctx: TodoContext): Promise<TodoItem[]> {
  const scopes = hoursReminderScopes(ctx.actor);
  if (scopes.length === 0) return [];
  const tenantId = ctx.actor.tenantId;
  const rules = await p.settings.get(tenantId, HOURS_RULES);
  const year = ctx.today.slice(0, 4);
  if (ctx.today < `${year}-${rules.remindFrom}`) return [];
  const tree = await tenantTree(ctx.db, tenantId, ctx.actor.treeVersion);
  const orgs = scopes.map((path) => tree.find((o) => o.path === path)).filter((o) => o !== undefined);
  const names = await orgRowsOf(ctx.db, ctx.actor, orgs.map((o) => o.id));
  const out: TodoItem[] = [];
  for (const org of orgs) {
    const members = await membersUnder(ctx.db, tenantId, org.path, { status: 'active' });
    const behind = await behindOf(ctx.db, tenantId, members, tree.map((o) => o.id), `${year}-01-01`, `${year}-12-31`, rules, ctx.today);
    if (behind.size === 0) continue;
    const orgName = names.get(org.id)?.name ?? org.name;
    out.push({
      kind: 'training.hoursBehind', title: `学时未达标：${orgName} ${behind.size} 人未完成 ${year} 年度学时`, orgName,
      link: `/training/hours?orgId=${org.id}&year=${year}&behind=1`, entityId: `${org.id}:${year}`, due: `${year}-12-31`,
    });
  }
  return out;
}

export function registerHoursServices(p: Platform): void {
  p.settings.describe(HOURS_RULES, {
    name: '年度学时要求', group: '教育培训',
    description: '党员与书记、副书记、委员每年应完成的学时，组织生活每次党课计入的学时，以及每年从哪天起提醒书记学时未达标',
    permission: 'training.write',
  });
  p.todos.register({ kind: 'training.hoursBehind', name: '学时未达标', list: (ctx) => hoursBehindTodos(p, ctx) });
  p.metrics.register({
    key: 'training.hoursRate', name: '学时完成率', unit: '%', target: 'org',
    description: '组织（含下级）现有在册党员中，期末所在年度 1 月 1 日至期末的学时（线上学习、线下培训、党课）已达到年度要求（业务规则：党员与委员分别要求）的比例。',
    async compute(ctx) {
      const to = ctx.period.to;
      const from = `${to.slice(0, 4)}-01-01`;
      const [orgs, rules, tree] = await Promise.all([metricTargets(ctx), readSetting(ctx.db, ctx.tenantId, HOURS_RULES), tenantTree(ctx.db, ctx.tenantId)]);
      // Members of the outermost targets only: the others are inside them.
      const tops = orgs.filter((o) => !orgs.some((x) => x.id !== o.id && o.path.startsWith(x.path) && x.path !== o.path));
      const members = [...new Map((await Promise.all([...new Set(tops.map((o) => o.path))].map((path) => membersUnder(ctx.db, ctx.tenantId, path, { status: 'active' }))))
        .flat().map((m) => [m.id, m])).values()];
      const behind = await behindOf(ctx.db, ctx.tenantId, members, tree.map((o) => o.id), from, to, rules, to);
      return subtreeRates(orgs, members.map((m) => ({ path: m.orgPath, hit: !behind.has(m.id) })));
    },
  });
}
