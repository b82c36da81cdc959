// /plaque/<code>: the public page of a plaque, the only part of the system open without a session.
import type { FastifyPluginAsync } from 'fastify';

const publicPlaqueRoutes: FastifyPluginAsync = async () => {};

export default publicPlaqueRoutes;
