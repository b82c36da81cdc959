// The SQL of the question bank: the filtered list in the keeper's sight (scope, filters, paging and count in the
// statement), the counts per kind, the tags with their counts for the exam rules form, and which questions were
// already taken in an attempt (their answer is then fixed).
import { sql, type Expression, type SqlBool } from 'kysely';
import { inSlices } from '../../db/batch.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { inSubtree, likeLiteral, totalRidesOnPage } from '../../db/dialect.js';
import type { DbDialect } from '../../config.js';
import type { Actor } from '../../platform/access/actor.js';
import { questionVisible, selfAndAncestors } from './policy.js';
import { type KindCounts, type QuestionFilters, type QuestionTags } from './questionSchema.js';
import type { QuestionKind, TrainingQuestionTable } from './tables.js';

const base = (db: Db, tenantId: string) => db.selectFrom('training_questions as q').where('q.tenant_id', '=', tenantId).where('q.deleted_at', 'is', null);
type QuestionQuery = ReturnType<typeof base>;

const hasTag = (tag: string): Expression<SqlBool> =>
  sql<SqlBool>`exists (select 1 from training_question_tags qt where qt.tenant_id = q.tenant_id and qt.question_id = q.id and qt.tag = ${tag})`;

/** Live questions in the keeper's sight, narrowed by the filters (all but `kind` when `withKind` is false). */
export function filteredQuestions(db: Db, actor: Actor, f: Partial<QuestionFilters>, withKind = true): QuestionQuery {
  let q = base(db, actor.tenantId).where(questionVisible(actor, 'q'));
  if (f.orgId) q = q.where('q.org_id', '=', f.orgId);
  if (withKind && f.kind) q = q.where('q.kind', '=', f.kind);
  if (f.difficulty) q = q.where('q.difficulty', '=', f.difficulty);
  if (f.tag) q = q.where(hasTag(f.tag));
  if (f.keyword) q = q.where(likeLiteral(sql.ref<string>('q.stem'), f.keyword, 'anywhere'));
  return q;
}

const zeroKinds = (): KindCounts => ({ single: 0, multiple: 0, judge: 0, fill: 0 });

/** One page (or everything up to the limit, for an export) with the total and the counts per kind. */
export async function questionPage(db: Db, dialect: DbDialect, actor: Actor, f: Partial<QuestionFilters>, win: { limit: number; offset: number }): Promise<{ rows: TrainingQuestionTable[]; total: number; kinds: KindCounts }> {
  const q = filteredQuestions(db, actor, f);
  // Newest first: what a keeper just added or imported is on the first page, above the committee's long-kept bank.
  const ordered = q.selectAll('q').orderBy('q.created_at', 'desc').orderBy('q.id', 'desc');
  const kindRows = await filteredQuestions(db, actor, f, false).select(['q.kind', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('q.kind').execute();
  const kinds = zeroKinds();
  for (const r of kindRows) kinds[r.kind] = Number(r.n);
  const count = async () => Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  if (totalRidesOnPage(dialect)) {
    const found = await ordered.select(sql<number | string>`count(*) over ()`.as('total_count')).limit(win.limit).offset(win.offset).execute();
    const total = found.length > 0 ? Number(found[0]!.total_count) : win.offset === 0 ? 0 : await count();
    return { rows: found.map(({ total_count: _n, ...r }) => r as TrainingQuestionTable), total, kinds };
  }
  const rows = await ordered.limit(win.limit).offset(win.offset).execute();
  const total = rows.length < win.limit && (rows.length > 0 || win.offset === 0) ? win.offset + rows.length : await count();
  return { rows, total, kinds };
}

export function questionRow(db: DbOrTx, tenantId: string, id: string): Promise<TrainingQuestionTable | undefined> {
  return db.selectFrom('training_questions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Which of the questions were drawn into an attempt already. */
export async function takenQuestions(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await inSlices([...new Set(ids)], (slice) => db.selectFrom('training_attempt_items').select('question_id').distinct()
    .where('tenant_id', '=', tenantId).where('question_id', 'in', slice).execute());
  return new Set(rows.map((r) => r.question_id));
}

/** A live question of the organisation with this kind and stem (the import's identity of a question), if any. */
export function sameStem(db: DbOrTx, tenantId: string, orgId: string, kind: QuestionKind, stem: string, except?: string) {
  let q = db.selectFrom('training_questions').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('kind', '=', kind)
    .where('stem', '=', stem).where('deleted_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  return q.executeTakeFirst();
}

/**
 * Tags with their counts per kind, and the totals per kind and difficulty, of the questions the keeper sees; with
 * `orgPath`, of the questions an exam of that organisation may use: of it, below it or above it.
 */
export async function tagCounts(db: Db, actor: Actor, orgPath?: string): Promise<QuestionTags> {
  let q = base(db, actor.tenantId).where(questionVisible(actor, 'q'));
  if (orgPath) {
    const above = selfAndAncestors(orgPath);
    q = q.where((eb) => eb.or([inSubtree(sql.ref<string>('q.org_path'), orgPath), eb('q.org_path', 'in', above)]));
  }
  const totals = await q.select(['q.kind', 'q.difficulty', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy(['q.kind', 'q.difficulty']).execute();
  const byTag = await q.innerJoin('training_question_tags as qt', (j) => j.onRef('qt.tenant_id', '=', 'q.tenant_id').onRef('qt.question_id', '=', 'q.id'))
    .select(['qt.tag', 'q.kind', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy(['qt.tag', 'q.kind']).execute();
  const all: QuestionTags['all'] = { total: 0, kinds: zeroKinds(), difficulties: { 1: 0, 2: 0, 3: 0 } };
  for (const r of totals) {
    const n = Number(r.n);
    all.total += n;
    all.kinds[r.kind] += n;
    if (r.difficulty === 1 || r.difficulty === 2 || r.difficulty === 3) all.difficulties[r.difficulty] += n;
  }
  const tags = new Map<string, { tag: string; total: number; kinds: KindCounts }>();
  for (const r of byTag) {
    const t = tags.get(r.tag) ?? { tag: r.tag, total: 0, kinds: zeroKinds() };
    t.total += Number(r.n);
    t.kinds[r.kind] += Number(r.n);
    tags.set(r.tag, t);
  }
  // Most used first: the form offers the tags that can fill a rule.
  const items = [...tags.values()].sort((a, b) => b.total - a.total || a.tag.localeCompare(b.tag, 'zh-CN'));
  return { all, items };
}

