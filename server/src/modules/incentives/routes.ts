// /api/v1/incentives: the 激励 routes, one file per concern.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import plaqueRoutes from './plaqueRoutes.js';
import evaluationRoutes from './evaluationRoutes.js';
import honourRoutes from './honourRoutes.js';

const incentiveRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(plaqueRoutes);
  await app.register(evaluationRoutes);
  await app.register(honourRoutes);
};

export default incentiveRoutes;
