// Routes of the course part of 教育培训 (filled by that part).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const courseRoutes: FastifyPluginAsyncZod = async () => {};

export default courseRoutes;
