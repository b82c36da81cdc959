// The question bank (题库): a keeper's view of a question (answer and explanation included), creating, editing and
// deleting with the rules of questionRules.ts, each audited in its transaction. A question already taken in an
// attempt keeps its kind, options and answer (the grades were given on them); deleting is soft, so an exam that
// drew the question keeps working.
import { newId } from '../../db/ids.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, fieldError, notFound, Problems } from '../../platform/errors.js';
import { liveOrg, orgRowsOf } from '../org/index.js';
import { checkKeepsQuestion, seesQuestionAt, writesAt } from './policy.js';
import { questionRow, sameStem, takenQuestions } from './questionQueries.js';
import { checkQuestion, type CheckedQuestion } from './questionRules.js';
import type { QuestionCreate, QuestionItem, QuestionPatch } from './questionSchema.js';
import type { TrainingQuestionTable } from './tables.js';

const parse = <T>(s: string): T => JSON.parse(s) as T;

/** The keeper's view of questions, in the given order. */
export async function questionItems(p: Platform, actor: Actor, rows: readonly TrainingQuestionTable[]): Promise<QuestionItem[]> {
  const [orgs, taken] = await Promise.all([orgRowsOf(p.db, actor, rows.map((r) => r.org_id)), takenQuestions(p.db, actor.tenantId, rows.map((r) => r.id))]);
  return rows.map((r) => {
    const keeps = writesAt(actor, r.org_path);
    return {
      id: r.id, orgId: r.org_id, orgName: orgs.get(r.org_id)?.name ?? '', kind: r.kind, stem: r.stem, options: parse(r.options), answer: parse(r.answer),
      explanation: r.explanation, difficulty: r.difficulty, tags: parse(r.tags), updatedAt: r.updated_at, locked: taken.has(r.id),
      allowed: keeps ? ['edit', 'delete'] : [],
    };
  });
}

export async function questionItem(p: Platform, actor: Actor, r: TrainingQuestionTable): Promise<QuestionItem> {
  return (await questionItems(p, actor, [r]))[0]!;
}

/** A live question in the keeper's sight (kept by them or above them), else 404. */
export async function questionFor(p: Platform, actor: Actor, id: string): Promise<TrainingQuestionTable> {
  const r = await questionRow(p.db, actor.tenantId, id);
  if (!r || !seesQuestionAt(actor, r.org_path)) throw notFound('题目');
  return r;
}

/** The organisation a question is kept by: live and where the actor holds training.write, else a 400 on the field. */
export async function keptOrg(trx: DbOrTx, actor: Actor, orgId: string) {
  const org = await liveOrg(trx, actor.tenantId, orgId);
  if (!org || !writesAt(actor, org.path)) throw fieldError('orgId', '所属组织不存在或不在您的管理范围内');
  return org;
}

const duplicateStem = () => conflict('DUPLICATE_QUESTION', '该组织题库中已有题型和题干都相同的题目', { stem: '该组织题库中已有相同的题目' });

/** The stored columns of a checked question. */
export const storedColumns = (c: CheckedQuestion) => ({
  kind: c.kind, stem: c.stem, options: JSON.stringify(c.options), answer: JSON.stringify(c.answer), explanation: c.explanation, difficulty: c.difficulty,
  tags: JSON.stringify(c.tags),
});

/** The question's tags, also one row each (exams draw by tag). */
export async function writeTags(trx: Tx, tenantId: string, questionId: string, tags: readonly string[]): Promise<void> {
  await trx.deleteFrom('training_question_tags').where('tenant_id', '=', tenantId).where('question_id', '=', questionId).execute();
  if (tags.length) await trx.insertInto('training_question_tags').values(tags.map((tag) => ({ tenant_id: tenantId, question_id: questionId, tag }))).execute();
}

/** What an audit entry keeps of a question (its answer too: the bank is not secret from its keepers' log). */
export const auditSnapshot = (r: TrainingQuestionTable) => ({
  orgId: r.org_id, kind: r.kind, stem: r.stem, options: parse(r.options), answer: parse(r.answer), explanation: r.explanation, difficulty: r.difficulty, tags: parse(r.tags),
});

function checked(facts: Parameters<typeof checkQuestion>[0]): CheckedQuestion {
  const pr = new Problems();
  const c = checkQuestion(facts, pr);
  pr.throwIfAny();
  return c;
}

export async function createQuestion(p: Platform, ctx: AuditContext, actor: Actor, body: QuestionCreate): Promise<QuestionItem> {
  // The organisation first: a question for a bank out of scope is refused for that, whatever else it holds.
  await keptOrg(p.db, actor, body.orgId);
  const c = checked(body);
  const id = newId(p.clock.now().getTime());
  await p.audit.tx(ctx, async (trx) => {
    const org = await keptOrg(trx, actor, body.orgId);
    if (await sameStem(trx, actor.tenantId, org.id, c.kind, c.stem)) throw duplicateStem();
    const now = p.clock.now().toISOString();
    await trx.insertInto('training_questions').values({
      tenant_id: actor.tenantId, id, org_id: org.id, org_path: org.path, ...storedColumns(c), created_by: actor.userId, created_at: now, updated_at: now, deleted_at: null,
    }).execute();
    await writeTags(trx, actor.tenantId, id, c.tags);
    const row = (await questionRow(trx, actor.tenantId, id))!;
    await p.audit.record(trx, ctx, { action: 'trainingQuestion.create', entity: 'trainingQuestion', entityId: id, after: auditSnapshot(row) });
  });
  return questionItem(p, actor, (await questionRow(p.db, actor.tenantId, id))!);
}

export async function editQuestion(p: Platform, ctx: AuditContext, actor: Actor, r: TrainingQuestionTable, patch: QuestionPatch): Promise<QuestionItem> {
  checkKeepsQuestion(actor, r.org_path);
  // Changing the kind without new options or answer starts from none, so the rules ask for them.
  const kindChanged = patch.kind !== undefined && patch.kind !== r.kind;
  const c = checked({
    kind: patch.kind ?? r.kind, stem: patch.stem ?? r.stem,
    options: patch.options ?? (kindChanged ? [] : parse<{ text: string }[]>(r.options).map((o) => o.text)),
    answer: patch.answer ?? (kindChanged ? [] : parse<string[]>(r.answer)),
    explanation: patch.explanation ?? r.explanation, difficulty: patch.difficulty ?? r.difficulty, tags: patch.tags ?? parse<string[]>(r.tags),
  });
  await p.audit.tx(ctx, async (trx) => {
    const before = await questionRow(trx, r.tenant_id, r.id);
    if (!before) throw notFound('题目');
    const cols = storedColumns(c);
    const paperChanged = cols.kind !== before.kind || cols.options !== before.options || cols.answer !== before.answer;
    if (paperChanged && (await takenQuestions(trx, r.tenant_id, [r.id])).has(r.id)) {
      throw conflict('QUESTION_TAKEN', '该题已有人作答，不能再修改题型、选项和正确答案（可修改题干文字、解析、难度和标签；如需改答案，请新建题目后删除本题）');
    }
    const org = patch.orgId && patch.orgId !== before.org_id ? await keptOrg(trx, actor, patch.orgId) : null;
    if (await sameStem(trx, r.tenant_id, org?.id ?? before.org_id, c.kind, c.stem, r.id)) throw duplicateStem();
    await trx.updateTable('training_questions').set({ ...(org ? { org_id: org.id, org_path: org.path } : {}), ...cols, updated_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
    if (cols.tags !== before.tags) await writeTags(trx, r.tenant_id, r.id, c.tags);
    const after = (await questionRow(trx, r.tenant_id, r.id))!;
    await p.audit.record(trx, ctx, { action: 'trainingQuestion.update', entity: 'trainingQuestion', entityId: r.id, before: auditSnapshot(before), after: auditSnapshot(after) });
  });
  return questionItem(p, actor, (await questionRow(p.db, r.tenant_id, r.id))!);
}

/** Soft delete: exams and attempts that drew the question keep it; it is drawn no more. */
export async function deleteQuestion(p: Platform, ctx: AuditContext, actor: Actor, r: TrainingQuestionTable): Promise<void> {
  checkKeepsQuestion(actor, r.org_path);
  await p.audit.tx(ctx, async (trx) => {
    const done = await trx.updateTable('training_questions').set({ deleted_at: p.clock.now().toISOString() })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw notFound('题目');
    await p.audit.record(trx, ctx, { action: 'trainingQuestion.delete', entity: 'trainingQuestion', entityId: r.id, before: auditSnapshot(r) });
  });
}
