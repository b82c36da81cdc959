// Demo 后备人才库: 16 nominations over the six branches (2–4 in each working branch, one in each retirees' branch):
// 12 in the pool since 2025 or 2026 with a development goal, 2–3 milestones each deployed as 督办 tasks to the
// branch (some 已销号, some 办理中, the later ones just deployed) and 2025/2026 evaluations; two nominations waiting
// for the committee, one not accepted and one removed after a transfer. Deterministic in its choices; the tasks are
// made through 督办's createTask as the committee would.
import type { MemberTable } from '../../db/types.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { addDays, shanghaiInstant } from '../../platform/calendar.js';
import type { DemoContext } from '../../seed/context.js';
import { memberOfUser } from '../members/index.js';
import { advanceDemoTask, createTask } from '../tasks/index.js';
import { newId } from '../../db/ids.js';
import type { TalentAction, TalentGrade, TalentStatus, TrainingTalentEventTable, TrainingTalentTable } from './tables.js';

interface Spec {
  branch: number; nth: number; category: string; status: TalentStatus; nominatedOn: string; reason: string; goal?: string;
  grades?: [number, TalentGrade, string][]; milestones?: { title: string; standard: string; startOn: string; dueOn: string; closedOn?: string; percent?: number }[];
  note?: string;
}

const R = {
  young: '年纪轻、学历高，政治立场坚定，积极参加支部组织生活，承担支部宣传和青年工作，群众基础好。',
  expert: '业务骨干，专业技术能力突出，在急难险重任务中带头攻坚，愿意把专长用在服务群众上。',
  leader: '统筹协调能力强，牵头完成多项重点工作，敢于担当，具备担任支部书记的潜质。',
};
const SPECS: Spec[] = [
  { branch: 0, nth: 3, category: '青年政工干部', status: 'active', nominatedOn: '2025-03-12', reason: R.young, goal: '两年内熟练掌握组织生活、发展党员和党费管理等支部工作，具备担任支部委员的能力。',
    grades: [[2025, 'excellent', '工作积极主动，组织的主题党日质量高，党员评价好。'], [2026, 'good', '承担支部宣传工作，完成较好；发展党员业务仍需加强。']],
    milestones: [
      { title: '参加党委党务干部培训班', standard: '全程参训并取得结业证书', startOn: '2025-04-01', dueOn: '2025-06-30', closedOn: '2025-06-20' },
      { title: '协助组织一次主题党日', standard: '方案、签到表、活动照片和小结齐全', startOn: '2025-07-01', dueOn: '2025-10-31', closedOn: '2025-10-15' },
      { title: '讲一次微党课', standard: '讲稿经支部审阅，支部党员大会上宣讲', startOn: '2026-03-01', dueOn: '2026-12-31', percent: 60 },
    ] },
  { branch: 0, nth: 9, category: '专家型', status: 'active', nominatedOn: '2025-05-20', reason: R.expert, goal: '发挥财务专业特长，负责支部党费收缴与管理，带出一名业务骨干。',
    grades: [[2025, 'good', '党费台账清楚规范，按时足额收缴。']],
    milestones: [
      { title: '完成党费收缴台账规范化', standard: '台账与财务账一致，按月公示', startOn: '2025-06-10', dueOn: '2025-12-31', closedOn: '2025-12-18' },
      { title: '结对带教一名青年党员', standard: '带教计划和月度记录齐全', startOn: '2026-02-01', dueOn: '2027-01-31', percent: 40 },
    ] },
  { branch: 0, nth: 15, category: '青年政工干部', status: 'nominated', nominatedOn: '2026-11-10', reason: R.young },
  { branch: 1, nth: 2, category: '领军型', status: 'active', nominatedOn: '2025-04-08', reason: R.leader, goal: '作为支部书记后备人选培养，三年内能够独立主持支部工作。',
    grades: [[2025, 'excellent', '牵头完成机关作风建设专项工作，成效明显。'], [2026, 'excellent', '主持支委会议事规范，统筹能力强。']],
    milestones: [
      { title: '到党委办公室跟班学习三个月', standard: '跟班学习记录和心得体会', startOn: '2025-05-01', dueOn: '2025-08-31', closedOn: '2025-08-29' },
      { title: '牵头一项支部标准化建设任务', standard: '通过党委验收', startOn: '2025-09-01', dueOn: '2026-06-30', closedOn: '2026-06-18' },
      { title: '主持召开一次专题组织生活会', standard: '会议方案、记录和整改清单', startOn: '2026-10-01', dueOn: '2027-01-31' },
    ] },
  { branch: 1, nth: 8, category: '青年政工干部', status: 'rejected', nominatedOn: '2026-04-15', reason: R.young, note: '入党时间较短，建议在支部继续锻炼一年后再推荐。' },
  { branch: 2, nth: 1, category: '专家型', status: 'active', nominatedOn: '2025-03-28', reason: R.expert, goal: '以设备维修技术专长牵头党员服务队，把技术服务送进小区。',
    grades: [[2025, 'good', '带领维修服务队走访小区 20 余次，群众满意。'], [2026, 'good', '服务队运转正常，可进一步总结经验。']],
    milestones: [
      { title: '组建党员技术服务队', standard: '队员名单、服务清单公示', startOn: '2025-04-15', dueOn: '2025-07-31', closedOn: '2025-07-10' },
      { title: '每季度开展一次进小区技术服务', standard: '活动记录和群众评价', startOn: '2025-08-01', dueOn: '2026-12-31', percent: 75 },
    ] },
  { branch: 2, nth: 7, category: '青年政工干部', status: 'active', nominatedOn: '2026-03-05', reason: R.young, goal: '培养为支部宣传委员人选，提高宣传稿件写作和新媒体运营能力。',
    grades: [[2026, 'good', '积极供稿，稿件采用率较高。']],
    milestones: [
      { title: '参加通讯员写作培训', standard: '完成培训并提交两篇习作', startOn: '2026-03-20', dueOn: '2026-06-30', closedOn: '2026-06-12' },
      { title: '全年向党委宣传平台供稿不少于 6 篇', standard: '采用稿件不少于 3 篇', startOn: '2026-03-20', dueOn: '2026-12-31', percent: 50 },
    ] },
  { branch: 2, nth: 12, category: '领军型', status: 'active', nominatedOn: '2026-05-18', reason: R.leader, goal: '作为物业片区党建负责人培养，统筹小区党员责任区工作。',
    milestones: [
      { title: '牵头划分小区党员责任区', standard: '责任区划分到楼并公示', startOn: '2026-06-01', dueOn: '2026-09-30', closedOn: '2026-09-25' },
      { title: '建立小区党建联席会议机制', standard: '制度文件和两次会议记录', startOn: '2026-10-08', dueOn: '2027-03-31' },
    ] },
  { branch: 3, nth: 2, category: '专家型', status: 'active', nominatedOn: '2025-06-03', reason: R.expert, goal: '发挥安全管理专长，负责片区消防与供暖安全的党员先锋岗。',
    grades: [[2025, 'fair', '任务能按时完成，主动性有待提高。'], [2026, 'good', '冬季供暖保障中表现突出。']],
    milestones: [
      { title: '编写小区消防安全巡查手册', standard: '手册印发到各楼栋长', startOn: '2025-07-01', dueOn: '2025-11-30', closedOn: '2025-12-05' },
      { title: '组织一次消防应急演练', standard: '演练方案、照片和总结', startOn: '2026-09-01', dueOn: '2026-11-20', percent: 80 },
    ] },
  { branch: 3, nth: 6, category: '青年政工干部', status: 'active', nominatedOn: '2025-09-16', reason: R.young, goal: '培养为青年委员人选，联系小区青年党员和入党积极分子。',
    grades: [[2025, 'good', '联系青年党员主动，参加志愿服务多。'], [2026, 'good', '组织青年志愿服务活动 4 次。']],
    milestones: [
      { title: '建立小区青年党员联系台账', standard: '台账覆盖全部青年党员', startOn: '2025-10-01', dueOn: '2025-12-31', closedOn: '2025-12-22' },
      { title: '联系培养两名入党积极分子', standard: '培养考察记录齐全', startOn: '2026-01-10', dueOn: '2026-12-31', percent: 50 },
    ] },
  { branch: 3, nth: 11, category: '领军型', status: 'removed', nominatedOn: '2025-04-22', reason: R.leader, note: '工作调动到区属企业，组织关系转出，移出本社区后备人才库。' },
  { branch: 3, nth: 14, category: '专家型', status: 'nominated', nominatedOn: '2026-11-18', reason: R.expert },
  { branch: 4, nth: 2, category: '专家型', status: 'active', nominatedOn: '2025-05-06', reason: '退休前长期从事党务工作，经验丰富，热心为离退休党员服务。', goal: '组建离退休党员宣讲小组，把党史学习教育送进小区。',
    grades: [[2025, 'excellent', '宣讲小组开展宣讲 12 场，反响好。'], [2026, 'good', '宣讲活动持续开展。']],
    milestones: [
      { title: '组建老党员宣讲小组', standard: '小组名单和宣讲计划', startOn: '2025-05-20', dueOn: '2025-07-31', closedOn: '2025-07-18' },
      { title: '全年开展宣讲不少于 8 场', standard: '宣讲记录和照片', startOn: '2026-01-01', dueOn: '2026-12-31', percent: 85 },
    ] },
  { branch: 5, nth: 3, category: '专家型', status: 'active', nominatedOn: '2026-02-24', reason: '书画特长突出，长期义务为社区举办书画讲座，乐于服务。', goal: '牵头老干部书画室，以书画作品宣传党的创新理论。',
    grades: [[2026, 'good', '组织书画作品展一次，效果较好。']],
    milestones: [
      { title: '举办“喜迎党的生日”书画展', standard: '展出作品不少于 30 幅', startOn: '2026-03-01', dueOn: '2026-07-15', closedOn: '2026-07-01' },
      { title: '开设面向青少年的书画公益课', standard: '课程安排和签到记录', startOn: '2026-09-01', dueOn: '2027-01-31', percent: 30 },
    ] },
  { branch: 1, nth: 13, category: '专家型', status: 'active', nominatedOn: '2026-06-10', reason: R.expert, goal: '发挥信息化专长，负责支部党建信息系统使用培训。',
    milestones: [
      { title: '为支部党员开展系统使用培训', standard: '培训两次，签到和课件齐全', startOn: '2026-07-01', dueOn: '2026-12-15', percent: 50 },
    ] },
  { branch: 0, nth: 20, category: '领军型', status: 'active', nominatedOn: '2025-10-09', reason: R.leader, goal: '培养为党委委员人选，统筹机关党建与业务融合工作。',
    grades: [[2025, 'good', '推进党建与业务融合有思路。'], [2026, 'excellent', '牵头完成机关党建品牌创建。']],
    milestones: [
      { title: '牵头机关党建品牌创建', standard: '品牌方案和阶段成果经党委会审议', startOn: '2025-11-01', dueOn: '2026-08-31', closedOn: '2026-08-20' },
      { title: '列席党委会议半年', standard: '列席记录和工作建议', startOn: '2026-09-01', dueOn: '2027-02-28' },
    ] },
];

const at = (day: string, hour = 10) => shanghaiInstant(day, hour);

export async function seedTalentDemo(demo: DemoContext): Promise<void> {
  const { trx, p, tenantId, community } = demo;
  const dangwei = demo.userIds.get('dangwei')!;
  const ctx: AuditContext = { tenantId, userId: dangwei, username: 'dangwei', ip: null, requestId: 'demo' };
  const root = community.orgs.find((o) => o.parent_id === null)!;
  // Members with a demo account stay out of the pool (their pages show other things).
  const linked = new Set<string>();
  for (const userId of demo.userIds.values()) {
    const m = await memberOfUser(trx, tenantId, userId);
    if (m) linked.add(m.id);
  }
  const activeOf = (branchId: string): MemberTable[] => community.members.filter((m) => m.branch_id === branchId && m.status === 'active' && !linked.has(m.id));
  for (const s of SPECS) {
    const branch = community.branches[s.branch]!;
    const pool = activeOf(branch.id);
    const member = pool[s.nth % pool.length]!;
    const secretary = demo.userIds.get(`zb${s.branch + 1}`)!;
    const nominatedAt = at(s.nominatedOn, 9);
    const decidedOn = s.status === 'nominated' ? null : addDays(s.nominatedOn, 14);
    const removedOn = s.status === 'removed' ? '2026-08-31' : null;
    const row: TrainingTalentTable = {
      tenant_id: tenantId, id: newId(), member_id: member.id, org_id: branch.id, org_path: branch.path, category: s.category, status: s.status,
      reason: s.reason, plan_goal: s.goal ?? '', decision_note: s.status === 'rejected' ? s.note! : decidedOn ? '经党委会研究，同意纳入后备人才库。' : null,
      decided_on: decidedOn, removed_on: removedOn, removed_reason: s.status === 'removed' ? s.note! : null,
      nominated_by: secretary, created_at: nominatedAt, updated_at: nominatedAt,
    };
    const events: TrainingTalentEventTable[] = [];
    const event = (action: TalentAction, when: string, by: string, note: string | null) => {
      events.push({ tenant_id: tenantId, id: newId(), talent_id: row.id, action, note, actor_id: by, at: when });
      row.updated_at = when;
    };
    event('nominated', nominatedAt, secretary, s.reason);
    if (s.status === 'rejected') event('rejected', at(decidedOn!, 15), dangwei, s.note!);
    else if (decidedOn) {
      event('accepted', at(decidedOn, 15), dangwei, row.decision_note);
      if (s.goal) event('planned', at(addDays(decidedOn, 3), 11), dangwei, s.goal);
    }
    await trx.insertInto('training_talents').values(row).execute();
    for (const [year, grade, comment] of s.grades ?? []) {
      const when = year === 2026 ? at('2026-11-20', 16) : at(`${year}-12-26`, 16);
      await trx.insertInto('training_talent_evaluations').values({ tenant_id: tenantId, id: newId(), talent_id: row.id, year, grade, comment, evaluated_by: dangwei, evaluated_at: when }).execute();
      event('evaluated', when, dangwei, `${year}年度：${comment}`);
    }
    for (const m of s.milestones ?? []) {
      const taskId = await createTask(trx, p, ctx, {
        title: `后备人才培养：${community.staff.find((x) => x.id === member.staff_id)?.name ?? ''}·${m.title}`, description: `培养目标：${s.goal ?? ''}`, kind: 'phased',
        issuingOrgId: root.id, ownerOrgId: branch.id, ownerId: secretary, startOn: m.startOn, dueOn: m.dueOn, doneStandard: m.standard,
        sourceKind: 'talent', sourceId: row.id, sourceLink: `/training/talents?id=${row.id}`, sourceLabel: '后备人才培养计划',
      });
      if (m.closedOn) await advanceDemoTask(trx, tenantId, taskId, { ownerId: secretary, issuerId: dangwei, acceptedOn: addDays(m.startOn, 2), closedOn: m.closedOn });
      else if (m.percent) await advanceDemoTask(trx, tenantId, taskId, { ownerId: secretary, issuerId: dangwei, acceptedOn: addDays(m.startOn, 2), reportedOn: addDays(demo.today, -10), percent: m.percent });
      const createdAt = at(m.startOn, 9);
      await trx.insertInto('training_talent_milestones').values({ tenant_id: tenantId, id: newId(), talent_id: row.id, title: m.title, due_on: m.dueOn, task_id: taskId, created_by: dangwei, created_at: createdAt }).execute();
      event('milestone', createdAt, dangwei, `${m.title}（${m.dueOn} 前）`);
    }
    if (s.status === 'removed') event('removed', at(removedOn!, 15), dangwei, s.note!);
    events.sort((a, b) => a.at.localeCompare(b.at));
    await trx.insertInto('training_talent_events').values(events).execute();
    await trx.updateTable('training_talents').set({ updated_at: row.updated_at }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
  }
}
