// Demo 示范岗与责任区: 30 示范岗 over the six branches (posts in the members' own units: 收费窗口, 维修班, 客服中心 …)
// and 20 责任区, most in the two 物业 branches (the 小区 of the volunteer demo, their buildings and roads). Most are
// 挂牌 (issued 2025–2026) with a year of residents' ratings (mostly 4–5 stars, some comments approved, about ten
// waiting for moderation); a few are 申报, 退回, 审核通过 or 摘牌. dy1 holds the first 示范岗 of 机关第一党支部 (so
// the holder's self-report of the evaluations has someone to show). Deterministic but for the public codes, which
// come from the system's random source like every other code (a code in the source would be a guessable URL).
import type { MemberTable, OrganisationTable } from '../../db/types.js';
import { addDays, dateBetween, IdSequence, Rng } from '../../seed/random.js';
import type { DemoContext } from '../../seed/context.js';
import { shanghaiInstant } from '../../platform/calendar.js';
import { memberOfUser } from '../members/index.js';
import { newPublicCode } from './plaqueWorkflow.js';
import type { AreaKind, CommentStatus, IncentivePlaqueTable, IncentiveRatingTable, PlaqueAction, PlaqueStatus } from './tables.js';

const SEED = 0x1b19a0e5;
const ID_EPOCH = Date.UTC(2026, 5, 1, 2);

/** 示范岗 per branch (tree order) and 责任区 per branch: 30 and 20. */
const POSTS_PER_BRANCH = [6, 5, 6, 6, 4, 3];
const AREAS_PER_BRANCH = [1, 1, 8, 8, 1, 1];
const POST_NAMES: Record<number, string[]> = {
  0: ['综合办公室', '党群工作室', '财务室', '档案室', '人事服务窗口', '信息中心'],
  1: ['后勤保障组', '文印室', '接待室', '安全保卫组', '车辆调度室'],
  2: ['收费窗口', '维修班', '客服中心', '绿化班', '保洁班', '水电维修组'],
  3: ['收费窗口', '维修班', '客服中心', '供暖服务站', '安全巡查队', '电梯维保组'],
  4: ['老年活动室', '党员服务站', '文体队'],
  5: ['老年活动室', '党员服务站', '书画室'],
};
const AREAS: Record<number, { kind: AreaKind; name: string; extent: string }[]> = {
  0: [{ kind: 'road', name: '机关大院周边路段', extent: '大院东门至北门，约 600 米' }],
  1: [{ kind: 'other', name: '机关办公楼', extent: '1–5 层公共区域' }],
  2: [
    { kind: 'community', name: '幸福里小区', extent: '全小区 16 栋楼' }, { kind: 'building', name: '幸福里小区 3 号楼', extent: '3 个单元 72 户' },
    { kind: 'building', name: '幸福里小区 7 号楼', extent: '2 个单元 48 户' }, { kind: 'building', name: '幸福里小区 12 号楼', extent: '4 个单元 96 户' },
    { kind: 'community', name: '向阳新村', extent: '全小区 22 栋楼' }, { kind: 'building', name: '向阳新村 5 号楼', extent: '3 个单元 60 户' },
    { kind: 'building', name: '向阳新村 18 号楼', extent: '2 个单元 40 户' }, { kind: 'road', name: '向阳新村主干道', extent: '南门至活动广场，约 400 米' },
  ],
  3: [
    { kind: 'community', name: '矿建新村', extent: '全小区 28 栋楼' }, { kind: 'building', name: '矿建新村 9 号楼', extent: '4 个单元 80 户' },
    { kind: 'building', name: '矿建新村 21 号楼', extent: '3 个单元 54 户' }, { kind: 'community', name: '光明花园', extent: '全小区 12 栋楼' },
    { kind: 'building', name: '光明花园 2 号楼', extent: '2 个单元 44 户' }, { kind: 'community', name: '东风苑小区', extent: '全小区 14 栋楼' },
    { kind: 'building', name: '东风苑小区 6 号楼', extent: '3 个单元 66 户' }, { kind: 'road', name: '东风苑小区沿街商铺段', extent: '商铺 32 户，约 300 米' },
  ],
  4: [{ kind: 'community', name: '离退休职工活动中心', extent: '活动中心及周边' }],
  5: [{ kind: 'other', name: '老干部活动室', extent: '阅览室、棋牌室' }],
};
const POST_COMMITMENTS = [
  '亮身份、当表率：热情接待每一位群众，一次告知、限时办结，不让群众跑冗路。',
  '坚持首问负责，群众反映的问题当天登记、三日内答复；服务不满意，欢迎扫码评价监督。',
  '接到报修 30 分钟内响应，小修不过夜、大修有计划；做到干净施工、完工回访。',
  '守岗位、讲规范、比服务：公开服务标准与联系方式，接受群众监督。',
];
const AREA_COMMITMENTS = [
  '每周巡查责任区不少于两次，楼道堆物、设施损坏及时发现、及时报修，困难住户定期走访。',
  '做好政策宣传、矛盾调解和环境整治，群众诉求件件有回音、事事有着落。',
  '联系责任区内党员和楼栋长，组织志愿服务，遇有突发情况第一时间到场。',
];
const COMMENTS = [
  '服务态度很好，办事效率高。', '报修第二天就来修好了，谢谢师傅！', '楼道堆物清理得很干净。', '耐心解答问题，给个好评。', '希望晚上也能有人值班。',
  '经常看到他在小区巡查，很负责。', '收费窗口排队有点久，建议增加窗口。', '帮助独居老人买菜送药，点赞！', '小区环境比以前好多了。', '有事找他，一个电话就到。',
];

export async function seedPlaqueDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId, today } = d;
  const unitName = new Map(d.community.units.map((u) => [u.id, u.name]));
  const staffUnit = new Map(d.community.staff.map((s) => [s.id, s.unit_id]));
  const userOf = (u: string) => d.userIds.get(u) ?? null;
  const dy1User = userOf('dy1');
  const dy1 = dy1User ? await memberOfUser(trx, tenantId, dy1User) : undefined;
  const decider = userOf('dangwei');
  const taken = new Set<string>();
  const plaques: IncentivePlaqueTable[] = [];
  const events: { plaque: IncentivePlaqueTable; action: PlaqueAction; on: string; note: string | null; by: string | null }[] = [];
  const codes: { code: string; plaque: IncentivePlaqueTable; on: string }[] = [];

  // Of the 50: 3 申报, 2 退回, 2 审核通过, 3 摘牌, the rest 挂牌 — drawn over the list so every branch has active ones.
  const statuses = rng.shuffle<PlaqueStatus>([...Array<PlaqueStatus>(3).fill('proposed'), ...Array<PlaqueStatus>(2).fill('rejected'),
    ...Array<PlaqueStatus>(2).fill('approved'), ...Array<PlaqueStatus>(3).fill('withdrawn'), ...Array<PlaqueStatus>(40).fill('active')]);
  let n = 0;

  const holderIn = (branch: OrganisationTable, preferred?: string): MemberTable => {
    const pool = d.community.members.filter((m) => m.org_path.startsWith(branch.path) && m.status === 'active' && !m.deleted_at && !taken.has(m.id));
    const m = (preferred && pool.find((x) => x.id === preferred)) || rng.pick(pool);
    taken.add(m.id);
    return m;
  };

  const add = (branchIndex: number, branch: OrganisationTable, kind: 'post' | 'area', i: number) => {
    // dy1's record holds the first 示范岗 of 机关第一党支部, in force (挂牌), whatever the draw.
    const isDy1 = branchIndex === 0 && kind === 'post' && i === 0 && dy1 !== undefined;
    const status: PlaqueStatus = isDy1 ? 'active' : statuses[n]!;
    n++;
    const m = holderIn(branch, isDy1 ? dy1!.id : undefined);
    const periodFrom = status === 'proposed' || status === 'rejected' ? '2027-01-01' : rng.pick(['2025-01-01', '2025-07-01', '2026-01-01']);
    const periodTo = `${Number(periodFrom.slice(0, 4)) + 2}-12-31`;
    const proposedOn = status === 'proposed' || status === 'rejected' ? dateBetween(rng, addDays(today, -40), addDays(today, -3)) : addDays(periodFrom, -rng.int(20, 45));
    let post: string | null = null;
    let area: { kind: AreaKind; name: string; extent: string } | null = null;
    let unitId: string | null = null;
    let title: string;
    if (kind === 'post') {
      post = POST_NAMES[branchIndex]![i % POST_NAMES[branchIndex]!.length]!;
      unitId = staffUnit.get(m.staff_id) ?? null;
      title = `${unitId ? unitName.get(unitId) ?? '' : ''}${post}党员示范岗`;
    } else {
      area = AREAS[branchIndex]![i]!;
      title = `${area.name}党员责任区`;
    }
    const created = shanghaiInstant(proposedOn, 9, rng.int(0, 59));
    const x: IncentivePlaqueTable = {
      tenant_id: tenantId, id: ids.next(), kind, org_id: branch.id, org_path: branch.path, member_id: m.id, title,
      unit_id: unitId, post_name: post, area_kind: area?.kind ?? null, area_name: area?.name ?? null, extent: area?.extent ?? '',
      commitment: kind === 'post' ? rng.pick(POST_COMMITMENTS) : rng.pick(AREA_COMMITMENTS), period_from: periodFrom, period_to: periodTo,
      status, public_code: null, issued_on: null, withdrawn_on: null, withdraw_reason: null, flagged: 0,
      created_by: userOf(`zb${branchIndex + 1}`), created_at: created, updated_at: created, deleted_at: null,
    };
    const secretary = userOf(`zb${branchIndex + 1}`);
    events.push({ plaque: x, action: 'proposed', on: proposedOn, note: null, by: secretary });
    if (status === 'rejected') events.push({ plaque: x, action: 'rejected', on: addDays(proposedOn, 2), note: '承诺内容过于笼统，请写明服务时限和具体措施后重新申报', by: decider });
    if (status !== 'proposed' && status !== 'rejected') {
      const approvedOn = addDays(proposedOn, rng.int(3, 10));
      x.public_code = newPublicCode();
      codes.push({ code: x.public_code, plaque: x, on: approvedOn });
      events.push({ plaque: x, action: 'approved', on: approvedOn, note: null, by: decider });
      if (status !== 'approved') {
        x.issued_on = addDays(approvedOn, rng.int(2, 12));
        events.push({ plaque: x, action: 'issued', on: x.issued_on, note: null, by: decider });
      }
      if (status === 'withdrawn') {
        x.withdrawn_on = dateBetween(rng, addDays(x.issued_on!, 60), addDays(today, -10));
        x.withdraw_reason = rng.pick(['党员工作调动，岗位变更', '党员退休，责任区重新安排', '群众评价持续偏低，经支部研究摘牌']);
        events.push({ plaque: x, action: 'withdrawn', on: x.withdrawn_on, note: x.withdraw_reason, by: decider });
      }
    }
    x.updated_at = shanghaiInstant(events.filter((e) => e.plaque === x).at(-1)!.on, 10);
    plaques.push(x);
  };

  for (const [bi, branch] of d.community.branches.entries()) {
    for (let i = 0; i < POSTS_PER_BRANCH[bi]!; i++) add(bi, branch, 'post', i);
    for (let i = 0; i < AREAS_PER_BRANCH[bi]!; i++) add(bi, branch, 'area', i);
  }

  // ── Ratings: a year of them for every plaque that has been on the wall ─────────────────────────────
  const ratings: IncentiveRatingTable[] = [];
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
  const yearAgo = addDays(today, -365);
  // Two plaques the residents rate poorly, so that the evaluation has something under the threshold to show.
  const weak = new Set(plaques.filter((x) => x.status === 'active' && x.id !== plaques[0]!.id).slice(7, 9).map((x) => x.id));
  let pendingLeft = 10;
  for (const x of plaques) {
    if (!x.issued_on) continue;
    const from = x.issued_on > yearAgo ? x.issued_on : yearAgo;
    const to = x.withdrawn_on ?? today;
    if (from >= to) continue;
    const count = rng.int(5, 30);
    for (let i = 0; i < count; i++) {
      const ratedOn = dateBetween(rng, from, to);
      const score = weak.has(x.id) ? rng.weighted([[1, 25], [2, 35], [3, 30], [4, 10]] as const) : rng.weighted([[5, 60], [4, 30], [3, 8], [2, 2]] as const);
      const withComment = rng.chance(0.25);
      let status: CommentStatus = 'none';
      if (withComment) status = ratedOn > addDays(today, -20) && pendingLeft > 0 ? 'pending' : rng.chance(0.9) ? 'approved' : 'rejected';
      if (status === 'pending') pendingLeft--;
      const created = shanghaiInstant(ratedOn, rng.int(8, 20), rng.int(0, 59));
      ratings.push({
        tenant_id: tenantId, id: ids.next(), plaque_id: x.id, org_path: x.org_path, score,
        comment: withComment ? (weak.has(x.id) ? rng.pick(['反映的问题一直没人处理。', '电话打了好几次都没人接。', '服务态度有待改进。']) : rng.pick(COMMENTS)) : null,
        comment_status: status, moderated_by: status === 'approved' || status === 'rejected' ? userOf(`zb${d.community.branches.findIndex((b) => b.id === x.org_id) + 1}`) : null,
        moderated_at: status === 'approved' || status === 'rejected' ? shanghaiInstant(addDays(ratedOn, 1), 9) : null,
        device_key: hex(), address_key: hex(), rated_on: ratedOn, created_at: created,
      });
    }
  }

  for (const x of plaques) await trx.insertInto('incentive_plaques').values(x).execute();
  for (const c of codes) await trx.insertInto('incentive_public_codes').values({ code: c.code, tenant_id: tenantId, plaque_id: c.plaque.id, created_at: shanghaiInstant(c.on, 10) }).execute();
  for (const e of events) {
    await trx.insertInto('incentive_plaque_events').values({ tenant_id: tenantId, id: ids.next(), plaque_id: e.plaque.id, action: e.action, note: e.note, actor_id: e.by, at: shanghaiInstant(e.on, 10) }).execute();
  }
  for (let i = 0; i < ratings.length; i += 200) await trx.insertInto('incentive_ratings').values(ratings.slice(i, i + 200)).execute();
}
