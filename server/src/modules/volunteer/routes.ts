// /api/v1/volunteer: the 志愿服务 routes, one file per concern.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import residentRoutes from './residentRoutes.js';
import visitRoutes from './visitRoutes.js';
import hoursRoutes from './hoursRoutes.js';

const volunteerRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(residentRoutes);
  await app.register(visitRoutes);
  await app.register(hoursRoutes);
};

export default volunteerRoutes;
