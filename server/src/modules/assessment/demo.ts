// Placeholder: this module's demo rows are being written.
import type { DemoContext } from '../../seed/context.js';

export async function seedAssessmentDemo(_d: DemoContext): Promise<void> {}
