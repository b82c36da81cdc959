// HTTP routes of 宣传: correspondents, manuscripts, quotas and statistics.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const publicityRoutes: FastifyPluginAsyncZod = async (app) => {
  void app;
};

export default publicityRoutes;
