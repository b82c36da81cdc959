// /api/v1/training: the 教育培训 routes, one file per concern.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import courseRoutes from './courseRoutes.js';
import examRoutes from './examRoutes.js';
import hoursRoutes from './hoursRoutes.js';
import questionRoutes from './questionRoutes.js';
import talentRoutes from './talentRoutes.js';

const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(courseRoutes);
  await app.register(questionRoutes);
  await app.register(examRoutes);
  await app.register(hoursRoutes);
  await app.register(talentRoutes);
};

export default trainingRoutes;
