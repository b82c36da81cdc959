// Demo 组织生活 for the 36 months before the demo day: the 党委's monthly themes (with their activity days)
// and, per branch and group, the meetings of each kind at roughly the required frequency, with the gaps a
// compliance check should find: months missed (离退休第二党支部 skips several 主题党日), records without
// minutes, 主题党日 without photos, low attendance in 物业第二党支部 (~60 %), absentees without a reason or
// 补课, one 党小组 silent for over two months. Attendance rows exist for every expected member. A few
// activities in the coming days are planned (for the sign-in demo), and two past ones were never recorded
// (待补记录). Deterministic (own PRNG and ids), inserted in batches and indexed for search in the seeding
// transaction.
import { sql } from 'kysely';
import type { DemoContext } from '../../seed/context.js';
import type { MemberTable, OrganisationTable } from '../../db/types.js';
import { addDays, IdSequence, Rng } from '../../seed/random.js';
import { indexDocuments } from '../../platform/search/index.js';
import { storeFile } from '../../platform/files/index.js';
import { DEFAULT_KINDS, kindOf, type KindDef } from './kinds.js';
import { FILE_OWNER } from './queries.js';
import { defaultTitle, searchDoc } from './service.js';
import type { AttendanceStatus, OrgLifeActivityTable, OrgLifeAttendanceTable, OrgLifeThemeTable } from './tables.js';

const SEED = 0x0c1f3e55;
const ID_EPOCH = Date.UTC(2026, 0, 1, 7);

/** A 1×1 PNG: the 主题党日 photos of the demo (compliance counts image attachments). */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const THEMES: [string, string, string[]][] = [
  ['学习贯彻党的二十届三中全会精神', '组织党员原原本本学习全会公报和《决定》，结合社区工作谈体会、找差距、定措施。', ['studyDay', 'discussionDay']],
  ['我为群众办实事', '围绕小区居民急难愁盼问题，每名党员认领一件实事，月底前办结并公示。', ['labourDay']],
  ['垃圾分类 共建美好家园', '党员带头做好垃圾分类，分片包干宣传引导，开展楼道和绿地清理。', ['labourDay', 'studyDay']],
  ['学党史 悟思想 办实事 开新局', '重温党的光辉历程，讲好身边的党史故事。', ['studyDay']],
  ['重温入党誓词 牢记初心使命', '举行重温入党誓词仪式，开展“我的入党故事”交流。', ['studyDay']],
  ['党员先锋岗 服务我先行', '在物业服务一线设立党员先锋岗，亮身份、作表率。', ['labourDay']],
  ['清洁家园 党员先行', '组织党员清理小区卫生死角、除草补绿、整治乱堆乱放。', ['labourDay']],
  ['学习贯彻习近平新时代中国特色社会主义思想主题教育', '读原著、学原文、悟原理，交流学习体会。', ['studyDay', 'discussionDay']],
  ['安全生产月 党员当先锋', '排查小区消防、电梯、燃气安全隐患，党员带头整改。', ['labourDay', 'studyDay']],
  ['七一建党节 重温初心', '庆祝中国共产党成立纪念日，表彰优秀党员，讲专题党课。', ['studyDay']],
  ['文明城市创建 党员在行动', '围绕文明城市创建标准，开展文明劝导和环境整治。', ['labourDay']],
  ['合理化建议征集月', '围绕社区治理和物业服务，每名党员至少提出一条合理化建议。', ['discussionDay']],
  ['廉洁从业 警示教育', '学习《中国共产党纪律处分条例》，观看警示教育片。', ['studyDay', 'discussionDay']],
  ['关爱空巢老人 党员结对帮扶', '党员与空巢、独居老人结对，开展走访慰问和志愿服务。', ['labourDay']],
  ['学习宣传贯彻党的二十大精神', '深入学习党的二十大报告，开展专题研讨。', ['studyDay', 'discussionDay']],
  ['冬季防火 平安社区', '开展冬季防火宣传和隐患排查，清理楼道杂物。', ['labourDay']],
  ['党纪学习教育', '学习新修订的《中国共产党纪律处分条例》，以案说纪、以案明纪。', ['studyDay', 'discussionDay']],
  ['绿化美化 共建共享', '组织党员参加植树补绿和绿地养护。', ['labourDay']],
];

const PLACES = ['社区党群服务中心一楼会议室', '党员活动室', '物业服务中心会议室', '社区多功能厅', '老年活动中心', '小区中心广场'];
const LEAVE_REASONS = ['出差', '身体不适', '值班', '家中有事', '外出就医', '照顾病人', '参加上级培训'];
const ABSENT_REASONS = ['未请假', '联系不上', '工作冲突', '外出探亲'];
const LECTURES = ['学习二十届三中全会精神专题党课', '从党史中汲取奋进力量', '坚定理想信念 做合格党员', '全面从严治党永远在路上', '践行宗旨 服务群众', '学习新修订的《中国共产党纪律处分条例》'];

function minutesFor(kind: KindDef, orgName: string, theme: string | null, rng: Rng): { agenda: string; minutes: string; decisions: string } {
  const t = theme ?? '近期重点工作';
  switch (kind.code) {
    case 'partyCongress': return {
      agenda: '一、传达上级党委会议精神；二、通报支部工作；三、表决有关事项',
      minutes: `书记传达了上级党委会议精神，通报了本季度${orgName}工作情况。与会党员围绕支部工作计划充分发表意见，有党员提出要加强对离退休党员的联系服务，会议予以采纳。`,
      decisions: '通过本季度支部工作安排；明确下季度重点任务和责任人。',
    };
    case 'branchCommittee': return {
      agenda: '一、研究本月组织生活安排；二、党员教育管理；三、其他事项',
      minutes: `支委会研究了本月“${t}”主题党日安排，讨论了党员发展、党费收缴和困难党员帮扶等事项。${rng.chance(0.3) ? '组织委员对活动方案提出不同意见，经讨论后调整了活动时间。' : ''}`,
      decisions: '确定本月主题党日时间地点和责任人；按时收缴党费。',
    };
    case 'groupMeeting': return {
      agenda: '一、学习上级文件；二、交流思想工作情况',
      minutes: `党小组长组织学习了上级文件，党员逐一交流了近期思想和工作情况，${rng.chance(0.5) ? '对小区环境整治提出了建议。' : '表示要在本职岗位上发挥先锋模范作用。'}`,
      decisions: '',
    };
    case 'partyLecture': return { agenda: '专题党课', minutes: `授课人围绕“${rng.pick(LECTURES)}”讲授专题党课，党员认真听讲并作学习笔记。`, decisions: '' };
    case 'themeDay': return {
      agenda: `一、学习“${t}”相关内容；二、集体活动；三、交流体会`,
      minutes: `围绕本月主题“${t}”，党员集中学习后开展了志愿服务活动，并交流了学习体会。`, decisions: '',
    };
    case 'lifeMeeting': return {
      agenda: '一、通报年度工作；二、开展批评和自我批评；三、制定整改措施',
      minutes: '支部班子和党员对照检查，逐一开展批评和自我批评，批评意见具体中肯，红脸出汗。会议梳理问题清单，明确整改措施和时限。', decisions: '形成问题清单和整改措施，限期整改。',
    };
    case 'democraticReview': return {
      agenda: '一、党员个人总结；二、民主测评；三、确定评议等次',
      minutes: '党员逐一进行个人总结，开展民主测评，支部委员会根据测评结果提出评议等次意见。', decisions: '确定年度民主评议等次，报上级党委备案。',
    };
    case 'studyDay': return { agenda: '集中学习', minutes: `集中学习“${t}”相关文件，党员轮流领学并谈体会。`, decisions: '' };
    case 'labourDay': return { agenda: '义务劳动', minutes: '党员分组清理小区卫生死角、拔除杂草、整理楼道杂物，居民对活动给予好评。', decisions: '' };
    default: return { agenda: '理论研讨', minutes: `围绕“${t}”开展理论研讨，党员结合工作实际发言，提出了合理化建议。`, decisions: '' };
  }
}

export async function seedOrgLifeDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const c = d.community;
  const kind = (code: string) => kindOf(DEFAULT_KINDS, code)!;
  const staffName = new Map(c.staff.map((s) => [s.id, s.name]));
  const memberName = (m: MemberTable) => staffName.get(m.staff_id) ?? '';
  const live = c.members.filter((m) => !m.deleted_at && m.status === 'active');
  const at = d.now.toISOString();
  const dangwei = d.userIds.get('dangwei') ?? null;

  // ---- Themes: the 36 months before the demo month, the demo month itself (published) and next month (draft). ----
  const [ty, tm] = d.today.split('-').map(Number) as [number, number];
  const monthAt = (offset: number) => {
    const idx = ty * 12 + (tm - 1) + offset;
    return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
  };
  const themes: OrgLifeThemeTable[] = [];
  const themeOf = new Map<string, OrgLifeThemeTable>();
  for (let off = -36; off <= 1; off++) {
    const month = monthAt(off);
    const [title, content, days] = THEMES[(off + 36) % THEMES.length]!;
    const publishedAt = off === 1 ? null : new Date(Date.parse(`${monthAt(off - 1)}-25T09:00:00+08:00`)).toISOString();
    const t: OrgLifeThemeTable = {
      tenant_id: d.tenantId, id: ids.next(), month, title, content, day_kinds: JSON.stringify(days), published_at: publishedAt,
      created_by: dangwei, created_at: publishedAt ?? at, updated_at: publishedAt ?? at,
    };
    themes.push(t);
    themeOf.set(month, t);
  }

  // ---- Activities ----
  const activities: OrgLifeActivityTable[] = [];
  const attendance: OrgLifeAttendanceTable[] = [];
  const themeTitles = new Map<string, string | null>();
  const photoIds: string[] = [];
  const postHolders = new Map<string, MemberTable[]>();
  const memberById = new Map(c.members.map((m) => [m.id, m]));
  // Secretary first (the host), then 副书记/组织委员 (the recorder).
  const RANK = ['secretary', 'groupLeader', 'organisation', 'deputySecretary'];
  const rank = (post: string) => (RANK.includes(post) ? RANK.indexOf(post) : RANK.length);
  for (const post of [...c.posts].sort((a, b) => rank(a.post) - rank(b.post))) {
    if (post.ended_on) continue;
    const m = memberById.get(post.member_id);
    if (m) postHolders.set(post.org_id, [...(postHolders.get(post.org_id) ?? []), m]);
  }
  const membersOf = new Map<string, MemberTable[]>();
  const membersIn = (o: OrganisationTable) => {
    let list = membersOf.get(o.id);
    if (!list) membersOf.set(o.id, (list = live.filter((m) => m.org_path.startsWith(o.path))));
    return list;
  };
  const cutoffArchive = addDays(d.today, -60);

  const add = (o: OrganisationTable, k: KindDef, date: string, opts: {
    startMinutes?: number; present?: number; noMinutes?: boolean; status?: OrgLifeActivityTable['status']; host: MemberTable | undefined; recorder: MemberTable | undefined; expected?: MemberTable[];
  }) => {
    const start = new Date(Date.parse(`${date}T00:00:00+08:00`) + (opts.startMinutes ?? 14 * 60 + 30) * 60_000);
    const startsAt = start.toISOString();
    const endsAt = new Date(start.getTime() + (k.code === 'labourDay' ? 120 : 90) * 60_000).toISOString();
    const theme = (k.activityDay || k.code === 'themeDay') ? themeOf.get(date.slice(0, 7)) : undefined;
    const themed = theme?.published_at ? theme : undefined;
    const status = opts.status ?? (date < cutoffArchive && rng.chance(0.85) ? 'archived' : 'held');
    const text = status === 'planned' || opts.noMinutes ? { agenda: status === 'planned' ? minutesFor(k, o.name, themed?.title ?? null, rng).agenda : '', minutes: '', decisions: '' } : minutesFor(k, o.name, themed?.title ?? null, rng);
    const expected = (opts.expected ?? membersIn(o)).filter((m) => m.joined_on <= date);
    const full = expected.filter((m) => m.type === 'full').length;
    const votes = k.votes && status !== 'planned' && rng.chance(0.5)
      ? [{ motion: rng.pick(['通过本年度支部工作计划', '通过发展预备党员的决议', '通过预备党员按期转为正式党员的决议', '通过支部党费使用方案']), yes: Math.max(0, Math.round(full * (0.6 + rng.next() * 0.3))), no: 0, abstain: rng.int(0, 1) }]
      : [];
    const heldAt = status === 'planned' ? null : new Date(Date.parse(endsAt) + rng.int(10, 60 * 48) * 60_000).toISOString();
    const row: OrgLifeActivityTable = {
      tenant_id: d.tenantId, id: ids.next(), org_id: o.id, org_path: o.path, kind: k.code, title: defaultTitle(o.name, k, startsAt), theme_id: themed?.id ?? null, status,
      starts_at: startsAt, ends_at: endsAt, starts_on: date, place: k.code === 'labourDay' ? '小区中心广场' : rng.pick(PLACES), host_member_id: opts.host?.id ?? null, recorder_member_id: opts.recorder?.id ?? null,
      host_name: '', recorder_name: '', lecturer_name: k.lecturer && opts.host ? memberName(opts.host) : '', agenda: text.agenda, minutes: text.minutes, decisions: text.decisions, votes: JSON.stringify(votes), allow_visitors: 0,
      created_by: null, created_at: new Date(Date.parse(startsAt) - 5 * 86_400_000).toISOString(), updated_by: null, updated_at: heldAt ?? at,
      held_at: heldAt, archived_at: status === 'archived' ? new Date(Date.parse(heldAt!) + 20 * 86_400_000).toISOString() : null, deleted_at: null,
    };
    if (row.archived_at && row.archived_at > at) row.archived_at = at;
    activities.push(row);
    themeTitles.set(row.id, themed?.title ?? null);
    const presentP = opts.present ?? 0.9;
    const marked = status !== 'planned' && !(rng.chance(0.02));
    for (const m of expected) {
      let st: AttendanceStatus = 'unmarked';
      let reason: string | null = null;
      let makeupOn: string | null = null;
      let makeupNote: string | null = null;
      if (marked) {
        if (rng.chance(presentP)) st = 'present';
        else if (rng.chance(0.55)) {
          st = 'leave';
          reason = rng.pick(LEAVE_REASONS);
        } else {
          st = 'absent';
          reason = rng.chance(0.45) ? null : rng.pick(ABSENT_REASONS);
        }
        if ((st === 'leave' || st === 'absent') && rng.chance(st === 'leave' ? 0.7 : 0.35)) {
          makeupOn = addDays(date, rng.int(3, 20));
          if (makeupOn >= d.today) makeupOn = null;
          else makeupNote = '由党小组长补学会议精神';
        }
      }
      const signedIn = st === 'present' && k.signIn && rng.chance(0.4) ? new Date(Date.parse(startsAt) - rng.int(0, 20) * 60_000).toISOString() : null;
      attendance.push({
        tenant_id: d.tenantId, activity_id: row.id, member_id: m.id, expected: 1, status: st, reason, makeup_on: makeupOn, makeup_note: makeupNote,
        signed_in_at: signedIn, method: st === 'unmarked' ? null : signedIn ? 'qr' : 'recorder', updated_by: null, updated_at: heldAt ?? at,
      });
    }
    return row;
  };

  const first = monthAt(-36);
  const months: string[] = [];
  for (let off = -36; off <= 0; off++) months.push(monthAt(off));
  const lastDay = addDays(d.today, -1);
  const day = (month: string, dom: number) => `${month}-${String(Math.min(dom, 28)).padStart(2, '0')}`;

  c.branches.forEach((b, bi) => {
    const holders = postHolders.get(b.id) ?? [];
    const secretary = holders[0];
    const host = secretary;
    const recorder = holders[1] ?? host;
    const presentP = bi === 3 ? 0.6 : bi >= 4 ? 0.82 : 0.92;
    const noMinutesP = bi === 5 ? 0.15 : 0.04;
    const fixedDay = 8 + bi * 2;
    const o = { host, recorder };
    // 离退休第二党支部 skips several 主题党日 (one month in four in the last two years).
    const skipTheme = (mi: number) => (bi === 5 ? mi >= 12 && mi % 4 === 1 : rng.chance(0.03));
    months.forEach((month, mi) => {
      const inRange = (date: string) => date >= `${first}-01` && date <= lastDay;
      const dd = day(month, fixedDay);
      if (!skipTheme(mi) && inRange(dd)) add(b, kind('themeDay'), dd, { ...o, present: presentP, noMinutes: rng.chance(noMinutesP) });
      const cd = day(month, 3 + bi);
      if (holders.length > 1 && rng.chance(0.94) && inRange(cd)) add(b, kind('branchCommittee'), cd, { ...o, startMinutes: 9 * 60, expected: holders, present: 0.95, noMinutes: rng.chance(noMinutesP) });
      const theme = themeOf.get(month);
      for (const code of theme?.published_at ? JSON.parse(theme.day_kinds) as string[] : []) {
        const ad = day(month, 15 + rng.int(0, 10));
        if (rng.chance(bi === 4 ? 0.6 : 0.88) && inRange(ad)) add(b, kind(code), ad, { ...o, startMinutes: 9 * 60, present: presentP - 0.05, noMinutes: rng.chance(noMinutesP) });
      }
      const mm = Number(month.slice(5));
      // Quarterly: 党员大会 in the middle month, 党课 in the last month of the quarter.
      if (mm % 3 === 2 && rng.chance(0.92)) {
        const pd = day(month, 18);
        if (inRange(pd)) add(b, kind('partyCongress'), pd, { ...o, present: presentP, noMinutes: rng.chance(noMinutesP) });
      }
      if (mm % 3 === 0 && rng.chance(0.88)) {
        const ld = day(month, 22);
        if (inRange(ld)) add(b, kind('partyLecture'), ld, { ...o, present: presentP });
      }
      if (mm === 12) {
        const yd = day(month, 26);
        if (inRange(yd)) add(b, kind('lifeMeeting'), yd, { ...o, present: presentP });
        const rd = day(month, 27);
        if (inRange(rd) && rng.chance(0.9)) add(b, kind('democraticReview'), rd, { ...o, present: presentP });
      }
    });
    (c.groupsOf.get(b.id) ?? []).forEach((g, gi) => {
      const leader = (postHolders.get(g.id) ?? [])[0];
      const go = { host: leader ?? host, recorder: leader ?? recorder };
      months.forEach((month, mi) => {
        // 离退休第一党支部 第四党小组 has held nothing since August: a silent organisation.
        if (bi === 4 && gi === 3 && mi >= months.length - 3) return;
        const gd = day(month, 20 + rng.int(0, 6));
        if (rng.chance(bi === 3 ? 0.75 : 0.9) && gd >= `${first}-01` && gd <= lastDay) add(g, kind('groupMeeting'), gd, { ...go, startMinutes: 15 * 60, present: presentP + 0.03, noMinutes: rng.chance(0.05) });
      });
    });
  });

  // Planned: the coming days (sign-in demo) and two past ones never recorded (待补记录).
  const [b1, b2, b3] = c.branches;
  const names = (o: OrganisationTable) => {
    const h = postHolders.get(o.id) ?? [];
    return { host: h[0], recorder: h[1] ?? h[0] };
  };
  if (b1 && b2 && b3) {
    const g1 = c.groupsOf.get(b1.id)!;
    add(b1, kind('branchCommittee'), addDays(d.today, 3), { ...names(b1), startMinutes: 9 * 60, status: 'planned', expected: postHolders.get(b1.id) });
    add(g1[0]!, kind('groupMeeting'), addDays(d.today, 5), { ...names(g1[0]!), startMinutes: 15 * 60, status: 'planned' });
    add(b3, kind('partyLecture'), addDays(d.today, 6), { ...names(b3), status: 'planned' });
    add(b1, kind('themeDay'), addDays(d.today, 11), { ...names(b1), status: 'planned' });
    add(b2, kind('themeDay'), addDays(d.today, -7), { ...names(b2), status: 'planned' });
    add(g1[1]!, kind('groupMeeting'), addDays(d.today, -9), { ...names(g1[1]!), startMinutes: 15 * 60, status: 'planned' });
  }

  for (let i = 0; i < themes.length; i += 200) await d.trx.insertInto('org_life_themes').values(themes.slice(i, i + 200)).execute();
  for (let i = 0; i < activities.length; i += 300) await d.trx.insertInto('org_life_activities').values(activities.slice(i, i + 300)).execute();
  for (let i = 0; i < attendance.length; i += 2000) await d.trx.insertInto('org_life_attendance').values(attendance.slice(i, i + 2000)).execute();
  await indexDocuments(d.trx, d.p.data.dialect, d.tenantId, activities.map((a) => searchDoc(a, themeTitles.get(a.id) ?? null)));
  // Photos of held 主题党日 (one in ten without: a compliance finding).
  for (const a of activities) if (a.kind === 'themeDay' && a.status !== 'planned' && rng.chance(0.9)) photoIds.push(a.id);
  for (const id of photoIds) {
    await storeFile(d.trx, d.tenantId, { ownerKind: FILE_OWNER, ownerId: id, name: '活动照片.png', mime: 'image/png', data: PHOTO, createdBy: null, at });
  }
  if (d.p.data.dialect === 'postgres') await sql`analyze org_life_themes, org_life_activities, org_life_attendance, files, search_documents`.execute(d.trx);
}
