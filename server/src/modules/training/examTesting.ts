// Questions for the exam tests, inserted directly (the question bank's routes are another part's), with their tags.
import { newId } from '../../db/ids.js';
import type { DbOrTx } from '../../db/types.js';
import { orgPaths } from '../org/index.js';
import type { QuestionKind } from './tables.js';

export interface TestQuestion {
  kind: QuestionKind;
  stem?: string;
  options?: string[];
  answer: string[];
  explanation?: string;
  difficulty?: 1 | 2 | 3;
  tags?: string[];
}

let seq = 0;

export async function insertQuestion(db: DbOrTx, tenantId: string, orgId: string, q: TestQuestion): Promise<string> {
  const path = (await orgPaths(db, tenantId, [orgId])).get(orgId);
  if (!path) throw new Error(`no organisation ${orgId}`);
  seq++;
  const id = newId();
  const at = new Date().toISOString();
  const options = (q.options ?? (q.kind === 'single' || q.kind === 'multiple' ? ['甲', '乙', '丙', '丁'] : [])).map((text, i) => ({ key: String.fromCharCode(65 + i), text }));
  const tags = q.tags ?? [];
  await db.insertInto('training_questions').values({
    tenant_id: tenantId, id, org_id: orgId, org_path: path, kind: q.kind, stem: q.stem ?? `测试题目${seq}`, options: JSON.stringify(options),
    answer: JSON.stringify(q.answer), explanation: q.explanation ?? `测试解析${seq}`, difficulty: q.difficulty ?? 1, tags: JSON.stringify(tags),
    created_by: null, created_at: at, updated_at: at, deleted_at: null,
  }).execute();
  if (tags.length) await db.insertInto('training_question_tags').values(tags.map((tag) => ({ tenant_id: tenantId, question_id: id, tag }))).execute();
  return id;
}
