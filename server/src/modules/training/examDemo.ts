// Demo data of the exam part of 教育培训 (filled by that part).
import type { DemoContext } from '../../seed/context.js';

export async function seedExamDemo(_demo: DemoContext): Promise<void> {}
