// The demo question bank (examQuestionData.ts) as a keeper would check it: 200 questions in the kinds and tags the
// product promises, each passing the form's rules, with an explanation, and no question twice.
import { describe, expect, it } from 'vitest';
import { Problems } from '../../platform/errors.js';
import { DEMO_QUESTIONS } from './examQuestionData.js';
import { checkQuestion } from './questionRules.js';

const TAGS = new Set(['党章', '组织制度', '组织生活', '发展党员', '党费', '党纪', '党史', '理论']);

describe('the demo question bank', () => {
  it('holds 200 questions: about 90 单选, 50 多选, 45 判断 and 15 填空, of mixed difficulty', () => {
    expect(DEMO_QUESTIONS).toHaveLength(200);
    const kinds = Object.fromEntries(['single', 'multiple', 'judge', 'fill'].map((k) => [k, DEMO_QUESTIONS.filter((q) => q.kind === k).length]));
    expect(kinds).toEqual({ single: 92, multiple: 50, judge: 45, fill: 13 });
    for (const d of [1, 2, 3]) expect(DEMO_QUESTIONS.filter((q) => q.difficulty === d).length).toBeGreaterThan(10);
  });

  it('every question passes the form\'s rules, explains its answer and uses the small tag set', () => {
    const problems: string[] = [];
    for (const q of DEMO_QUESTIONS) {
      const pr = new Problems();
      checkQuestion({ ...q }, pr);
      if (!pr.empty) problems.push(`${q.stem}: ${Object.values(pr.fields).join('；')}`);
      if (!q.explanation.trim()) problems.push(`${q.stem}: no explanation`);
      if (q.tags.length === 0 || q.tags.some((t) => !TAGS.has(t))) problems.push(`${q.stem}: tags ${q.tags.join(',')}`);
    }
    expect(problems).toEqual([]);
  });

  it('asks no question twice, and every tag can fill an exam rule', () => {
    const stems = DEMO_QUESTIONS.map((q) => q.stem);
    expect(stems.filter((s, i) => stems.indexOf(s) !== i)).toEqual([]);
    for (const tag of TAGS) expect(DEMO_QUESTIONS.filter((q) => q.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(10);
  });
});
