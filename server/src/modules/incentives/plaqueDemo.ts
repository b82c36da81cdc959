// Demo data of 示范岗与责任区.
import type { DemoContext } from '../../seed/context.js';

export async function seedPlaqueDemo(_demo: DemoContext): Promise<void> {}
