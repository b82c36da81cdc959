// /api/v1/dues: 党费. HTTP only; who sees and does what is policy.ts's: out of sight → 404, seen but not kept → 403.
// Income is masked in every GET (list, export); its clear value is a POST (…/reveal) that is audited.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDocx } from '../../platform/export/docx.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { importQuery, importResult } from '../../platform/import/schema.js';
import { readUpload } from '../../platform/import/upload.js';
import { problemsXlsx, readXlsx, templateXlsx } from '../../platform/import/xlsxTable.js';
import { actorOf } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { orgNamesOf, orgsInScope } from '../org/index.js';
import { baseFor, baseViews, listBases, revealBase, setBase } from './bases.js';
import { fenToYuan } from './brackets.js';
import { generateBills } from './bills.js';
import { BASE_IMPORT_COLUMNS, BASE_IMPORT_NOTES, importBases } from './import.js';
import { membersInScope } from './members.js';
import { listPayments, paymentById, paymentViews, recordBatch, recordPayment } from './payments.js';
import { readsAt, writesAt } from './policy.js';
import { monthRanges, publicityDocx, publicityOf } from './publicity.js';
import { arrears, collection, createHandover, handovers, memberDues as memberDuesOf, reconciliation } from './reports.js';
import { moduleActor } from './routeActor.js';
import { myDuesOf } from './mine.js';
import {
  arrearsList, arrearsQuery, baseList, baseListQuery, baseSet, baseView, batchCreate, collectionQuery, collectionView, generateBody, generateResult,
  handoverCreate, handoverList, handoverView, idempotencyHeaders, idParams, memberDues, memberParams, myDues, paymentCreate, paymentList,
  paymentListQuery, paymentView, publicityQuery, reconciliationView, revealView, yearField, yearQuery,
} from './schema.js';

const TAGS = ['党费'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const yuan = (fen: number) => fenToYuan(fen);
const download = (reply: FastifyReply, name: string, ascii: string, buffer: Buffer) =>
  reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`).send(buffer);

const duesRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  const thisYear = () => Number(shanghaiDate(p.clock.now()).slice(0, 4));

  app.get('/branches', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '可查看党费的党支部（mayWrite：可登记）', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), mayWrite: z.boolean() })) }) } },
  }, async (request) => {
    const actor = moduleActor(request);
    const orgs = (await orgsInScope(p.db, actor, 'dues.read')).filter((o) => o.tenant_id === actor.tenantId && !o.deleted_at && (o.kind === 'branch' || o.kind === 'jointBranch'));
    const names = await orgNamesOf(p.db, actor, orgs.map((o) => o.id));
    return { items: orgs.map((o) => ({ id: o.id, name: names.get(`${actor.tenantId}/${o.id}`) ?? o.name, mayWrite: writesAt(actor, o.path) })) };
  });

  app.get('/roster', {
    config: { access: 'dues.read' },
    schema: {
      tags: TAGS, summary: '范围内该年度应交党费的党员（登记基数、缴费时选择）', querystring: yearQuery.extend({ orgId: z.string().trim().max(64).optional().describe('党组织') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), type: z.string(), joinedOn: z.string(), leftOn: z.string().nullable(), employment: z.string(), mayWrite: z.boolean() })) }) },
    },
  }, async (request) => {
    const actor = moduleActor(request);
    const y = String(request.query.year ?? thisYear());
    const members = (await membersInScope(p.db, actor, 'dues.read', request.query.orgId)).filter((m) => m.joinedOn.slice(0, 4) <= y && !(m.leftOn && m.leftOn.slice(0, 4) < y));
    const names = await orgNamesOf(p.db, actor, members.map((m) => m.branchId));
    return { items: members.map((m) => ({ id: m.id, name: m.name, orgId: m.branchId, orgName: names.get(`${actor.tenantId}/${m.branchId}`) ?? '', type: m.type, joinedOn: m.joinedOn, leftOn: m.leftOn, employment: m.employment, mayWrite: writesAt(actor, m.orgPath) })) };
  });

  app.get('/bases', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '党费基数（收入脱敏；明文用 POST /bases/{id}/reveal）；format=xlsx 导出（脱敏）', querystring: baseListQuery, response: { 200: baseList } },
  }, async (request, reply) => {
    const q = { ...request.query, year: request.query.year ?? thisYear() };
    const { limit, offset } = window(q);
    const list = await listBases(p, moduleActor(request), q, limit, offset);
    if (q.format !== 'xlsx') return { ...list, page: q.page, pageSize: q.pageSize };
    return sendXlsx(reply, `党费基数-${q.year}`, '党费基数', [
      { header: '姓名', value: (v) => v.name }, { header: '党支部', value: (v) => v.orgName, width: 24 }, { header: '基数类别', value: (v) => v.categoryName, width: 22 },
      { header: '收入（元）', value: (v) => v.income ?? '' }, { header: '档次', value: (v) => v.bracket, width: 24 }, { header: '按标准月缴（元）', value: (v) => yuan(v.computedFen) },
      { header: '自定月缴（元）', value: (v) => (v.overrideFen === null ? '' : yuan(v.overrideFen)) }, { header: '调整原因', value: (v) => v.overrideReason ?? '', width: 20 },
      { header: '月缴金额（元）', value: (v) => yuan(v.monthlyFen) },
    ], list.items);
  });

  app.post('/bases', {
    config: { access: 'dues.write' },
    schema: { tags: TAGS, summary: '登记或修改党员某年度的党费基数（按标准计算月缴金额；自定金额须填原因）', body: baseSet, response: { 200: baseView } },
  }, async (request) => {
    const actor = moduleActor(request);
    const id = await setBase(p, request.audit, actor, request.body);
    return (await baseViews(p, actor, [await baseFor(p.db, actor, id)]))[0]!;
  });

  app.post('/bases/:id/reveal', {
    config: { access: 'dues.sensitive' },
    schema: { tags: TAGS, summary: '显示党费基数对应的收入明文（须有查看权限；每次记入审计）', params: idParams, response: { 200: revealView } },
  }, async (request) => {
    const actor = moduleActor(request);
    return revealBase(p, request.audit, actor, await baseFor(p.db, actor, request.params.id));
  });

  app.get('/bases/template.xlsx', {
    config: { access: 'dues.write' },
    schema: { tags: TAGS, summary: '党费基数导入模板（中文表头、下拉选项、填写说明）' },
  }, async (_request, reply) => download(reply, '党费基数导入模板', 'template', await templateXlsx('党费基数', BASE_IMPORT_COLUMNS, BASE_IMPORT_NOTES)));

  app.post('/bases/import', {
    config: { access: 'dues.write' },
    schema: {
      tags: TAGS, summary: '导入党费基数：先校验全部行（dryRun=true），再全部导入或一行都不导入；重复导入不重复登记',
      querystring: importQuery.extend({ year: yearField }), response: { 200: importResult },
    },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const { buffer } = await readUpload(request);
    const read = await readXlsx(buffer, BASE_IMPORT_COLUMNS);
    const result = await importBases(p, request.audit, actor, request.query.year, read.rows, read.problems, request.query.dryRun);
    if (request.query.format === 'xlsx') return download(reply, '党费基数导入错误报告', 'report', await problemsXlsx(result.problems));
    return result;
  });

  app.post('/bills/generate', {
    config: { access: 'dues.write' },
    schema: { tags: TAGS, summary: '生成年度党费账单（自入党或表决为预备党员之月起，至离开之月止；可重复执行）', body: generateBody, response: { 200: generateResult } },
  }, async (request) => generateBills(p, request.audit, moduleActor(request), request.body.year, request.body.orgId));

  app.get('/members/:memberId', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '党员某年度的党费：各月账单、已交、应交与可预交月份', params: memberParams, querystring: yearQuery, response: { 200: memberDues } },
  }, async (request) => memberDuesOf(p, moduleActor(request), request.params.memberId, request.query.year ?? thisYear()));

  app.post('/payments', {
    config: { access: 'dues.write' },
    schema: {
      tags: TAGS, summary: '登记交纳党费（可一次交多个月或预交；同一 Idempotency-Key 只登记一次，重复提交返回原记录）',
      headers: idempotencyHeaders, body: paymentCreate, response: { 200: paymentView, 201: paymentView },
    },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const { payment, replayed } = await recordPayment(p, request.audit, actor, request.headers['idempotency-key'], request.body);
    return reply.status(replayed ? 200 : 201).send((await paymentViews(p, actor, [payment]))[0]!);
  });

  app.post('/payments/batch', {
    config: { access: 'dues.write' },
    schema: {
      tags: TAGS, summary: '批量登记交纳（如工资代扣）：全部校验通过才登记，任一笔有误整批不登记；同一 Idempotency-Key 重复提交不重复登记',
      headers: idempotencyHeaders, body: batchCreate, response: { 200: z.object({ created: z.number().int(), replayed: z.number().int() }) },
    },
  }, async (request) => recordBatch(p, request.audit, moduleActor(request), request.headers['idempotency-key'], request.body.items));

  app.get('/payments', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '交纳记录（按缴纳日期所在年度）；format=xlsx 导出', querystring: paymentListQuery, response: { 200: paymentList } },
  }, async (request, reply) => {
    const q = { ...request.query, year: request.query.year ?? thisYear() };
    const { limit, offset } = window(q);
    const list = await listPayments(p, moduleActor(request), q, limit, offset);
    if (q.format !== 'xlsx') return { ...list, page: q.page, pageSize: q.pageSize };
    return sendXlsx(reply, `党费交纳记录-${q.year}`, '交纳记录', [
      { header: '姓名', value: (v) => v.name }, { header: '党支部', value: (v) => v.orgName, width: 24 }, { header: '所交月份', value: (v) => v.months.join('、'), width: 30 },
      { header: '金额（元）', value: (v) => yuan(v.amountFen) }, { header: '方式', value: (v) => v.methodName }, { header: '代缴人', value: (v) => v.payerName ?? '' },
      { header: '缴纳日期', value: (v) => v.paidOn, width: 12 }, { header: '备注', value: (v) => v.note, width: 20 },
    ], list.items);
  });

  app.get('/payments/:id', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '一笔交纳记录', params: idParams, response: { 200: paymentView } },
  }, async (request) => {
    const actor = moduleActor(request);
    const payment = await paymentById(p.db, actor.tenantId, request.params.id).catch(() => null);
    if (!payment || !readsAt(actor, payment.org_path)) throw notFound('缴费记录');
    return (await paymentViews(p, actor, [payment]))[0]!;
  });

  app.get('/arrears', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '欠交党费的党员（截至本月未交的月份，欠交多的在前）；format=xlsx 导出', querystring: arrearsQuery, response: { 200: arrearsList } },
  }, async (request, reply) => {
    const q = request.query;
    const { limit, offset } = window(q);
    const list = await arrears(p, moduleActor(request), q, limit, offset);
    if (q.format !== 'xlsx') return { ...list, page: q.page, pageSize: q.pageSize };
    return sendXlsx(reply, '欠交党费党员', '欠交党费', [
      { header: '姓名', value: (v) => v.name }, { header: '党支部', value: (v) => v.orgName, width: 24 }, { header: '欠交月数', value: (v) => v.monthCount },
      { header: '欠交月份', value: (v) => v.months.join('、'), width: 40 }, { header: '欠交金额（元）', value: (v) => yuan(v.dueFen) },
      { header: '提醒', value: (v) => (v.level === 'serious' ? '严重' : v.level === 'warn' ? '提醒' : '') },
    ], list.items);
  });

  app.get('/collection', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '各支部逐月收缴情况：应交、已交（按账单月份）、实收（按缴纳日期）；format=xlsx 导出', querystring: collectionQuery, response: { 200: collectionView } },
  }, async (request, reply) => {
    const q = { ...request.query, year: request.query.year ?? thisYear() };
    const view = await collection(p, moduleActor(request), q.year, q.orgId);
    if (q.format !== 'xlsx') return view;
    const rows = [...view.branches.flatMap((b) => b.months.map((m) => ({ org: b.orgName, ...m }))), ...view.totals.months.map((m) => ({ org: '合计', ...m }))];
    return sendXlsx(reply, `党费收缴-${q.year}`, '收缴情况', [
      { header: '党支部', value: (r) => r.org, width: 24 }, { header: '月份', value: (r) => r.month }, { header: '应交（元）', value: (r) => yuan(r.dueFen) },
      { header: '已交（元）', value: (r) => yuan(r.paidFen) }, { header: '当月实收（元）', value: (r) => yuan(r.receivedFen) },
    ], rows);
  });

  app.get('/handovers', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '党费上缴记录', querystring: yearQuery.extend({ orgId: z.string().trim().max(64).optional().describe('党组织') }), response: { 200: handoverList } },
  }, async (request) => ({ items: await handovers(p, moduleActor(request), request.query.year ?? thisYear(), request.query.orgId) }));

  app.post('/handovers', {
    config: { access: 'dues.write' },
    schema: { tags: TAGS, summary: '登记党支部向党委上缴党费', body: handoverCreate, response: { 201: handoverView } },
  }, async (request, reply) => {
    const actor = moduleActor(request);
    const id = await createHandover(p, request.audit, actor, request.body);
    const list = await handovers(p, actor, Number(request.body.handedOn.slice(0, 4)));
    return reply.status(201).send(list.find((h) => h.id === id)!);
  });

  app.get('/reconciliation', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '对账：各支部实收与上缴，有差额的标出；党委逐月合计', querystring: yearQuery.extend({ orgId: z.string().trim().max(64).optional().describe('党组织') }), response: { 200: reconciliationView } },
  }, async (request) => reconciliation(p, moduleActor(request), request.query.year ?? thisYear(), request.query.orgId));

  app.get('/publicity', {
    config: { access: 'dues.read' },
    schema: { tags: TAGS, summary: '党支部年度党费公示（未指定党支部时为可查看的第一个党支部）：format=xlsx 表格或 docx 公示文稿（按业务规则姓名脱敏；不含收入）', querystring: publicityQuery },
  }, async (request, reply) => {
    const q = { ...request.query, year: request.query.year ?? thisYear() };
    const d = await publicityOf(p, moduleActor(request), q.year, q.orgId);
    const orgName = (await orgNamesOf(p.db, moduleActor(request), [d.org.id])).get(`${d.org.tenant_id}/${d.org.id}`) ?? d.org.name;
    if (q.format === 'docx') return sendDocx(reply, `${orgName}${q.year}年度党费公示`, await publicityDocx({ orgName, year: q.year, rows: d.rows, today: d.today }));
    return sendXlsx(reply, `${orgName}${q.year}年度党费公示`, '党费公示', [
      { header: '姓名', value: (r) => r.name }, { header: '月缴金额（元）', value: (r) => yuan(r.monthlyFen) }, { header: '已交月份', value: (r) => monthRanges(r.paidMonths), width: 24 },
      { header: '已交合计（元）', value: (r) => yuan(r.paidFen) }, { header: '未交月份', value: (r) => monthRanges(r.unpaidMonths), width: 24 },
    ], d.rows);
  });

  app.get('/me', {
    config: { access: 'self.read' },
    schema: { tags: TAGS, summary: '我的党费：月缴金额、已交月份与应交', querystring: z.object({ year: yearField.optional() }), response: { 200: myDues } },
  }, async (request) => {
    return myDuesOf(p, actorOf(request), request.query.year ?? thisYear());
  });
};

export default duesRoutes;
