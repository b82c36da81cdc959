// What 组织生活 adds to the platform services (once per platform): metrics, 待办 sources, info sources.
import type { Platform } from '../../platform/context.js';

export function registerOrgLifeServices(_p: Platform): void {}
