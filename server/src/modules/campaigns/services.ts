// What 主题实践活动 adds to the platform services, once per platform: its metrics (measures on time, best
// case score) and its 待办 (measures and progress reports to submit, cases to rate).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { addDays, shanghaiDate } from '../../platform/calendar.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { Platform } from '../../platform/context.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import type { TodoContext, TodoItem } from '../../platform/notify/index.js';
import { readSetting } from '../../platform/settings/service.js';
import { liveOrgFilter, metricTargets, orgNamesOf } from '../org/index.js';
import { campaignLink, dayOf } from './campaigns.js';
import { ratableCases, reviewsAnywhere, submitsAnywhere, submitsIn } from './policy.js';
import { CAMPAIGN_RULES } from './settings.js';

const LIMIT = 200;
/** The branch of a campaign_orgs row (aliased `co`) is live: its path column is kept current by every move. */
const liveBranch = liveOrgFilter({ tenant: sql.ref<string>('co.tenant_id'), orgId: sql.ref<string>('co.org_id') });

/** Applicable (campaign, branch) pairs of campaigns that ran during the period, with the branch's measures if any. */
async function pairs(ctx: MetricContext) {
  return ctx.db.selectFrom('campaign_orgs as co')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
    .leftJoin('campaign_submissions as s', (j) => j.onRef('s.tenant_id', '=', 'co.tenant_id').onRef('s.campaign_id', '=', 'co.campaign_id')
      .onRef('s.org_id', '=', 'co.org_id').on('s.slot', '=', 'measures'))
    .select(['co.org_path as path', 'c.measures_due', 's.submitted_at'])
    .where('co.tenant_id', '=', ctx.tenantId).where('c.deleted_at', 'is', null).where(liveBranch).where('c.status', '<>', 'draft')
    .where('c.start_on', '<=', ctx.period.to).where('c.end_on', '>=', ctx.period.from)
    .execute();
}

export function registerCampaignMetrics(p: Platform): void {
  p.metrics.register({
    key: 'campaign.measuresOnTime', name: '主题实践活动推进措施按时报送率', unit: '%', target: 'org',
    description: '组织（含下级）适用的、在考核期内进行的主题实践活动中，在截止日期当天或之前报送推进措施的比例。',
    async compute(ctx) {
      const [orgs, rows] = await Promise.all([metricTargets(ctx), pairs(ctx)]);
      const out = new Map<string, number>();
      for (const o of orgs) {
        const mine = rows.filter((r) => r.path.startsWith(o.path));
        if (mine.length === 0) continue;
        const hits = mine.filter((r) => r.submitted_at !== null && dayOf(r.submitted_at) <= r.measures_due).length;
        out.set(o.id, Math.round((1000 * hits) / mine.length) / 10);
      }
      return out;
    },
  });
  p.metrics.register({
    key: 'campaign.caseScore', name: '精品案例最高平均分', unit: '分', target: 'org',
    description: '组织（含下级）在考核期内进行的主题实践活动中报送的精品案例里，评审平均分最高的一个案例的平均分。',
    async compute(ctx) {
      const [orgs, rows] = await Promise.all([
        metricTargets(ctx),
        ctx.db.selectFrom('campaign_case_ratings as r')
          .innerJoin('campaign_cases as k', (j) => j.onRef('k.tenant_id', '=', 'r.tenant_id').onRef('k.id', '=', 'r.case_id'))
          .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
          .select(['k.id', 'k.org_path', (eb) => eb.fn.sum<number>('r.score').as('total'), (eb) => eb.fn.countAll<number>().as('n')])
          .where('r.tenant_id', '=', ctx.tenantId).where('k.deleted_at', 'is', null).where('c.deleted_at', 'is', null)
          .where('c.start_on', '<=', ctx.period.to).where('c.end_on', '>=', ctx.period.from)
          .groupBy(['k.id', 'k.org_path']).execute(),
      ]);
      const out = new Map<string, number>();
      for (const o of orgs) {
        let best: number | null = null;
        for (const r of rows) {
          if (!r.org_path.startsWith(o.path)) continue;
          const avg = Math.round((10 * Number(r.total)) / Number(r.n)) / 10;
          if (best === null || avg > best) best = avg;
        }
        if (best !== null) out.set(o.id, best);
      }
      return out;
    },
  });
}

/** Active campaigns' applicable branches where the actor may submit, with the slot's row if any. */
async function missing(ctx: TodoContext, slot: 'measures' | 'progress'): Promise<TodoItem[]> {
  const a = ctx.actor;
  if (!submitsAnywhere(a)) return [];
  const base = ctx.db.selectFrom('campaign_orgs as co')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
    .where('c.status', '=', 'active').where('c.deleted_at', 'is', null).where(liveBranch)
    .where(submitsIn(a, { tenant: sql.ref<string>('co.tenant_id'), path: sql.ref<string>('co.org_path') }));
  if (slot === 'measures') {
    const rows = await base.select(['c.id', 'c.name', 'c.measures_due', 'co.org_id'])
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('campaign_submissions as s').select('s.id')
        .whereRef('s.tenant_id', '=', 'co.tenant_id').whereRef('s.campaign_id', '=', 'co.campaign_id').whereRef('s.org_id', '=', 'co.org_id').where('s.slot', '=', 'measures'))))
      .orderBy('c.measures_due').limit(LIMIT).execute();
    const names = await orgNamesOf(ctx.db, a, rows.map((r) => r.org_id));
    return rows.map((r) => ({ kind: 'campaign.measures', title: `报送“${r.name}”推进措施`, link: campaignLink(r.id), entityId: `${r.id}|${r.org_id}`, orgName: names.get(`${a.tenantId}/${r.org_id}`) ?? '', due: r.measures_due }));
  }
  // Progress reports show up as 待办 this many days before they are due.
  const { progressLeadDays } = await readSetting(ctx.db, a.tenantId, CAMPAIGN_RULES);
  const rows = await base.innerJoin('campaign_report_dues as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.campaign_id', '=', 'c.id'))
    .select(['c.id', 'c.name', 'd.id as due_id', 'd.title', 'd.due_on', 'co.org_id'])
    .where('d.due_on', '<=', addDays(ctx.today, progressLeadDays))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('campaign_submissions as s').select('s.id')
      .whereRef('s.tenant_id', '=', 'co.tenant_id').whereRef('s.campaign_id', '=', 'co.campaign_id').whereRef('s.org_id', '=', 'co.org_id').whereRef('s.slot', '=', 'd.id'))))
    .orderBy('d.due_on').limit(LIMIT).execute();
  const names = await orgNamesOf(ctx.db, a, rows.map((r) => r.org_id));
  return rows.map((r) => ({ kind: 'campaign.progress', title: `报送“${r.name}”${r.title}`, link: campaignLink(r.id), entityId: `${r.id}|${r.due_id}|${r.org_id}`, orgName: names.get(`${a.tenantId}/${r.org_id}`) ?? '', due: r.due_on }));
}

export function registerCampaignTodos(p: Platform): void {
  p.todos.register({ kind: 'campaign.measures', name: '待报送推进措施', list: (ctx) => missing(ctx, 'measures') });
  p.todos.register({ kind: 'campaign.progress', name: '待报送进展', list: (ctx) => missing(ctx, 'progress') });
  p.todos.register({
    kind: 'campaign.review', name: '待评审案例',
    async list(ctx) {
      const a = ctx.actor;
      if (!reviewsAnywhere(a)) return [];
      const rows = await ctx.db.selectFrom('campaign_cases as k')
        .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
        .select(['k.id', 'k.title', 'k.org_id', 'c.case_result_due', 'k.created_at'])
        .where('k.deleted_at', 'is', null).where('c.deleted_at', 'is', null)
        .where(ratableCases(a, { tenant: sql.ref<string>('k.tenant_id'), path: sql.ref<string>('k.org_path') }))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('campaign_case_ratings as r').select('r.case_id')
          .whereRef('r.tenant_id', '=', 'k.tenant_id').whereRef('r.case_id', '=', 'k.id').where('r.reviewer_user_id', '=', a.userId))))
        .orderBy('k.created_at').limit(LIMIT).execute();
      const names = await orgNamesOf(ctx.db, a, rows.map((r) => r.org_id));
      return rows.map((r) => ({ kind: 'campaign.review', title: r.title, link: `/campaigns/cases?id=${r.id}`, entityId: r.id, orgName: names.get(`${a.tenantId}/${r.org_id}`) ?? '', since: r.created_at, ...(r.case_result_due ? { due: r.case_result_due } : {}) }));
    },
  });
}

/**
 * Every day at 08:00 Shanghai: the campaign.submit holders of each applicable branch of an active campaign whose
 * measures or a progress report is due within `campaign.rules.reminderDays` days or overdue and not yet submitted get one
 * reminder per item per day (the dedupe key carries the day, so a re-run the same day sends nothing).
 */
export async function sendCampaignReminders(p: Platform, db: DbOrTx, tenantId: string, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const horizon = addDays(today, (await readSetting(db, tenantId, CAMPAIGN_RULES)).reminderDays);
  const base = db.selectFrom('campaign_orgs as co')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'co.tenant_id').onRef('c.id', '=', 'co.campaign_id'))
    .where('co.tenant_id', '=', tenantId).where('c.status', '=', 'active').where('c.deleted_at', 'is', null).where(liveBranch);
  const notIn = (slot: Expression<string>) =>
    sql<SqlBool>`not exists (select 1 from campaign_submissions s where s.tenant_id = co.tenant_id and s.campaign_id = co.campaign_id and s.org_id = co.org_id and s.slot = ${slot})`;
  const measures = await base.select(['c.id', 'c.name', 'c.measures_due as due_on', 'co.org_id', 'co.org_path as path', sql<string>`'measures'`.as('slot'), sql<string>`'推进措施'`.as('what')])
    .where('c.measures_due', '<=', horizon).where(notIn(sql<string>`'measures'`)).execute();
  const progress = await base.innerJoin('campaign_report_dues as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.campaign_id', '=', 'c.id'))
    .select(['c.id', 'c.name', 'd.due_on', 'co.org_id', 'co.org_path as path', 'd.id as slot', 'd.title as what'])
    .where('d.due_on', '<=', horizon).where(notIn(sql.ref<string>('d.id'))).execute();
  let sent = 0;
  for (const r of [...measures, ...progress]) {
    const to = (await permissionHolders(db, tenantId, r.path, (x) => x === 'campaign.submit')).map((h) => h.id);
    if (to.length === 0) continue;
    const overdue = r.due_on < today;
    sent += await p.notify.send(db, tenantId, to, {
      kind: 'campaign.reminder',
      title: overdue ? `“${r.name}”${r.what}已逾期未报送` : `“${r.name}”${r.what}即将到期`,
      body: overdue ? `截止日期 ${r.due_on} 已过，请尽快报送` : `请于 ${r.due_on} 前报送`,
      link: campaignLink(r.id),
      dedupeKey: `campaign.reminder:${r.id}:${r.org_id}:${r.slot}:${today}`,
    });
  }
  return sent;
}

export function registerCampaignServices(p: Platform): void {
  registerCampaignMetrics(p);
  registerCampaignTodos(p);
  p.settings.describe(CAMPAIGN_RULES, { name: '报送提醒与督办期限', group: '主题实践活动', description: '进展报告何时列入待办、到期前几天开始每日提醒，以及一键督办的默认办理期限', permission: 'campaign.manage' });
  p.jobs.register({ name: 'campaign.reminders', schedule: { dailyAt: '08:00' }, run: async ({ db, tenantId, now }) => { await sendCampaignReminders(p, db, tenantId, now); } });
}
