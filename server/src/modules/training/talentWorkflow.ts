// The life of a talent: a branch nominates a member of its subtree (推荐) with reasons; the committee accepts (在库)
// or rejects with a reason, evaluates yearly, keeps the development plan whose milestones are deployed as 督办
// tasks, and removes the talent with a reason (移出). Decisions are conditional updates on the expected status, so
// of two racing decisions one wins and the other gets a 409; every step writes the history and the audit together.
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import type { Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { memberSummaries } from '../members/index.js';
import { currentPosts, liveOrg } from '../org/index.js';
import { createTask } from '../tasks/index.js';
import { decidesTalent, nominatesAt } from './policy.js';
import { talentDetail, talentFor } from './talentQueries.js';
import { TALENT_GRADE_NAMES, TALENT_STATUS_NAMES, type EvaluationBody, type MilestoneBody, type NominateBody } from './talentSchema.js';
import { categoryNames, TALENT_RULES } from './talentSettings.js';
import type { TalentAction, TalentStatus, TrainingTalentTable } from './tables.js';

const auditOf = (x: Partial<TrainingTalentTable>) => ({
  memberId: x.member_id, orgId: x.org_id, category: x.category, status: x.status, reason: x.reason, planGoal: x.plan_goal,
  decisionNote: x.decision_note, decidedOn: x.decided_on, removedOn: x.removed_on, removedReason: x.removed_reason,
});

async function addEvent(trx: Tx, x: { tenant_id: string; id: string }, action: TalentAction, actorId: string | null, at: string, note: string | null = null) {
  await trx.insertInto('training_talent_events').values({ tenant_id: x.tenant_id, id: newId(), talent_id: x.id, action, note, actor_id: actorId, at }).execute();
}

const detail = async (p: Platform, actor: Actor, id: string) => talentDetail(p, actor, await talentFor(p.db, actor, id));
const alreadyIn = () => conflict('TALENT_OPEN', '该党员已被推荐或已在后备人才库中，不能重复推荐');

export async function nominateTalent(p: Platform, ctx: AuditContext, actor: Actor, body: NominateBody) {
  const m = (await memberSummaries(p.db, actor.tenantId, [body.memberId])).get(body.memberId);
  const branch = m && !m.deleted && m.status === 'active' ? await liveOrg(p.db, actor.tenantId, m.branchId) : undefined;
  if (!m || !branch || !nominatesAt(actor, branch.path)) throw notFound('党员');
  const categories = categoryNames(await p.settings.get(actor.tenantId, TALENT_RULES));
  if (!categories.includes(body.category)) throw fieldError('category', `类别“${body.category}”不在后备人才类别（${categories.join('、')}）中`);
  const open = await p.db.selectFrom('training_talents').select('id').where('tenant_id', '=', actor.tenantId).where('member_id', '=', m.id)
    .where('status', 'in', ['nominated', 'active']).executeTakeFirst();
  if (open) throw alreadyIn();
  const at = p.clock.now().toISOString();
  const row: TrainingTalentTable = {
    tenant_id: actor.tenantId, id: newId(), member_id: m.id, org_id: branch.id, org_path: branch.path, category: body.category, status: 'nominated',
    reason: body.reason, plan_goal: '', decision_note: null, decided_on: null, removed_on: null, removed_reason: null,
    nominated_by: actor.userId, created_at: at, updated_at: at,
  };
  try {
    await p.audit.tx(ctx, async (trx) => {
      await trx.insertInto('training_talents').values(row).execute();
      await addEvent(trx, row, 'nominated', actor.userId, at, body.reason);
      await p.audit.record(trx, ctx, { action: 'training.talent.nominate', entity: 'trainingTalent', entityId: row.id, after: auditOf(row) });
    });
  } catch (err) {
    // Two nominations of one member at the same moment: the open-talent unique index lets one through.
    if (uniqueViolation(err)) throw alreadyIn();
    throw err;
  }
  return detail(p, actor, row.id);
}

/** The talent for a committee decision: in sight (else 404) and the actor the committee (else 403). */
async function decided(p: Platform, actor: Actor, id: string) {
  const x = await talentFor(p.db, actor, id);
  if (!decidesTalent(actor)) throw forbidden('只有党委可以审核、评价、制定培养计划或移出后备人才');
  return x;
}

async function stateConflict(p: Platform, x: TrainingTalentTable, what: string) {
  const cur = await p.db.selectFrom('training_talents').select('status').where('tenant_id', '=', x.tenant_id).where('id', '=', x.id).executeTakeFirst();
  return conflict('TALENT_STATE', `该后备人才当前为「${TALENT_STATUS_NAMES[(cur?.status ?? x.status) as TalentStatus]}」，不能${what}`);
}

/** One conditional step on the talent's row while its status is one of `from`, with its event and audit. */
async function step(p: Platform, ctx: AuditContext, actor: Actor, x: TrainingTalentTable, o: {
  from: TalentStatus[]; what: string; set: Partial<TrainingTalentTable>; action: TalentAction; audit: string; note?: string | null;
  also?: (trx: Tx, at: string) => Promise<void>;
}) {
  if (!o.from.includes(x.status)) throw await stateConflict(p, x, o.what);
  const at = p.clock.now().toISOString();
  const done = await p.audit.tx(ctx, async (trx) => {
    const r = await trx.updateTable('training_talents').set({ ...o.set, updated_at: at })
      .where('tenant_id', '=', x.tenant_id).where('id', '=', x.id).where('status', 'in', o.from).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await o.also?.(trx, at);
    await addEvent(trx, x, o.action, actor.userId, at, o.note ?? null);
    await p.audit.record(trx, ctx, { action: o.audit, entity: 'trainingTalent', entityId: x.id, before: auditOf(x), after: auditOf({ ...x, ...o.set }) });
    return true;
  });
  if (!done) throw await stateConflict(p, x, o.what);
  return detail(p, actor, x.id);
}

export async function acceptTalent(p: Platform, ctx: AuditContext, actor: Actor, id: string, note?: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, {
    from: ['nominated'], what: '审核通过', set: { status: 'active', decided_on: todayIn(p.clock), decision_note: note || null }, action: 'accepted', audit: 'training.talent.accept', note: note || null,
  });
}

export async function rejectTalent(p: Platform, ctx: AuditContext, actor: Actor, id: string, reason: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, { from: ['nominated'], what: '退回', set: { status: 'rejected', decided_on: todayIn(p.clock), decision_note: reason }, action: 'rejected', audit: 'training.talent.reject', note: reason });
}

export async function removeTalent(p: Platform, ctx: AuditContext, actor: Actor, id: string, reason: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, { from: ['active'], what: '移出', set: { status: 'removed', removed_on: todayIn(p.clock), removed_reason: reason }, action: 'removed', audit: 'training.talent.remove', note: reason });
}

export async function setPlan(p: Platform, ctx: AuditContext, actor: Actor, id: string, goal: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, { from: ['active'], what: '修改培养计划', set: { plan_goal: goal }, action: 'planned', audit: 'training.talent.plan', note: goal });
}

/** The yearly evaluation: one per year; a second one in the same year replaces the first (both stay in the history). */
export async function evaluateTalent(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: EvaluationBody) {
  const x = await decided(p, actor, id);
  const thisYear = Number(todayIn(p.clock).slice(0, 4));
  if (body.year > thisYear) throw fieldError('year', `不能评价尚未开始的年度（${body.year}年）`);
  if (body.year < Number(x.created_at.slice(0, 4))) throw fieldError('year', `${body.year}年该党员尚未被推荐入库，不能评价`);
  return step(p, ctx, actor, x, {
    from: ['active'], what: '年度评价', set: {}, action: 'evaluated', audit: 'training.talent.evaluate',
    note: `${body.year}年度 ${TALENT_GRADE_NAMES[body.grade]}：${body.comment}`,
    also: async (trx, at) => {
      await trx.deleteFrom('training_talent_evaluations').where('tenant_id', '=', x.tenant_id).where('talent_id', '=', x.id).where('year', '=', body.year).execute();
      await trx.insertInto('training_talent_evaluations').values({
        tenant_id: x.tenant_id, id: newId(), talent_id: x.id, year: body.year, grade: body.grade, comment: body.comment, evaluated_by: actor.userId, evaluated_at: at,
      }).execute();
    },
  });
}

/**
 * Who carries a milestone's 督办 task: the talent's own account when linked, else the secretary of the branch (the
 * one who develops them there). Null when neither has an account.
 */
async function milestoneOwner(p: Platform, x: TrainingTalentTable): Promise<string | null> {
  const m = (await memberSummaries(p.db, x.tenant_id, [x.member_id])).get(x.member_id);
  if (m?.userId) return m.userId;
  const secretary = (await currentPosts(p.db, x.tenant_id, [x.org_id])).get(x.org_id)?.find((r) => r.post === 'secretary');
  if (!secretary) return null;
  return (await memberSummaries(p.db, x.tenant_id, [secretary.member_id])).get(secretary.member_id)?.userId ?? null;
}

/** A milestone of the plan, deployed at once as a 督办 task of the committee to the talent's branch. */
export async function addMilestone(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: MilestoneBody) {
  const x = await decided(p, actor, id);
  if (body.dueOn < todayIn(p.clock)) throw fieldError('dueOn', '完成期限不能早于今天');
  const ownerId = await milestoneOwner(p, x);
  if (!ownerId) throw fieldError('title', '该党员及其支部书记都没有登录账号，无法派发督办任务');
  const name = (await memberSummaries(p.db, x.tenant_id, [x.member_id])).get(x.member_id)?.name ?? '';
  const root = x.org_path.split('/').filter(Boolean)[0]!;
  const milestoneId = newId();
  return step(p, ctx, actor, x, {
    from: ['active'], what: '新增培养节点', set: {}, action: 'milestone', audit: 'training.talent.milestone', note: `${body.title}（${body.dueOn} 前）`,
    also: async (trx, at) => {
      const taskId = await createTask(trx, p, ctx, {
        title: `后备人才培养：${name}·${body.title}`, description: x.plan_goal ? `培养目标：${x.plan_goal}` : '', kind: 'phased',
        issuingOrgId: root, ownerOrgId: x.org_id, ownerId, dueOn: body.dueOn, doneStandard: body.doneStandard,
        sourceKind: 'talent', sourceId: x.id, sourceLink: `/training/talents?id=${x.id}`, sourceLabel: '后备人才培养计划',
      });
      await trx.insertInto('training_talent_milestones').values({
        tenant_id: x.tenant_id, id: milestoneId, talent_id: x.id, title: body.title, due_on: body.dueOn, task_id: taskId, created_by: actor.userId, created_at: at,
      }).execute();
    },
  });
}
