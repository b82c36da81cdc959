// 发展计划 and the year's figures per branch: the quota the committee set for a year, the people the 支部大会 admitted
// that year against it, the people at each stage now, and the year's statistics (applications, activists, 发展对象,
// admitted, 转正, extended). Every figure is over the branches the reader sees (recruit.read); another branch: 404.
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { forbidden, notFound, Problems } from '../../platform/errors.js';
import { orgInScope, orgPaths, orgsUnder, type OrganisationTable } from '../org/index.js';
import { checkMayUse, readsAt, setsPlan } from './policy.js';
import type { PlanBody, PlanQuery } from './schema.js';
import { STAGES } from './steps.js';
import type { RecruitStage } from './tables.js';

/** The steps the year's statistics count, by the date they were done. */
export const YEAR_STEPS = { applied: 1, activists: 3, candidates: 7, admitted: 15, confirmed: 24 } as const;
type YearFigure = keyof typeof YEAR_STEPS | 'extended';
export const YEAR_FIGURES: Record<YearFigure, string> = {
  applied: '递交入党申请书', activists: '确定为入党积极分子', candidates: '确定为发展对象', admitted: '接收为预备党员', confirmed: '预备党员转正', extended: '延长预备期',
};

export const currentYear = (p: Platform): number => Number(todayIn(p.clock).slice(0, 4));

/** The live branches the actor sees, under `orgId` when given (an organisation out of sight: 404). */
export async function branchesInSight(p: Platform, actor: Actor, orgId?: string): Promise<OrganisationTable[]> {
  checkMayUse(actor);
  let path = '/';
  if (orgId) {
    const org = await orgInScope(p.db, actor, 'recruit.read', orgId);
    if (!org || org.deleted_at) throw notFound('党组织');
    path = org.path;
  }
  const orgs = await orgsUnder(p.db, actor.tenantId, path, ['branch', 'jointBranch']);
  return orgs.filter((o) => readsAt(actor, o.path));
}

const zeroFigures = (): Record<YearFigure, number> => ({ applied: 0, activists: 0, candidates: 0, admitted: 0, confirmed: 0, extended: 0 });

/**
 * Per branch: how many did each counted step in `year`, and how many had their 预备期 extended that year; `days`
 * narrows the year to a span of it (the monthly report counts one month the same way).
 */
export async function yearFigures(p: Platform, tenantId: string, branchIds: readonly string[], year: number, days?: { from: string; to: string }): Promise<Map<string, Record<YearFigure, number>>> {
  const out = new Map(branchIds.map((id) => [id, zeroFigures()]));
  if (branchIds.length === 0) return out;
  const from = days?.from ?? `${year}-01-01`;
  const to = days?.to ?? `${year}-12-31`;
  const [steps, extended] = await Promise.all([
    p.db.selectFrom('recruit_steps as s')
      .innerJoin('recruit_people as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.person_id'))
      .select(['r.org_id', 's.step', (eb) => eb.fn.countAll<number>().as('n')])
      .where('s.tenant_id', '=', tenantId).where('r.deleted_at', 'is', null).where('r.org_id', 'in', branchIds)
      .where('s.step', 'in', Object.values(YEAR_STEPS)).where('s.done_on', '>=', from).where('s.done_on', '<=', to)
      .groupBy(['r.org_id', 's.step']).execute(),
    p.db.selectFrom('recruit_people').select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('org_id', 'in', branchIds)
      .where('probation_extended_on', '>=', from).where('probation_extended_on', '<=', to).groupBy('org_id').execute(),
  ]);
  const byStep = new Map(Object.entries(YEAR_STEPS).map(([k, v]) => [v as number, k as keyof typeof YEAR_STEPS]));
  for (const s of steps) out.get(s.org_id)![byStep.get(Number(s.step))!] = Number(s.n);
  for (const e of extended) out.get(e.org_id)!.extended = Number(e.n);
  return out;
}

/** Per branch: the people at each stage now. */
async function stageCounts(p: Platform, tenantId: string, branchIds: readonly string[]): Promise<Map<string, Record<RecruitStage, number>>> {
  const out = new Map(branchIds.map((id) => [id, Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<RecruitStage, number>]));
  if (branchIds.length === 0) return out;
  const rows = await p.db.selectFrom('recruit_people').select(['org_id', 'stage', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('org_id', 'in', branchIds).groupBy(['org_id', 'stage']).execute();
  for (const r of rows) out.get(r.org_id)![r.stage] = Number(r.n);
  return out;
}

/** Completion in percent (one decimal), or null without a quota. */
export const completion = (admitted: number, quota: number | null): number | null => (quota ? Math.round((1000 * admitted) / quota) / 10 : null);

/** The year's 发展计划 of every branch in sight: quota, admitted against it, people at each stage; with totals. */
export async function planYear(p: Platform, actor: Actor, q: PlanQuery) {
  const year = q.year ?? currentYear(p);
  const branches = await branchesInSight(p, actor, q.orgId);
  const ids = branches.map((b) => b.id);
  const [plans, figures, stages, parents] = await Promise.all([
    ids.length ? p.db.selectFrom('recruit_plans').selectAll().where('tenant_id', '=', actor.tenantId).where('year', '=', year).where('org_id', 'in', ids).execute() : [],
    yearFigures(p, actor.tenantId, ids, year),
    stageCounts(p, actor.tenantId, ids),
    orgPaths(p.db, actor.tenantId, branches.flatMap((b) => (b.parent_id ? [b.parent_id] : []))),
  ]);
  const planOf = new Map(plans.map((x) => [x.org_id, x]));
  const items = branches.map((b) => {
    const plan = planOf.get(b.id);
    const admitted = figures.get(b.id)!.admitted;
    return {
      orgId: b.id, orgName: b.name, year, quota: plan?.quota ?? null, note: plan?.note ?? '', updatedAt: plan?.updated_at ?? null,
      admitted, completion: completion(admitted, plan?.quota ?? null), stages: stages.get(b.id)!,
      mayEdit: setsPlan(actor, b.parent_id ? parents.get(b.parent_id) ?? null : null),
    };
  });
  const quota = items.reduce((a, x) => a + (x.quota ?? 0), 0);
  const admitted = items.reduce((a, x) => a + x.admitted, 0);
  return { year, items, total: { quota, admitted, completion: completion(admitted, quota) } };
}

/** Sets (or replaces) a branch's quota for a year: the organisation above the branch decides (policy.ts setsPlan). */
export async function setPlan(p: Platform, ctx: AuditContext, actor: Actor, input: PlanBody): Promise<void> {
  checkMayUse(actor);
  const branch = await orgInScope(p.db, actor, 'recruit.read', input.orgId);
  if (!branch || branch.deleted_at) throw notFound('党组织');
  const problems = new Problems();
  if (branch.kind !== 'branch' && branch.kind !== 'jointBranch') problems.add('orgId', '发展计划按党支部制定，请选择党支部或联合支部');
  const now = currentYear(p);
  if (input.year < now - 1 || input.year > now + 1) problems.add('year', `只能制定 ${now - 1} 至 ${now + 1} 年度的发展计划`);
  problems.throwIfAny();
  const parentPath = branch.parent_id ? (await orgPaths(p.db, actor.tenantId, [branch.parent_id])).get(branch.parent_id) ?? null : null;
  if (!setsPlan(actor, parentPath)) throw forbidden('发展计划由上级党组织审定，党支部只能查看');
  const note = input.note?.trim() ?? '';
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const before = await trx.selectFrom('recruit_plans').select(['quota', 'note']).where('tenant_id', '=', actor.tenantId).where('org_id', '=', branch.id).where('year', '=', input.year).executeTakeFirst();
    await trx.insertInto('recruit_plans').values({ tenant_id: actor.tenantId, org_id: branch.id, year: input.year, quota: input.quota, note, set_by: actor.userId, updated_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'org_id', 'year']).doUpdateSet({ quota: input.quota, note, set_by: actor.userId, updated_at: at })).execute();
    await p.audit.record(trx, ctx, { action: 'recruit.plan', entity: 'organisation', entityId: branch.id, before: before ?? null, after: { year: input.year, quota: input.quota, note } });
  });
}

/** The year's statistics per branch in sight, with the totals of them all. */
export async function yearStats(p: Platform, actor: Actor, q: PlanQuery) {
  const year = q.year ?? currentYear(p);
  const branches = await branchesInSight(p, actor, q.orgId);
  const figures = await yearFigures(p, actor.tenantId, branches.map((b) => b.id), year);
  const items = branches.map((b) => ({ orgId: b.id, orgName: b.name, ...figures.get(b.id)! }));
  const total = zeroFigures();
  for (const x of items) for (const k of Object.keys(total) as YearFigure[]) total[k] += x[k];
  return { year, items, total };
}
