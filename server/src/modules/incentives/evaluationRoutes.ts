// /api/v1/incentives: the 考评与星级评定 routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const evaluationRoutes: FastifyPluginAsyncZod = async () => {};

export default evaluationRoutes;
