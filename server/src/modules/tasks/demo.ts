// Demo 督办: the 星级文明小区创建 programme with milestones for every branch across months, a few dozen
// tasks in every state (some overdue, some returned once, some closed late) with their timelines, and the
// 2026 responsibility lists of the branches with their quarterly reports (one branch behind). Deterministic
// (own PRNG and ids) and inserted in batches in the seeding transaction.
import type { Insertable } from 'kysely';
import type { DemoContext } from '../../seed/context.js';
import type { Database, DbOrTx, OrganisationTable } from '../../db/types.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { newId } from '../../db/ids.js';
import { addDays, daysBetween } from '../../platform/calendar.js';
import { indexDocuments } from '../../platform/search/index.js';
import { searchDoc } from './service.js';
import type { ReportCycle, TaskEventTable, TaskKind, TaskStatus, TaskTable } from './tables.js';

const SEED = 0x7a5c2026;
const ID_EPOCH = Date.UTC(2026, 0, 1, 9);

/** How far a demo task got: the statuses of the loop, plus closings that came late or after a return. */
type Path = TaskStatus | 'closedLate' | 'closedAfterReturn';

interface Spec {
  title: string; kind: TaskKind; issuer: string; issuingOrg: OrganisationTable; owner: string; ownerOrg: OrganisationTable; coOwners?: string[];
  startOn: string; dueOn: string; path: Path; standard: string; description?: string; programmeId?: string;
}

const TEMPORARY = [
  ['报送第四季度发展党员工作计划', '按党委通知格式报送，含培养对象名单'],
  ['排查离退休党员家庭困难情况', '逐户走访，形成困难党员台账'],
  ['组织学习全会精神专题党课', '支部书记讲党课一次，留存讲稿与签到表'],
  ['整改巡察反馈问题：支部台账不规范', '三会一课记录补齐，台账按年度装订'],
  ['报送主题党日活动照片及签到表', '每次活动照片不少于3张，签到表扫描件'],
  ['开展冬季消防安全隐患排查', '排查楼道、配电室，形成隐患整改清单'],
  ['核对党费收缴台账', '与财务部核对，差异说明报党群部'],
  ['补录党员基本信息采集表', '信息齐全率达到100%'],
  ['走访慰问困难党员和老党员', '走访记录及慰问品签收表'],
  ['上报“两优一先”推荐人选', '推荐材料及支部大会表决记录'],
  ['完成流动党员摸底登记', '登记表报党群部，联系方式准确'],
  ['组织党员参加无偿献血志愿活动', '参加人数及照片报宣传组'],
] as const;
const PHASED = [
  ['党支部标准化规范化建设达标', '对照“六有”标准自查整改，通过党委验收'],
  ['党员示范岗创建', '每个科室至少设立1个示范岗并挂牌'],
  ['楼院党员责任区划分与公示', '责任区划分到楼，公示牌上墙'],
  ['三会一课记录规范化整改', '按统一模板记录，季度检查合格'],
] as const;
const ROUTINE = [
  ['每月主题党日活动', '按时开展并上传活动记录'],
  ['党员积分月度考评', '月底前完成积分录入'],
] as const;
const NOTES = ['已召开支委会研究部署', '已完成前期摸底', '正在逐项推进，进度正常', '已完成大部分工作，正在整理材料', '个别事项需协调相关科室'];
const EVIDENCE = ['已按要求完成，相关材料已整理归档，附工作照片和台账。', '全部事项办结，形成书面总结报党委。', '完成情况详见台账，照片与签到表已扫描存档。'];
const RETURNS = ['佐证材料不全，请补充签到表和照片', '台账与实际不符，请核实后重新报告', '未达到验收标准，请按要求整改'];

async function insertBatched<T extends keyof Database & string>(trx: DbOrTx, table: T, rows: Insertable<Database[T]>[], size = 300): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

export async function seedTaskDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const today = d.today;
  const user = (name: string) => {
    const id = d.userIds.get(name);
    if (!id) throw new Error(`demo account missing: ${name}`);
    return id;
  };
  const c = d.community;
  const committee = c.orgs.find((o) => o.kind === 'committee')!;
  const branches = c.branches;
  const group1 = c.groupsOf.get(branches[0]!.id)![0]!;
  const stamp = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;

  const tasks: TaskTable[] = [];
  const coOwners: { tenant_id: string; task_id: string; user_id: string }[] = [];
  const events: TaskEventTable[] = [];

  function build(s: Spec): void {
    const id = ids.next();
    const row: TaskTable = {
      tenant_id: d.tenantId, id, title: s.title, description: s.description ?? '', kind: s.kind, status: 'deployed', source_kind: 'manual', source_id: null,
      source_link: null, source_label: null, issuer_id: user(s.issuer), issuing_org_id: s.issuingOrg.id, owner_org_id: s.ownerOrg.id, owner_id: user(s.owner),
      programme_id: s.programmeId ?? null, start_on: s.startOn, due_on: s.dueOn, done_standard: s.standard, percent: 0, return_count: 0,
      accepted_at: null, completion_reported_at: null, closed_at: null, closed_on: null, created_at: stamp(s.startOn, 9), updated_at: '', deleted_at: null,
    };
    const ownerId = row.owner_id;
    let status: TaskStatus = 'deployed';
    const ev = (day: string, hour: number, kind: TaskEventTable['kind'], to: TaskStatus, by: string, extra: Partial<TaskEventTable> = {}) => {
      const at = stamp(day, hour);
      events.push({ tenant_id: d.tenantId, id: ids.next(), task_id: id, kind, at, by_user_id: by, from_status: kind === 'deployed' ? null : status, to_status: to, percent: null, notes: null, reason: null, evidence: null, changes: null, ...extra });
      status = to;
      row.updated_at = at;
      return at;
    };
    ev(s.startOn, 9, 'deployed', 'deployed', row.issuer_id, { notes: s.standard });
    row.created_at = row.updated_at;
    const path = s.path;
    if (path !== 'deployed') {
      // The end of the owner's work: a closing date for closed paths, else up to yesterday.
      const late = path === 'closedLate';
      const closesOn = path === 'closed' || path === 'closedAfterReturn' ? (s.dueOn < today ? addDays(s.dueOn, -rng.int(0, 3)) : addDays(today, -1))
        : late ? addDays(s.dueOn, rng.int(2, Math.max(2, Math.min(10, daysBetween(s.dueOn, today) - 1)))) : addDays(today, -1);
      const span = Math.max(3, daysBetween(s.startOn, closesOn));
      const day = (f: number) => addDays(s.startOn, Math.min(span, Math.max(1, Math.round(span * f))));
      row.accepted_at = ev(day(0.05), 10, 'accepted', 'accepted', ownerId);
      if (path !== 'accepted') {
        const reports = rng.int(1, 2);
        for (let i = 1; i <= reports; i++) {
          row.percent = Math.min(90, i * rng.int(25, 45));
          ev(day(0.15 + 0.25 * i), 15, 'reported', 'inProgress', ownerId, { percent: row.percent, notes: rng.pick(NOTES) });
        }
        if (path !== 'inProgress') {
          row.percent = 100;
          row.completion_reported_at = ev(day(path === 'closedAfterReturn' || path === 'returned' ? 0.65 : 0.9), 16, 'completionReported', 'completionReported', ownerId, { percent: 100, evidence: rng.pick(EVIDENCE) });
          if (path === 'returned' || path === 'closedAfterReturn') {
            row.return_count = 1;
            ev(day(path === 'returned' ? 0.95 : 0.75), 10, 'returned', 'returned', row.issuer_id, { reason: rng.pick(RETURNS) });
            if (path === 'closedAfterReturn') {
              ev(day(0.85), 14, 'reported', 'inProgress', ownerId, { percent: 100, notes: '已按退回意见补充材料' });
              row.completion_reported_at = ev(day(0.92), 16, 'completionReported', 'completionReported', ownerId, { percent: 100, evidence: rng.pick(EVIDENCE) });
            }
          }
          if (path === 'closed' || path === 'closedLate' || path === 'closedAfterReturn') {
            row.closed_at = ev(closesOn, 17, 'verified', 'closed', row.issuer_id, { notes: '验收合格，同意销号' });
            row.closed_on = closesOn;
          }
        }
      }
    }
    row.status = status;
    tasks.push(row);
    for (const co of s.coOwners ?? []) coOwners.push({ tenant_id: d.tenantId, task_id: id, user_id: user(co) });
  }

  // ── The 星级文明小区创建 programme: a milestone per branch (two for some), due across months ──────────
  const programmeId = ids.next();
  const at = stamp('2026-09-01', 9);
  await d.trx.insertInto('programmes').values({
    tenant_id: d.tenantId, id: programmeId, name: '星级文明小区创建', description: '按照创建星级文明小区的要求，各支部分工负责环境整治、文明楼院、志愿服务和迎检材料，2027年3月底前完成创建验收。',
    issuing_org_id: committee.id, start_on: '2026-09-01', end_on: '2027-03-31', created_by: user('dangwei'), created_at: at, updated_at: at, deleted_at: null,
  }).execute();
  const milestones: [number, string, string, Path, string][] = [
    [0, '制定星级文明小区创建实施方案', '2026-09-30', 'closed', '方案经党委会审议通过并印发'],
    [1, '制定文明楼院评选标准', '2026-10-31', 'closedAfterReturn', '评选标准公示7天无异议'],
    [2, '小区环境综合整治', '2026-11-20', 'completionReported', '主次干道、绿化带无垃圾杂物，通过党委检查'],
    [2, '停车秩序治理', '2026-11-25', 'inProgress', '划定停车位，消防通道无占用'],
    [3, '楼道杂物清理', '2026-11-29', 'inProgress', '所有楼道无堆放杂物'],
    [4, '组建老年志愿服务队', '2026-12-15', 'accepted', '服务队不少于20人，有章程和活动计划'],
    [5, '开展文明家庭评选', '2027-01-15', 'deployed', '评选出文明家庭不少于10户并公示'],
    [1, '文明楼院创建中期检查', '2026-11-15', 'returned', '中期检查报告及整改清单'],
    [0, '创建成果迎检材料汇编', '2027-03-20', 'deployed', '材料按创建标准分类装订成册'],
  ];
  for (const [bi, title, dueOn, path, standard] of milestones) {
    build({
      title: `${title}`, kind: 'phased', issuer: 'dangwei', issuingOrg: committee, owner: `zb${bi + 1}`, ownerOrg: branches[bi]!, startOn: '2026-09-01',
      dueOn, path, standard, programmeId, description: `星级文明小区创建：${title}`, ...(bi === 0 ? { coOwners: ['weiyuan'] } : {}),
    });
  }

  // ── Committee tasks to the branches, and branch tasks to their committee member and group leader ──────
  const paths: Path[] = ['deployed', 'deployed', 'accepted', 'accepted', 'inProgress', 'inProgress', 'inProgress', 'completionReported', 'completionReported', 'returned', 'closed', 'closed', 'closed', 'closedLate', 'closedAfterReturn'];
  const pools = [...TEMPORARY.map((t) => ['temporary', ...t] as const), ...PHASED.map((t) => ['phased', ...t] as const), ...ROUTINE.map((t) => ['routine', ...t] as const)];
  for (let i = 0; i < 30; i++) {
    const [kind, title, standard] = pools[i % pools.length]!;
    const path = paths[i % paths.length]!;
    const fromBranch = i % 5 === 4;
    const bi = i % 6;
    const owner = fromBranch ? (i % 2 ? 'weiyuan' : 'xz1') : i % 7 === 3 ? 'weiyuan' : `zb${bi + 1}`;
    const ownerOrg = owner === 'xz1' ? group1 : owner === 'weiyuan' ? branches[0]! : branches[bi]!;
    // Open tasks spread over overdue, due soon and later; closed ones lie in the past.
    const closed = path === 'closed' || path === 'closedLate' || path === 'closedAfterReturn';
    const dueOn = closed ? addDays(today, -rng.int(12, 80)) : rng.weighted<string>([[addDays(today, -rng.int(1, 20)), 3], [addDays(today, rng.int(0, 3)), 3], [addDays(today, rng.int(4, 60)), 4]]);
    const startOn = addDays(dueOn < today ? dueOn : today, -rng.int(20, 45));
    build({
      title: fromBranch ? `${branches[0]!.name}：${title}` : title, kind, issuer: fromBranch ? 'zb1' : 'dangwei', issuingOrg: fromBranch ? branches[0]! : committee,
      owner, ownerOrg, startOn, dueOn: path === 'deployed' && dueOn < today ? addDays(today, rng.int(2, 20)) : dueOn, path, standard,
      ...(owner === 'zb1' && i % 3 === 0 ? { coOwners: ['xz1'] } : {}),
    });
  }

  await insertBatched(d.trx, 'tasks', tasks);
  await insertBatched(d.trx, 'task_co_owners', coOwners);
  await insertBatched(d.trx, 'task_events', events);
  await indexDocuments(d.trx, d.p.data.dialect, d.tenantId, tasks.map(searchDoc));

  // ── 2026 responsibility lists: each branch's own (its secretary responsible), quarterly ─────────────
  const DUTIES = [
    ['落实“三会一课”制度', '按规定频次召开，记录完整'], ['抓好党员教育管理', '党员年度学习不少于32学时'],
    ['做好发展党员工作', '严格按照程序，档案规范'], ['落实党风廉政建设责任', '全年无违纪问题'], ['按时足额收缴党费', '按月收缴，台账清楚'],
  ] as const;
  const lists: Insertable<Database['responsibilities']>[] = [];
  const items: Insertable<Database['responsibility_items']>[] = [];
  const reports: Insertable<Database['responsibility_reports']>[] = [];
  const cycle: ReportCycle = 'quarter';
  branches.forEach((b, i) => {
    const id = ids.next();
    const leader = user(`zb${i + 1}`);
    const created = stamp('2026-01-10', 9);
    lists.push({ tenant_id: d.tenantId, id, year: 2026, org_id: b.id, leader_id: leader, leader_key: leader, title: `${b.name}2026年党建工作责任书`, report_cycle: cycle, created_by: user('dangwei'), created_at: created, updated_at: created, deleted_at: null });
    const itemIds = DUTIES.map(([content, standard], k) => {
      const itemId = ids.next();
      items.push({ tenant_id: d.tenantId, id: itemId, responsibility_id: id, sort_order: k, content, standard, deleted_at: null });
      return itemId;
    });
    // Q1–Q3 reported; 离退休第一党支部 missed Q3 (overdue on the list).
    const quarters = i === 4 ? ['Q1', 'Q2'] : ['Q1', 'Q2', 'Q3'];
    const ends: Record<string, string> = { Q1: '2026-04-08', Q2: '2026-07-09', Q3: '2026-10-12' };
    for (const q of quarters) {
      reports.push({
        tenant_id: d.tenantId, id: ids.next(), responsibility_id: id, period: `2026-${q}`, content: `${q === 'Q1' ? '第一' : q === 'Q2' ? '第二' : '第三'}季度各项责任落实到位，${rng.pick(NOTES)}。`,
        item_notes: JSON.stringify([{ itemId: itemIds[0], note: `本季度召开支部党员大会1次、支委会${rng.int(3, 4)}次、党小组会${rng.int(6, 12)}次` }]),
        reported_by: leader, reported_at: stamp(ends[q]!, 10),
      });
    }
  });
  lists.push({
    tenant_id: d.tenantId, id: ids.next(), year: 2026, org_id: committee.id, leader_id: null, leader_key: '', title: '社区党委2026年党建工作责任制清单', report_cycle: 'half',
    created_by: user('dangwei'), created_at: stamp('2026-01-05', 9), updated_at: stamp('2026-01-05', 9), deleted_at: null,
  });
  DUTIES.forEach(([content, standard], k) => items.push({ tenant_id: d.tenantId, id: ids.next(), responsibility_id: lists[lists.length - 1]!.id!, sort_order: k, content, standard, deleted_at: null }));
  reports.push({ tenant_id: d.tenantId, id: ids.next(), responsibility_id: lists[lists.length - 1]!.id!, period: '2026-H1', content: '上半年责任制各项任务按计划推进，党委会专题研究党建工作2次。', item_notes: '[]', reported_by: user('dangwei'), reported_at: stamp('2026-07-06', 10) });
  await insertBatched(d.trx, 'responsibilities', lists);
  await insertBatched(d.trx, 'responsibility_items', items);
  await insertBatched(d.trx, 'responsibility_reports', reports);
}

/**
 * For another module's demo (e.g. the 后备人才库's milestones, created with createTask): carry a deployed task on —
 * accepted on `acceptedOn`, then either a progress report at `percent` on `reportedOn`, or (with `closedOn`) its
 * completion report and the issuer's verification that day (已销号). The timeline is written as the loop would.
 */
export async function advanceDemoTask(trx: DbOrTx, tenantId: string, taskId: string, o: {
  ownerId: string; issuerId: string; acceptedOn: string; reportedOn?: string; percent?: number; closedOn?: string;
}): Promise<void> {
  const stamp = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;
  const events: TaskEventTable[] = [];
  let status: TaskStatus = 'deployed';
  const ev = (day: string, hour: number, kind: TaskEventTable['kind'], to: TaskStatus, by: string, extra: Partial<TaskEventTable> = {}) => {
    events.push({ tenant_id: tenantId, id: newId(), task_id: taskId, kind, at: stamp(day, hour), by_user_id: by, from_status: status, to_status: to, percent: null, notes: null, reason: null, evidence: null, changes: null, ...extra });
    status = to;
    return stamp(day, hour);
  };
  const set: Partial<TaskTable> = { accepted_at: ev(o.acceptedOn, 10, 'accepted', 'accepted', o.ownerId) };
  if (o.closedOn) {
    set.completion_reported_at = ev(o.closedOn, 15, 'completionReported', 'completionReported', o.ownerId, { percent: 100, evidence: EVIDENCE[0] });
    set.closed_at = ev(o.closedOn, 17, 'verified', 'closed', o.issuerId, { notes: '验收合格，同意销号' });
    set.closed_on = o.closedOn;
    set.percent = 100;
  } else if (o.reportedOn && o.percent) {
    ev(o.reportedOn, 15, 'reported', 'inProgress', o.ownerId, { percent: o.percent, notes: NOTES[2] });
    set.percent = o.percent;
  }
  await trx.insertInto('task_events').values(events).execute();
  await trx.updateTable('tasks').set({ ...set, status, updated_at: events[events.length - 1]!.at }).where('tenant_id', '=', tenantId).where('id', '=', taskId).execute();
}
