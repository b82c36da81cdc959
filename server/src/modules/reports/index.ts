// What other modules may use of the reports room: nothing but its routes (sections come in through platform/reports).
export { default as reportRoutes } from './routes.js';
