// What 量化考核 adds to the platform services (once per platform): 待办 sources (sheets to score), jobs.
import type { Platform } from '../../platform/context.js';

export function registerAssessmentServices(_p: Platform): void {}
