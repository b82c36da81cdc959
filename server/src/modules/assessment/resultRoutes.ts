// Placeholder plugin: the routes of this room are being written.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const assessmentResultRoutes: FastifyPluginAsyncZod = async () => {};
export default assessmentResultRoutes;
