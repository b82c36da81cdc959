// /api/v1/incentives: the 表彰评选 routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const honourRoutes: FastifyPluginAsyncZod = async () => {};

export default honourRoutes;
