// Placeholder plugin: the routes of this room are being written.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const assessmentRoutes: FastifyPluginAsyncZod = async () => {};
export default assessmentRoutes;
