// What other modules may use of the 工作台 room: nothing yet but its routes (cards come in through platform/dashboard).
export { default as dashboardRoutes } from './routes.js';
