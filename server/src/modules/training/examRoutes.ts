// Routes of the exam part of 教育培训 (filled by that part).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const examRoutes: FastifyPluginAsyncZod = async () => {};

export default examRoutes;
