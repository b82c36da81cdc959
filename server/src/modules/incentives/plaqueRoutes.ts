// /api/v1/incentives: the 示范岗与责任区 routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const plaqueRoutes: FastifyPluginAsyncZod = async () => {};

export default plaqueRoutes;
