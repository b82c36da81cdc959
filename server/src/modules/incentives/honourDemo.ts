// Demo data of 表彰评选.
import type { DemoContext } from '../../seed/context.js';

export async function seedHonourDemo(_demo: DemoContext): Promise<void> {}
