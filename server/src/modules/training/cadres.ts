// The 党务干部 register: who holds a committee post (书记, 副书记, 委员 …) in the organisations the reader sees, since
// when and in which term, read from the organisations' posts (never typed in again) so that a change of post in 组织
// shows here at once; and, under the committee, the employees holding a Party-affairs post (staff module: 党务工作者,
// 党群部专职), members or not.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberSummaries } from '../members/index.js';
import { currentPartyWorkers } from '../staff/index.js';
import { currentPosts, liveOrg, orgNames, ORG_KIND_NAMES, orgsUnder, POST_NAMES, rootOrgs } from '../org/index.js';
import { todayIn } from '../../platform/calendar.js';
import { readsCadresAt } from './policy.js';
import { requiredTenths } from './hours.js';
import { yearTotals } from './hoursCache.js';
import { HOURS_RULES } from './hoursSettings.js';
import { examSummaryOf, memberExamResults } from './examResults.js';
import { CADRE_POSTS, type CadrePost, type CadreQuery, type CadreView } from './cadreSchema.js';

const COMMITTEE_KINDS = ['committee', 'generalBranch', 'branch', 'jointBranch'] as const;
const isCadrePost = (post: string): post is CadrePost => (CADRE_POSTS as readonly string[]).includes(post);

export async function listCadres(p: Platform, actor: Actor, q: CadreQuery) {
  const t = actor.tenantId;
  let top: string[];
  if (q.orgId) {
    const org = await liveOrg(p.db, t, q.orgId);
    if (!org || !readsCadresAt(actor, org.path)) throw notFound('组织');
    top = [org.path];
  } else {
    top = (await rootOrgs(p.db, t)).map((o) => o.path);
  }
  const orgs = (await Promise.all(top.map((path) => orgsUnder(p.db, t, path, COMMITTEE_KINDS)))).flat().filter((o) => readsCadresAt(actor, o.path));
  const byOrg = await currentPosts(p.db, t, orgs.map((o) => o.id));
  const posts = orgs.flatMap((o) => (byOrg.get(o.id) ?? []).filter((r) => isCadrePost(r.post) && (!q.post || r.post === q.post)).map((r) => ({ org: o, r })));
  const [members, names, talents] = await Promise.all([
    memberSummaries(p.db, t, posts.map((x) => x.r.member_id)),
    orgNames(p.db, [t], orgs.map((o) => o.id)),
    posts.length === 0 ? [] : p.db.selectFrom('training_talents').select(['member_id', 'category']).where('tenant_id', '=', t).where('status', '=', 'active').execute(),
  ]);
  const talentOf = new Map(talents.map((x) => [x.member_id, x.category]));
  const keyword = q.keyword?.trim();
  const today = todayIn(p.clock);
  const fromPosts = posts.map(({ org, r }) => ({
    postId: r.id, source: 'orgPost' as const, memberId: r.member_id as string | null, staffId: null as string | null, memberName: members.get(r.member_id)?.name ?? '',
    orgId: org.id, orgName: names.get(`${t}/${org.id}`) ?? org.name, orgKind: ORG_KIND_NAMES[org.kind], unitName: null as string | null,
    post: r.post as CadrePost, postName: (POST_NAMES as Record<string, string>)[r.post] ?? r.post, since: r.started_on,
    termStartedOn: org.term_started_on, termEndsOn: org.term_ends_on, talentCategory: talentOf.get(r.member_id) ?? null,
  }));
  // Employees' Party-affairs posts belong to the committee: listed when the committee itself is in sight. A member who
  // is also the committee's 党务工作者 in 组织 holds one post, listed once (from 组织).
  const committee = orgs.find((o) => o.parent_id === null);
  const inOrgs = new Set(fromPosts.filter((v) => v.orgId === committee?.id && v.post === 'affairsStaff').map((v) => v.memberId));
  const fromStaff = !committee ? [] : (await currentPartyWorkers(p.db, t, today))
    .filter((w) => !(w.memberId && inOrgs.has(w.memberId)) && (!q.post || w.post === q.post))
    .map((w) => ({
      postId: `staff:${w.staffId}`, source: 'staff' as const, memberId: w.memberId, staffId: w.staffId, memberName: w.name, orgId: committee.id,
      orgName: names.get(`${t}/${committee.id}`) ?? committee.name, orgKind: ORG_KIND_NAMES[committee.kind], unitName: w.unitName,
      post: w.post as CadrePost, postName: w.postName, since: w.since, termStartedOn: w.since, termEndsOn: w.until,
      talentCategory: w.memberId ? talentOf.get(w.memberId) ?? null : null,
    }));
  const rows = [...fromPosts, ...fromStaff].filter((v) => !keyword || v.memberName.includes(keyword));
  // Organisations in tree order (orgsUnder sorts by path), and within one the posts in their rank order.
  const rank = new Map(orgs.map((o, i) => [o.id, i]));
  rows.sort((a, b) => (rank.get(a.orgId)! - rank.get(b.orgId)!) || CADRE_POSTS.indexOf(a.post) - CADRE_POSTS.indexOf(b.post) || (a.since ?? '').localeCompare(b.since ?? ''));
  const win = window(q);
  // 学时 from the committee's year totals (kept per process, hoursCache.ts); exams only for the page shown.
  const page = rows.slice(win.offset, win.offset + win.limit);
  const ids = [...new Set(page.flatMap((v) => (v.memberId ? [v.memberId] : [])))];
  const [hours, exams, rules] = await Promise.all([
    yearTotals(p, t, today.slice(0, 4)), memberExamResults(p.db, t, ids), p.settings.get(t, HOURS_RULES),
  ]);
  // 学时 and exams are a member's: an employee who is no member has none.
  const items: CadreView[] = page.map((v) => (v.memberId
    ? { ...v, hoursTenths: hours.of(v.memberId).total, requiredTenths: requiredTenths(rules, true), exams: examSummaryOf(exams.get(v.memberId) ?? []) }
    : { ...v, hoursTenths: null, requiredTenths: null, exams: null }));
  return {
    items, total: rows.length, page: q.page, pageSize: q.pageSize,
    summary: { people: new Set(rows.map((v) => v.memberId ?? v.postId)).size, posts: rows.length, secretaries: rows.filter((v) => v.post === 'secretary').length },
  };
}
