// Demo 主题实践活动: the five campaigns of the founding document in the demo year, applying to every 支部, with
// most branches missing their measures (two of six for most; 关键时刻显风采, already closed, has all six), progress
// reports with some late, and 创先争优 calling for “关爱空巢老人”党员志愿服务 精品案例 with exactly two submissions
// (one with results and two ratings, one design only). Deterministic (own seed and ids); batched inserts.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import type { CampaignCaseRatingTable, CampaignCaseTable, CampaignOrgTable, CampaignReportDueTable, CampaignSubmissionTable, CampaignTable } from './tables.js';
import { addDays, shanghaiInstant } from '../../platform/calendar.js';

const SEED = 0x0c4a9e08;
const ID_EPOCH = Date.UTC(2026, 1, 1, 3);

/** An instant on a Shanghai calendar day at `hour` local time. */
const at = (date: string, hour = 10) => shanghaiInstant(date, hour);

interface Spec {
  name: string; kind: string; description: string; startOn: string; endOn: string; measuresDue: string; status: 'active' | 'closed';
  dues: [string, string][];
  /** Tree-order indexes (0–5) of the branches that submitted measures; `late` ones after the due date. */
  submitted: number[]; late: number[];
  /** Per due: how many of the submitting branches reported, and how many of those late. */
  progress: { count: number; late: number }[];
  cases?: { theme: string; designDue: string; resultDue: string };
}

const SPECS: Spec[] = [
  {
    name: '作风建设年', kind: '作风建设年', startOn: '2026-03-01', endOn: '2026-12-31', measuresDue: '2026-03-31', status: 'active',
    description: '<p>深入开展“作风建设年”活动，聚焦“庸懒散拖”问题，各党支部结合实际制定推进措施，明确责任人和时间表。</p><ol><li>查摆作风方面突出问题；</li><li>建立整改台账，逐项销号；</li><li>每季度报送一次进展。</li></ol>',
    dues: [['第一次进展报告', '2026-06-30'], ['第二次进展报告', '2026-09-30']], submitted: [0, 2], late: [2], progress: [{ count: 2, late: 1 }, { count: 1, late: 0 }],
  },
  {
    name: '关键时刻显风采', kind: '主题实践', startOn: '2026-05-01', endOn: '2026-10-31', measuresDue: '2026-05-20', status: 'closed',
    description: '<p>在防汛、疫情防控、安全生产等急难险重任务中，党员挺身而出、冲锋在前。各支部报送党员突击队组建和行动措施。</p>',
    dues: [['汛期工作进展', '2026-08-31']], submitted: [0, 1, 2, 3, 4, 5], late: [3, 5], progress: [{ count: 5, late: 2 }],
  },
  {
    name: '两建一做', kind: '主题实践', startOn: '2026-07-01', endOn: '2027-06-30', measuresDue: '2026-07-31', status: 'active',
    description: '<p>建强支部班子、建好党员队伍、做合格党员。各支部报送推进措施，年底前报送第一次进展。</p>',
    dues: [['第一次进展报告', '2026-10-31'], ['第二次进展报告', '2027-01-31']], submitted: [0, 4], late: [], progress: [{ count: 1, late: 1 }, { count: 0, late: 0 }],
  },
  {
    name: '创先争优', kind: '创先争优', startOn: '2026-09-01', endOn: '2027-03-31', measuresDue: '2026-10-15', status: 'active',
    description: '<p>开展创建先进基层党组织、争当优秀共产党员活动，并征集“关爱空巢老人”党员志愿服务精品案例：先报送设计方案，再报送实施成果。</p>',
    dues: [['阶段进展报告', '2026-12-31']], submitted: [2, 5], late: [5], progress: [{ count: 0, late: 0 }],
    cases: { theme: '“关爱空巢老人”党员志愿服务', designDue: '2026-10-31', resultDue: '2027-01-31' },
  },
  {
    name: '百千万岗位立功创效', kind: '岗位建功', startOn: '2026-10-01', endOn: '2026-12-31', measuresDue: '2026-11-30', status: 'active',
    description: '<p>组织百名党员示范岗、千名党员责任区、万元创效项目，各支部报送岗位立功创效推进措施，并鼓励党员提出合理化建议。</p>',
    dues: [['年终总结', '2026-12-25']], submitted: [0, 3], late: [], progress: [{ count: 0, late: 0 }],
  },
];

const MEASURES = [
  '一、成立以支部书记为组长的工作专班；二、对照要求逐条制定任务清单；三、每月支委会听取一次进展；四、年底开展总结评比。',
  '一、召开支部大会专题部署；二、党员公开承诺、亮明身份；三、设立党员示范岗和责任区；四、每季度通报一次。',
  '一、班子成员分片包干；二、建立问题台账，明确整改时限；三、结合主题党日开展活动；四、及时报送进展和照片。',
];
const PROGRESS = [
  '已召开专题会议两次，完成问题查摆 12 项，整改销号 8 项，其余按计划推进。',
  '党员示范岗挂牌 6 个，开展志愿服务 4 次，参与党员 38 人次。',
  '阶段任务基本完成，个别事项需协调相关科室，下阶段重点抓好落实。',
];

export async function seedCampaignDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId } = d;
  const committee = d.community.orgs.find((o) => o.parent_id === null);
  const branches = d.community.orgs.filter((o) => (o.kind === 'branch' || o.kind === 'jointBranch') && !o.deleted_at).sort((a, b) => (a.path < b.path ? -1 : 1));
  const treeBranches = d.community.branches;
  const dangwei = d.userIds.get('dangwei') ?? null;
  const shenhe = d.userIds.get('shenhe');
  if (!committee || branches.length === 0) return;
  const secretary = (branchIndex: number) => d.userIds.get(`zb${branchIndex + 1}`) ?? null;

  const campaigns: CampaignTable[] = [];
  const orgRows: CampaignOrgTable[] = [];
  const dues: CampaignReportDueTable[] = [];
  const subs: CampaignSubmissionTable[] = [];
  const cases: CampaignCaseTable[] = [];
  const ratings: CampaignCaseRatingTable[] = [];

  for (const s of SPECS) {
    const id = ids.next();
    const created = at(addDays(s.startOn, -5), 9);
    const c: CampaignTable = {
      tenant_id: tenantId, id, name: s.name, kind: s.kind, description: s.description, start_on: s.startOn, end_on: s.endOn, measures_due: s.measuresDue,
      root_org_id: committee.id, root_org_path: committee.path, calls_cases: s.cases ? 1 : 0, case_theme: s.cases?.theme ?? null,
      case_design_due: s.cases?.designDue ?? null, case_result_due: s.cases?.resultDue ?? null, status: s.status, activated_at: at(s.startOn, 9),
      closed_at: s.status === 'closed' ? at(addDays(s.endOn, 1), 9) : null, created_by: dangwei, created_at: created, updated_at: at(s.startOn, 9), deleted_at: null,
    };
    campaigns.push(c);
    for (const b of branches) orgRows.push({ tenant_id: tenantId, campaign_id: id, org_id: b.id, org_path: b.path });
    const dueRows = s.dues.map(([title, dueOn]) => ({ tenant_id: tenantId, campaign_id: id, id: ids.next(), title, due_on: dueOn }));
    dues.push(...dueRows);
    // Tree-order indexes refer to the demo's six branches (community.branches), the accounts zb1–zb6.
    const submitted = s.submitted.map((i) => treeBranches[i]).filter((b): b is NonNullable<typeof b> => !!b);
    submitted.forEach((b, k) => {
      const i = s.submitted[k]!;
      const late = s.late.includes(i);
      const day = late ? addDays(s.measuresDue, rng.int(3, 12)) : addDays(s.measuresDue, -rng.int(1, 10));
      const when = at(day, rng.int(9, 17));
      subs.push({
        tenant_id: tenantId, id: ids.next(), campaign_id: id, org_id: b.id, org_path: b.path, kind: 'measures', report_due_id: null, slot: 'measures',
        content: `<p>${b.name}“${s.name}”推进措施：</p><p>${rng.pick(MEASURES)}</p>`, submitted_by: secretary(i), submitted_at: when, updated_at: when,
      });
    });
    s.progress.forEach((pr, j) => {
      const due = dueRows[j]!;
      if (due.due_on >= d.today) return; // future dues are not reported yet
      submitted.slice(0, pr.count).forEach((b, k) => {
        const late = k < pr.late;
        const day = late ? addDays(due.due_on, rng.int(2, 9)) : addDays(due.due_on, -rng.int(1, 7));
        const when = at(day, rng.int(9, 17));
        subs.push({
          tenant_id: tenantId, id: ids.next(), campaign_id: id, org_id: b.id, org_path: b.path, kind: 'progress', report_due_id: due.id, slot: due.id,
          content: `<p>${due.title}：${rng.pick(PROGRESS)}</p>`, submitted_by: secretary(s.submitted[k]!), submitted_at: when, updated_at: when,
        });
      });
    });
    if (s.cases) {
      // Exactly two: 离退休第一党支部 with results and two ratings, 物业第二党支部 with a design only.
      const withResult = treeBranches[4];
      const designOnly = treeBranches[3];
      if (withResult) {
        const caseId = ids.next();
        cases.push({
          tenant_id: tenantId, id: caseId, campaign_id: id, org_id: withResult.id, org_path: withResult.path, title: '银龄守望——离退休党员结对关爱空巢老人',
          summary: '离退休党员与辖区空巢老人“一对一”结对，定期走访、代购代办、健康陪护。',
          design: '<p><strong>目标：</strong>辖区 40 户空巢老人全部结对。</p><p><strong>做法：</strong>每名党员结对 1–2 户，每周电话问候一次、每月上门走访一次；建立“关爱档案”；联合社区卫生站每季度义诊一次。</p>',
          design_at: at('2026-10-20', 15),
          result: '<p>截至 11 月中旬，结对 42 户，走访 316 人次，代购代办 87 件，义诊 2 次服务 120 人次；2 户老人突发疾病得到及时送医。</p>',
          result_at: at('2026-11-18', 16), status: 'result', created_by: secretary(4), created_at: at('2026-10-20', 15), updated_at: at('2026-11-18', 16), deleted_at: null,
        });
        if (dangwei) ratings.push({ tenant_id: tenantId, case_id: caseId, reviewer_user_id: dangwei, score: 88, comment: '结对精准，成效明显，建议总结推广。', rated_at: at('2026-11-21', 10) });
        if (shenhe) ratings.push({ tenant_id: tenantId, case_id: caseId, reviewer_user_id: shenhe, score: 92, comment: '事迹生动，可作为宣传素材。', rated_at: at('2026-11-22', 11) });
      }
      if (designOnly) {
        cases.push({
          tenant_id: tenantId, id: ids.next(), campaign_id: id, org_id: designOnly.id, org_path: designOnly.path, title: '楼门院党员志愿服务队关爱空巢老人',
          summary: '以楼门院为单位组建党员志愿服务队，为空巢老人提供维修、保洁等物业上门服务。',
          design: '<p>按楼门院划分 8 个服务小组，每组 3 名党员；每月第一个周六集中上门服务；设立空巢老人求助热线。</p>',
          design_at: at('2026-10-29', 16), result: null, result_at: null, status: 'design', created_by: secretary(3), created_at: at('2026-10-29', 16),
          updated_at: at('2026-10-29', 16), deleted_at: null,
        });
      }
    }
  }

  await trx.insertInto('campaigns').values(campaigns).execute();
  for (let i = 0; i < orgRows.length; i += 300) await trx.insertInto('campaign_orgs').values(orgRows.slice(i, i + 300)).execute();
  if (dues.length) await trx.insertInto('campaign_report_dues').values(dues).execute();
  for (let i = 0; i < subs.length; i += 300) await trx.insertInto('campaign_submissions').values(subs.slice(i, i + 300)).execute();
  if (cases.length) await trx.insertInto('campaign_cases').values(cases).execute();
  if (ratings.length) await trx.insertInto('campaign_case_ratings').values(ratings).execute();
}
