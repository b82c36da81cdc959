// Demo data of 激励: plaques and a year of ratings first, then the evaluation round and 星级 that read them, then 表彰.
import type { DemoContext } from '../../seed/context.js';
import { seedPlaqueDemo } from './plaqueDemo.js';
import { seedEvaluationDemo } from './evaluationDemo.js';
import { seedHonourDemo } from './honourDemo.js';

export async function seedIncentiveDemo(demo: DemoContext): Promise<void> {
  await seedPlaqueDemo(demo);
  await seedEvaluationDemo(demo);
  await seedHonourDemo(demo);
}
