// /api/v1/reports: the 月度党建工作报告 (view, the secretary's words, Word) and the 党内统计年报 (view, Excel). HTTP only;
// who may read and write is policy.ts's: another organisation → 404, read but not write → 403.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayIn } from '../../platform/calendar.js';
import { actorOf } from '../../platform/context.js';
import { sendDocx } from '../../platform/export/docx.js';
import { contentDisposition } from '../../platform/files/index.js';
import { buildMonthlyDocx, buildYearlyXlsx } from './documents.js';
import { monthQuery, monthlyView, wordsBody, wordsView, yearQuery, yearlyView } from './schema.js';
import { monthlyReport, saveWords, yearlyReport } from './service.js';

const TAGS = ['报告'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/monthly', {
    config: { access: 'report.read' },
    schema: { tags: TAGS, summary: '月度党建工作报告：所选组织（含下级）和月份的各模块情况与书记的话', querystring: monthQuery, response: { 200: monthlyView } },
  }, async (request) => monthlyReport(p, actorOf(request), request.query));

  app.put('/monthly/words', {
    config: { access: 'report.write' },
    schema: { tags: TAGS, summary: '保存月度报告中书记的话（总体情况、存在问题、下月工作计划，各最多 5000 字；未提供的部分不变）', body: wordsBody, response: { 200: wordsView } },
  }, async (request) => saveWords(p, request.audit, actorOf(request), request.body));

  app.get('/monthly.docx', {
    config: { access: 'report.read' },
    schema: { tags: TAGS, summary: '生成月度党建工作报告（Word）', querystring: monthQuery },
  }, async (request, reply) => {
    const view = await monthlyReport(p, actorOf(request), request.query);
    return sendDocx(reply, `${view.org.name}${view.label}党建工作报告`, await buildMonthlyDocx(view, todayIn(p.clock)));
  });

  app.get('/yearly', {
    config: { access: 'report.read' },
    schema: { tags: TAGS, summary: '党内统计年报：所选组织（含下级）和年度的各统计表及口径', querystring: yearQuery, response: { 200: yearlyView } },
  }, async (request) => yearlyReport(p, actorOf(request), request.query));

  app.get('/yearly.xlsx', {
    config: { access: 'report.read' },
    schema: { tags: TAGS, summary: '下载党内统计年报（Excel：每表一页，另附“说明”页写明每个数字的口径）', querystring: yearQuery },
  }, async (request, reply) => {
    const view = await yearlyReport(p, actorOf(request), request.query);
    return reply.header('content-type', XLSX_TYPE)
      .header('content-disposition', contentDisposition(`${view.org.name}${view.year}年党内统计年报.xlsx`, false))
      .send(await buildYearlyXlsx(view));
  });
};

export default reportRoutes;
