// Demo 考试: two exams of the committee on its question bank — one held last month (October 2026) with results of
// about three members in four across the branches, and one open now whose window runs until the end of 2030 so that a
// member can take it on any real date (the browser test does, as dy1). Runs after the question bank's demo; when the
// bank is still empty it enters the demo questions itself.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { shanghaiInstant } from '../../platform/calendar.js';
import { isCorrect } from './attemptGrading.js';
import { checkRules } from './examPaper.js';
import { DEMO_QUESTIONS } from './examQuestionData.js';
import type { PaperRule } from './examSchema.js';
import type { TrainingAttemptItemTable, TrainingAttemptTable, TrainingExamTable, TrainingQuestionTable } from './tables.js';

const SEED = 0x20e4a2;
const ID_EPOCH = Date.UTC(2026, 9, 15, 2);
/** The open exam's rules when the bank is large enough (the full demo bank), else a fixed paper of what there is. */
const OPEN_RULES: PaperRule[] = [{ kind: 'single', count: 6, points: 10 }, { kind: 'multiple', count: 2, points: 10 }, { kind: 'judge', count: 2, points: 10 }];

export async function seedExamDemo(d: DemoContext): Promise<void> {
  const { trx, tenantId, community } = d;
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const root = community.orgs.find((o) => o.parent_id === null)!;
  const dangwei = d.userIds.get('dangwei') ?? null;

  let bank = await trx.selectFrom('training_questions').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', root.id).where('deleted_at', 'is', null).orderBy('id').execute();
  if (bank.length === 0) {
    const at = shanghaiInstant('2026-09-01', 9);
    bank = DEMO_QUESTIONS.map((q): TrainingQuestionTable => ({
      tenant_id: tenantId, id: ids.next(), org_id: root.id, org_path: root.path, kind: q.kind, stem: q.stem,
      options: JSON.stringify(q.options.map((text, i) => ({ key: String.fromCharCode(65 + i), text }))), answer: JSON.stringify(q.answer),
      explanation: q.explanation, difficulty: q.difficulty, tags: JSON.stringify(q.tags), created_by: dangwei, created_at: at, updated_at: at, deleted_at: null,
    }));
    await trx.insertInto('training_questions').values(bank).execute();
    const tags = bank.flatMap((q) => (JSON.parse(q.tags) as string[]).map((tag) => ({ tenant_id: tenantId, question_id: q.id, tag })));
    if (tags.length) await trx.insertInto('training_question_tags').values(tags).execute();
  }

  const exam = (over: Partial<TrainingExamTable> & Pick<TrainingExamTable, 'title' | 'opens_at' | 'closes_at' | 'total_score' | 'pass_score'>): TrainingExamTable => ({
    tenant_id: tenantId, id: ids.next(), org_id: root.id, org_path: root.path, description: '', paper_mode: 'fixed', rules: '[]',
    time_limit_minutes: 30, max_attempts: 2, status: 'published', published_at: over.opens_at, created_by: dangwei,
    created_at: over.opens_at, updated_at: over.opens_at, deleted_at: null, ...over,
  });

  // Last month's exam: a fixed paper of (up to) ten questions of every kind, ten points each.
  const paper = rng.shuffle(bank).slice(0, 10);
  const closed = exam({
    title: '2026年10月党章党规知识测试', description: '全体党员参加，闭卷，30 分钟内完成。', opens_at: shanghaiInstant('2026-10-20', 8), closes_at: shanghaiInstant('2026-10-31', 23, 59),
    total_score: paper.length * 10, pass_score: paper.length * 6,
  });
  const { problem } = await checkRules(trx, tenantId, root.path, OPEN_RULES);
  const openPaper = problem ? bank.slice(0, 10) : [];
  const open = exam({
    title: '党的基础知识在线测试', description: '随时可考，每人可考 3 次，取最高分。', paper_mode: problem ? 'fixed' : 'rules', rules: JSON.stringify(problem ? [] : OPEN_RULES),
    opens_at: shanghaiInstant('2026-11-20', 8), closes_at: shanghaiInstant('2030-12-31', 23, 59), time_limit_minutes: 20, max_attempts: 3,
    total_score: problem ? openPaper.length * 10 : 100, pass_score: problem ? openPaper.length * 6 : 60,
  });
  await trx.insertInto('training_exams').values([closed, open]).execute();
  const fixedRows = [
    ...paper.map((q, i) => ({ tenant_id: tenantId, exam_id: closed.id, position: i + 1, question_id: q.id, points: 10 })),
    ...openPaper.map((q, i) => ({ tenant_id: tenantId, exam_id: open.id, position: i + 1, question_id: q.id, points: 10 })),
  ];
  await trx.insertInto('training_exam_questions').values(fixedRows).execute();

  // Results of last month: about three in four live members took it; some twice after failing.
  const takers = community.members.filter((m) => m.status === 'active' && m.deleted_at === null && rng.chance(0.75));
  const attempts: TrainingAttemptTable[] = [];
  const items: TrainingAttemptItemTable[] = [];
  for (const m of takers) {
    const skill = 0.45 + rng.next() * 0.5;
    let day = rng.int(20, 30);
    for (let no = 1; no <= 2; no++) {
      const started = new Date(Date.parse(shanghaiInstant(`2026-10-${String(day).padStart(2, '0')}`, rng.int(8, 21), rng.int(0, 59))));
      const submitted = new Date(started.getTime() + rng.int(8, 28) * 60_000);
      const id = ids.next();
      let score = 0;
      paper.forEach((q, i) => {
        const answer = JSON.parse(q.answer) as string[];
        const right = rng.chance(skill);
        const keys = (JSON.parse(q.options) as { key: string }[]).map((o) => o.key);
        const wrong = q.kind === 'judge' ? [answer[0] === 'T' ? 'F' : 'T'] : q.kind === 'fill' ? ['不清楚'] : [keys.find((k) => !answer.includes(k)) ?? 'A'];
        const given = right ? (q.kind === 'fill' ? [answer[0]!] : answer) : wrong;
        const ok = isCorrect(q.kind, answer, given);
        if (ok) score += 10;
        items.push({ tenant_id: tenantId, attempt_id: id, position: i + 1, question_id: q.id, points: 10, answer: JSON.stringify(given), answered_at: submitted.toISOString(), correct: ok ? 1 : 0 });
      });
      const passed = score >= closed.pass_score;
      attempts.push({
        tenant_id: tenantId, id, exam_id: closed.id, member_id: m.id, org_path: m.org_path, attempt_no: no, started_at: started.toISOString(),
        deadline_at: new Date(started.getTime() + 30 * 60_000).toISOString(), submitted_at: submitted.toISOString(), late: 0, status: 'submitted', score, passed: passed ? 1 : 0,
      });
      if (passed || day >= 30 || !rng.chance(0.5)) break;
      day = Math.min(31, day + 1);
    }
  }
  for (let i = 0; i < attempts.length; i += 200) await trx.insertInto('training_attempts').values(attempts.slice(i, i + 200)).execute();
  for (let i = 0; i < items.length; i += 500) await trx.insertInto('training_attempt_items').values(items.slice(i, i + 500)).execute();
}
