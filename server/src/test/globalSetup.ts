// Once per test run: the demo community seeded into a template that every createTestApp copies (test/harness.ts).
import type { TestProject } from 'vitest/node';
import { buildSeededTemplate } from './harness.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { template, drop } = await buildSeededTemplate();
  project.provide('seededTemplate', template);
  return drop;
}
