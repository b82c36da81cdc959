// Demo question bank: the committee's bank from examQuestionData.ts (what the demo exams draw from), and a few
// questions two branches keep of their own (read by their secretary and the committee, not by other branches).
// Rows go through the form's rules, so a fact typed wrong in the data file fails the seed rather than the product.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence } from '../../seed/random.js';
import { Problems } from '../../platform/errors.js';
import type { OrganisationTable } from '../../db/types.js';
import { DEMO_QUESTIONS, type DemoQuestion } from './examQuestionData.js';
import { checkQuestion } from './questionRules.js';
import { storedColumns } from './questions.js';
import type { TrainingQuestionTable, TrainingQuestionTagTable } from './tables.js';

const SEED = 0x0a1b2c3d;
const ID_EPOCH = Date.UTC(2026, 2, 2, 1);

/** Questions a branch keeps of its own: what its members meet in their own 组织生活. */
const BRANCH_QUESTIONS: Record<string, readonly DemoQuestion[]> = {
  机关第一党支部: [
    {
      kind: 'judge', stem: '党小组会一般每月召开一次。', options: [], answer: ['T'], difficulty: 1, tags: ['组织生活'],
      explanation: '“三会一课”制度要求党小组会一般每月召开一次，组织党员学习、交流思想和汇报工作。',
    },
    {
      kind: 'single', stem: '支部党员大会一般多长时间召开一次？', options: ['每月', '每季度', '每半年', '每年'], answer: ['B'], difficulty: 1, tags: ['组织生活'],
      explanation: '支部党员大会一般每季度召开一次，支部委员会和党小组会一般每月召开一次，党课一般每季度至少一次。',
    },
  ],
  物业第一党支部: [
    {
      kind: 'judge', stem: '党员没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。', options: [], answer: ['T'],
      difficulty: 2, tags: ['党章', '党费'], explanation: '这是党章第九条的规定，支部大会应当决议把这样的党员除名，并报上级党组织批准。',
    },
    {
      kind: 'single', stem: '主题党日一般多长时间开展一次？', options: ['每周', '每月', '每季度', '每年'], answer: ['B'], difficulty: 1, tags: ['组织生活'],
      explanation: '主题党日一般每月开展一次，在固定日期组织党员集中学习、过组织生活、开展志愿服务等。',
    },
  ],
};

export async function seedQuestionDemo(demo: DemoContext): Promise<void> {
  const { trx, tenantId, community } = demo;
  const ids = new IdSequence(ID_EPOCH, SEED);
  const root = community.orgs.find((o) => o.parent_id === null)!;
  const author = demo.userIds.get('dangwei') ?? null;
  const questions: TrainingQuestionTable[] = [];
  const tags: TrainingQuestionTagTable[] = [];
  const add = (org: OrganisationTable, q: DemoQuestion, at: Date, by: string | null) => {
    const pr = new Problems();
    const c = checkQuestion({ ...q }, pr);
    if (!pr.empty) throw new Error(`demo question “${q.stem}”: ${Object.values(pr.fields).join('；')}`);
    const id = ids.next();
    const iso = at.toISOString();
    questions.push({ tenant_id: tenantId, id, org_id: org.id, org_path: org.path, ...storedColumns(c), created_by: by, created_at: iso, updated_at: iso, deleted_at: null });
    for (const tag of c.tags) tags.push({ tenant_id: tenantId, question_id: id, tag });
  };
  // Built up over the spring and summer (a few questions a day), all before the demo's today.
  DEMO_QUESTIONS.forEach((q, i) => add(root, q, new Date(ID_EPOCH + i * 18 * 3600_000), author));
  for (const [name, list] of Object.entries(BRANCH_QUESTIONS)) {
    const branch = community.orgs.find((o) => o.name === name);
    if (!branch) continue;
    const secretary = demo.userIds.get(name === '机关第一党支部' ? 'zb1' : 'zb3') ?? null;
    list.forEach((q, i) => add(branch, q, new Date(Date.UTC(2026, 8, 10 + i, 2)), secretary));
  }
  for (let i = 0; i < questions.length; i += 100) await trx.insertInto('training_questions').values(questions.slice(i, i + 100)).execute();
  for (let i = 0; i < tags.length; i += 200) await trx.insertInto('training_question_tags').values(tags.slice(i, i + 200)).execute();
}
