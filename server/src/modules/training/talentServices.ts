// Platform services of the talent part of 教育培训 (filled by that part).
import type { Platform } from '../../platform/context.js';

export function registerTalentServices(_p: Platform): void {}
