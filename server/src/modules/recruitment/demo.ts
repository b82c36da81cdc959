// Demo 发展党员: 24 people over the four working branches at every stage. 入党申请人, 积极分子 and 发展对象 are staff
// who are not members yet; 预备党员 and 正式党员 are the roster's newest members, their steps dated back from the
// 支部大会 vote (入党日期) and 转正, so the pipeline and the roster tell one story. One 预备期 is extended through the
// members module's own function. The four branches have this year's 发展计划. Dates keep every rule (rules.ts) and fall on or before DEMO_TODAY.
import type { MemberTable, StaffTable } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { addDays, addMonths, shanghaiInstant, yearsBetween } from '../../platform/calendar.js';
import { storeFile } from '../../platform/files/index.js';
import type { DemoContext } from '../../seed/context.js';
import { IdSequence } from '../../seed/random.js';
import { extendProbationIn, memberInScope } from '../members/index.js';
import type { RecruitPersonTable, RecruitStepTable } from './tables.js';
import { stageAfter } from './steps.js';
import { FILE_OWNER } from './documents.js';

const SEED = 0x0d15a021;
/** A 1×1 PNG standing in for a scanned page. */
const SCAN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ID_EPOCH = Date.UTC(2026, 1, 2, 3);

/** Step dates that keep every rule for an application on `a` (the same spacing a careful branch keeps). */
export function demoPlan(a: string): Map<number, string> {
  const d = new Map<number, string>([[1, a], [2, addDays(a, 12)], [3, addDays(a, 75)]]);
  for (let i = 4; i <= 6; i++) d.set(i, addDays(d.get(3)!, (i - 3) * 7));
  d.set(7, addDays(addMonths(d.get(3)!, 12), 6));
  for (let i = 8; i <= 11; i++) d.set(i, addDays(d.get(7)!, (i - 7) * 6));
  d.set(12, addDays(d.get(11)!, 14));
  d.set(13, addDays(d.get(12)!, 7));
  d.set(14, addDays(d.get(13)!, 5));
  d.set(15, addDays(d.get(14)!, 10));
  for (let i = 16; i <= 22; i++) d.set(i, addDays(d.get(15)!, (i - 15) * 9));
  d.set(23, addMonths(d.get(15)!, 12));
  d.set(24, addDays(d.get(23)!, 12));
  d.set(25, addDays(d.get(24)!, 6));
  return d;
}

/** A plan whose 支部大会 vote falls on `joinedOn` (a member of the roster). */
function planBackFrom(joinedOn: string): Map<number, string> {
  // demoPlan puts the vote 60 days after 发展对象, which is a year and 6 days after 积极分子, 75 days after applying.
  const shift = demoPlan(addDays(addMonths(addDays(joinedOn, -66), -12), -75));
  shift.set(15, joinedOn);
  for (let i = 16; i <= 22; i++) shift.set(i, addDays(joinedOn, (i - 15) * 9));
  shift.set(23, addMonths(joinedOn, 12));
  shift.set(24, addDays(shift.get(23)!, 12));
  shift.set(25, addDays(shift.get(24)!, 6));
  return shift;
}

/** Staff not yet members: [branch, last step, application date]. */
const PIPELINE: [number, number, string][] = [
  [0, 1, '2026-11-10'], [0, 2, '2026-09-15'], [0, 6, '2025-08-20'], [0, 4, '2026-01-12'], [0, 11, '2025-03-03'],
  [1, 1, '2026-11-02'], [1, 3, '2026-04-08'], [1, 5, '2025-10-20'], [1, 14, '2024-12-02'],
  [2, 2, '2026-10-09'], [2, 6, '2025-06-16'], [2, 8, '2025-05-06'],
  [3, 1, '2026-11-18'], [3, 5, '2025-12-01'], [3, 12, '2025-01-13'],
];
/** Roster members: [branch, how many of the branch's newest 预备党员, how many of its latest 转正]. */
const FROM_ROSTER: [number, number, number][] = [[0, 2, 1], [1, 1, 1], [2, 2, 1], [3, 1, 1]];

const NOTES: Record<number, string> = {
  1: '本人递交入党申请书，对党的认识较为端正。', 2: '支部书记与申请人谈话，了解入党动机，介绍党的基本知识。', 3: '经党员推荐、支委会研究，确定为入党积极分子。',
  5: '指定两名正式党员为培养联系人。', 6: '培养联系人每季度谈心一次，半年考察一次。', 7: '支委会研究，确定为发展对象。', 9: '确定两名正式党员为入党介绍人。',
  10: '政治审查合格。', 11: '参加党委组织的发展对象集中培训，结业。', 12: '公示期间无异议，支委会审查同意。', 15: '支部大会表决，同意接收为预备党员。',
  20: '参加党委组织的集体入党宣誓。', 23: '支部大会表决，同意按期转为正式党员。',
};

export async function seedRecruitmentDemo(demo: DemoContext): Promise<void> {
  const { trx, tenantId, community: c, today, now } = demo;
  const ids = new IdSequence(ID_EPOCH, SEED);
  const at = now.toISOString();
  const memberByStaff = new Map(c.members.map((m) => [m.staff_id, m]));
  const branches = c.branches.filter((b) => b.kind === 'branch' || b.kind === 'jointBranch');
  // The branch a unit's people belong to: where most of its members sit.
  const unitBranch = new Map<string, string>();
  const tally = new Map<string, Map<string, number>>();
  const staffById = new Map(c.staff.map((s) => [s.id, s]));
  for (const m of c.members) {
    const unit = staffById.get(m.staff_id)!.unit_id;
    const t = tally.get(unit) ?? new Map<string, number>();
    t.set(m.branch_id, (t.get(m.branch_id) ?? 0) + 1);
    tally.set(unit, t);
  }
  for (const [unit, t] of tally) unitBranch.set(unit, [...t.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  const candidatesOf = (branchId: string) => c.staff.filter((s) => !memberByStaff.has(s.id) && s.employment === 'active' && unitBranch.get(s.unit_id) === branchId
    && yearsBetween(s.birth_date, today) >= 22 && yearsBetween(s.birth_date, today) <= 40);
  const used = new Set<string>();

  const people: RecruitPersonTable[] = [];
  const steps: RecruitStepTable[] = [];
  const fullMembersOf = (branchId: string) => c.members.filter((m) => m.branch_id === branchId && m.type === 'full' && m.status === 'active');
  const add = (s: StaffTable, branchIndex: number, dates: Map<number, string>, lastStep: number, member: MemberTable | null) => {
    const branch = branches[branchIndex]!;
    const id = ids.next();
    const vouchers = fullMembersOf(branch.id);
    people.push({
      tenant_id: tenantId, id, org_id: branch.id, org_path: branch.path, staff_id: s.id, name: s.name, gender: s.gender, birth_date: s.birth_date,
      id_number_enc: s.id_number_enc, id_number_hash: s.id_number_hash, phone_enc: s.phone_enc, unit_id: null, employment: s.employment,
      stage: stageAfter(lastStep), last_step: lastStep, member_id: member?.id ?? null, probation_extended_months: 0, probation_extended_on: null, created_by: null, created_at: at, updated_at: at, deleted_at: null,
    });
    for (let no = 1; no <= lastStep; no++) {
      const doneOn = dates.get(no)!;
      if (doneOn > today) throw new Error(`demo recruitment step ${no} of ${s.name} is after ${today}`);
      const k = (people.length * 3 + no) % Math.max(1, vouchers.length - 2);
      steps.push({
        tenant_id: tenantId, id: ids.next(), person_id: id, step: no, done_on: doneOn, note: NOTES[no] ?? '',
        people: JSON.stringify(no === 5 ? [vouchers[k]!.id, vouchers[k + 1]!.id] : no === 9 ? [vouchers[k + 1]!.id, vouchers[k + 2]!.id] : []),
        meeting_id: null, publicity_from: no === 12 ? addDays(dates.get(11)!, 1) : null, late_reason: null,
        training_days: no === 11 ? 3 + (people.length % 3) : null, training_hours: no === 11 ? 24 + 8 * (people.length % 3) : null, recorded_by: null, recorded_at: at,
      });
    }
    return people[people.length - 1]!;
  };

  for (const [bi, lastStep, appliedOn] of PIPELINE) {
    const s = candidatesOf(branches[bi]!.id).find((x) => !used.has(x.id));
    if (!s) continue;
    used.add(s.id);
    add(s, bi, demoPlan(appliedOn), lastStep, null);
  }
  let extended: RecruitPersonTable | null = null;
  for (const [bi, probationary, confirmed] of FROM_ROSTER) {
    const branchId = branches[bi]!.id;
    const mine = c.members.filter((m) => m.branch_id === branchId && m.status === 'active');
    // The longest-serving 预备党员 first: their 预备期 ends soonest (转正 due in 待办).
    for (const m of mine.filter((x) => x.type === 'probationary').sort((a, b) => a.joined_on.localeCompare(b.joined_on)).slice(0, probationary)) {
      const dates = planBackFrom(m.joined_on);
      const last = Math.max(15, ...[...dates].filter(([no, d]) => no <= 22 && d <= today).map(([no]) => no));
      const p = add(staffById.get(m.staff_id)!, bi, dates, last, m);
      if (bi === 2 && !extended) extended = p;
    }
    for (const m of mine.filter((x) => x.confirmed_on).sort((a, b) => b.confirmed_on!.localeCompare(a.confirmed_on!)).slice(0, confirmed)) {
      const dates = planBackFrom(m.joined_on);
      dates.set(24, m.confirmed_on!);
      if (dates.get(23)! > m.confirmed_on!) dates.set(23, m.confirmed_on!);
      dates.set(25, addDays(m.confirmed_on!, 6));
      add(staffById.get(m.staff_id)!, bi, dates, dates.get(25)! <= today ? 25 : 24, m);
    }
  }
  for (let i = 0; i < people.length; i += 100) await trx.insertInto('recruit_people').values(people.slice(i, i + 100)).execute();
  for (let i = 0; i < steps.length; i += 200) await trx.insertInto('recruit_steps').values(steps.slice(i, i + 200)).execute();

  // Documents: each person's 入党申请书 (a scan), and from 积极分子 on a recent 思想汇报 — except every fourth person,
  // whose last one is five months old, so 思想汇报逾期 has something to show.
  const docs: { person: RecruitPersonTable; kind: string; name: string; on: string }[] = [];
  for (const [i, x] of people.entries()) {
    docs.push({ person: x, kind: '入党申请书', name: `${x.name}入党申请书（扫描件）.png`, on: steps.find((st) => st.person_id === x.id && st.step === 1)!.done_on });
    if (x.last_step >= 3 && x.last_step <= 22) docs.push({ person: x, kind: '思想汇报', name: `${x.name}思想汇报.png`, on: addDays(today, i % 4 === 3 ? -150 : -10 - ((i * 11) % 60)) });
  }
  for (const d of docs) {
    const stamp = shanghaiInstant(d.on, 10);
    const m = await storeFile(trx, tenantId, { ownerKind: FILE_OWNER, ownerId: d.person.id, name: d.name, mime: 'image/png', data: SCAN, createdBy: null, at: stamp });
    await trx.insertInto('recruit_documents').values({ tenant_id: tenantId, id: m.id, person_id: d.person.id, kind: d.kind, created_at: stamp }).execute();
  }

  // The year's 发展计划 of the four working branches, as the 党委 approved them at the start of the year.
  const year = Number(today.slice(0, 4));
  const quotas = [3, 2, 2, 3];
  await trx.insertInto('recruit_plans').values(branches.slice(0, quotas.length).map((b, i) => ({
    tenant_id: tenantId, org_id: b.id, year, quota: quotas[i]!, note: '党委会审定', set_by: demo.userIds.get('dangwei') ?? null, updated_at: shanghaiInstant(`${year}-01-15`, 10),
  }))).execute();

  // One 预备期 extended by six months, on the person and, through the members module, on the member record.
  if (extended) {
    const root = c.orgs.find((o) => o.parent_id === null)!;
    const dangwei = demo.userIds.get('dangwei')!;
    const actor: Actor = {
      tenantId, tenantName: root.name, userId: dangwei, username: 'dangwei', displayName: '党委管理员', sessionId: 'demo', mustChangePassword: false,
      grants: [{ grantId: 'demo', tenantId, roleId: 'demo', roleCode: 'committeeAdmin', roleName: '党委管理员', separation: null, permissions: new Set(['member.write']), orgId: root.id, orgName: root.name, orgKind: root.kind, orgPath: root.path }],
      permissions: new Set(['member.write']),
    };
    const ctx: AuditContext = { tenantId, userId: dangwei, username: 'dangwei', ip: null, requestId: 'demo' };
    const row = await memberInScope(trx, actor, 'member.write', extended.member_id!);
    if (row) {
      const reason = '预备期内工作纪律方面存在不足，支部大会讨论决定延长预备期六个月继续考察';
      await extendProbationIn(trx, demo.p, ctx, actor, row, { months: 6, occurredOn: addDays(today, -6), reason });
      await trx.updateTable('recruit_people').set({ probation_extended_months: 6, probation_extended_on: addDays(today, -6) }).where('tenant_id', '=', tenantId).where('id', '=', extended.id).execute();
    }
  }
}
