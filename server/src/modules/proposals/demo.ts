// Demo 合理化建议: 36 proposals across the six branches by the demo accounts who are Party members (each branch's
// 书记, and 机关第一党支部's 委员, 党小组长 and 党员), filed over the demo year: some waiting, some adopted, some
// implemented with values in 分, some not adopted with a reason. All dates lie before the demo's today.
// Deterministic (own seed and ids); one batched insert and one search-index batch.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { indexDocuments } from '../../platform/search/index.js';
import { PROPOSAL_SEARCH_KIND } from './service.js';
import type { ProposalCategory, ProposalStatus, ProposalTable } from './tables.js';
import { addDays, shanghaiInstant } from '../../platform/calendar.js';

const SEED = 0x0b05a1e5;
const ID_EPOCH = Date.UTC(2026, 1, 2, 3);
const at = (date: string, hour = 10) => shanghaiInstant(date, hour);

const IDEAS: [string, string, string, ProposalCategory][] = [
  ['楼道照明改声控节能灯', '将楼道常亮照明改为声控 LED 灯，减少夜间无效照明。', '每年节约电费约 2 万元', '管理'],
  ['电动车集中充电棚建设', '在小区空地建设集中充电棚，杜绝楼道飞线充电。', '消除火灾隐患，充电收费可覆盖成本', '安全'],
  ['物业报修线上登记', '开通微信报修，维修进度居民可查。', '报修响应时间缩短一半', '服务'],
  ['二次供水水箱定期清洗公示', '每半年清洗一次并在单元门口公示水质报告。', '提升居民满意度', '服务'],
  ['绿化用水改用中水', '小区绿化灌溉改用中水，设置简易储水池。', '每年节约水费约 1.5 万元', '技术'],
  ['空巢老人紧急呼叫器', '为独居老人安装一键呼叫器，接入物业值班室。', '突发情况及时处置', '服务'],
  ['办公用纸双面打印', '党群部、综合办推行双面打印和无纸化会议。', '每年节约纸张费用约 3000 元', '管理'],
  ['消防通道划线管理', '对消防通道重新划线并安装警示牌，联合执法清理占道。', '保障消防通道畅通', '安全'],
  ['供暖管道保温层更换', '更换老旧管道保温层，降低热损失。', '供暖能耗降低约 8%', '技术'],
  ['垃圾分类积分兑换', '居民分类投放积分兑换生活用品，党员担任督导员。', '分类准确率提升', '管理'],
  ['电梯维保记录公开', '电梯维保记录张贴在轿厢内，居民扫码可查。', '增强居民信任', '服务'],
  ['车库照明感应改造', '地下车库照明改为人车感应控制。', '每年节约电费约 1.2 万元', '技术'],
  ['党员责任区挂牌', '每栋楼设党员责任区公示牌，写明联系电话。', '居民诉求就近解决', '管理'],
  ['冬季防滑应急物资前置', '在各楼门口前置融雪剂和防滑垫。', '减少冬季摔伤事故', '安全'],
  ['维修材料集中采购', '常用维修材料由三个物业科集中采购。', '采购成本降低约 10%', '管理'],
  ['老旧小区加装扶手', '为无电梯老楼加装楼梯扶手。', '方便老年居民上下楼', '服务'],
  ['配电室温控报警', '配电室安装温湿度传感器，超限短信报警。', '降低设备故障风险', '技术'],
  ['退休党员参与议事会', '邀请退休党员参加小区议事会，收集意见。', '发挥老党员作用', '其他'],
];
const REJECT = ['已纳入明年计划统筹考虑', '投入较大，暂不具备实施条件', '与现行管理规定不符', '已有同类项目在实施'];
const ADOPT = ['建议可行，请相关科室落实', '同意采纳，列入本季度工作计划', '采纳，请物业管理部牵头实施'];

export async function seedProposalDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId } = d;
  const dangwei = d.userIds.get('dangwei') ?? null;
  const staffName = new Map(d.community.staff.map((s) => [s.id, s.name]));
  const orgPath = new Map(d.community.orgs.map((o) => [o.id, o.path]));
  const accountIds = new Set(d.userIds.values());
  // Proposers: demo accounts linked to a member record, with their branch.
  const proposers = d.community.members.filter((m) => m.user_id && accountIds.has(m.user_id) && m.status === 'active')
    .map((m) => ({ userId: m.user_id!, memberId: m.id, name: staffName.get(m.staff_id) ?? '', orgId: m.branch_id }))
    .filter((x) => orgPath.has(x.orgId));
  if (proposers.length === 0) return;
  // Each branch's secretary files some; the first branch's ordinary members file more.
  const weights = proposers.map((x) => [x, x.orgId === d.community.branches[0]?.id ? 3 : 2] as const);

  const rows: ProposalTable[] = [];
  const N = 36;
  for (let i = 0; i < N; i++) {
    const who = rng.weighted(weights);
    const [title, content, benefit, category] = IDEAS[i % IDEAS.length]!;
    // Filed across the year; the last ones are recent and still waiting.
    const filedOn = addDays('2026-01-10', Math.floor((i * 310) / N) + rng.int(0, 6));
    const created = at(filedOn, rng.int(9, 17));
    let status: ProposalStatus = 'submitted';
    const recent = addDays(filedOn, 20) >= d.today;
    if (!recent) status = rng.weighted([['implemented', 5], ['adopted', 3], ['notAdopted', 2], ['submitted', 1]] as const);
    const decidedOn = addDays(filedOn, rng.int(5, 18));
    let implementedOn: string | null = null;
    if (status === 'implemented') {
      implementedOn = addDays(decidedOn, rng.int(10, 60));
      if (implementedOn >= d.today) {
        status = 'adopted';
        implementedOn = null;
      }
    }
    const decided = status !== 'submitted';
    const valueFen = status === 'implemented' ? rng.int(300, 60_000) * 100 + rng.int(0, 99) : null;
    const suffix = i >= IDEAS.length ? '（二期）' : '';
    rows.push({
      tenant_id: tenantId, id: ids.next(), org_id: who.orgId, org_path: orgPath.get(who.orgId)!, proposer_user_id: who.userId, proposer_member_id: who.memberId,
      proposer_name: who.name, title: `${title}${suffix}`, content, expected_benefit: benefit, category, status,
      decision_note: !decided ? null : status === 'notAdopted' ? rng.pick(REJECT) : rng.pick(ADOPT), decided_by: decided ? dangwei : null,
      decided_at: decided ? at(decidedOn, rng.int(9, 17)) : null, implemented_on: implementedOn, value_fen: valueFen,
      value_note: valueFen !== null ? '按财务部核定的年度节约金额计' : null,
      created_at: created, updated_at: implementedOn ? at(implementedOn, 16) : decided ? at(decidedOn, 17) : created, deleted_at: null,
    });
  }
  await trx.insertInto('proposals').values(rows).execute();
  await indexDocuments(trx, d.p.data.dialect, tenantId, rows.map((r) => ({ kind: PROPOSAL_SEARCH_KIND, entityId: r.id, title: r.title, body: `${r.content}\n${r.expected_benefit}\n${r.proposer_name}` })));
}
