// Excel template, import and export of the question bank, like the resident and member imports: every row checked
// with the form's rules (questionRules.ts) before anything is written, all rows in one transaction or none, and a
// question already in the organisation's bank (same kind and stem) updated, never added twice.
import type { z } from 'zod';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, Problems } from '../../platform/errors.js';
import type { Column } from '../../platform/export/xlsx.js';
import { checkCells, type ImportColumn, type ImportProblem, type ImportRow } from '../../platform/import/xlsxTable.js';
import type { importResult } from '../../platform/import/schema.js';
import { liveOrg, type OrganisationTable } from '../org/index.js';
import { questionRow, takenQuestions } from './questionQueries.js';
import { checkQuestion, type CheckedQuestion } from './questionRules.js';
import { DIFFICULTY_NAMES, OPTION_KEYS, QUESTION_KIND_NAMES, type QuestionItem } from './questionSchema.js';
import { auditSnapshot, storedColumns, writeTags } from './questions.js';
import type { QuestionKind, TrainingQuestionTable } from './tables.js';

type ImportResult = z.infer<typeof importResult>;

/** Option columns of the sheet (the form allows up to eight; a sheet of six covers the bank's questions). */
const SHEET_OPTIONS = OPTION_KEYS.slice(0, 6);
const KINDS = new Map<string, QuestionKind>(Object.entries(QUESTION_KIND_NAMES).map(([k, v]) => [v, k as QuestionKind]));
const DIFFICULTIES = new Map<string, 1 | 2 | 3>([['易', 1], ['中', 2], ['难', 3]]);
const TRUE = new Set(['对', '正确', '√', '✓', 'T', 'TRUE', '是']);
const FALSE = new Set(['错', '错误', '×', '✗', 'F', 'FALSE', '否']);
const TAG_SEPARATOR = /[、,，;；]/;

export const QUESTION_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'kind', header: '题型', required: true, choices: Object.values(QUESTION_KIND_NAMES), example: '单选题' },
  { key: 'stem', header: '题干', required: true, width: 50, example: '党的基层组织中，正式党员人数达到多少人以上的，应当成立党支部？' },
  ...SHEET_OPTIONS.map((k, i) => ({ key: `option${k}`, header: `选项${k}`, width: 16, example: ['二人', '三人', '五人', '七人', '', ''][i] })),
  { key: 'answer', header: '正确答案', required: true, text: true, width: 14, example: 'B' },
  { key: 'explanation', header: '解析', width: 40, example: '党章规定：凡是有正式党员三人以上的，都应当成立党的基层组织。' },
  { key: 'difficulty', header: '难度', choices: ['易', '中', '难'], example: '易' },
  { key: 'tags', header: '标签', width: 20, example: '党章、组织制度' },
];

export const QUESTION_IMPORT_NOTES = [
  '每行一道题，导入到页面上选择的组织题库。题型为：单选题、多选题、判断题、填空题。',
  `单选题、多选题在“选项A”起依次填写 2–${SHEET_OPTIONS.length} 个选项；判断题、填空题不填选项。`,
  '正确答案：单选题填一个字母（如 B）；多选题填两个及以上字母（如 ABD）；判断题填“对”或“错”；填空题填可接受的答案，多个用竖线“|”分隔（如 三会一课|“三会一课”）。',
  '难度为易、中、难，留空为“中”。标签最多 5 个，每个不超过 20 个字，用顿号“、”分隔。',
  '本组织题库中已有题型和题干都相同的题目时，导入更新该题，不会重复添加。一行有误时整个文件都不会导入，请按错误报告修改后重新导入。',
];

const HEADER = Object.fromEntries(QUESTION_IMPORT_COLUMNS.map((c) => [c.key, c.header]));
/** The rules' fields as the sheet's columns. */
const COLUMN_OF: Record<string, string> = { ...HEADER, options: '选项A', tags: HEADER.tags!, answer: HEADER.answer! };

/** The answer cell as the rules read it: letters, T/F, or the accepted texts. */
function answerOf(kind: QuestionKind, cell: string): string[] | string {
  if (kind === 'single' || kind === 'multiple') {
    const letters = cell.toUpperCase().replace(/[\s,，、;；]/g, '');
    if (!/^[A-Z]+$/.test(letters)) return '正确答案应为选项字母（如 B 或 ABD）';
    return [...letters];
  }
  if (kind === 'judge') {
    const v = cell.toUpperCase();
    if (TRUE.has(v)) return ['T'];
    if (FALSE.has(v)) return ['F'];
    return '判断题的正确答案应为“对”或“错”';
  }
  return cell.split('|').map((s) => s.trim()).filter(Boolean);
}

interface Planned { row: number; checked: CheckedQuestion; existing: TrainingQuestionTable | null }

async function plan(p: Platform, org: OrganisationTable, rows: ImportRow[]): Promise<{ planned: Planned[]; problems: ImportProblem[] }> {
  const existing = await p.db.selectFrom('training_questions').selectAll().where('tenant_id', '=', org.tenant_id).where('org_id', '=', org.id).where('deleted_at', 'is', null).execute();
  const byStem = new Map(existing.map((q) => [`${q.kind}|${q.stem}`, q]));
  const taken = await takenQuestions(p.db, org.tenant_id, existing.map((q) => q.id));
  const problems: ImportProblem[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const pr = new Problems();
    checkCells(QUESTION_IMPORT_COLUMNS, v, (key, message) => pr.add(key, message));
    const kind = KINDS.get(v.kind ?? '');
    if (kind) {
      const answer = answerOf(kind, v.answer ?? '');
      if (typeof answer === 'string') pr.add('answer', answer);
      const difficulty = v.difficulty ? DIFFICULTIES.get(v.difficulty) ?? 0 : 2;
      const options = SHEET_OPTIONS.map((k) => v[`option${k}`] ?? '');
      const checked = checkQuestion({
        kind, stem: v.stem ?? '', options, answer: typeof answer === 'string' ? [] : answer, explanation: v.explanation ?? '', difficulty,
        tags: (v.tags ?? '').split(TAG_SEPARATOR),
      }, pr);
      const identity = `${checked.kind}|${checked.stem}`;
      const earlier = seen.get(identity);
      if (checked.stem && earlier !== undefined) pr.add('stem', `与第 ${earlier} 行是同一道题（题型和题干相同）`);
      seen.set(identity, r.row);
      const match = byStem.get(identity) ?? null;
      if (match && taken.has(match.id)) {
        const cols = storedColumns(checked);
        if (cols.options !== match.options || cols.answer !== match.answer) pr.add('answer', '题库中的同一题已有人作答，不能再修改选项和正确答案');
      }
      if (pr.empty) planned.push({ row: r.row, checked, existing: match });
    }
    for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
  }
  return { planned, problems };
}

const sameAs = (r: TrainingQuestionTable, c: CheckedQuestion): boolean => {
  const cols = storedColumns(c);
  return (Object.keys(cols) as (keyof typeof cols)[]).every((k) => r[k] === cols[k]);
};

/** Imports the sheet into the organisation's bank (the caller checked the actor keeps it). */
export async function importQuestions(p: Platform, ctx: AuditContext, actor: Actor, org: OrganisationTable, rows: ImportRow[], readProblems: ImportProblem[], dryRun: boolean): Promise<ImportResult> {
  const { planned, problems } = await plan(p, org, rows);
  const all = [...readProblems, ...problems].sort((a, b) => a.row - b.row);
  if (rows.length === 0 && all.length === 0) all.push({ row: 2, column: '', message: '文件中没有数据行' });
  const result: ImportResult = { dryRun, committed: false, total: rows.length, created: 0, updated: 0, unchanged: 0, problems: all };
  if (all.length > 0 || dryRun) {
    for (const pl of planned) {
      if (!pl.existing) result.created++;
      else if (sameAs(pl.existing, pl.checked)) result.unchanged++;
      else result.updated++;
    }
    return result;
  }
  await p.audit.tx(ctx, async (trx) => {
    // The organisation as it is now: moved or deleted since the check, the import stops.
    const live = await liveOrg(trx, org.tenant_id, org.id);
    if (!live) throw conflict('ORG_CHANGED', '所选组织刚被他人调整或删除，请刷新后重新导入');
    for (const pl of planned) {
      const now = p.clock.now().toISOString();
      const cols = storedColumns(pl.checked);
      if (!pl.existing) {
        const id = newId(p.clock.now().getTime());
        await trx.insertInto('training_questions').values({
          tenant_id: org.tenant_id, id, org_id: live.id, org_path: live.path, ...cols, created_by: actor.userId, created_at: now, updated_at: now, deleted_at: null,
        }).execute();
        await writeTags(trx, org.tenant_id, id, pl.checked.tags);
        await p.audit.record(trx, ctx, { action: 'trainingQuestion.create', entity: 'trainingQuestion', entityId: id, after: { ...auditSnapshot((await questionRow(trx, org.tenant_id, id))!), importedRow: pl.row } });
        result.created++;
        continue;
      }
      if (sameAs(pl.existing, pl.checked)) {
        result.unchanged++;
        continue;
      }
      await trx.updateTable('training_questions').set({ ...cols, updated_at: now }).where('tenant_id', '=', org.tenant_id).where('id', '=', pl.existing.id).execute();
      if (cols.tags !== pl.existing.tags) await writeTags(trx, org.tenant_id, pl.existing.id, pl.checked.tags);
      const after = (await questionRow(trx, org.tenant_id, pl.existing.id))!;
      await p.audit.record(trx, ctx, { action: 'trainingQuestion.update', entity: 'trainingQuestion', entityId: after.id, before: auditSnapshot(pl.existing), after: { ...auditSnapshot(after), importedRow: pl.row } });
      result.updated++;
    }
    await p.audit.record(trx, ctx, { action: 'trainingQuestion.import', entity: 'trainingQuestion', after: { orgId: org.id, total: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged } });
  });
  result.committed = true;
  return result;
}

const answerText = (q: QuestionItem): string =>
  q.kind === 'judge' ? (q.answer[0] === 'T' ? '对' : '错') : q.kind === 'fill' ? q.answer.join('|') : q.answer.join('');

/** The export's columns: the import's, in its order, so an export can be corrected and imported back; then where it is kept. */
export const QUESTION_EXPORT_COLUMNS: Column<QuestionItem>[] = [
  { header: '题型', value: (q) => QUESTION_KIND_NAMES[q.kind] },
  { header: '题干', value: (q) => q.stem, width: 50 },
  ...SHEET_OPTIONS.map((k, i): Column<QuestionItem> => ({ header: `选项${k}`, value: (q) => q.options[i]?.text ?? '', width: 16 })),
  { header: '正确答案', value: (q) => answerText(q), width: 14 },
  { header: '解析', value: (q) => q.explanation, width: 40 },
  { header: '难度', value: (q) => DIFFICULTY_NAMES[q.difficulty as 1 | 2 | 3] },
  { header: '标签', value: (q) => q.tags.join('、'), width: 20 },
  // Options past F do not fit the import's columns: listed here, so an export loses nothing.
  { header: '更多选项', value: (q) => q.options.slice(SHEET_OPTIONS.length).map((o) => `${o.key}. ${o.text}`).join('；'), width: 20 },
  { header: '所属组织', value: (q) => q.orgName, width: 20 },
];
