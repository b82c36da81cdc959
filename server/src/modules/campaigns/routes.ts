// HTTP routes of 主题实践活动: campaigns, branch measures and progress reports, 精品案例.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  void app;
};

export default campaignsRoutes;
