// What the members module adds to a platform once: the people port of the organisation module.
import type { Platform } from '../../platform/context.js';
import { registerOrgPeople } from '../org/index.js';
import { liveMemberCounts } from './paths.js';
import { memberSummaries } from './summaries.js';

export function registerMemberServices(p: Platform): void {
  registerOrgPeople(p, { liveCounts: liveMemberCounts, byId: memberSummaries });
}
