// Demo data of the course part of 教育培训 (filled by that part).
import type { DemoContext } from '../../seed/context.js';

export async function seedCourseDemo(_demo: DemoContext): Promise<void> {}
