// The rules of one question, shared by the form and the Excel import so both refuse with the same Chinese words:
// a stem, options for the choice kinds (2–8, keyed A… by position), an answer that fits the kind, a difficulty and
// at most five short tags. Returns the values as stored (trimmed, answer keys in order, tags without duplicates).
import type { Problems } from '../../platform/errors.js';
import {
  EXPLANATION_MAX, FILL_MAX, FILL_TEXT_MAX, MAX_OPTIONS, OPTION_KEYS, OPTION_MAX, QUESTION_KIND_NAMES, STEM_MAX, TAG_MAX, TAGS_MAX,
} from './questionSchema.js';
import type { QuestionKind } from './tables.js';

export interface QuestionFacts {
  kind: QuestionKind;
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
  difficulty: number;
  tags: string[];
}

export interface CheckedQuestion {
  kind: QuestionKind;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  difficulty: 1 | 2 | 3;
  tags: string[];
}

/** Checks a question as typed; problems go to `pr` by field (stem, options, answer, explanation, difficulty, tags). */
export function checkQuestion(v: QuestionFacts, pr: Problems): CheckedQuestion {
  const kindName = QUESTION_KIND_NAMES[v.kind];
  const stem = v.stem.trim();
  if (!stem) pr.add('stem', '请填写题干');
  else if ([...stem].length > STEM_MAX) pr.add('stem', `题干最多 ${STEM_MAX} 个字`);

  const texts = v.options.map((o) => o.trim());
  // Trailing empty options are the form's unused rows; an empty one between filled ones is a mistake.
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  const choice = v.kind === 'single' || v.kind === 'multiple';
  if (choice) {
    if (texts.length < 2 || texts.length > MAX_OPTIONS) pr.add('options', `${kindName}须有 2–${MAX_OPTIONS} 个选项（现有 ${texts.length} 个）`);
    texts.forEach((text, i) => {
      const key = OPTION_KEYS[i] ?? String(i + 1);
      if (!text) pr.add('options', `选项${key}不能为空`);
      else if ([...text].length > OPTION_MAX) pr.add('options', `选项${key}最多 ${OPTION_MAX} 个字`);
      const same = texts.findIndex((t) => t === text);
      if (text && same < i) pr.add('options', `选项${key}与选项${OPTION_KEYS[same]}相同`);
    });
  } else if (texts.length > 0) {
    pr.add('options', `${kindName}不设选项`);
  }
  const options = choice ? texts.slice(0, MAX_OPTIONS).map((text, i) => ({ key: OPTION_KEYS[i]!, text })) : [];

  let answer: string[] = [];
  const given = v.answer.map((a) => a.trim()).filter(Boolean);
  if (choice) {
    const keys = [...new Set(given.map((a) => a.toUpperCase()))].sort();
    const stray = keys.find((k) => !options.some((o) => o.key === k));
    if (keys.length === 0) pr.add('answer', `请选择${kindName}的正确答案`);
    else if (stray) pr.add('answer', `正确答案“${stray}”不在选项中`);
    else if (v.kind === 'single' && keys.length !== 1) pr.add('answer', '单选题须有且只有一个正确答案');
    else if (v.kind === 'multiple' && keys.length < 2) pr.add('answer', '多选题至少两个正确答案');
    answer = keys;
  } else if (v.kind === 'judge') {
    if (given.length !== 1 || (given[0] !== 'T' && given[0] !== 'F')) pr.add('answer', '判断题的正确答案应为“对”或“错”');
    answer = given.slice(0, 1);
  } else {
    answer = [...new Set(given)];
    if (answer.length === 0) pr.add('answer', '请填写填空题的正确答案');
    else if (answer.length > FILL_MAX) pr.add('answer', `填空题可接受的答案最多 ${FILL_MAX} 个`);
    else if (answer.some((a) => [...a].length > FILL_TEXT_MAX)) pr.add('answer', `填空题的每个答案最多 ${FILL_TEXT_MAX} 个字`);
    // The import separates accepted texts with |: one containing it could not be exported and read back.
    else if (answer.some((a) => a.includes('|'))) pr.add('answer', '填空题的答案不能含“|”（多个可接受的答案请分开填写）');
  }

  const explanation = v.explanation.trim();
  if ([...explanation].length > EXPLANATION_MAX) pr.add('explanation', `解析最多 ${EXPLANATION_MAX} 个字`);
  if (!Number.isInteger(v.difficulty) || v.difficulty < 1 || v.difficulty > 3) pr.add('difficulty', '难度应为易、中或难');

  const tags = [...new Set(v.tags.map((t) => t.trim()).filter(Boolean))];
  if (tags.length > TAGS_MAX) pr.add('tags', `标签最多 ${TAGS_MAX} 个`);
  const long = tags.find((t) => [...t].length > TAG_MAX);
  if (long) pr.add('tags', `标签“${[...long].slice(0, TAG_MAX).join('')}…”超过 ${TAG_MAX} 个字`);

  return { kind: v.kind, stem, options, answer, explanation, difficulty: v.difficulty as 1 | 2 | 3, tags };
}
