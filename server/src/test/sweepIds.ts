// The out-of-scope id resolvers of the sweeps (issue 16): for every route with path parameters, how to find a
// record of the right kind outside an account's scope. The access sweep fails for a route whose parameters
// match no entry, so a new route gets one here; the fuzz and masking sweeps reuse them with an in-scope
// organisation to reach real records.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { SweepAccount, SweepRoute } from './sweep.js';

const API = '/api/v1';

export interface ResolveCtx {
  db: Kysely<Database>;
  tenantId: string;
  account: SweepAccount;
  userId: string;
  /** Path of an organisation outside the account's scope (another branch's subtree). */
  outPath: string;
  outOrgId: string;
  /** The account's grant path (records under it or above it are its own); null for committee-wide accounts. */
  mine: string | null;
}

export interface Resolver {
  /**
   * Permissions that make every record of this kind in scope for a committee-wide account on reads / writes:
   * such accounts have no out-of-scope record in one tenant and are not swept for this kind.
   */
  read: string[];
  write: string[];
  /** Committee-wide records every holder of a read permission reads, wherever their grant (templates, themes). */
  sharedRead?: boolean;
  /** Every member of a branch takes part in its records of this kind (民主评议: self and peer ratings). */
  branchMembersTakePart?: boolean;
  /** Values for the route's path parameters naming an out-of-scope record; null when the demo has none. */
  find(c: ResolveCtx): Promise<Record<string, string> | null>;
}

const one = async (c: ResolveCtx, q: ReturnType<typeof sql<{ v: string }>>) => (await q.execute(c.db)).rows[0]?.v ?? null;
const like = (c: ResolveCtx) => `${c.outPath}%`;
/** An id of the right shape that names nothing, for kinds the demo has no row of (e.g. notifications). */
export const UNKNOWN_ID = '01900000-0000-7000-8000-00000000dead';

/**
 * How to find an out-of-scope record for each path-parameter route, keyed by the route path up to its last
 * parameter (without /api/v1). A route with parameters that matches no key fails the sweep.
 */
export const ID_RESOLVERS: Record<string, Resolver> = {
  '/auth/sessions/:id': {
    read: [], write: [],
    // Someone else's live session.
    find: async (c) => { const v = await one(c, sql`select id as v from sessions where user_id <> ${c.userId} and revoked_at is null order by created_at limit 1`); return v ? { id: v } : null; },
  },
  '/admin/users/:id': {
    read: ['user.manage'], write: ['user.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from users where tenant_id = ${c.tenantId} and id <> ${c.userId} order by username limit 1`); return v ? { id: v } : null; },
  },
  '/admin/account-requests/:id': {
    // 三员 may decide or withdraw requests of their tenant; a business account may touch none. The demo has none open.
    read: [], write: ['user.manage', 'grant.manage', 'audit.read'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from account_requests where tenant_id = ${c.tenantId} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/admin/roles/:id': {
    read: ['role.read', 'grant.manage'], write: ['grant.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from roles where tenant_id = ${c.tenantId} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/admin/grants/:id': {
    read: ['grant.manage'], write: ['grant.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from grants where tenant_id = ${c.tenantId} and user_id <> ${c.userId} order by id limit 1`); return v ? { id: v } : null; },
  },
  '/settings/rules/:key': {
    // A 业务规则 needs its named permission over the committee; a branch grant never reaches it.
    read: [], write: ['org.write', 'orgLife.write', 'task.verify', 'assessment.manage', 'appraisal.manage', 'publicity.review', 'campaign.manage', 'settings.manage'],
    find: async () => ({ key: 'org.rules' }),
  },
  '/orgs/:id': {
    read: ['org.read'], write: ['org.write', 'member.read'],
    find: async (c) => ({ id: c.outOrgId }),
  },
  '/orgs/:id/posts/:postId': {
    read: ['org.read'], write: ['org.write'],
    find: async (c) => { const v = await one(c, sql`select p.id as v from org_posts p join organisations o on o.tenant_id = p.tenant_id and o.id = p.org_id where o.path like ${like(c)} order by p.id limit 1`); return v ? { id: c.outOrgId, postId: v } : null; },
  },
  '/units/:id': {
    read: ['staff.read'], write: ['staff.write'],
    find: async (c) => { const v = await one(c, sql`select id as v from units where tenant_id = ${c.tenantId} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/staff/:id': {
    read: ['staff.read'], write: ['staff.write'],
    find: async (c) => { const v = await one(c, sql`select staff_id as v from members where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and (user_id is null or user_id <> ${c.userId}) order by id limit 1`); return v ? { id: v } : null; },
  },
  '/members/:id': {
    read: ['member.read'], write: ['member.write'],
    find: async (c) => { const v = await one(c, sql`select id as v from members where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and (user_id is null or user_id <> ${c.userId}) order by id limit 1`); return v ? { id: v } : null; },
  },
  '/info-entries/:id': {
    read: ['info.read'], write: ['info.write', 'info.publish'],
    find: async (c) => { const v = await one(c, sql`select id as v from info_entries where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/info-entries/:id/attachments/:fileId': {
    read: ['info.read'], write: ['info.write'],
    find: async (c) => fileOf(c, sql`select e.id as v from info_entries e join files f on f.tenant_id = e.tenant_id and f.owner_id = e.id where e.tenant_id = ${c.tenantId} and e.org_path like ${like(c)} limit 1`),
  },
  '/notifications/:id': {
    // The demo sends no notification; an unknown id must answer like someone else's.
    read: [], write: [],
    find: async (c) => { const v = await one(c, sql`select id as v from notifications where tenant_id = ${c.tenantId} and user_id <> ${c.userId} limit 1`); return { id: v ?? UNKNOWN_ID }; },
  },
  '/tasks/:id': {
    read: ['task.read'], write: ['task.write', 'task.verify'],
    find: async (c) => { const v = await outTask(c); return v ? { id: v } : null; },
  },
  '/tasks/:id/attachments/:fileId': {
    read: ['task.read'], write: ['task.write'],
    find: async (c) => { const v = await outTask(c); return v ? fileOf(c, sql`select ${v} as v`) : null; },
  },
  '/programmes/:id': {
    read: ['task.read'], write: ['task.write'],
    find: async (c) => { const v = await one(c, sql`select p.id as v from programmes p join organisations o on o.tenant_id = p.tenant_id and o.id = p.issuing_org_id where p.tenant_id = ${c.tenantId} and p.deleted_at is null and ${notMine(c, sql.ref('o.path'))} order by p.id limit 1`); return v ? { id: v } : null; },
  },
  '/responsibilities/:id': {
    read: ['task.read'], write: ['task.write'],
    find: async (c) => { const v = await one(c, sql`select r.id as v from responsibilities r join organisations o on o.tenant_id = r.tenant_id and o.id = r.org_id where r.tenant_id = ${c.tenantId} and r.deleted_at is null and o.path like ${like(c)} order by r.id limit 1`); return v ? { id: v } : null; },
  },
  '/org-life/themes/:month': {
    // Every reader of 组织生活 reads the committee's monthly themes; only writing is the committee's.
    read: ['orgLife.read', 'orgLife.signIn'], write: ['orgLife.write'], sharedRead: true,
    find: async () => ({ month: '2026-11' }),
  },
  '/org-life/activities/:id': {
    read: ['orgLife.read'], write: ['orgLife.write'],
    find: async (c) => { const v = await outActivity(c); return v ? { id: v } : null; },
  },
  '/org-life/activities/:id/attachments/:fileId': {
    read: ['orgLife.read'], write: ['orgLife.write'],
    find: async (c) => fileOf(c, sql`select a.id as v from org_life_activities a join files f on f.tenant_id = a.tenant_id and f.owner_id = a.id where a.tenant_id = ${c.tenantId} and a.org_path like ${like(c)} and f.deleted_at is null order by a.id limit 1`),
  },
  '/assessment/schemes/:id': {
    // Schemes are the committee's templates: every reader of 考核 reads them; only managing is the committee's.
    read: ['assessment.read', 'assessment.manage'], write: ['assessment.manage'], sharedRead: true,
    find: async (c) => { const v = await one(c, sql`select id as v from assessment_schemes where tenant_id = ${c.tenantId} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/assessment/rounds/:id': {
    read: ['assessment.read', 'assessment.manage'], write: ['assessment.manage'],
    // A round run over a subtree the account does not cover.
    find: async (c) => { const v = await one(c, sql`select id as v from assessment_rounds where tenant_id = ${c.tenantId} and deleted_at is null and ${notMine(c, sql.ref('root_org_path'))} order by id limit 1`); return v ? { id: v } : null; },
  },
  '/assessment/sheets/:id': {
    read: ['assessment.manage'], write: ['assessment.manage'],
    // Someone else's sheet on a target of another branch.
    find: async (c) => { const v = await one(c, sql`select s.id as v from assessment_sheets s join assessment_targets t on t.tenant_id = s.tenant_id and t.round_id = s.round_id and t.target_id = s.target_id where s.tenant_id = ${c.tenantId} and t.org_path like ${like(c)} and (s.assessor_user_id is null or s.assessor_user_id <> ${c.userId}) order by s.id limit 1`); return v ? { id: v } : null; },
  },
  '/assessment/targets/:targetId': {
    read: ['assessment.read', 'assessment.manage'], write: [],
    find: async (c) => { const v = await one(c, sql`select target_id as v from assessment_targets where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by target_id limit 1`); return v ? { targetId: v } : null; },
  },
  '/appraisals/:id': {
    read: ['appraisal.manage'], write: ['appraisal.manage'], branchMembersTakePart: true,
    find: async (c) => { const v = await one(c, sql`select a.id as v from appraisals a join organisations o on o.tenant_id = a.tenant_id and o.id = a.branch_id where a.tenant_id = ${c.tenantId} and a.deleted_at is null and o.path like ${like(c)} order by a.id limit 1`); return v ? { id: v } : null; },
  },
  '/publicity/correspondents/:id': {
    read: ['publicity.read', 'publicity.review'], write: ['publicity.review'],
    find: async (c) => { const v = await outCorrespondent(c); return v ? { id: v } : null; },
  },
  '/publicity/correspondents/:id/trainings/:trainingId': {
    read: ['publicity.read', 'publicity.review'], write: ['publicity.review'],
    find: async (c) => { const v = await one(c, sql`select t.correspondent_id || '|' || t.id as v from publicity_trainings t join publicity_correspondents p on p.tenant_id = t.tenant_id and p.id = t.correspondent_id where t.tenant_id = ${c.tenantId} and p.org_path like ${like(c)} and t.deleted_at is null order by t.id limit 1`); return v ? { id: v.split('|')[0]!, trainingId: v.split('|')[1]! } : null; },
  },
  '/publicity/manuscripts/:id': {
    read: ['publicity.read', 'publicity.review'], write: ['publicity.review'],
    find: async (c) => { const v = await outManuscript(c); return v ? { id: v } : null; },
  },
  '/publicity/manuscripts/:id/revisions/:revision': {
    read: ['publicity.read', 'publicity.review'], write: [],
    find: async (c) => { const v = await outManuscript(c); return v ? { id: v, revision: '1' } : null; },
  },
  '/publicity/manuscripts/:id/photos/:fileId': {
    read: ['publicity.read', 'publicity.review'], write: ['publicity.review'],
    find: async (c) => { const v = await outManuscript(c); return v ? fileOf(c, sql`select ${v} as v`) : null; },
  },
  '/campaigns/:id': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    // A campaign the account's organisation takes no part in.
    find: async (c) => { const v = await outCampaign(c); return v ? { id: v } : null; },
  },
  '/campaigns/:id/measures/:orgId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    find: async (c) => { const v = await one(c, sql`select co.campaign_id || '|' || co.org_id as v from campaign_orgs co where co.tenant_id = ${c.tenantId} and co.org_path like ${like(c)} order by co.campaign_id limit 1`); return v ? { id: v.split('|')[0]!, orgId: v.split('|')[1]! } : null; },
  },
  '/campaigns/:id/progress/:dueId/:orgId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    find: async (c) => { const v = await one(c, sql`select co.campaign_id || '|' || d.id || '|' || co.org_id as v from campaign_orgs co join campaign_report_dues d on d.tenant_id = co.tenant_id and d.campaign_id = co.campaign_id where co.tenant_id = ${c.tenantId} and co.org_path like ${like(c)} order by co.campaign_id, d.id limit 1`); if (!v) return null; const [id, dueId, orgId] = v.split('|') as [string, string, string]; return { id, dueId, orgId }; },
  },
  '/campaigns/:id/cases/:caseId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage', 'campaign.review'],
    find: async (c) => { const v = await outCase(c); return v ? { id: v.split('|')[0]!, caseId: v.split('|')[1]! } : null; },
  },
  '/campaigns/:id/cases/:caseId/photos/:fileId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    find: async (c) => { const v = await outCase(c); return v ? fileOf(c, sql`select ${v.split('|')[1]!} as v`).then((f) => f && { id: v.split('|')[0]!, caseId: v.split('|')[1]!, fileId: f.fileId! }) : null; },
  },
  '/campaigns/submissions/:submissionId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from campaign_submissions where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`); return v ? { submissionId: v } : null; },
  },
  '/campaigns/submissions/:submissionId/attachments/:fileId': {
    read: ['campaign.read', 'campaign.manage', 'campaign.review'], write: ['campaign.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from campaign_submissions where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`); return v ? fileOf(c, sql`select ${v} as v`).then((f) => f && { submissionId: v, fileId: f.fileId! }) : null; },
  },
  '/volunteer/residents/:id': {
    // A resident of another organisation not paired with the account's own member record (a paired volunteer sees
    // their residents wherever they are). Until the demo has residents, an id naming nothing still exercises the 404.
    read: ['volunteer.read'], write: ['volunteer.write'],
    find: async (c) => {
      const v = await one(c, sql`select vr.id as v from volunteer_residents vr where vr.tenant_id = ${c.tenantId} and vr.org_path like ${like(c)} and vr.deleted_at is null
        and not exists (select 1 from volunteer_pairings vp join members m on m.tenant_id = vp.tenant_id and m.id = vp.volunteer_id
          where vp.tenant_id = vr.tenant_id and vp.resident_id = vr.id and vp.ended_on is null and m.user_id = ${c.userId}) order by vr.id limit 1`);
      return { id: v ?? UNKNOWN_ID };
    },
  },
  '/proposals/:id': {
    read: ['proposal.read', 'proposal.manage'], write: ['proposal.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from proposals where tenant_id = ${c.tenantId} and ${notMine(c, sql.ref('org_path'))} and proposer_user_id <> ${c.userId} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/volunteer/pairings/:id': {
    read: ['volunteer.read'], write: ['volunteer.write'],
    find: async (c) => { const v = await one(c, sql`select vp.id as v from volunteer_pairings vp join volunteer_residents vr on vr.tenant_id = vp.tenant_id and vr.id = vp.resident_id where vp.tenant_id = ${c.tenantId} and vr.org_path like ${like(c)} and vr.deleted_at is null order by vp.id limit 1`); return v ? { id: v } : null; },
  },
  '/volunteer/visits/:id': {
    read: ['volunteer.read'], write: ['volunteer.write', 'volunteer.sensitive'],
    find: async (c) => { const v = await outVisit(c); return v ? { id: v } : null; },
  },
  '/volunteer/visits/:id/photos/:fileId': {
    read: ['volunteer.read'], write: ['volunteer.write', 'volunteer.sensitive'],
    find: async (c) => { const v = await outVisit(c, true); return v ? { id: v.split('|')[0]!, fileId: v.split('|')[1]! } : null; },
  },
  '/volunteer/activities/:id': {
    read: ['volunteer.read'], write: ['volunteer.write'],
    find: async (c) => { const v = await one(c, sql`select id as v from volunteer_activities where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/volunteer/volunteers/:kind/:id': {
    // A volunteer's 志愿服务记录证明: a member of another branch answers like an unknown one.
    read: ['volunteer.read'], write: [],
    find: async (c) => { const v = await one(c, sql`select id as v from members where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and (user_id is null or user_id <> ${c.userId}) order by id limit 1`); return v ? { kind: 'member', id: v } : null; },
  },
  // 激励 part A: a plaque of another branch that the account does not hold itself, and a rating of one.
  '/incentives/plaques/:id': {
    read: ['incentive.read'], write: ['incentive.write', 'incentive.manage'],
    find: async (c) => { const v = await one(c, sql`select ip.id as v from incentive_plaques ip where ip.tenant_id = ${c.tenantId} and ip.org_path like ${like(c)} and ip.deleted_at is null and not exists (select 1 from members m where m.tenant_id = ip.tenant_id and m.id = ip.member_id and m.user_id = ${c.userId}) order by ip.id limit 1`); return v ? { id: v } : null; },
  },
  '/incentives/ratings/:id': {
    read: ['incentive.read'], write: ['incentive.write'],
    find: async (c) => { const v = await one(c, sql`select id as v from incentive_ratings where tenant_id = ${c.tenantId} and org_path like ${like(c)} and comment_status <> 'none' order by id limit 1`); return v ? { id: v } : null; },
  },
  '/incentives/selections/:id': {
    // 表彰评选 are the committee's: every reader of 激励 reads them; moving one on is the 党委's (incentive.manage at the root).
    read: ['incentive.read'], write: ['incentive.manage'], sharedRead: true,
    find: async (c) => { const v = await one(c, sql`select id as v from incentive_selections where tenant_id = ${c.tenantId} order by year desc limit 1`); return v ? { id: v } : null; },
  },
  '/incentives/nominations/:id': {
    // Another branch's nomination.
    read: ['incentive.read'], write: ['incentive.write', 'incentive.manage'],
    find: async (c) => { const v = await one(c, sql`select id as v from incentive_nominations where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`); return v ? { id: v } : null; },
  },
  '/incentives/objections/:id': {
    // An objection to another branch's nomination; the demo records none, so an unknown id still exercises the refusal.
    read: ['incentive.read'], write: ['incentive.manage'],
    find: async (c) => ({ id: (await one(c, sql`select o.id as v from incentive_objections o join incentive_nominations n on n.tenant_id = o.tenant_id and n.id = o.nomination_id where o.tenant_id = ${c.tenantId} and n.org_path like ${like(c)} order by o.id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/incentives/honours/:id': {
    // An honour on the record of another branch's member (not the account's own) or organisation.
    read: ['incentive.read'], write: ['incentive.write'],
    find: async (c) => { const v = await one(c, sql`select h.id as v from incentive_honours h where h.tenant_id = ${c.tenantId} and h.org_path like ${like(c)} and h.deleted_at is null and not exists (select 1 from members m where m.tenant_id = h.tenant_id and m.id = h.subject_id and m.user_id = ${c.userId}) order by h.id limit 1`); return v ? { id: v } : null; },
  },
  '/incentives/evaluation-rounds/:id': {
    // Rounds are the committee's: every reader of 激励 sees them (the evaluations in them are filtered by scope); only the committee closes one.
    read: ['incentive.read'], write: ['incentive.manage'], sharedRead: true,
    find: async (c) => ({ id: (await one(c, sql`select id as v from incentive_evaluation_rounds where tenant_id = ${c.tenantId} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/incentives/evaluations/:id': {
    // An evaluation of another branch's plaque that the account does not hold itself.
    read: ['incentive.read'], write: ['incentive.write'],
    find: async (c) => ({ id: (await one(c, sql`select ev.id as v from incentive_evaluations ev join incentive_plaques ip on ip.tenant_id = ev.tenant_id and ip.id = ev.plaque_id
      where ev.tenant_id = ${c.tenantId} and ev.org_path like ${like(c)}
      and not exists (select 1 from members m where m.tenant_id = ip.tenant_id and m.id = ip.member_id and m.user_id = ${c.userId}) order by ev.id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/incentives/stars/:id': {
    // A 星级 row of another branch (its members or itself); only the committee adjusts.
    read: ['incentive.read'], write: ['incentive.manage'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from incentive_stars where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/training/questions/:id': {
    // A question another branch keeps (the committee's bank, above every branch, is read by all keepers).
    read: ['training.write'], write: ['training.write'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from training_questions where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  // 教育培训 part A2: another branch's exam (keepers and learners alike: not offered to them), and an attempt of another
  // person, which is 404 to everyone (a keeper reads results only through the statistics).
  '/training/exams/:id': {
    read: ['training.read'], write: ['training.write'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from training_exams where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/training/attempts/:id': {
    read: [], write: [],
    find: async (c) => ({ id: (await one(c, sql`select a.id as v from training_attempts a join members m on m.tenant_id = a.tenant_id and m.id = a.member_id where a.tenant_id = ${c.tenantId} and (m.user_id is null or m.user_id <> ${c.userId}) order by a.id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/training/attempts/:id/answers/:position': {
    read: [], write: [],
    find: async (c) => ({ id: (await one(c, sql`select a.id as v from training_attempts a join members m on m.tenant_id = a.tenant_id and m.id = a.member_id where a.tenant_id = ${c.tenantId} and (m.user_id is null or m.user_id <> ${c.userId}) order by a.id limit 1`)) ?? UNKNOWN_ID, position: '1' }),
  },
  // 教育培训 part C: a talent nominated by another branch (the demo's pool covers every branch).
  '/training/talents/:id': {
    read: ['training.read'], write: ['training.write', 'training.manage'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from training_talents where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  // 教育培训 part B1: courses of another branch, their materials and sessions.
  '/transfers/:id': {
    read: ['transfer.write'], write: ['transfer.write'],
    // A transfer out of another branch, or into one (the demo has letters out of two branches and one received).
    find: async (c) => ({ id: (await one(c, sql`select id as v from transfers where tenant_id = ${c.tenantId} and ((from_org_path like ${like(c)} and to_org_path is null) or (to_org_path like ${like(c)} and from_org_path is null)) order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/training/courses/:id': {
    read: ['training.read'], write: ['training.write'],
    find: async (c) => { const v = await one(c, sql`select id as v from training_courses where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`); return v ? { id: v } : null; },
  },
  '/training/materials/:id': {
    // A branch's members study its courses' materials (their own progress): not someone else's record.
    read: ['training.read'], write: ['training.write'], branchMembersTakePart: true,
    find: async (c) => { const v = await one(c, sql`select m.id as v from training_materials m join training_courses k on k.tenant_id = m.tenant_id and k.id = m.course_id where m.tenant_id = ${c.tenantId} and k.org_path like ${like(c)} and m.deleted_at is null and k.deleted_at is null order by m.id limit 1`); return v ? { id: v } : null; },
  },
  '/training/sessions/:id': {
    read: ['training.read'], write: ['training.write'],
    find: async (c) => { const v = await one(c, sql`select s.id as v from training_sessions s join training_courses k on k.tenant_id = s.tenant_id and k.id = s.course_id where s.tenant_id = ${c.tenantId} and k.org_path like ${like(c)} and s.deleted_at is null and k.deleted_at is null order by s.id limit 1`); return v ? { id: v } : null; },
  },
  // 发展党员: a person another branch develops, and one of their documents (the demo's 入党申请书 scans).
  '/recruitment/people/:id': {
    read: ['recruit.read'], write: ['recruit.write'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from recruit_people where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/recruitment/people/:id/documents/:fileId': {
    read: ['recruit.read'], write: ['recruit.write'],
    find: async (c) => {
      const id = await one(c, sql`select id as v from recruit_people where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`);
      return (await fileOf(c, sql`select person_id as v from recruit_documents where tenant_id = ${c.tenantId} and person_id = ${id ?? UNKNOWN_ID} limit 1`)) ?? { id: id ?? UNKNOWN_ID, fileId: UNKNOWN_ID };
    },
  },
  // 党费: another branch's member's base (its reveal), the member's year, and one of their payments.
  '/dues/bases/:id': {
    read: ['dues.read'], write: ['dues.write'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from dues_bases where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/dues/members/:memberId': {
    read: ['dues.read'], write: ['dues.write'],
    find: async (c) => ({ memberId: (await one(c, sql`select id as v from members where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and (user_id is null or user_id <> ${c.userId}) order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/dues/payments/:id': {
    read: ['dues.read'], write: ['dues.write'],
    find: async (c) => ({ id: (await one(c, sql`select id as v from dues_payments where tenant_id = ${c.tenantId} and org_path like ${like(c)} order by id limit 1`)) ?? UNKNOWN_ID }),
  },
  '/display/links/:id': {
    // Only the 党委管理员 (display.manage over the committee) manages links; the demo issues none, so any id will do.
    read: ['display.manage'], write: ['display.manage'],
    find: async (c) => ({ id: (await one(c, sql`select d.id as v from display_links d join organisations o on o.tenant_id = d.tenant_id and o.id = d.org_id where d.tenant_id = ${c.tenantId} and o.path like ${like(c)} order by d.id limit 1`)) ?? UNKNOWN_ID }),
  },
};

/** Records outside the account's grant path (committee-wide accounts: any record). */
const notMine = (c: ResolveCtx, col: ReturnType<typeof sql.ref<string>>) => {
  const mine = c.mine;
  return mine ? sql<boolean>`not (${col} like ${`${mine}%`} or ${mine} like ${col} || '%')` : sql<boolean>`1 = 1`;
};
async function fileOf(c: ResolveCtx, owner: ReturnType<typeof sql<{ v: string }>>): Promise<Record<string, string> | null> {
  const ownerId = await one(c, owner);
  if (!ownerId) return null;
  const f = await one(c, sql`select id as v from files where tenant_id = ${c.tenantId} and owner_id = ${ownerId} and deleted_at is null order by id limit 1`);
  return f ? { id: ownerId, fileId: f } : null;
}
export const outTask = (c: ResolveCtx) => one(c, sql`select t.id as v from tasks t join organisations o on o.tenant_id = t.tenant_id and o.id = t.owner_org_id where t.tenant_id = ${c.tenantId} and t.deleted_at is null and o.path like ${like(c)} and t.issuer_id <> ${c.userId} and t.owner_id <> ${c.userId} and not exists (select 1 from task_co_owners x where x.tenant_id = t.tenant_id and x.task_id = t.id and x.user_id = ${c.userId}) order by t.id limit 1`);
const outActivity = (c: ResolveCtx) => one(c, sql`select id as v from org_life_activities where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null order by id limit 1`);
/** A visit (and one of its photos) of a resident in the out-of-scope organisation that the account did not make as the volunteer. */
const outVisit = (c: ResolveCtx, photo = false) => one(c, sql`select vv.id ${photo ? sql`|| '|' || f.id` : sql``} as v from volunteer_visits vv
  ${photo ? sql`join files f on f.tenant_id = vv.tenant_id and f.owner_kind = 'volunteerVisit' and f.owner_id = vv.id and f.deleted_at is null` : sql``}
  where vv.tenant_id = ${c.tenantId} and vv.org_path like ${like(c)} and vv.deleted_at is null
  and not exists (select 1 from members m where m.tenant_id = vv.tenant_id and m.id = vv.volunteer_id and m.user_id = ${c.userId})
  and not exists (select 1 from staff s where s.tenant_id = vv.tenant_id and s.id = vv.volunteer_id and s.user_id = ${c.userId}) order by vv.id limit 1`);
const outCorrespondent = (c: ResolveCtx) => one(c, sql`select id as v from publicity_correspondents where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and (user_id is null or user_id <> ${c.userId}) order by id limit 1`);
const outManuscript = (c: ResolveCtx) => one(c, sql`select id as v from publicity_manuscripts where tenant_id = ${c.tenantId} and org_path like ${like(c)} and deleted_at is null and author_user_id <> ${c.userId} order by id limit 1`);
const outCase = (c: ResolveCtx) => one(c, sql`select campaign_id || '|' || id as v from campaign_cases where tenant_id = ${c.tenantId} and ${notMine(c, sql.ref('org_path'))} and deleted_at is null order by id limit 1`);
const outCampaign = (c: ResolveCtx) => {
  const mine = c.mine;
  if (!mine) return one(c, sql`select id as v from campaigns where tenant_id = ${c.tenantId} and deleted_at is null order by id limit 1`);
  return one(c, sql`select id as v from campaigns k where tenant_id = ${c.tenantId} and deleted_at is null and not exists (select 1 from campaign_orgs co where co.tenant_id = k.tenant_id and co.campaign_id = k.id and (co.org_path like ${`${mine}%`} or ${mine} like co.org_path || '%')) order by id limit 1`);
};

/** The resolver key of a route: its path up to the last parameter, without the API prefix. */
export function resolverKey(route: SweepRoute): string {
  const last = route.url.lastIndexOf(':');
  const end = route.url.indexOf('/', last);
  return (end < 0 ? route.url : route.url.slice(0, end)).slice(API.length);
}

