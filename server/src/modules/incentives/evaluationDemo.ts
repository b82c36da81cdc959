// Demo data of 考评与星级评定.
import type { DemoContext } from '../../seed/context.js';

export async function seedEvaluationDemo(_demo: DemoContext): Promise<void> {}
