// Recording a step: the time rules (rules.ts) with the 业务规则's numbers, the people it names (full members of the
// roster), the meeting that decided it (a 组织生活 record of the branch or above), then one transaction that writes
// the step, moves the person on and, at the 支部大会 vote (step 15) and the 转正 approval (step 24), creates or
// confirms the member record through the members module's own functions: both or neither.
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { AppError, conflict, notFound, Problems } from '../../platform/errors.js';
import { confirmMemberIn, extendProbationIn, insertMember, memberInScope, memberSummaries, prepareMember, type PreparedMember } from '../members/index.js';
import { sessionActivities } from '../orgLife/index.js';
import { checkWrites, mayVouch, meetingFits } from './policy.js';
import { checkExtension, checkStep } from './rules.js';
import type { ExtendBody, StepCreate } from './schema.js';
import { RECRUIT_RULES } from './settings.js';
import { stageAfter, stepDef } from './steps.js';
import type { RecruitPersonTable } from './tables.js';

/** A step that passed every check, ready to write. */
export interface CheckedStep {
  step: number;
  doneOn: string;
  note: string;
  people: string[];
  meetingId: string | null;
  publicityFrom: string | null;
  lateReason: string | null;
  trainingDays: number | null;
  trainingHours: number | null;
}

/** A time rule's refusal: 409 naming the rule, on the date field. */
const ruleRefusal = (code: string, message: string) => new AppError(409, `RULE_${code.toUpperCase()}`, message, { doneOn: message });

/** Dates of the steps a person has done. */
export async function doneSteps(db: DbOrTx, tenantId: string, personId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('recruit_steps').select(['step', 'done_on']).where('tenant_id', '=', tenantId).where('person_id', '=', personId).execute();
  return new Map(rows.map((r) => [r.step, r.done_on]));
}

/**
 * Every check of a step, reads only: the time rules first (their refusal names the rule), then the people and the
 * meeting. `person` needs only what the rules read; the org path is checked when there is a meeting.
 */
export async function checkStepRules(
  p: Platform, person: Pick<RecruitPersonTable, 'tenant_id' | 'birth_date' | 'probation_extended_months' | 'org_path'>,
  done: ReadonlyMap<number, string>, input: Omit<StepCreate, 'step' | 'doneOn'> & { step: number; doneOn: string },
): Promise<CheckedStep> {
  const def = stepDef(input.step)!;
  const rules = await p.settings.get(person.tenant_id, RECRUIT_RULES);
  const refusal = checkStep({
    step: input.step, doneOn: input.doneOn, today: todayIn(p.clock), birthDate: person.birth_date, done, extendedMonths: person.probation_extended_months,
    publicityFrom: input.publicityFrom, lateReason: input.lateReason, trainingDays: input.trainingDays, trainingHours: input.trainingHours,
  }, rules);
  if (refusal) throw ruleRefusal(refusal.code, refusal.message);

  const problems = new Problems();
  const people = [...new Set(input.people ?? [])];
  if (def.people) {
    const { label, min, max } = def.people;
    if (people.length < min || people.length > max) problems.add('people', min === max ? `请选择 ${min} 名${label}` : `请选择 ${min} 至 ${max} 名${label}`);
    else {
      const found = await memberSummaries(p.db, person.tenant_id, people);
      if (people.some((id) => { const m = found.get(id); return !m || !mayVouch(m); })) problems.add('people', `${label}须为正式党员`);
    }
  } else if (people.length > 0) problems.add('people', `第 ${def.no} 步不需要选择人员`);
  if (input.meetingId) {
    const m = (await sessionActivities(p.db, person.tenant_id, [input.meetingId])).get(input.meetingId);
    if (!m || m.deleted || !meetingFits(m.org_path, person.org_path)) problems.add('meetingId', '会议记录不存在或不属于本支部及上级组织');
  }
  if (input.publicityFrom && input.step !== 12) problems.add('publicityFrom', '只有支部委员会审查（第 12 步）需要填写公示开始日期');
  if ((input.trainingDays != null || input.trainingHours != null) && input.step !== 11) problems.add('trainingDays', '只有开展集中培训（第 11 步）需要填写培训天数或学时');
  problems.throwIfAny();
  return {
    step: input.step, doneOn: input.doneOn, note: input.note?.trim() ?? '', people, meetingId: input.meetingId ?? null,
    publicityFrom: input.publicityFrom ?? null, lateReason: input.lateReason?.trim() || null,
    trainingDays: input.trainingDays ?? null, trainingHours: input.trainingHours ?? null,
  };
}

/**
 * Inside the caller's transaction: the step row and the person moved on. The person moves only from the step
 * before (a clerk racing another on the same person: one wins, the other is told to refresh).
 */
export async function insertStep(trx: DbOrTx, p: Platform, ctx: AuditContext, actor: Actor, person: RecruitPersonTable, s: CheckedStep, extra: { memberId?: string } = {}): Promise<void> {
  const now = p.clock.now();
  const moved = await trx.updateTable('recruit_people')
    .set({ last_step: s.step, stage: stageAfter(s.step), updated_at: now.toISOString(), ...(extra.memberId ? { member_id: extra.memberId } : {}) })
    .where('tenant_id', '=', person.tenant_id).where('id', '=', person.id).where('last_step', '=', s.step - 1).executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw conflict('STEP_RACED', '该发展对象刚被他人办理了这一步，请刷新后重试');
  await trx.insertInto('recruit_steps').values({
    tenant_id: person.tenant_id, id: newId(now.getTime()), person_id: person.id, step: s.step, done_on: s.doneOn, note: s.note, people: JSON.stringify(s.people),
    meeting_id: s.meetingId, publicity_from: s.publicityFrom, late_reason: s.lateReason, training_days: s.trainingDays, training_hours: s.trainingHours, recorded_by: actor.userId, recorded_at: now.toISOString(),
  }).execute();
  await p.audit.record(trx, ctx, { action: 'recruit.step', entity: 'recruitPerson', entityId: person.id, after: { step: s.step, name: stepDef(s.step)!.name, doneOn: s.doneOn, people: s.people, meetingId: s.meetingId, ...(s.step === 11 ? { trainingDays: s.trainingDays, trainingHours: s.trainingHours } : {}) } });
}

/** The member record the 支部大会 vote creates: from the linked staff record, or from the identity typed at step 1. */
async function prepareAdmission(p: Platform, actor: Actor, person: RecruitPersonTable, votedOn: string): Promise<PreparedMember> {
  const reason = '支部大会讨论接收为预备党员（发展党员第 15 步）';
  const facts = { branchId: person.org_id, type: 'probationary' as const, joinedOn: votedOn, source: 'admitted' as const, occurredOn: votedOn, reason };
  if (person.staff_id) return prepareMember(p, actor, { ...facts, staffId: person.staff_id });
  return prepareMember(p, actor, {
    ...facts, name: person.name, gender: person.gender, birthDate: person.birth_date, idNumber: p.fieldCrypto.decrypt(person.id_number_enc),
    phone: person.phone_enc ? p.fieldCrypto.decrypt(person.phone_enc) : null, employment: person.employment, unitId: person.unit_id ?? '',
  });
}

async function memberRowOf(trx: DbOrTx, actor: Actor, person: RecruitPersonTable) {
  const row = person.member_id ? await memberInScope(trx, actor, 'member.write', person.member_id) : undefined;
  if (!row) throw notFound('该发展对象的党员档案');
  return row;
}

/** 办理下一步. */
export async function recordStep(p: Platform, ctx: AuditContext, actor: Actor, person: RecruitPersonTable, input: StepCreate): Promise<void> {
  checkWrites(actor, person.org_path);
  const done = await doneSteps(p.db, person.tenant_id, person.id);
  const s = await checkStepRules(p, person, done, input);
  const admission = s.step === 15 ? await prepareAdmission(p, actor, person, s.doneOn) : null;
  await p.audit.tx(ctx, async (trx) => {
    if (admission) {
      const member = await insertMember(trx, p, ctx, actor, admission);
      await insertStep(trx, p, ctx, actor, person, s, { memberId: member.id });
    } else {
      await insertStep(trx, p, ctx, actor, person, s);
    }
    if (s.step === 24) await confirmMemberIn(trx, p, ctx, actor, await memberRowOf(trx, actor, person), { occurredOn: s.doneOn, reason: '上级党委审批转正（发展党员第 24 步）' });
  });
}

/** 延长预备期: once, 6–12 months, on the person and on the member record in one transaction. */
export async function extendPerson(p: Platform, ctx: AuditContext, actor: Actor, person: RecruitPersonTable, input: ExtendBody): Promise<void> {
  checkWrites(actor, person.org_path);
  const refusal = checkExtension(input.months, person.probation_extended_months, person.last_step);
  if (refusal) throw new AppError(409, 'RULE_EXTENSION', refusal, { months: refusal });
  const voted = (await doneSteps(p.db, person.tenant_id, person.id)).get(15)!;
  const problems = new Problems();
  if (input.decidedOn > todayIn(p.clock)) problems.add('decidedOn', `决定日期不能晚于今天（${todayIn(p.clock)}）`);
  if (input.decidedOn < voted) problems.add('decidedOn', `决定日期不能早于支部大会接收日期（${voted}）`);
  problems.throwIfAny();
  await p.audit.tx(ctx, async (trx) => {
    const moved = await trx.updateTable('recruit_people').set({ probation_extended_months: input.months, probation_extended_on: input.decidedOn, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', person.tenant_id).where('id', '=', person.id).where('probation_extended_months', '=', 0).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('RULE_EXTENSION', '按规定，预备期只能延长一次');
    await extendProbationIn(trx, p, ctx, actor, await memberRowOf(trx, actor, person), { months: input.months, occurredOn: input.decidedOn, reason: input.reason });
    await p.audit.record(trx, ctx, { action: 'recruit.extend', entity: 'recruitPerson', entityId: person.id, after: { months: input.months, decidedOn: input.decidedOn, reason: input.reason } });
  });
}
