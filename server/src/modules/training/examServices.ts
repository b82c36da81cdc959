// Platform services of the exam part of 教育培训 (filled by that part).
import type { Platform } from '../../platform/context.js';

export function registerExamServices(_p: Platform): void {}
