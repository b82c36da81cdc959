// /api/v1/me: the signed-in person's own pages (我的). Always the account's own member record: no route takes an id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayIn } from '../../platform/calendar.js';
import { actorOf } from '../../platform/context.js';
import { keptForReader } from '../../platform/keptReads.js';
import { revealOwnMember } from '../members/index.js';
import { overviewQuery, overviewView, revealBody, revealView, whoView, type OverviewView } from './schema.js';
import { overview, who } from './service.js';

const TAGS = ['我的'];
/** 我的 reads every module: kept per account until the committee writes again, unless a section failed. */
const keptOverview = keptForReader<OverviewView>(1000, (v) => v.sections.every((s) => !s.unavailable));

const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;
  app.get('/', {
    config: { access: 'self.read' },
    schema: { tags: TAGS, summary: '本人：姓名（未关联党员档案时为账号显示名）、所在党支部与党小组', querystring: overviewQuery, response: { 200: whoView } },
  }, async (request) => who(p, actorOf(request)));

  app.get('/overview', {
    config: { access: 'self.read' },
    schema: { tags: TAGS, summary: '我的：本人档案（脱敏）及各模块本人部分（组织生活、考核评议、稿件、建议、学时、党费、志愿服务）', querystring: overviewQuery, response: { 200: overviewView } },
  }, async (request) => {
    const actor = actorOf(request);
    return keptOverview(p.db, actor, todayIn(p.clock), null, () => overview(p, actor));
  });

  app.post('/reveal', {
    config: { access: 'self.read' },
    schema: { tags: TAGS, summary: '查看本人身份证号、手机号、住址明文（记入审计日志）', body: revealBody, response: { 200: revealView } },
  }, async (request) => revealOwnMember(p, request.audit, actorOf(request)));
};

export default meRoutes;
