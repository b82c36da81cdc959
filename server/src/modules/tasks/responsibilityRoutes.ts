// 党建工作责任制 (/api/v1/responsibilities): an organisation's (or one leader's) standing duties for a year
// with periodic reports (quarterly by default). Visible with task.read over the organisation or to the
// leader; written with task.write over it; reports by the leader or a task.write holder there.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type SqlBool } from 'kysely';
import { actorOf } from '../../platform/context.js';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { AppError, conflict, forbidden, notFound, Problems } from '../../platform/errors.js';
import { periodsOfYear, shanghaiDate } from '../../platform/calendar.js';
import { pageResponse, window } from '../../platform/http/paging.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { newId } from '../../db/ids.js';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import {
  REPORT_CYCLE_NAMES, responsibilityCreate, responsibilityDetail, responsibilityListQuery, responsibilityParams, responsibilityPatch,
  responsibilityReportBody, responsibilityView,
} from './schema.js';
import type { ReportCycle, ResponsibilityTable } from './tables.js';
import type { z } from 'zod';

type View = z.infer<typeof responsibilityView>;
type Row = ResponsibilityTable & { org_name: string; org_path: string };

export function periodsOf(year: number, cycle: ReportCycle): { period: string; label: string; startOn: string; dueOn: string }[] {
  return periodsOfYear(cycle, year).map((p) => ({ period: p.code, label: p.shortLabel, startOn: p.from, dueOn: p.to }));
}

const responsibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const today = () => shanghaiDate(p.clock.now());

  function base(db: DbOrTx, actor: Actor) {
    return db.selectFrom('responsibilities as r')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
      .where('r.deleted_at', 'is', null)
      .where((eb) => eb.or([
        scopeFilter(actor, 'task.read', { tenant: sql.ref('r.tenant_id'), path: sql.ref('o.path') }),
        sql<SqlBool>`(r.tenant_id = ${actor.tenantId} and r.leader_id = ${actor.userId})`,
      ]));
  }

  async function visible(db: DbOrTx, actor: Actor, id: string): Promise<Row | undefined> {
    return base(db, actor).selectAll('r').select(['o.name as org_name', 'o.path as org_path']).where('r.id', '=', id).executeTakeFirst();
  }

  async function views(actor: Actor, rows: Row[]): Promise<View[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [items, reported, names] = await Promise.all([
      p.db.selectFrom('responsibility_items').selectAll().where('tenant_id', '=', actor.tenantId).where('responsibility_id', 'in', ids).where('deleted_at', 'is', null).orderBy('sort_order').execute(),
      p.db.selectFrom('responsibility_reports').select(['responsibility_id', 'period']).where('tenant_id', '=', actor.tenantId).where('responsibility_id', 'in', ids).execute(),
      userDisplayNames(p.db, actor.tenantId, rows.flatMap((r) => (r.leader_id ? [r.leader_id] : []))),
    ]);
    const t = today();
    return rows.map((r) => {
      const done = new Set(reported.filter((x) => x.responsibility_id === r.id).map((x) => x.period));
      return {
        id: r.id, year: r.year, orgId: r.org_id, orgName: r.org_name, leaderId: r.leader_id, leaderName: (r.leader_id && names.get(r.leader_id)) || null,
        title: r.title, reportCycle: r.report_cycle, reportCycleName: REPORT_CYCLE_NAMES[r.report_cycle],
        items: items.filter((i) => i.responsibility_id === r.id).map((i) => ({ id: i.id, content: i.content, standard: i.standard })),
        createdAt: r.created_at, updatedAt: r.updated_at,
        periods: periodsOf(r.year, r.report_cycle).map((x) => ({ period: x.period, label: x.label, dueOn: x.dueOn, reported: done.has(x.period), overdue: !done.has(x.period) && x.dueOn < t })),
      };
    });
  }

  async function detail(actor: Actor, id: string) {
    const row = await visible(p.db, actor, id);
    if (!row) throw notFound('责任书');
    const [view] = await views(actor, [row]);
    const reports = await p.db.selectFrom('responsibility_reports').selectAll().where('tenant_id', '=', row.tenant_id).where('responsibility_id', '=', row.id).orderBy('period').execute();
    const names = await userDisplayNames(p.db, row.tenant_id, reports.flatMap((r) => (r.reported_by ? [r.reported_by] : [])));
    const labels = new Map(periodsOf(row.year, row.report_cycle).map((x) => [x.period, x.label]));
    return {
      ...view!,
      reports: reports.map((r) => ({
        id: r.id, period: r.period, periodLabel: labels.get(r.period) ?? r.period, content: r.content, itemNotes: JSON.parse(r.item_notes) as { itemId: string; note: string }[],
        reportedById: r.reported_by, reportedByName: (r.reported_by && names.get(r.reported_by)) || null, reportedAt: r.reported_at,
      })),
    };
  }

  async function checkLeader(db: DbOrTx, tenantId: string, leaderId: string | null | undefined, problems: Problems) {
    if (!leaderId) return;
    const u = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', '=', leaderId).where('disabled', '=', 0).executeTakeFirst();
    if (!u) problems.add('leaderId', '责任人不存在或已停用');
  }

  const duplicate = () => conflict('DUPLICATE_RESPONSIBILITY', '该组织（责任人）本年度已有责任书', { year: '该组织（责任人）本年度已有责任书' });

  app.get('/responsibilities', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '党建工作责任制（按年度、组织）', querystring: responsibilityListQuery, response: { 200: pageResponse(responsibilityView) } },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    let b = base(p.db, actor);
    if (q.year) b = b.where('r.year', '=', q.year);
    if (q.orgId) {
      const org = await p.db.selectFrom('organisations').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', q.orgId).executeTakeFirst();
      b = org ? b.where(inSubtree(sql.ref('o.path'), org.path)) : b.where(sql<SqlBool>`1 = 0`);
    }
    const { limit, offset } = window(q);
    const [rows, count] = await Promise.all([
      b.selectAll('r').select(['o.name as org_name', 'o.path as org_path']).orderBy('r.year', 'desc').orderBy('o.path').orderBy('r.leader_key').limit(limit).offset(offset).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await views(actor, rows), total: Number(count.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/responsibilities', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '新建责任书（年度责任清单）', body: responsibilityCreate, response: { 201: responsibilityDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const b = request.body;
    const id = await p.audit.tx(request.audit, async (trx) => {
      const problems = new Problems();
      const org = await trx.selectFrom('organisations').select('path').where('tenant_id', '=', actor.tenantId).where('id', '=', b.orgId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!org || !can(actor, 'task.write', { tenantId: actor.tenantId, orgPath: org.path })) problems.add('orgId', '责任组织不存在或不在您的管理范围内');
      await checkLeader(trx, actor.tenantId, b.leaderId, problems);
      problems.throwIfAny();
      const leaderKey = b.leaderId ?? '';
      const existing = await trx.selectFrom('responsibilities').select('id').where('tenant_id', '=', actor.tenantId).where('org_id', '=', b.orgId)
        .where('leader_key', '=', leaderKey).where('year', '=', b.year).executeTakeFirst();
      if (existing) throw duplicate();
      const at = p.clock.now().toISOString();
      const row: ResponsibilityTable = {
        tenant_id: actor.tenantId, id: newId(), year: b.year, org_id: b.orgId, leader_id: b.leaderId ?? null, leader_key: leaderKey, title: b.title,
        report_cycle: b.reportCycle, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
      };
      await trx.insertInto('responsibilities').values(row).execute();
      await trx.insertInto('responsibility_items').values(b.items.map((it, i) => ({
        tenant_id: actor.tenantId, id: newId(), responsibility_id: row.id, sort_order: i, content: it.content, standard: it.standard ?? null, deleted_at: null,
      }))).execute();
      await p.audit.record(trx, request.audit, { action: 'responsibility.create', entity: 'responsibility', entityId: row.id, after: { year: row.year, orgId: row.org_id, leaderId: row.leader_id, title: row.title, reportCycle: row.report_cycle, items: b.items } });
      return row.id;
    });
    return reply.status(201).send(await detail(actor, id));
  });

  app.get('/responsibilities/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '责任书详情（条目、各期汇报）', params: responsibilityParams, response: { 200: responsibilityDetail } },
  }, async (request) => detail(actorOf(request), request.params.id));

  app.patch('/responsibilities/:id', {
    config: { access: 'task.write' },
    schema: { tags: ['督办'], summary: '修改责任书（items 整体替换，带 id 的条目保留）', params: responsibilityParams, body: responsibilityPatch, response: { 200: responsibilityDetail } },
  }, async (request) => {
    const actor = actorOf(request);
    const b = request.body;
    await p.audit.tx(request.audit, async (trx) => {
      const row = await visible(trx, actor, request.params.id);
      if (!row) throw notFound('责任书');
      if (!can(actor, 'task.write', { tenantId: row.tenant_id, orgPath: row.org_path })) throw forbidden('只有责任组织的管理人员可以修改责任书');
      const problems = new Problems();
      await checkLeader(trx, row.tenant_id, b.leaderId, problems);
      problems.throwIfAny();
      const at = p.clock.now().toISOString();
      const leaderId = b.leaderId === undefined ? row.leader_id : b.leaderId;
      const set = { title: b.title ?? row.title, report_cycle: b.reportCycle ?? row.report_cycle, leader_id: leaderId, leader_key: leaderId ?? '', updated_at: at };
      if (set.leader_key !== row.leader_key) {
        const clash = await trx.selectFrom('responsibilities').select('id').where('tenant_id', '=', row.tenant_id).where('org_id', '=', row.org_id)
          .where('leader_key', '=', set.leader_key).where('year', '=', row.year).where('id', '!=', row.id).executeTakeFirst();
        if (clash) throw duplicate();
      }
      await trx.updateTable('responsibilities').set(set).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
      let itemsAfter: unknown;
      if (b.items) {
        const current = await trx.selectFrom('responsibility_items').selectAll().where('tenant_id', '=', row.tenant_id).where('responsibility_id', '=', row.id).where('deleted_at', 'is', null).execute();
        const known = new Set(current.map((c) => c.id));
        const bad = b.items.find((it) => it.id && !known.has(it.id));
        if (bad) throw new AppError(400, 'VALIDATION', '责任条目不存在', { items: '责任条目不存在' });
        const keep = new Set(b.items.flatMap((it) => (it.id ? [it.id] : [])));
        for (const c of current) if (!keep.has(c.id)) await trx.updateTable('responsibility_items').set({ deleted_at: at }).where('tenant_id', '=', row.tenant_id).where('id', '=', c.id).execute();
        for (const [i, it] of b.items.entries()) {
          if (it.id) await trx.updateTable('responsibility_items').set({ sort_order: i, content: it.content, standard: it.standard ?? null }).where('tenant_id', '=', row.tenant_id).where('id', '=', it.id).execute();
          else await trx.insertInto('responsibility_items').values({ tenant_id: row.tenant_id, id: newId(), responsibility_id: row.id, sort_order: i, content: it.content, standard: it.standard ?? null, deleted_at: null }).execute();
        }
        itemsAfter = b.items;
      }
      await p.audit.record(trx, request.audit, {
        action: 'responsibility.edit', entity: 'responsibility', entityId: row.id,
        before: { title: row.title, reportCycle: row.report_cycle, leaderId: row.leader_id }, after: { title: set.title, reportCycle: set.report_cycle, leaderId: set.leader_id, items: itemsAfter },
      });
    });
    return detail(actor, request.params.id);
  });

  app.post('/responsibilities/:id/reports', {
    config: { access: 'authenticated' },
    schema: { tags: ['督办'], summary: '履职汇报（每期一次）', params: responsibilityParams, body: responsibilityReportBody, response: { 201: responsibilityDetail } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const b = request.body;
    await p.audit.tx(request.audit, async (trx) => {
      const row = await visible(trx, actor, request.params.id);
      if (!row) throw notFound('责任书');
      const isLeader = row.tenant_id === actor.tenantId && row.leader_id === actor.userId;
      if (!isLeader && !can(actor, 'task.write', { tenantId: row.tenant_id, orgPath: row.org_path })) throw forbidden('只有责任人或责任组织的管理人员可以汇报');
      const period = periodsOf(row.year, row.report_cycle).find((x) => x.period === b.period);
      if (!period) throw new AppError(400, 'VALIDATION', `汇报期次不属于本责任书（${row.year}年，${REPORT_CYCLE_NAMES[row.report_cycle]}汇报）`, { period: '汇报期次不属于本责任书' });
      if (period.startOn > today()) throw new AppError(400, 'VALIDATION', `${period.label}尚未开始，不能汇报`, { period: `${period.label}尚未开始，不能汇报` });
      const items = await trx.selectFrom('responsibility_items').select('id').where('tenant_id', '=', row.tenant_id).where('responsibility_id', '=', row.id).execute();
      const itemIds = new Set(items.map((i) => i.id));
      if ((b.itemNotes ?? []).some((n) => !itemIds.has(n.itemId))) throw new AppError(400, 'VALIDATION', '逐项说明中有不属于本责任书的条目', { itemNotes: '逐项说明中有不属于本责任书的条目' });
      const dup = await trx.selectFrom('responsibility_reports').select('id').where('tenant_id', '=', row.tenant_id).where('responsibility_id', '=', row.id).where('period', '=', b.period).executeTakeFirst();
      if (dup) throw conflict('DUPLICATE_REPORT', `${period.label}已汇报，不能重复汇报`, { period: `${period.label}已汇报` });
      const id = newId();
      await trx.insertInto('responsibility_reports').values({
        tenant_id: row.tenant_id, id, responsibility_id: row.id, period: b.period, content: b.content, item_notes: JSON.stringify(b.itemNotes ?? []),
        reported_by: actor.userId, reported_at: p.clock.now().toISOString(),
      }).execute();
      await p.audit.record(trx, request.audit, { action: 'responsibility.report', entity: 'responsibility', entityId: row.id, after: { period: b.period, content: b.content, itemNotes: b.itemNotes ?? [] } });
    });
    return reply.status(201).send(await detail(actor, request.params.id));
  });
};

export default responsibilityRoutes;
