// What the members module adds to a platform once: the people ports of the organisation module and of accounts
// (the latter answered for members and for employees linked directly).
import type { Platform } from '../../platform/context.js';
import { registerOrgPeople } from '../org/index.js';
import { registerAccountPeople } from '../../platform/accounts/people.js';
import { membersOfAccounts } from './accounts.js';
import { staffOfAccounts } from '../staff/accountPeople.js';
import { liveMemberCounts } from './paths.js';
import { memberSummaries } from './summaries.js';
import { registerMemberCard } from './card.js';
import { registerMemberReport } from './report.js';
import { registerMemberMine } from './mine.js';

export function registerMemberServices(p: Platform): void {
  registerOrgPeople(p, { liveCounts: liveMemberCounts, byId: memberSummaries });
  registerMemberCard(p);
  registerMemberReport(p);
  registerMemberMine(p);
  // An account is one person's (people/accountHolder.ts), so the two answers never name the same account.
  registerAccountPeople(p, {
    ofAccounts: async (db, tenantIds, userIds) => new Map([...await staffOfAccounts(db, tenantIds, userIds), ...await membersOfAccounts(db, tenantIds, userIds)]),
  });
}
