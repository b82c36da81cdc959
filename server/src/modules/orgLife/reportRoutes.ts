// /api/v1/org-life reports (docs/api/org-life-reports.md): QR sign-in, the compliance 问题清单, the yearly 台账.
// The records themselves are in routes.ts; the work is done in signInService.ts and reports.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/context.js';
import {
  activityParams, complianceQuery, complianceView, ledgerQuery, qrView, signInBody, signInPreview, signInQuery, signInView, statusView,
} from './schema.js';
import { signIn, signInCode, signInPreview as previewOf, signInStatus } from './signInService.js';
import { complianceReport, complianceWorkbook, ledgerReport } from './reports.js';
import { sendDocx } from '../../platform/export/docx.js';

const orgLifeReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  /** `<origin>` of the request as the browser sees it (forwarded headers only behind a trusted proxy). */
  const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  app.get('/activities/:id/qr', {
    config: { access: 'orgLife.write' },
    schema: { tags: ['组织生活'], summary: '活动签到二维码（签到码、二维码 SVG、有效时间与实时人数）', params: activityParams, response: { 200: qrView } },
  }, async (request) => signInCode(p, actorOf(request), request.params.id, originOf(request)));

  app.get('/activities/:id/sign-in-status', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '签到实时情况（投屏页轮询：应到、实到、列席、最近签到的姓名）', params: activityParams, response: { 200: statusView } },
  }, async (request) => signInStatus(p, actorOf(request), request.params.id));

  // What the phone shows before the member confirms: reading only, so a link preview signs nobody in.
  app.get('/sign-in', {
    config: { access: 'orgLife.signIn' },
    schema: { tags: ['组织生活'], summary: '签到码对应的活动（只读预览）', querystring: signInQuery, response: { 200: signInPreview } },
  }, async (request) => previewOf(p, actorOf(request), request.query.token));

  app.post('/sign-in', {
    config: { access: 'orgLife.signIn' },
    schema: { tags: ['组织生活'], summary: '扫码签到（本人）', body: signInBody, response: { 200: signInView } },
  }, async (request) => signIn(p, request.audit, actorOf(request), request.body.token));

  // ---------- compliance ----------

  app.get('/compliance', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '组织生活问题清单（应开/已开、出勤率、记录不完整、缺席未补课、长期无活动；红黄绿灯；format=xlsx 导出）', querystring: complianceQuery, response: { 200: complianceView } },
  }, async (request, reply) => {
    const { view, result } = await complianceReport(p, actorOf(request), request.query);
    if (request.query.format === 'xlsx') {
      const name = `组织生活问题清单-${view.org.name}-${view.period.label}`;
      // The spreadsheet bypasses the JSON view (a Buffer is sent as it is).
      return (reply as FastifyReply).header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="org-life-compliance.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(await complianceWorkbook(result));
    }
    return view;
  });

  // ---------- 台账 ----------

  app.get('/ledger.docx', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '支部年度组织生活台账（Word）', querystring: ledgerQuery },
  }, async (request, reply) => {
    const { name, docx } = await ledgerReport(p, actorOf(request), request.query);
    return sendDocx(reply, name, docx);
  });
};

export default orgLifeReportRoutes;
