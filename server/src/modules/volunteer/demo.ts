// Demo 志愿服务 for the reference community: 50 residents cared for (居民, not staff) in the five 小区 the three 物业
// units look after, answered for by the two 物业 branches; about 10 高, 20 中 and 20 低 risk; two 去世 and one 迁出.
// Members of the 物业 and 离退休 branches are paired with them (1–3 residents each, within the default limit of 3),
// and so is the demo 党员 dy1 (two residents, one overdue); a few pairings ended (history). Six months of visits,
// mostly on time, leave some residents overdue today; one 紧急 visit was dealt with, two 需关注 visits of the last
// fortnight are still open. One voluntary-labour day (小区卫生治理) of 物业第一党支部 carries hours per participant.
// Sensitive fields are stored as the module stores them (encrypted); everything lies before the demo's today.
// Deterministic (own PRNG and ids), written in batches in the seeding transaction.
import type { DemoContext } from '../../seed/context.js';
import type { OrganisationTable } from '../../db/types.js';
import { personKey } from './residents.js';
import { shanghaiInstant } from '../../platform/calendar.js';
import { addDays, addYears, dateBetween, IdSequence, Rng } from '../../seed/random.js';
import { makeIdNumber, nativePlace, personName, phone as mobilePhone } from '../../seed/names.js';
import { memberOfUser, memberSummaries, membersUnder, type MemberSummary } from '../members/index.js';
import { VOLUNTEER_RULES, intervalDays } from './settings.js';
import type {
  LivingSituation, RiskLevel, VisitKind, VolunteerActivityHoursTable, VolunteerPairingTable, VolunteerResidentTable, VolunteerVisitTable,
} from './tables.js';

const SEED = 0x0a9e1d18;
const ID_EPOCH = Date.UTC(2026, 4, 20, 1);

/** The 小区 of the three 物业 units, the branch answering for their residents, and how many of them are registered. */
const COMMUNITIES = [
  { name: '幸福里小区', unit: '物业一科', branch: '物业第一党支部', buildings: 16, residents: 12 },
  { name: '向阳新村', unit: '物业一科', branch: '物业第一党支部', buildings: 22, residents: 11 },
  { name: '矿建新村', unit: '物业二科', branch: '物业第二党支部', buildings: 28, residents: 10 },
  { name: '光明花园', unit: '物业二科', branch: '物业第二党支部', buildings: 12, residents: 9 },
  { name: '东风苑小区', unit: '物业三科', branch: '物业第二党支部', buildings: 14, residents: 8 },
] as const;
/** Whose members visit the residents a branch answers for: its own and the retired members living nearby. */
const VOLUNTEER_BRANCHES: Record<string, readonly string[]> = {
  物业第一党支部: ['物业第一党支部', '离退休第一党支部'],
  物业第二党支部: ['物业第二党支部', '离退休第二党支部'],
};

const ILLNESSES = ['高血压', '糖尿病', '冠心病', '慢性支气管炎', '脑梗后遗症', '骨质疏松', '白内障', '听力下降', '腰椎间盘突出', '膝关节炎', '轻度认知障碍', '心律不齐'];
const NEEDS = ['代购药品', '陪同复诊', '代购生活用品', '打扫卫生', '陪伴聊天', '助餐送餐', '代缴水电费', '上门理发', '测量血压'];
const KINDS: readonly (readonly [VisitKind, number])[] = [['visit', 34], ['chat', 20], ['shopping', 15], ['housework', 10], ['meal', 9], ['escort', 7], ['other', 5]];
/** Minutes a visit of each kind takes: [min, max], rounded to 5. */
const MINUTES: Record<VisitKind, [number, number]> = {
  visit: [30, 60], chat: [45, 120], shopping: [40, 90], housework: [60, 150], meal: [30, 60], escort: [120, 180], other: [30, 90],
};
const NOTES: Record<VisitKind, readonly string[]> = {
  visit: ['上门探望，老人精神状态良好，叮嘱天气变化注意增减衣物。', '入户走访，测量血压{bp}，提醒按时服药。', '上门看望，检查了家中水电燃气，未发现安全隐患。', '探望老人，了解近期饮食起居情况，情绪稳定。'],
  chat: ['陪老人聊天，听老人讲年轻时在矿上的经历，老人心情不错。', '陪伴聊天一个多小时，教老人用手机和子女视频通话。', '和老人拉家常，读了近期的社区新闻，老人很高兴。'],
  shopping: ['代购降压药两盒和米面油，已送到家中。', '帮老人代购药品和蔬菜水果，账目当面核对清楚。', '代购冬季保暖内衣和电热毯，老人很满意。'],
  housework: ['帮助打扫卫生、擦洗门窗，清理阳台杂物。', '清洗油烟机和灶台，更换了坏掉的灯泡。', '帮老人拆洗被罩床单，整理衣柜。'],
  meal: ['从社区老年食堂送午餐，老人反映饭菜口味合适。', '送餐上门并陪老人吃饭，提醒少吃咸菜。', '助餐服务，顺便带去了社区发放的牛奶。'],
  escort: ['陪同到市第一人民医院复诊，挂号、取药后送回家。', '陪同到社区卫生服务中心体检，结果已告知家属。', '陪同到医院复查血糖，医生建议调整用药，已记下注意事项。'],
  other: ['帮老人缴纳水电费、燃气费。', '协助办理高龄津贴年审手续。', '帮老人修好了收音机，调好了常听的频道。'],
};
const URGENT = {
  notes: '上门探访时发现老人在卫生间摔倒，右髋部疼痛无法站立，立即拨打120送市第二人民医院，并通知其子女赶到医院。',
  handled: '经诊断为右股骨颈骨折，已手术治疗。支部协调家属轮流陪护，出院后每周增加一次走访，并为老人申请安装一键呼叫器。',
};
const ATTENTION_HANDLED: readonly (readonly [string, string])[] = [
  ['老人近几天咳嗽加重、夜里睡不好，建议家属带去医院检查。', '已联系其女儿，次日陪同到医院就诊，诊断为支气管炎，现已好转。'],
  ['发现老人家中燃气软管老化开裂，存在安全隐患。', '已通知物业维修班更换燃气软管，并为老人家加装燃气报警器。'],
];
const ATTENTION_OPEN = [
  '老人近一周食欲差，血压偏高（168/100），自述头晕，已提醒按时服药，建议子女尽快带去复查。',
  '老人独居，最近两次敲门很久才应答，说记不清是否吃过药，担心认知障碍加重，需与家属商量照护安排。',
];
const REPLACED_REASONS = ['志愿者工作调动，改由其他党员结对', '志愿者本人身体原因，无法继续走访', '按就近原则调整结对'];
const LEFT_REASONS = ['志愿者调往外地工作', '志愿者家中老人需长期照顾，暂停结对'];
const MOVED_TO = '随子女到郑州居住';

type Fate = 'normal' | 'overdue' | 'unpaired' | 'deceased' | 'movedOut' | 'new';
interface Segment { m: MemberSummary; from: string; to: string | null; reason: string | null }
interface Plan {
  row: VolunteerResidentTable;
  org: OrganisationTable;
  fate: Fate;
  /** Registered months after the programme began (no overdue fate for them: too little history). */
  late: boolean;
  dy1: boolean;
  double: boolean;
  replaced: boolean;
  segments: Segment[];
  visits: VolunteerVisitTable[];
}

export async function seedVolunteerDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId, today } = d;
  const crypto = d.p.fieldCrypto;
  const rules = VOLUNTEER_RULES.defaults;
  const orgByName = new Map(d.community.orgs.map((o) => [o.name, o]));
  const branchOf = (name: string) => {
    const o = orgByName.get(name);
    if (!o) throw new Error(`volunteer demo: no organisation ${name}`);
    return o;
  };
  const userOf = (username: string) => d.userIds.get(username) ?? null;
  /** The responsible branch's 书记 account (zbN follows the branch order): they registered, paired and dealt with alerts. */
  const secretaryOf = (org: OrganisationTable) => userOf(`zb${d.community.branches.findIndex((b) => b.id === org.id) + 1}`) ?? userOf('dangwei')!;
  // The demo 党员's member record as a volunteer (the people room's readers: its tables are not ours to read).
  const dy1User = userOf('dy1');
  const dy1Account = dy1User ? await memberOfUser(trx, tenantId, dy1User) : undefined;
  const dy1 = dy1Account && (await memberSummaries(trx, tenantId, [dy1Account.id])).get(dy1Account.id);

  // ── Residents ──────────────────────────────────────────────────────────────────────────────────
  const programmeStart = addDays(today, -190);
  const risks = rng.shuffle<RiskLevel>([...Array<RiskLevel>(10).fill('high'), ...Array<RiskLevel>(20).fill('medium'), ...Array<RiskLevel>(20).fill('low')]);
  const names = new Set<string>();
  const idNumbers = new Set<string>();
  const plans: Plan[] = [];
  for (const c of COMMUNITIES) {
    const org = branchOf(c.branch);
    for (let i = 0; i < c.residents; i++) {
      const risk = risks[plans.length]!;
      const gender = rng.chance(0.58) ? 'female' : 'male';
      const age = risk === 'high' ? rng.int(83, 95) : risk === 'medium' ? rng.int(74, 90) : rng.int(67, 84);
      const birthDate = dateBetween(rng, addDays(addYears(today, -(age + 1)), 1), addYears(today, -age));
      let name = personName(rng, gender);
      while (names.has(name)) name = personName(rng, gender);
      names.add(name);
      const living: LivingSituation[] = [rng.chance(risk === 'high' ? 0.7 : risk === 'medium' ? 0.45 : 0.3) ? 'alone' : 'emptyNest'];
      if (age >= 80) living.push('elderly');
      const bedridden = risk === 'high' && rng.chance(0.5);
      if (bedridden || (risk === 'medium' && rng.chance(0.1))) living.push('disabledCare');
      if (rng.chance(0.08)) living.push('disability');
      if (rng.chance(0.12)) living.push('lowIncome');
      const illnesses = rng.shuffle(ILLNESSES).slice(0, risk === 'low' ? rng.int(0, 2) : rng.int(1, 3));
      if (bedridden) illnesses.push(rng.pick(['长期卧床', '需坐轮椅']));
      else if (risk !== 'low' && rng.chance(0.5)) illnesses.push(rng.pick(['行动不便', '需拄拐杖']));
      const idNumber = rng.chance(0.6) ? makeIdNumber(nativePlace(rng).code, birthDate, rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0)) : null;
      if (idNumber && idNumbers.has(idNumber)) throw new Error('volunteer demo: duplicate 身份证号');
      if (idNumber) idNumbers.add(idNumber);
      const tel = rng.weighted([['mobile', 75], ['landline', 20], ['none', 5]] as const);
      const phone = tel === 'mobile' ? mobilePhone(rng) : tel === 'landline' ? `0375-${rng.int(2, 8)}${String(rng.int(0, 999_999)).padStart(6, '0')}` : null;
      const floor = risk === 'high' ? rng.int(1, 3) : rng.int(1, 6);
      const address = `${rng.int(1, c.buildings)}号楼${rng.int(1, 4)}单元${floor}0${rng.int(1, 2)}`;
      const row: VolunteerResidentTable = {
        tenant_id: tenantId, id: ids.next(), org_id: org.id, org_path: org.path, name, gender, birth_date: birthDate, community: c.name,
        address_enc: crypto.encrypt(address), phone_enc: phone ? crypto.encrypt(phone) : null, id_number_enc: idNumber ? crypto.encrypt(idNumber) : null,
        person_key: personKey(d.p, { name, birthDate, community: c.name, idNumber }), living: JSON.stringify(living),
        health_enc: illnesses.length ? crypto.encrypt(illnesses.join('，')) : null, needs: rng.shuffle(NEEDS).slice(0, rng.int(1, 3)).join('、'),
        emergency_enc: crypto.encrypt(JSON.stringify(emergencyContacts(rng, name, gender))), risk, status: 'active', status_on: null, last_visit_on: null,
        registered_on: dateBetween(rng, programmeStart, addDays(programmeStart, 12)), created_by: null, created_at: '', updated_at: '', deleted_at: null,
      };
      plans.push({ row, org, fate: 'normal', late: false, dy1: false, double: false, replaced: false, segments: [], visits: [] });
    }
  }

  // Who is what: drawn in a fixed order from a shuffled register, so each role goes to a fitting resident.
  const order = rng.shuffle(plans);
  const take = (ok: (p: Plan) => boolean): Plan => {
    const p = order.find((x) => x.fate === 'normal' && !x.late && !x.dy1 && !x.double && !x.replaced && ok(x));
    if (!p) throw new Error('volunteer demo: no resident fits');
    return p;
  };
  const B1 = '物业第一党支部';
  const B2 = '物业第二党支部';
  take((p) => p.org.name === B1 && p.row.risk === 'high').fate = 'deceased';
  take((p) => p.org.name === B2 && p.row.risk === 'high').fate = 'deceased';
  take((p) => p.org.name === B2 && p.row.risk === 'medium').fate = 'movedOut';
  take((p) => p.org.name === B1 && p.row.risk === 'medium').fate = 'unpaired';
  take((p) => p.org.name === B2 && p.row.risk === 'low').fate = 'unpaired';
  if (dy1) {
    // dy1's two: a 中 resident now overdue and a 低 one visited on time, both in 幸福里小区.
    const a = take((p) => p.row.community === '幸福里小区' && p.row.risk === 'medium');
    a.dy1 = true;
    a.fate = 'overdue';
    take((p) => p.row.community === '幸福里小区' && p.row.risk === 'low').dy1 = true;
  }
  for (const risk of ['high', 'medium', 'medium', 'low', 'low'] as const) take((p) => p.row.risk === risk).fate = 'overdue';
  const newcomer = take((p) => p.row.risk === 'low');
  newcomer.fate = 'new';
  newcomer.row.registered_on = addDays(today, -5);
  for (let i = 0; i < 5; i++) {
    const p = take(() => true);
    p.late = true;
    p.row.registered_on = dateBetween(rng, addDays(today, -120), addDays(today, -25));
  }
  for (let i = 0; i < 4; i++) take((p) => p.row.risk === 'high').double = true;
  for (let i = 0; i < 3; i++) take(() => true).replaced = true;

  // ── Pairings ───────────────────────────────────────────────────────────────────────────────────
  // Volunteers: live members of the 物业 and 离退休 branches without a demo account (the demo accounts keep the
  // scope their tests expect; dy1 is paired on purpose), each taking 1–3 residents in turn.
  const pools = new Map<string, { next: (avoid?: string) => MemberSummary; former: () => MemberSummary }>();
  for (const [branch, from] of Object.entries(VOLUNTEER_BRANCHES)) {
    const members: MemberSummary[] = [];
    for (const b of from) members.push(...(await membersUnder(trx, tenantId, branchOf(b).path, { status: 'active' })).filter((m) => !m.userId));
    const queue = rng.shuffle(members).map((m) => ({ m, left: rng.weighted<number>([[1, 3], [2, 4], [3, 3]]) }));
    let formerAt = queue.length;
    pools.set(branch, {
      next(avoid) {
        const q = queue.find((x) => x.left > 0 && x.m.id !== avoid);
        if (!q) throw new Error('volunteer demo: too few volunteers');
        q.left--;
        return q.m;
      },
      // Former volunteers (ended pairings) come from the other end of the queue, so they hold no open pairing.
      former: () => {
        formerAt--;
        queue[formerAt]!.left = 0;
        return queue[formerAt]!.m;
      },
    });
  }
  const endingPairing = { deceased: '服务对象去世', movedOut: `服务对象迁出（${MOVED_TO}）` } as const;
  for (const p of plans) {
    const pool = pools.get(p.org.name)!;
    const from = addDays(p.row.registered_on, p.fate === 'new' ? 2 : rng.int(1, 6));
    if (p.fate === 'deceased' || p.fate === 'movedOut') {
      p.row.status = p.fate;
      p.row.status_on = dateBetween(rng, addDays(today, -100), addDays(today, -30));
      p.segments.push({ m: pool.former(), from, to: p.row.status_on, reason: endingPairing[p.fate] });
    } else if (p.fate === 'unpaired') {
      p.segments.push({ m: pool.former(), from, to: dateBetween(rng, addDays(today, -60), addDays(today, -45)), reason: rng.pick(LEFT_REASONS) });
    } else if (p.replaced) {
      const handover = dateBetween(rng, addDays(from, 40), addDays(today, -40));
      p.segments.push({ m: pool.former(), from, to: handover, reason: rng.pick(REPLACED_REASONS) });
      p.segments.push({ m: pool.next(), from: handover, to: null, reason: null });
    } else {
      const first = p.dy1 && dy1 ? dy1 : pool.next();
      p.segments.push({ m: first, from, to: null, reason: null });
      if (p.double) p.segments.push({ m: pool.next(first.id), from: addDays(from, rng.int(0, 20)), to: null, reason: null });
    }
  }
  const openCount = new Map<string, number>();
  const pairings: VolunteerPairingTable[] = plans.flatMap((p) => p.segments.map((s): VolunteerPairingTable => {
    const slot = s.to === null ? (openCount.get(s.m.id) ?? 0) + 1 : 1;
    if (s.to === null) openCount.set(s.m.id, slot);
    const by = secretaryOf(p.org);
    return {
      tenant_id: tenantId, id: ids.next(), resident_id: p.row.id, volunteer_kind: 'member', volunteer_id: s.m.id, slot, started_on: s.from,
      ended_on: s.to, end_reason: s.reason, created_by: by, created_at: shanghaiInstant(s.from, 10, rng.int(0, 59)),
      ended_by: s.to ? by : null, ended_at: s.to ? shanghaiInstant(s.to, 16, rng.int(0, 59)) : null,
    };
  }));

  // ── Visits ─────────────────────────────────────────────────────────────────────────────────────
  for (const p of plans) {
    if (p.fate === 'new') continue;
    const interval = intervalDays(rules, p.row.risk);
    const start = p.segments[0]!.from;
    const drawn = p.fate === 'overdue' ? addDays(today, -(interval + rng.int(2, interval >= 14 ? 15 : 5)))
      : p.fate === 'unpaired' ? addDays(p.segments[0]!.to!, -rng.int(1, 6))
        : p.row.status_on ? addDays(p.row.status_on, -rng.int(2, 8))
          : addDays(today, -rng.int(1, interval - 1));
    // A late registration may not reach back that far: its first visit is then its latest.
    const last = drawn < start ? start : drawn;
    // Backwards from the latest visit: mostly within the interval, now and then a few days late.
    for (let day = last; day >= start;) {
      const covering = p.segments.filter((s) => s.from <= day && (s.to === null || day <= s.to));
      const s = covering.length ? rng.pick(covering) : p.segments[0]!;
      const kind = rng.weighted(KINDS);
      const [lo, hi] = MINUTES[kind];
      const notes = rng.pick(NOTES[kind]).replace('{bp}', `${rng.int(125, 150)}/${rng.int(75, 90)}`);
      p.visits.push({
        tenant_id: tenantId, id: '', resident_id: p.row.id, org_path: p.row.org_path, volunteer_kind: 'member', volunteer_id: s.m.id,
        volunteer_org_id: s.m.groupId ?? s.m.branchId, volunteer_org_path: s.m.orgPath, visited_on: day, kind, minutes: 5 * rng.int(lo / 5, hi / 5),
        notes, condition: 'normal', handled_at: null, handled_by: null, handled_note: null,
        recorded_by: dy1 && s.m.id === dy1.id && dy1User ? dy1User : secretaryOf(p.org), created_at: shanghaiInstant(day, rng.int(15, 20), rng.int(0, 59)), deleted_at: null,
      });
      day = addDays(day, -(rng.chance(0.08) ? interval + rng.int(1, 4) : rng.int(Math.max(2, Math.ceil(interval * 0.6)), interval)));
    }
    p.visits.reverse();
  }
  // The 需关注 and 紧急 visits fall on residents with the whole history (not dy1's: their visits are dy1's own).
  const active = (p: Plan) => p.fate === 'normal' && !p.late && !p.dy1 && p.visits.length > 0;
  const nearest = (p: Plan, date: string) => p.visits.reduce((a, b) => (Math.abs(Date.parse(b.visited_on) - Date.parse(date)) < Math.abs(Date.parse(a.visited_on) - Date.parse(date)) ? b : a));
  const handle = (p: Plan, v: VolunteerVisitTable, note: string, afterDays: number) => {
    const on = addDays(v.visited_on, afterDays);
    v.handled_at = shanghaiInstant(on < today ? on : v.visited_on, 9, 30);
    v.handled_by = secretaryOf(p.org);
    v.handled_note = note;
  };
  // One 紧急 (a fall, taken to hospital) dealt with the next day.
  const fell = order.find((p) => active(p) && p.org.name === B1 && p.row.risk === 'high')!;
  const urgent = nearest(fell, addDays(today, -70));
  Object.assign(urgent, { kind: 'escort', minutes: 180, notes: URGENT.notes, condition: 'urgent' });
  handle(fell, urgent, URGENT.handled, 1);
  // Two earlier 需关注 dealt with.
  const handledAt = [addDays(today, -120), addDays(today, -45)];
  const handledPlans = order.filter((p) => active(p) && p !== fell).slice(0, 2);
  handledPlans.forEach((p, i) => {
    const v = nearest(p, handledAt[i]!);
    Object.assign(v, { kind: 'visit', notes: ATTENTION_HANDLED[i]![0], condition: 'attention' });
    handle(p, v, ATTENTION_HANDLED[i]![1], 1 + i);
  });
  // Two 需关注 of the last fortnight still open, one for each 物业 branch's 书记: the resident's latest visit.
  [B1, B2].forEach((branch, i) => {
    const p = order.find((x) => active(x) && x !== fell && !handledPlans.includes(x) && x.org.name === branch && x.visits.at(-1)!.visited_on >= addDays(today, -13))!;
    Object.assign(p.visits.at(-1)!, { kind: 'visit', notes: ATTENTION_OPEN[i]!, condition: 'attention' });
  });

  const visits = plans.flatMap((p) => p.visits).sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const v of visits) v.id = ids.next();
  for (const p of plans) {
    const r = p.row;
    r.last_visit_on = p.visits.at(-1)?.visited_on ?? null;
    r.created_by = secretaryOf(p.org);
    r.created_at = shanghaiInstant(r.registered_on, 9, rng.int(0, 59));
    const touched = [r.registered_on, r.status_on ?? '', r.last_visit_on ?? ''].sort().at(-1)!;
    r.updated_at = shanghaiInstant(touched, 18);
  }

  // ── A voluntary-labour day of 物业第一党支部 ───────────────────────────────────────────────────────
  const b1 = branchOf(B1);
  const heldOn = saturdayOnOrBefore(addDays(today, -18));
  const activityId = ids.next();
  const labourers = rng.shuffle(await membersUnder(trx, tenantId, b1.path, { status: 'active' })).slice(0, rng.int(10, 14));
  const hours: VolunteerActivityHoursTable[] = labourers.map((m) => ({
    tenant_id: tenantId, activity_id: activityId, volunteer_kind: 'member', volunteer_id: m.id, volunteer_org_id: m.groupId ?? m.branchId,
    volunteer_org_path: m.orgPath, held_on: heldOn, minutes: rng.pick([120, 150, 180, 180, 180, 210, 240]), deleted_at: null,
  }));

  await trx.insertInto('volunteer_residents').values(plans.map((p) => p.row)).execute();
  await trx.insertInto('volunteer_pairings').values(pairings).execute();
  // Batches keep each statement within both dialects' bind-parameter limits.
  for (let i = 0; i < visits.length; i += 300) await trx.insertInto('volunteer_visits').values(visits.slice(i, i + 300)).execute();
  const created = shanghaiInstant(addDays(heldOn, 1), 10);
  await trx.insertInto('volunteer_activities').values({
    tenant_id: tenantId, id: activityId, org_id: b1.id, org_path: b1.path, title: '幸福里小区卫生治理义务劳动', held_on: heldOn,
    place: '幸福里小区中心绿地及各楼栋周边',
    description: '支部组织党员清理楼道堆放杂物、拔除绿化带杂草、清运枯枝落叶和建筑垃圾共 8 车，并向居民宣传垃圾分类。',
    org_life_activity_id: null, created_by: secretaryOf(b1), created_at: created, updated_at: created, deleted_at: null,
  }).execute();
  await trx.insertInto('volunteer_activity_hours').values(hours).execute();
}

/** One or two relatives to call in an emergency, mostly the children (an elderly woman's carry her husband's surname). */
function emergencyContacts(rng: Rng, elder: string, gender: 'male' | 'female'): { name: string; relation: string; phone: string }[] {
  const surname = gender === 'male' ? elder[0]! : personName(rng, 'male')[0]!;
  return Array.from({ length: rng.int(1, 2) }, () => {
    const relation = rng.weighted([['儿子', 5], ['女儿', 5], ['儿媳', 1], ['侄子', 1]] as const);
    const childGender = relation === '儿子' || relation === '侄子' ? 'male' : 'female';
    const given = personName(rng, childGender).slice(1);
    // Children keep their father's surname; a daughter-in-law her own.
    const name = relation === '儿媳' ? personName(rng, 'female') : `${surname}${given}`;
    return { name, relation, phone: mobilePhone(rng) };
  });
}

/** The Saturday on or before a date (voluntary labour happens at the weekend). */
function saturdayOnOrBefore(date: string): string {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 1) % 7));
}
