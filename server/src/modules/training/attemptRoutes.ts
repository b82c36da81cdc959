// /api/v1/training/my/exams, …/exams/{id}/attempts, …/attempts/{id}: taking an exam as oneself (training.learn).
// HTTP only: the rules (window, deadline, own attempts only, no answers before submission) live in attempts.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerBody, answerParams, attemptParams, attemptView, examParams, myExamsAnswer, savedAnswer, submitBody } from './examSchema.js';
import { attemptView as viewAttempt, myExams, saveAnswer, startAttempt, submitAttempt } from './attempts.js';
import { moduleActor } from './routeActor.js';

const TAGS = ['教育培训'];

const attemptRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  app.get('/my/exams', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '我的考试：本支部及上级组织发布的考试，我的答卷和最高分', response: { 200: myExamsAnswer } },
  }, async (request) => myExams(p, moduleActor(request)));

  app.post('/exams/:id/attempts', {
    config: { access: 'training.learn' },
    schema: {
      tags: TAGS, summary: '开始答题（在考试时间内且有剩余次数；已有未交的答卷则返回它）', params: examParams,
      response: { 200: attemptView, 201: attemptView },
    },
  }, async (request, reply) => {
    const { created, view } = await startAttempt(p, request.audit, moduleActor(request), request.params.id);
    return reply.status(created ? 201 : 200).send(view);
  });

  app.get('/attempts/:id', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '我的答卷（交卷前不含任何正确答案；交卷后显示成绩，考试结束后显示错题的答案与解析）', params: attemptParams, response: { 200: attemptView } },
  }, async (request) => viewAttempt(p, moduleActor(request), request.params.id));

  app.put('/attempts/:id/answers/:position', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '保存一题的答案（截止时间后拒绝：409）', params: answerParams, body: answerBody, response: { 200: savedAnswer } },
  }, async (request) => saveAnswer(p, request.audit, moduleActor(request), request.params.id, request.params.position, request.body.answer));

  app.post('/attempts/:id/submit', {
    config: { access: 'training.learn' },
    schema: { tags: TAGS, summary: '交卷（可附全部答案，截止前有效；超时交卷按截止前已保存的答案评分）', params: attemptParams, body: submitBody, response: { 200: attemptView } },
  }, async (request) => submitAttempt(p, request.audit, moduleActor(request), request.params.id, request.body?.answers));
};

export default attemptRoutes;
