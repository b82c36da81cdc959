// The 党务干部 register: who holds a committee post (书记, 副书记, 委员 …) in the organisations the reader sees, since
// when and in which term, read from the organisations' posts (never typed in again) so that a change of post in 组织
// shows here at once.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberSummaries } from '../members/index.js';
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
  const rows = posts
    .map(({ org, r }) => ({
      postId: r.id, memberId: r.member_id, memberName: members.get(r.member_id)?.name ?? '', orgId: org.id, orgName: names.get(`${t}/${org.id}`) ?? org.name,
      orgKind: ORG_KIND_NAMES[org.kind], post: r.post as CadrePost, postName: (POST_NAMES as Record<string, string>)[r.post] ?? r.post, since: r.started_on,
      termStartedOn: org.term_started_on, termEndsOn: org.term_ends_on, talentCategory: talentOf.get(r.member_id) ?? null,
    }))
    .filter((v) => !keyword || v.memberName.includes(keyword));
  // Organisations in tree order (orgsUnder sorts by path), and within one the posts in their rank order.
  const rank = new Map(orgs.map((o, i) => [o.id, i]));
  rows.sort((a, b) => (rank.get(a.orgId)! - rank.get(b.orgId)!) || CADRE_POSTS.indexOf(a.post) - CADRE_POSTS.indexOf(b.post) || (a.since ?? '').localeCompare(b.since ?? ''));
  const win = window(q);
  // 学时 from the committee's year totals (kept per process, hoursCache.ts); exams only for the page shown.
  const page = rows.slice(win.offset, win.offset + win.limit);
  const ids = [...new Set(page.map((v) => v.memberId))];
  const [hours, exams, rules] = await Promise.all([
    yearTotals(p, t, todayIn(p.clock).slice(0, 4)), memberExamResults(p.db, t, ids), p.settings.get(t, HOURS_RULES),
  ]);
  const items: CadreView[] = page.map((v) => ({
    ...v, hoursTenths: hours.of(v.memberId).total, requiredTenths: requiredTenths(rules, true), exams: examSummaryOf(exams.get(v.memberId) ?? []),
  }));
  return {
    items, total: rows.length, page: q.page, pageSize: q.pageSize,
    summary: { people: new Set(rows.map((v) => v.memberId)).size, posts: rows.length, secretaries: rows.filter((v) => v.post === 'secretary').length },
  };
}
