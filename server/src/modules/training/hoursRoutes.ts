// /api/v1/training: the 学时 ledger of an organisation with its Excel export, and the learner's own 学时.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { hoursText } from './hours.js';
import { hoursLedger, hoursPage, myHours } from './hoursLedger.js';
import { exportQuery, hoursList, hoursQuery, myHoursQuery, myHoursView, type HoursRow } from './hoursSchema.js';
import { moduleActor } from './routeActor.js';

const TAG = ['教育培训'];

const hoursRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/hours', {
    config: { access: 'training.read' },
    schema: { tags: TAG, summary: '学时统计：组织（含下级）在册党员的年度学时、应完成学时与差额（未达标在前），及各下级组织达标率', querystring: hoursQuery, response: { 200: hoursList } },
  }, async (request) => hoursPage(p, moduleActor(request), request.query));

  app.get('/hours/export.xlsx', {
    config: { access: 'training.read' },
    schema: { tags: TAG, summary: '导出学时统计（Excel，筛选条件同列表，不分页）', querystring: exportQuery },
  }, async (request, reply) => {
    const h = await hoursLedger(p, moduleActor(request), request.query);
    return sendXlsx<HoursRow>(reply, `学时统计-${h.orgName}-${h.year}`, `${h.year}年学时`, [
      { header: '姓名', value: (r) => r.name, width: 12 }, { header: '所在组织', value: (r) => r.orgName, width: 28 },
      { header: '职务', value: (r) => r.posts.join('、'), width: 16 }, { header: '应完成学时', value: (r) => hoursText(r.requiredTenths), width: 11 },
      { header: '线上学习', value: (r) => hoursText(r.onlineTenths), width: 10 }, { header: '线下培训', value: (r) => hoursText(r.offlineTenths), width: 10 },
      { header: '党课', value: (r) => hoursText(r.lectureTenths), width: 8 }, { header: '合计学时', value: (r) => hoursText(r.totalTenths), width: 10 },
      { header: '尚差学时', value: (r) => hoursText(r.behindTenths), width: 10 }, { header: '是否达标', value: (r) => (r.behindTenths === 0 ? '达标' : '未达标'), width: 9 },
    ], h.rows);
  });

  app.get('/my/hours', {
    config: { access: 'training.learn' },
    schema: { tags: TAG, summary: '我的学时：本人年度学时（线上学习、线下培训、党课）与应完成学时及明细', querystring: myHoursQuery, response: { 200: myHoursView } },
  }, async (request) => myHours(p, moduleActor(request), request.query.year));
};

export default hoursRoutes;
