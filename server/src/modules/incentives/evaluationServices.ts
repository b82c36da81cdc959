// What 考评与星级评定 adds to the platform services (业务规则, 待办 sources, metrics).
import type { Platform } from '../../platform/context.js';

export function registerEvaluationServices(_p: Platform): void {}
