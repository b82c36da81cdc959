// HTTP routes of 合理化建议 and 创效.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const proposalsRoutes: FastifyPluginAsyncZod = async (app) => {
  void app;
};

export default proposalsRoutes;
