// Routes of the talent part of 教育培训 (filled by that part).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const talentRoutes: FastifyPluginAsyncZod = async () => {};

export default talentRoutes;
