// Demo 志愿服务 (filled in by the demo step).
import type { DemoContext } from '../../seed/context.js';

export async function seedVolunteerDemo(_d: DemoContext): Promise<void> {}
