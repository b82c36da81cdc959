// Demo 量化考核: a monthly branch scheme (automatic 组织生活/管控信息/督办 indicators, 宣传思想 scored by 党群部,
// manual 党风廉政 and 组织建设) with published rounds for the three months before the demo month, a quarterly
// member scheme with a published round for 机关第一党支部, and the demo month's round still being scored by
// `kaohe` (drafts to fill). One sheet gives full marks everywhere and one is never submitted, so the anomaly
// list has something to show. Deterministic (own seed and id sequence); rows written in batches.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { addDays } from '../../platform/calendar.js';
import { indexDocuments } from '../../platform/search/index.js';
import { computeAuto, planRound, type OpenedRound } from './rounds.js';
import { roundSearchDoc } from './infoSource.js';
import { seedAppraisalDemo } from './appraisalDemo.js';
import { leavesOf } from './schemes.js';
import { sheetLeaves } from './sheets.js';
import type { Indicator } from './schema.js';
import type { OrganisationTable } from '../../db/types.js';
import type { AssessmentAutoScoreTable, AssessmentSchemeTable, AssessmentScoreTable, AssessmentSheetTable } from './tables.js';

const SEED = 7_070_707;
const ID_EPOCH = Date.UTC(2026, 7, 1);

const at = (date: string, hour = 2) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function branchTree(unitId: string): Indicator[] {
  const lin = (from: number, to: number) => ({ type: 'linear' as const, from, to });
  return [
    { id: 'orglife', name: '组织生活', maxScore: 30, criteria: '三会一课、主题党日按规定召开，党员按时参加', mode: 'manual', children: [
      { id: 'orglife-held', name: '按规定召开', maxScore: 15, criteria: '按规定召开率 60% 以下不得分，100% 得满分', mode: 'auto', metricKey: 'orgLife.requiredHeldRatio', rule: lin(60, 100) },
      { id: 'orglife-att', name: '党员出勤', maxScore: 15, criteria: '出勤率 60% 以下不得分，100% 得满分', mode: 'auto', metricKey: 'orgLife.attendanceRate', rule: lin(60, 100) },
    ] },
    { id: 'info', name: '管控信息', maxScore: 15, criteria: '按时公开制度、职责、流程及会议活动记录', mode: 'manual', children: [
      { id: 'info-pub', name: '信息发布', maxScore: 15, criteria: '当月发布 5 条以上满分，3 条 10 分，1 条 5 分', mode: 'auto', metricKey: 'info.published',
        rule: { type: 'bands', bands: [{ min: 5, score: 15 }, { min: 3, score: 10 }, { min: 1, score: 5 }] } },
    ] },
    { id: 'task', name: '督办落实', maxScore: 15, criteria: '党委交办事项按时办结', mode: 'manual', children: [
      { id: 'task-ontime', name: '按时完成', maxScore: 15, criteria: '按时完成率 50% 以下不得分，100% 得满分', mode: 'auto', metricKey: 'task.onTimeRate', rule: lin(50, 100) },
    ] },
    { id: 'publicity', name: '宣传思想', maxScore: 10, criteria: '理论学习、宣传报道、意识形态工作，由党群部评分', mode: 'manual', scorer: { kind: 'unit', unitId } },
    { id: 'integrity', name: '党风廉政', maxScore: 15, criteria: '落实主体责任，开展廉政教育，无违纪违规问题', mode: 'manual', scorer: { kind: 'assessor' } },
    { id: 'building', name: '组织建设', maxScore: 15, criteria: '班子健全、台账规范、发展党员程序合规；参考组织生活按规定召开情况', mode: 'manual',
      scorer: { kind: 'assessor' }, evidenceIndicatorId: 'orglife-held' },
  ];
}

const MEMBER_TREE: Indicator[] = [
  { id: 'study', name: '政治学习', maxScore: 25, criteria: '按时参加集中学习，完成个人自学', mode: 'manual', scorer: { kind: 'assessor' } },
  { id: 'life', name: '组织生活参与', maxScore: 25, criteria: '按时参加三会一课和主题党日，不无故缺席', mode: 'manual', scorer: { kind: 'assessor' } },
  { id: 'role', name: '作用发挥', maxScore: 30, criteria: '岗位建功、志愿服务、联系群众', mode: 'manual', scorer: { kind: 'assessor' } },
  { id: 'rules', name: '遵规守纪', maxScore: 20, criteria: '遵守党章党规，按时交纳党费', mode: 'manual', scorer: { kind: 'assessor' } },
];

export async function seedAssessmentDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId } = d;
  const p = d.p;
  const unit = d.community.units.find((u) => u.name === '党群部');
  const kaohe = d.userIds.get('kaohe');
  const dangwei = d.userIds.get('dangwei') ?? null;
  const zb1 = d.userIds.get('zb1');
  const committee = d.community.orgs.find((o) => o.parent_id === null);
  const branch1 = d.community.branches[0];
  if (!unit || !kaohe || !zb1 || !committee || !branch1) return;
  const created = at('2026-07-20');

  const scheme = (name: string, targetType: 'org' | 'member', periodType: 'month' | 'quarter', tree: Indicator[], description: string): AssessmentSchemeTable => ({
    tenant_id: tenantId, id: ids.next(), name, target_type: targetType, period_type: periodType, description, version: 1, indicators: JSON.stringify(tree),
    created_by: dangwei, created_at: created, updated_at: created, deleted_at: null,
  });
  const monthly = scheme('支部党建工作月度考核', 'org', 'month', branchTree(unit.id), '每月对各党支部党建工作进行量化考核，满分 100 分；自动指标取自组织生活、管控信息和督办数据。');
  const quarterly = scheme('党员季度积分考核', 'member', 'quarter', MEMBER_TREE, '每季度由支部书记对党员进行积分评价，满分 100 分。');
  await trx.insertInto('assessment_schemes').values([monthly, quarterly]).execute();

  const sheets: AssessmentSheetTable[] = [];
  const scores: AssessmentScoreTable[] = [];
  const autos: AssessmentAutoScoreTable[] = [];
  const published: OpenedRound[] = [];

  /** Plans a round, swaps in deterministic ids and sets its life-cycle dates. */
  async function round(s: AssessmentSchemeTable, period: string, deadline: string, root: OrganisationTable, assessor: string, opts: { openedOn: string; status: 'published' | 'scoring' }) {
    const r: OpenedRound = await planRound(trx, tenantId, s, { schemeId: s.id, period, rootOrgId: root.id, deadline, assessorUserId: assessor, unitScorers: [{ unitId: unit!.id, userId: kaohe! }] }, root, dangwei, at(opts.openedOn));
    const id = ids.next();
    r.round.id = id;
    r.round.status = opts.status;
    for (const t of r.targets) t.round_id = id;
    for (const sh of r.sheets) {
      sh.id = ids.next();
      sh.round_id = id;
    }
    if (opts.status === 'published') {
      r.round.review_at = at(addDays(deadline, 1));
      r.round.published_at = at(addDays(deadline, 3));
      r.round.published_by = dangwei;
      r.round.updated_at = r.round.published_at;
      published.push(r);
    }
    await trx.insertInto('assessment_rounds').values(r.round).execute();
    for (let i = 0; i < r.targets.length; i += 200) await trx.insertInto('assessment_targets').values(r.targets.slice(i, i + 200)).execute();
    return r;
  }

  const leavesMonthly = leavesOf(JSON.parse(monthly.indicators) as Indicator[]);
  const leavesMember = leavesOf(MEMBER_TREE);
  const mark = (max: number, low = 0.65) => Math.round(max * (low + (1 - low) * rng.next()) * 2) / 2;

  function fill(r: OpenedRound, leaves: ReturnType<typeof leavesOf>, submitFrom: string, opts: { fullMarks?: string; missing?: string; late?: string; draftOnly?: boolean; partial?: number }) {
    let partialLeft = opts.partial ?? 0;
    for (const sh of r.sheets) {
      const own = sheetLeaves(leaves, sh);
      if (opts.draftOnly) {
        // The open round: a couple of sheets half filled, the rest untouched.
        if (sh.kind === 'assessor' && partialLeft > 0) {
          partialLeft--;
          for (const l of own.slice(0, 1)) scores.push({ tenant_id: tenantId, sheet_id: sh.id, indicator_id: l.id, score: mark(l.maxScore), note: '' });
          sh.updated_at = at(addDays(submitFrom, 2));
        }
        continue;
      }
      if (sh.id === opts.missing) continue; // never submitted: a 逾期未提交 anomaly
      for (const l of own) {
        scores.push({ tenant_id: tenantId, sheet_id: sh.id, indicator_id: l.id, score: sh.id === opts.fullMarks ? l.maxScore : mark(l.maxScore), note: '' });
      }
      const day = sh.id === opts.late ? addDays(r.round.deadline, 2) : addDays(submitFrom, rng.int(0, 6));
      sh.status = 'submitted';
      sh.submitted_at = at(day, 1 + rng.int(0, 8));
      sh.updated_at = sh.submitted_at;
    }
    sheets.push(...r.sheets);
  }

  async function freeze(r: OpenedRound) {
    const computed = await computeAuto(p, trx, tenantId, JSON.parse(r.round.indicators) as Indicator[], { from: r.round.period_from, to: r.round.period_to }, r.targets.map((t) => t.target_id));
    for (const [indicatorId, perTarget] of computed) {
      for (const [targetId, v] of perTarget) {
        autos.push({ tenant_id: tenantId, round_id: r.round.id, target_id: targetId, indicator_id: indicatorId, metric_key: v.metricKey, metric_value: v.value,
          score: v.score, formula: v.formula, computed_at: r.round.review_at! });
      }
    }
  }

  // Branches, monthly: the three months before the demo month, published.
  for (const [i, [month, next]] of ([['2026-08', '2026-09'], ['2026-09', '2026-10'], ['2026-10', '2026-11']] as const).entries()) {
    const r = await round(monthly, month, `${next}-10`, committee, kaohe, { openedOn: `${next}-01`, status: 'published' });
    const assessorSheets = r.sheets.filter((s) => s.kind === 'assessor');
    const unitSheets = r.sheets.filter((s) => s.kind === 'unit');
    fill(r, leavesMonthly, `${next}-02`, i === 2
      ? { fullMarks: assessorSheets[1]?.id, missing: unitSheets[4]?.id }
      : i === 1 ? { late: assessorSheets[5]?.id } : {});
    await freeze(r);
  }

  // Members of 机关第一党支部, last quarter, scored by their secretary; published.
  const members = await round(quarterly, '2026-Q3', '2026-10-15', branch1, zb1, { openedOn: '2026-10-08', status: 'published' });
  fill(members, leavesMember, '2026-10-09', {});

  // The demo month: still being scored by kaohe (drafts to fill).
  const open = await round(monthly, '2026-11', '2026-12-05', committee, kaohe, { openedOn: '2026-11-20', status: 'scoring' });
  fill(open, leavesMonthly, '2026-11-20', { draftOnly: true, partial: 2 });

  for (let i = 0; i < sheets.length; i += 200) await trx.insertInto('assessment_sheets').values(sheets.slice(i, i + 200)).execute();
  for (let i = 0; i < scores.length; i += 300) await trx.insertInto('assessment_scores').values(scores.slice(i, i + 300)).execute();
  for (let i = 0; i < autos.length; i += 200) await trx.insertInto('assessment_auto_scores').values(autos.slice(i, i + 200)).execute();
  // Published rounds are found by the search of 管控信息, as publishing them through the API would index them.
  await indexDocuments(trx, p.data.dialect, tenantId, published.map((r) => roundSearchDoc(r.round, r.targets.map((t) => t.target_name))));

  // 民主评议 (the results part of this room).
  await seedAppraisalDemo(d);
}
