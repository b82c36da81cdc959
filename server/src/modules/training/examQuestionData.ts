// The demo question bank on Party knowledge (党章, 党的组织制度, 组织生活, 发展党员, 党费, 党史), written for this
// product: what the demo community's exams draw from. Facts follow docs/DOMAIN.md and the 党章.
import type { QuestionKind } from './tables.js';

export interface DemoQuestion {
  kind: QuestionKind;
  stem: string;
  /** Option texts in order (keys A, B, C, … are given by position); [] for judge and fill. */
  options: string[];
  /** Option letters for single/multiple, 'T' or 'F' for judge, the accepted texts for fill. */
  answer: string[];
  explanation: string;
  /** 1 易, 2 中, 3 难. */
  difficulty: 1 | 2 | 3;
  tags: string[];
}

export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  {
    kind: 'single',
    stem: '党的基层组织中，正式党员人数达到多少人以上的，应当成立党支部？',
    options: ['二人', '三人', '五人', '七人'],
    answer: ['B'],
    explanation: '党章规定：企业、农村、机关、学校、科研院所、街道社区、社会组织、人民解放军连队和其他基层单位，凡是有正式党员三人以上的，都应当成立党的基层组织。',
    difficulty: 1,
    tags: ['党章', '组织制度'],
  },
  {
    kind: 'judge',
    stem: '预备党员的预备期为一年，从支部大会通过其为预备党员之日算起。',
    options: [],
    answer: ['T'],
    explanation: '党章规定预备党员的预备期为一年，预备期从支部大会通过他为预备党员之日算起。',
    difficulty: 1,
    tags: ['党章', '发展党员'],
  },
  {
    kind: 'multiple',
    stem: '“三会一课”中的“三会”是指哪些会议？',
    options: ['支部党员大会', '支部委员会', '党小组会', '党员代表大会'],
    answer: ['A', 'B', 'C'],
    explanation: '“三会一课”指定期召开支部党员大会、支部委员会、党小组会，按时上好党课。',
    difficulty: 1,
    tags: ['组织生活'],
  },
];
