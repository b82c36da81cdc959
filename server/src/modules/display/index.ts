// What other modules may use of the 大屏 room: nothing but its routes.
export { default as displayRoutes } from './routes.js';
