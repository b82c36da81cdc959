// docs/DOMAIN.md's configurable organisation rules: term lengths (换届), how early to remind, and the size
// numbers behind the warnings on an organisation's page.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const years = z.number().int().min(1).max(10);
const count = z.number().int().min(0).max(10_000);

const orgRulesSchema = z.object({
  /** Term length in years by kind; a 党小组 has no term. */
  termYears: z.object({ committee: years.describe('党委'), generalBranch: years.describe('党总支'), branch: years.describe('党支部'), jointBranch: years.describe('联合支部') }).describe('任期（年）'),
  /** Remind this many days before a term ends. */
  termReminderDays: z.number().int().min(1).max(3650).describe('换届提前提醒天数'),
  /** A 党支部 needs at least this many full members (fewer → 联合支部). */
  branchMinFullMembers: count.describe('党支部正式党员最少人数'),
  /** A 党支部 normally has at most this many members. */
  branchMaxMembers: count.describe('党支部党员人数上限'),
  /** A branch with this many full members or more should have a 支委会. */
  branchCommitteeFromFullMembers: count.describe('设支委会的正式党员人数'),
  /** A 党总支 is formed by about this many members; over the upper number a 基层党委. */
  generalBranchMinMembers: count.describe('设党总支的党员人数（下限）'),
  generalBranchMaxMembers: count.describe('设党总支的党员人数（上限，超过设基层党委）'),
});
export type OrgRules = z.infer<typeof orgRulesSchema>;

export const ORG_RULES: SettingDef<OrgRules> = {
  key: 'org.rules',
  schema: orgRulesSchema,
  defaults: {
    termYears: { committee: 5, generalBranch: 3, branch: 3, jointBranch: 3 },
    termReminderDays: 90,
    branchMinFullMembers: 3,
    branchMaxMembers: 50,
    branchCommitteeFromFullMembers: 7,
    generalBranchMinMembers: 50,
    generalBranchMaxMembers: 100,
  },
};
