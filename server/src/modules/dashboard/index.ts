// What other modules may use of the 工作台 room: its routes, and the cards computed as the page computes them (the 大屏).
export { default as dashboardRoutes } from './routes.js';
export { cardViews } from './service.js';
export type { CardView } from './schema.js';
