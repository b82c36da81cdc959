// What 示范岗与责任区 adds to the platform services (业务规则, 待办 sources, metrics).
import type { Platform } from '../../platform/context.js';

export function registerPlaqueServices(_p: Platform): void {}
