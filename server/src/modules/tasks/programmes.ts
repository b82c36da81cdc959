// 工作方案: a named plan whose milestones are tasks (programme_id) for different organisations. A programme
// is visible with task.read over its issuing organisation, or when the user can see one of its milestones;
// the programme view lists the milestones the user can see, with their lights and a summary over them.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { AppError, notFound, Problems } from '../../platform/errors.js';
import { newId } from '../../db/ids.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { likeLiteral } from '../../db/dialect.js';
import { liveOrg } from '../org/index.js';
import { lightCase } from './lights.js';
import { key, orgNamesFor, peopleNames } from './names.js';
import { mayDeployFrom, visibleProgrammes, visibleTasks } from './policy.js';
import { milestonesOf, taskBase } from './queries.js';
import type { ProgrammeCreate, ProgrammeView, TaskView } from './schema.js';
import { createTask } from './service.js';
import type { ProgrammeTable } from './tables.js';
import { lightDay, taskViews } from './views.js';

function programmeBase(db: DbOrTx, actor: Actor) {
  return db.selectFrom('programmes as pg').where('pg.deleted_at', 'is', null).where(visibleProgrammes(actor));
}

async function programmeVisible(db: DbOrTx, actor: Actor, id: string): Promise<ProgrammeTable | undefined> {
  return programmeBase(db, actor).selectAll('pg').where('pg.id', '=', id).executeTakeFirst();
}

async function listProgrammes(db: Db, actor: Actor, f: { q?: string | undefined; orgId?: string | undefined; limit: number; offset: number }) {
  let base = programmeBase(db, actor);
  if (f.q) base = base.where(likeLiteral(sql.ref<string>('pg.name'), f.q, 'anywhere'));
  if (f.orgId) base = base.where('pg.issuing_org_id', '=', f.orgId);
  const [rows, count] = await Promise.all([
    base.selectAll('pg').orderBy('pg.start_on', 'desc').orderBy('pg.id').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Counts by light and progress of the milestones the actor can see, for many programmes in one query. */
async function programmeSummaries(db: DbOrTx, actor: Actor, ids: string[], today: string, yellowDays: number): Promise<Map<string, ProgrammeView['summary']>> {
  const out = new Map<string, ProgrammeView['summary']>();
  for (const id of ids) out.set(id, { total: 0, green: 0, yellow: 0, red: 0, done: 0, percentDone: 0, avgPercent: 0 });
  if (ids.length === 0) return out;
  const light = lightCase({ status: sql.ref('t.status'), dueOn: sql.ref('t.due_on') }, today, yellowDays);
  // Grouped over a derived table: PostgreSQL cannot match a parameterised CASE in GROUP BY to the select list.
  const lit = taskBase(db).where('t.programme_id', 'in', ids).where(visibleTasks(actor))
    .select([sql<string>`t.programme_id`.as('programme_id'), light.as('light'), 't.percent']).as('x');
  const rows = await db.selectFrom(lit)
    .select(['x.programme_id', 'x.light', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(x.percent)`.as('pct')])
    .groupBy(['x.programme_id', 'x.light']).execute();
  const sums = new Map<string, number>();
  for (const r of rows) {
    const s = out.get(r.programme_id)!;
    const n = Number(r.n);
    s.total += n;
    s[r.light as 'green' | 'yellow' | 'red' | 'done'] += n;
    sums.set(r.programme_id, (sums.get(r.programme_id) ?? 0) + Number(r.pct));
  }
  for (const [id, s] of out) {
    if (s.total === 0) continue;
    s.percentDone = Math.round((100 * s.done) / s.total);
    s.avgPercent = Math.round((sums.get(id) ?? 0) / s.total);
  }
  return out;
}

async function toProgrammeViews(db: Db, actor: Actor, rows: ProgrammeTable[], today: string, yellowDays: number): Promise<ProgrammeView[]> {
  const [summaries, orgs, people] = await Promise.all([
    programmeSummaries(db, actor, rows.map((r) => r.id), today, yellowDays),
    orgNamesFor(db, actor, rows.map((r) => ({ tenant: r.tenant_id, id: r.issuing_org_id }))),
    peopleNames(db, rows.flatMap((r) => (r.created_by ? [{ tenant: r.tenant_id, id: r.created_by }] : []))),
  ]);
  return rows.map((r) => ({
    id: r.id, name: r.name, description: r.description, issuingOrgId: r.issuing_org_id, issuingOrgName: orgs.get(key(r.tenant_id, r.issuing_org_id)) ?? '', startOn: r.start_on, endOn: r.end_on,
    createdById: r.created_by, createdByName: (r.created_by && people.get(key(r.tenant_id, r.created_by))) || null, createdAt: r.created_at, summary: summaries.get(r.id)!,
  }));
}

/** A page of the programmes the actor can see, with their summaries. */
export async function programmePage(p: Platform, actor: Actor, f: { q?: string | undefined; orgId?: string | undefined; limit: number; offset: number }): Promise<{ items: ProgrammeView[]; total: number }> {
  const [{ rows, total }, day] = await Promise.all([listProgrammes(p.db, actor, f), lightDay(p, actor.tenantId)]);
  return { items: await toProgrammeViews(p.db, actor, rows, day.today, day.yellowDays), total };
}

/** One programme the actor can see (404 otherwise) with the milestones they can see. */
export async function programmeDetailOf(p: Platform, actor: Actor, id: string): Promise<ProgrammeView & { milestones: TaskView[] }> {
  const row = await programmeVisible(p.db, actor, id);
  if (!row) throw notFound('工作方案');
  const { today, yellowDays } = await lightDay(p, actor.tenantId);
  const [[view], milestones] = await Promise.all([toProgrammeViews(p.db, actor, [row], today, yellowDays), milestonesOf(p.db, actor, row)]);
  return { ...view!, milestones: await taskViews(p.db, actor, milestones, today, yellowDays) };
}

/** Creates the programme and its milestones (tasks deployed by the actor from the programme's issuing organisation). */
export async function createProgramme(p: Platform, ctx: AuditContext, actor: Actor, input: ProgrammeCreate): Promise<string> {
  return p.audit.tx(ctx, async (trx) => {
    const org = await liveOrg(trx, actor.tenantId, input.issuingOrgId);
    const problems = new Problems();
    if (!org || !mayDeployFrom(actor, { tenantId: actor.tenantId, orgPath: org.path })) problems.add('issuingOrgId', '部署组织不存在或不在您的管理范围内');
    if (input.endOn < input.startOn) problems.add('endOn', `结束日期不能早于开始日期（${input.startOn}）`);
    problems.throwIfAny();
    const at = p.clock.now().toISOString();
    const row: ProgrammeTable = {
      tenant_id: actor.tenantId, id: newId(), name: input.name, description: input.description ?? '', issuing_org_id: input.issuingOrgId,
      start_on: input.startOn, end_on: input.endOn, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
    };
    await trx.insertInto('programmes').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'programme.create', entity: 'programme', entityId: row.id, after: { name: row.name, issuingOrgId: row.issuing_org_id, startOn: row.start_on, endOn: row.end_on, milestones: input.milestones?.length ?? 0 } });
    for (const [i, m] of (input.milestones ?? []).entries()) {
      try {
        await createTask(trx, p, ctx, { ...m, issuerId: actor.userId, issuingOrgId: input.issuingOrgId, programmeId: row.id }, true);
      } catch (err) {
        // Name the milestone's field the way the form does: milestones.2.dueOn.
        if (err instanceof AppError && err.fields) {
          const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`milestones.${i}.${k}`, `第 ${i + 1} 个节点：${v}`]));
          throw new AppError(err.status, err.code, `第 ${i + 1} 个节点：${err.message}`, fields);
        }
        throw err;
      }
    }
    return row.id;
  });
}
