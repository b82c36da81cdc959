// Demo data of the talent part of 教育培训 (filled by that part).
import type { DemoContext } from '../../seed/context.js';

export async function seedTalentDemo(_demo: DemoContext): Promise<void> {}
