// docs/DOMAIN.md's organisation rules that warn rather than block: terms due for 换届, missing secretaries,
// and (when member counts are known) the size rules of 支部 and 总支.
import type { OrganisationTable } from '../../db/types.js';
import { daysBetween } from '../../platform/calendar.js';
import { COMMITTEE_POSTS, type Post } from './schema.js';
import type { OrgRules } from './settings.js';

export interface MemberCounts {
  /** Members counted in the organisation's subtree (not transferred out, expelled or deceased). */
  total: number;
  /** Of them, full (正式) members. */
  full: number;
}

export function orgWarnings(
  org: OrganisationTable,
  ctx: { today: string; rules: OrgRules; posts: { member_id: string; post: string }[]; counts: MemberCounts | null },
): string[] {
  const out: string[] = [];
  const { rules, today, posts, counts } = ctx;

  if (org.kind !== 'group') {
    if (!org.term_ends_on) out.push('未登记本届任期，无法提醒换届');
    else {
      const left = daysBetween(today, org.term_ends_on);
      if (left < 0) out.push(`本届任期已于 ${org.term_ends_on} 届满，应及时换届`);
      else if (left <= rules.termReminderDays) out.push(`本届任期将于 ${org.term_ends_on} 届满（还有 ${left} 天），请做好换届准备`);
    }
    if (!posts.some((p) => p.post === 'secretary')) out.push('未配备书记');
  } else if (!posts.some((p) => p.post === 'groupLeader')) {
    out.push('未配备党小组长');
  }

  if (!counts) return out;
  const committeeSize = new Set(posts.filter((p) => COMMITTEE_POSTS.has(p.post as Post)).map((p) => p.member_id)).size;
  if (org.kind === 'branch' && counts.full < rules.branchMinFullMembers) {
    out.push(`党支部正式党员少于 ${rules.branchMinFullMembers} 人，应成立联合支部`);
  }
  if ((org.kind === 'branch' || org.kind === 'jointBranch') && counts.total > rules.branchMaxMembers) {
    out.push(`党支部党员超过 ${rules.branchMaxMembers} 人，应考虑分设党支部或成立党总支`);
  }
  if (org.kind === 'branch' || org.kind === 'jointBranch') {
    if (counts.full >= rules.branchCommitteeFromFullMembers && committeeSize < 3) {
      out.push(`${rules.branchCommitteeFromFullMembers} 名以上正式党员的支部应设支委会（3 至 5 人，最多 7 人）`);
    }
    if (committeeSize > 7) out.push('支委会委员不应超过 7 人');
  }
  if (org.kind === 'generalBranch') {
    if (counts.total < rules.generalBranchMinMembers) out.push(`党总支党员少于 ${rules.generalBranchMinMembers} 人，一般设党支部即可`);
    if (counts.total > rules.generalBranchMaxMembers) out.push(`党总支党员超过 ${rules.generalBranchMaxMembers} 人，可考虑成立基层党委`);
  }
  return out;
}
