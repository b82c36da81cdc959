// What 表彰评选 adds to the platform services (业务规则, 待办 sources, metrics).
import type { Platform } from '../../platform/context.js';

export function registerHonourServices(_p: Platform): void {}
