// Keeping exams (training.write over the exam's organisation): create, edit, publish, close early, delete; the list
// and the detail for keepers (training.read). A paper is checked against the bank when saved and again when
// published; once anyone has taken a published exam, its paper, start, time limit and scoring are fixed.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { likeLiteral } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { liveOrg, orgNames } from '../org/index.js';
import { checkFixed, checkRules, paperCount, paperTotal } from './examPaper.js';
import type { ExamCreate, ExamDetail, ExamItem, ExamPatch, PaperRule } from './examSchema.js';
import { keepsExam, readableAt, readsExam } from './policy.js';
import type { TrainingExamTable } from './tables.js';

export type ExamRow = TrainingExamTable;

export const examRow = (db: DbOrTx, tenantId: string, id: string): Promise<ExamRow | undefined> =>
  db.selectFrom('training_exams').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();

/** The exam as a keeper reaches it: 404 unless they read training records of its organisation. */
export async function examFor(db: DbOrTx, actor: Actor, id: string): Promise<ExamRow> {
  const e = await examRow(db, actor.tenantId, id);
  if (!e || !readsExam(actor, e)) throw notFound('考试');
  return e;
}

export const parseRules = (s: string): PaperRule[] => JSON.parse(s) as PaperRule[];

export function phaseOf(e: Pick<ExamRow, 'status' | 'opens_at' | 'closes_at'>, now: string): ExamItem['phase'] {
  if (e.status === 'draft') return 'draft';
  if (now < e.opens_at) return 'upcoming';
  return now < e.closes_at ? 'open' : 'closed';
}

async function fixedQuestions(db: DbOrTx, e: Pick<ExamRow, 'tenant_id' | 'id'>) {
  return db.selectFrom('training_exam_questions').select(['question_id', 'points', 'position'])
    .where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).orderBy('position').execute();
}

async function attemptCounts(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { attempts: number; takers: number }>();
  const rows = await db.selectFrom('training_attempts')
    .select((eb) => ['exam_id', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('member_id').distinct().as('m')])
    .where('tenant_id', '=', tenantId).where('exam_id', 'in', ids).groupBy('exam_id').execute();
  return new Map(rows.map((r) => [r.exam_id, { attempts: Number(r.n), takers: Number(r.m) }]));
}

async function fixedCounts(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await db.selectFrom('training_exam_questions').select((eb) => ['exam_id', eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('exam_id', 'in', ids).groupBy('exam_id').execute();
  return new Map(rows.map((r) => [r.exam_id, Number(r.n)]));
}

async function toItems(p: Platform, actor: Actor, rows: readonly ExamRow[]): Promise<ExamItem[]> {
  const ids = rows.map((r) => r.id);
  const [counts, fixed, names] = await Promise.all([
    attemptCounts(p.db, actor.tenantId, ids), fixedCounts(p.db, actor.tenantId, ids), orgNames(p.db, [actor.tenantId], rows.map((r) => r.org_id)),
  ]);
  const now = p.clock.now().toISOString();
  return rows.map((e) => {
    const c = counts.get(e.id) ?? { attempts: 0, takers: 0 };
    const phase = phaseOf(e, now);
    const keeps = keepsExam(actor, e);
    const allowed: ExamItem['allowed'] = ['stats'];
    if (keeps) allowed.push('edit');
    if (keeps && e.status === 'draft') allowed.push('publish');
    if (keeps && e.status === 'published' && now < e.closes_at) allowed.push('close');
    if (keeps && c.attempts === 0) allowed.push('delete');
    return {
      id: e.id, orgId: e.org_id, orgName: names.get(`${e.tenant_id}/${e.org_id}`) ?? '', title: e.title, paperMode: e.paper_mode,
      opensAt: e.opens_at, closesAt: e.closes_at, timeLimitMinutes: e.time_limit_minutes, maxAttempts: e.max_attempts, passScore: e.pass_score,
      totalScore: e.total_score, questionCount: e.paper_mode === 'fixed' ? (fixed.get(e.id) ?? 0) : paperCount('rules', [], parseRules(e.rules)),
      status: e.status, phase, attempts: c.attempts, takers: c.takers, allowed,
    };
  });
}

export async function listExams(p: Platform, actor: Actor, q: { orgId?: string | undefined; status?: 'draft' | 'published' | undefined; keyword?: string | undefined; page: number; pageSize: number }) {
  let base = p.db.selectFrom('training_exams as e').where('e.tenant_id', '=', actor.tenantId).where('e.deleted_at', 'is', null).where(readableAt(actor, 'e'));
  if (q.orgId) base = base.where('e.org_id', '=', q.orgId);
  if (q.status) base = base.where('e.status', '=', q.status);
  if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('e.title'), q.keyword, 'anywhere'));
  const [rows, total] = await Promise.all([
    base.selectAll('e').orderBy('e.opens_at', 'desc').orderBy('e.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toItems(p, actor, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function examDetail(p: Platform, actor: Actor, e: ExamRow): Promise<ExamDetail> {
  const [item] = await toItems(p, actor, [e]);
  const fixed = await fixedQuestions(p.db, e);
  const qs = fixed.length ? await p.db.selectFrom('training_questions').selectAll().where('tenant_id', '=', e.tenant_id).where('id', 'in', fixed.map((f) => f.question_id)).execute() : [];
  const byId = new Map(qs.map((q) => [q.id, q]));
  const names = await orgNames(p.db, [e.tenant_id], qs.map((q) => q.org_id));
  // A reader who is no keeper (a 委员) may take this very exam: the answers stay with its keepers.
  const keeps = keepsExam(actor, e);
  return {
    ...item!, description: e.description, rules: parseRules(e.rules),
    questions: fixed.flatMap((f) => {
      const q = byId.get(f.question_id);
      if (!q) return [];
      return [{
        id: q.id, kind: q.kind, stem: q.stem, options: JSON.parse(q.options) as { key: string; text: string }[], answer: keeps ? (JSON.parse(q.answer) as string[]) : null,
        difficulty: q.difficulty, tags: JSON.parse(q.tags) as string[], orgName: names.get(`${q.tenant_id}/${q.org_id}`) ?? '', points: f.points,
      }];
    }),
  };
}

interface Draft {
  orgPath: string; paperMode: 'fixed' | 'rules'; questions: { questionId: string; points: number }[]; rules: PaperRule[];
  opensAt: string; closesAt: string; passScore: number;
}

/** Every rule of a saved or published exam, problems thrown together in Chinese. */
async function checkDraft(db: DbOrTx, tenantId: string, d: Draft): Promise<number> {
  const pr = new Problems();
  if (Date.parse(d.opensAt) >= Date.parse(d.closesAt)) pr.add('closesAt', '结束时间须晚于开始时间');
  if (d.paperMode === 'fixed') {
    if (d.questions.length === 0) pr.add('questions', '固定试卷至少选择 1 道题');
    await checkFixed(db, tenantId, d.orgPath, d.questions, pr);
  } else if (d.rules.length === 0) {
    pr.add('rules', '随机组卷至少设置 1 条抽题规则');
  } else {
    const { problem } = await checkRules(db, tenantId, d.orgPath, d.rules);
    if (problem) pr.add('rules', problem);
  }
  const total = paperTotal(d.paperMode, d.questions, d.rules);
  if (d.passScore > total) pr.add('passScore', `及格分（${d.passScore}）不能高于试卷总分（${total}）`);
  pr.throwIfAny();
  return total;
}

const iso = (s: string) => new Date(s).toISOString();

async function writeFixed(trx: DbOrTx, tenantId: string, examId: string, items: readonly { questionId: string; points: number }[]) {
  await trx.deleteFrom('training_exam_questions').where('tenant_id', '=', tenantId).where('exam_id', '=', examId).execute();
  if (items.length) {
    await trx.insertInto('training_exam_questions').values(items.map((q, i) => ({ tenant_id: tenantId, exam_id: examId, position: i + 1, question_id: q.questionId, points: q.points }))).execute();
  }
}

const snapshot = (e: ExamRow) => ({
  title: e.title, orgId: e.org_id, paperMode: e.paper_mode, rules: parseRules(e.rules), opensAt: e.opens_at, closesAt: e.closes_at,
  timeLimitMinutes: e.time_limit_minutes, maxAttempts: e.max_attempts, passScore: e.pass_score, totalScore: e.total_score, status: e.status,
});

export async function createExam(p: Platform, ctx: AuditContext, actor: Actor, body: ExamCreate): Promise<ExamDetail> {
  const org = await liveOrg(p.db, actor.tenantId, body.orgId);
  if (!org || !keepsExam(actor, { org_path: org.path })) throw fieldError('orgId', '组织不存在或不在您的管理范围内');
  const d: Draft = { ...body, opensAt: iso(body.opensAt), closesAt: iso(body.closesAt), orgPath: org.path };
  const id = newId();
  await p.audit.tx(ctx, async (trx) => {
    const total = await checkDraft(trx, actor.tenantId, d);
    const now = p.clock.now().toISOString();
    const row: ExamRow = {
      tenant_id: actor.tenantId, id, org_id: org.id, org_path: org.path, title: body.title, description: body.description, paper_mode: body.paperMode,
      rules: JSON.stringify(body.paperMode === 'rules' ? body.rules : []), opens_at: d.opensAt, closes_at: d.closesAt, time_limit_minutes: body.timeLimitMinutes,
      max_attempts: body.maxAttempts, pass_score: body.passScore, total_score: total, status: 'draft', published_at: null, created_by: actor.userId,
      created_at: now, updated_at: now, deleted_at: null,
    };
    await trx.insertInto('training_exams').values(row).execute();
    await writeFixed(trx, actor.tenantId, id, body.paperMode === 'fixed' ? body.questions : []);
    await p.audit.record(trx, ctx, { action: 'trainingExam.create', entity: 'trainingExam', entityId: id, after: snapshot(row) });
  });
  return examDetail(p, actor, (await examRow(p.db, actor.tenantId, id))!);
}

async function attemptsOf(db: DbOrTx, e: Pick<ExamRow, 'tenant_id' | 'id'>): Promise<number> {
  const r = await db.selectFrom('training_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Locks the exam row for a read-modify-write (PostgreSQL; SQLite serialises writers). */
async function lockedExam(p: Platform, trx: DbOrTx, e: ExamRow): Promise<ExamRow> {
  const q = trx.selectFrom('training_exams').selectAll().where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).where('deleted_at', 'is', null);
  const row = await (p.data.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('考试');
  return row;
}

export async function editExam(p: Platform, ctx: AuditContext, actor: Actor, e: ExamRow, patch: ExamPatch): Promise<ExamDetail> {
  if (!keepsExam(actor, e)) throw forbidden('您没有修改该考试的权限');
  await p.audit.tx(ctx, async (trx) => {
    const before = await lockedExam(p, trx, e);
    const taken = before.status === 'published' && (await attemptsOf(trx, before)) > 0;
    const fixedNow = (await fixedQuestions(trx, before)).map((f) => ({ questionId: f.question_id, points: f.points }));
    const paperChanged = patch.paperMode !== undefined || patch.questions !== undefined || patch.rules !== undefined;
    if (taken) {
      const changed = (patch.opensAt !== undefined && iso(patch.opensAt) !== before.opens_at)
        || (patch.timeLimitMinutes !== undefined && patch.timeLimitMinutes !== before.time_limit_minutes)
        || (patch.passScore !== undefined && patch.passScore !== before.pass_score)
        || (paperChanged && JSON.stringify({ m: patch.paperMode ?? before.paper_mode, q: patch.questions ?? fixedNow, r: patch.rules ?? parseRules(before.rules) })
          !== JSON.stringify({ m: before.paper_mode, q: fixedNow, r: parseRules(before.rules) }));
      if (changed) throw conflict('EXAM_TAKEN', '已有人参加该考试，不能再修改试卷、开始时间、答题时长或及格分');
    }
    const now = p.clock.now().toISOString();
    const closesAt = patch.closesAt !== undefined ? iso(patch.closesAt) : before.closes_at;
    if (before.status === 'published' && closesAt !== before.closes_at && closesAt < now) throw fieldError('closesAt', '结束时间不能早于当前时间；要立即结束请使用“提前结束”');
    const d: Draft = {
      orgPath: before.org_path, paperMode: patch.paperMode ?? before.paper_mode, questions: patch.questions ?? fixedNow, rules: patch.rules ?? parseRules(before.rules),
      opensAt: patch.opensAt !== undefined ? iso(patch.opensAt) : before.opens_at, closesAt, passScore: patch.passScore ?? before.pass_score,
    };
    const total = await checkDraft(trx, e.tenant_id, d);
    await trx.updateTable('training_exams').set({
      title: patch.title ?? before.title, description: patch.description ?? before.description, paper_mode: d.paperMode,
      rules: JSON.stringify(d.paperMode === 'rules' ? d.rules : []), opens_at: d.opensAt, closes_at: d.closesAt,
      time_limit_minutes: patch.timeLimitMinutes ?? before.time_limit_minutes, max_attempts: patch.maxAttempts ?? before.max_attempts,
      pass_score: d.passScore, total_score: total, updated_at: now,
    }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).execute();
    if (paperChanged) await writeFixed(trx, e.tenant_id, e.id, d.paperMode === 'fixed' ? d.questions : []);
    // Open attempts follow a later close (their deadline is never past the window).
    if (closesAt < before.closes_at) {
      await trx.updateTable('training_attempts').set({ deadline_at: closesAt }).where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id)
        .where('status', '=', 'open').where('deadline_at', '>', closesAt).execute();
    }
    const after = (await examRow(trx, e.tenant_id, e.id))!;
    await p.audit.record(trx, ctx, { action: 'trainingExam.update', entity: 'trainingExam', entityId: e.id, before: snapshot(before), after: snapshot(after) });
  });
  return examDetail(p, actor, (await examRow(p.db, e.tenant_id, e.id))!);
}

/** draft → published: learners of the organisation's subtree see it. The paper is checked against the bank again. */
export async function publishExam(p: Platform, ctx: AuditContext, actor: Actor, e: ExamRow): Promise<ExamDetail> {
  if (!keepsExam(actor, e)) throw forbidden('您没有发布该考试的权限');
  await p.audit.tx(ctx, async (trx) => {
    const before = await lockedExam(p, trx, e);
    if (before.status === 'published') throw conflict('EXAM_PUBLISHED', '该考试已发布');
    const now = p.clock.now().toISOString();
    if (before.closes_at <= now) throw conflict('EXAM_WINDOW_PAST', '考试结束时间已过，请先修改考试时间再发布');
    const fixed = (await fixedQuestions(trx, before)).map((f) => ({ questionId: f.question_id, points: f.points }));
    await checkDraft(trx, e.tenant_id, {
      orgPath: before.org_path, paperMode: before.paper_mode, questions: fixed, rules: parseRules(before.rules),
      opensAt: before.opens_at, closesAt: before.closes_at, passScore: before.pass_score,
    });
    await trx.updateTable('training_exams').set({ status: 'published', published_at: now, updated_at: now }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).execute();
    await p.audit.record(trx, ctx, { action: 'trainingExam.publish', entity: 'trainingExam', entityId: e.id, before: { status: 'draft' }, after: { status: 'published' } });
  });
  return examDetail(p, actor, (await examRow(p.db, e.tenant_id, e.id))!);
}

/** Ends a published exam now: no new attempt starts, open ones are cut at this instant. */
export async function closeExam(p: Platform, ctx: AuditContext, actor: Actor, e: ExamRow): Promise<ExamDetail> {
  if (!keepsExam(actor, e)) throw forbidden('您没有结束该考试的权限');
  await p.audit.tx(ctx, async (trx) => {
    const before = await lockedExam(p, trx, e);
    const now = p.clock.now().toISOString();
    if (before.status !== 'published') throw conflict('EXAM_NOT_PUBLISHED', '该考试尚未发布，无需结束');
    if (before.closes_at <= now) throw conflict('EXAM_CLOSED', '该考试已经结束');
    await trx.updateTable('training_exams').set({ closes_at: now, updated_at: now }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).execute();
    await trx.updateTable('training_attempts').set({ deadline_at: now }).where('tenant_id', '=', e.tenant_id).where('exam_id', '=', e.id)
      .where('status', '=', 'open').where('deadline_at', '>', now).execute();
    await p.audit.record(trx, ctx, { action: 'trainingExam.close', entity: 'trainingExam', entityId: e.id, before: { closesAt: before.closes_at }, after: { closesAt: now } });
  });
  return examDetail(p, actor, (await examRow(p.db, e.tenant_id, e.id))!);
}

/** Deleted only while nobody has taken it (results are records). */
export async function deleteExam(p: Platform, ctx: AuditContext, actor: Actor, e: ExamRow): Promise<void> {
  if (!keepsExam(actor, e)) throw forbidden('您没有删除该考试的权限');
  await p.audit.tx(ctx, async (trx) => {
    const before = await lockedExam(p, trx, e);
    if ((await attemptsOf(trx, before)) > 0) throw conflict('EXAM_TAKEN', '已有人参加该考试，不能删除；可以提前结束');
    const now = p.clock.now().toISOString();
    await trx.updateTable('training_exams').set({ deleted_at: now, updated_at: now }).where('tenant_id', '=', e.tenant_id).where('id', '=', e.id).execute();
    await p.audit.record(trx, ctx, { action: 'trainingExam.delete', entity: 'trainingExam', entityId: e.id, before: snapshot(before) });
  });
}
