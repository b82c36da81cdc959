// What other rooms may use of 我的: nothing but its routes (sections come in through platform/mine).
export { default as meRoutes } from './routes.js';
