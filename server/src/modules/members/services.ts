// What the members module adds to a platform once: the people ports of the organisation module and of accounts.
import type { Platform } from '../../platform/context.js';
import { registerOrgPeople } from '../org/index.js';
import { registerAccountPeople } from '../../platform/accounts/people.js';
import { membersOfAccounts } from './accounts.js';
import { liveMemberCounts } from './paths.js';
import { memberSummaries } from './summaries.js';

export function registerMemberServices(p: Platform): void {
  registerOrgPeople(p, { liveCounts: liveMemberCounts, byId: memberSummaries });
  registerAccountPeople(p, { ofAccounts: membersOfAccounts });
}
