// The paper of an exam: which questions it may use (of its organisation, below or above it), whether the bank holds
// enough for its rules, and drawing a paper for one attempt (no question twice). Checked when an exam is saved AND
// when it is published, since the bank may have shrunk in between.
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import type { Problems } from '../../platform/errors.js';
import type { PaperRule } from './examSchema.js';
import { questionUsableAt } from './policy.js';
import type { QuestionKind } from './tables.js';

export const KIND_NAMES: Record<QuestionKind, string> = { single: '单选', multiple: '多选', judge: '判断', fill: '填空' };
export const DIFFICULTY_NAMES: Record<number, string> = { 1: '易', 2: '中', 3: '难' };

/** How a rule is named in messages: `党章·单选·易`, or 全部题目 for a rule with no condition. */
export function ruleLabel(r: Pick<PaperRule, 'kind' | 'tag' | 'difficulty'>): string {
  const parts = [r.tag, r.kind && KIND_NAMES[r.kind], r.difficulty && DIFFICULTY_NAMES[r.difficulty]].filter(Boolean);
  return parts.length ? parts.join('·') : '全部题目';
}

/** Live questions a paper of the organisation at `examOrgPath` may use, matching a rule's conditions. */
export function poolQuery(db: DbOrTx, tenantId: string, examOrgPath: string, r: Partial<Pick<PaperRule, 'kind' | 'tag' | 'difficulty'>> = {}) {
  return db.selectFrom('training_questions as q')
    .where('q.tenant_id', '=', tenantId).where('q.deleted_at', 'is', null).where(questionUsableAt(examOrgPath, 'q'))
    .$if(r.kind !== undefined, (q) => q.where('q.kind', '=', r.kind!))
    .$if(r.difficulty !== undefined, (q) => q.where('q.difficulty', '=', r.difficulty!))
    .$if(r.tag !== undefined, (q) => q.where(({ exists, selectFrom }) => exists(selectFrom('training_question_tags as t').select(sql`1`.as('x'))
      .whereRef('t.tenant_id', '=', 'q.tenant_id').whereRef('t.question_id', '=', 'q.id').where('t.tag', '=', r.tag!))));
}

/** Ids of the questions each rule may draw from, in the rule's order. */
async function rulePools(db: DbOrTx, tenantId: string, examOrgPath: string, rules: readonly PaperRule[]): Promise<string[][]> {
  return Promise.all(rules.map(async (r) => (await poolQuery(db, tenantId, examOrgPath, r).select('q.id').orderBy('q.id').execute()).map((x) => x.id)));
}

/**
 * Assigns questions to rules with none twice: the narrowest pool first, so a broad rule does not take what a narrow
 * one needs. `pick` chooses from what is left (the first n when checking, a random n when drawing).
 */
function assign(rules: readonly PaperRule[], pools: string[][], pick: (ids: string[], n: number) => string[]): { taken: string[][]; short: { index: number; left: number } | null } {
  const taken: string[][] = rules.map(() => []);
  const used = new Set<string>();
  const order = rules.map((_, i) => i).sort((a, b) => pools[a]!.length - pools[b]!.length || a - b);
  for (const i of order) {
    const left = pools[i]!.filter((id) => !used.has(id));
    if (left.length < rules[i]!.count) return { taken, short: { index: i, left: left.length } };
    taken[i] = pick(left, rules[i]!.count);
    for (const id of taken[i]!) used.add(id);
  }
  return { taken, short: null };
}

export interface RuleAvailability { label: string; available: number; count: number }

/** For the form's live "题库可用 n 道" and for saving: each rule's pool, and the first problem in Chinese (or null). */
export async function checkRules(db: DbOrTx, tenantId: string, examOrgPath: string, rules: readonly PaperRule[]): Promise<{ rules: RuleAvailability[]; problem: string | null }> {
  const pools = await rulePools(db, tenantId, examOrgPath, rules);
  const out = rules.map((r, i) => ({ label: ruleLabel(r), available: pools[i]!.length, count: r.count }));
  const lacking = out.find((r) => r.available < r.count);
  if (lacking) return { rules: out, problem: `题库中符合“${lacking.label}”的题目只有 ${lacking.available} 道，少于所需 ${lacking.count} 道` };
  const { short } = assign(rules, pools, (ids, n) => ids.slice(0, n));
  if (short) {
    const r = out[short.index]!;
    return { rules: out, problem: `题库中符合“${r.label}”的题目除去其他规则已抽的只剩 ${short.left} 道，少于所需 ${r.count} 道` };
  }
  return { rules: out, problem: null };
}

/** Checks the fixed paper's questions: each usable by the organisation, none twice. */
export async function checkFixed(db: DbOrTx, tenantId: string, examOrgPath: string, items: readonly { questionId: string }[], pr: Problems): Promise<void> {
  const ids = items.map((i) => i.questionId);
  if (new Set(ids).size !== ids.length) pr.add('questions', '固定试卷中有重复的题目');
  if (ids.length === 0) return;
  const found = new Set((await poolQuery(db, tenantId, examOrgPath).select('q.id').where('q.id', 'in', [...new Set(ids)]).execute()).map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) pr.add('questions', `第 ${missing + 1} 题不存在、已删除或不属于本组织及其上下级的题库`);
}

/** The paper's total: points of the fixed questions, or count × points over the rules. */
export const paperTotal = (mode: 'fixed' | 'rules', questions: readonly { points: number }[], rules: readonly PaperRule[]): number =>
  mode === 'fixed' ? questions.reduce((s, q) => s + q.points, 0) : rules.reduce((s, r) => s + r.count * r.points, 0);

export const paperCount = (mode: 'fixed' | 'rules', questions: readonly unknown[], rules: readonly PaperRule[]): number =>
  mode === 'fixed' ? questions.length : rules.reduce((s, r) => s + r.count, 0);

function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A paper drawn for one attempt by the rules (random, no question twice), or null when the bank no longer suffices. */
export async function drawPaper(db: DbOrTx, tenantId: string, examOrgPath: string, rules: readonly PaperRule[]): Promise<{ questionId: string; points: number }[] | null> {
  const pools = await rulePools(db, tenantId, examOrgPath, rules);
  const { taken, short } = assign(rules, pools, (ids, n) => shuffled(ids).slice(0, n));
  if (short) return null;
  return rules.flatMap((r, i) => taken[i]!.map((questionId) => ({ questionId, points: r.points })));
}
