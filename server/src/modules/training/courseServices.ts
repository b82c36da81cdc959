// Platform services of the course part of 教育培训 (filled by that part).
import type { Platform } from '../../platform/context.js';

export function registerCourseServices(_p: Platform): void {}
