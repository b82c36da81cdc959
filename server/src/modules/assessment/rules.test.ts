// Pure rules of results: star bands and bonus coefficients on range edges, ranking with ties, the 民主评议
// quota, and each anomaly rule with a triggering case and a close case that does not trigger.
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_ANOMALIES, ASSESSMENT_BONUS, ASSESSMENT_STARS, bonusFor, quotaProblem, rankTotals, starsFor } from './bonus.js';
import { detectAnomalies, type RuleInput, type RuleSheet } from './anomalyRules.js';

describe('star bands and bonus mapping (pure)', () => {
  it('maps star bands on their edges (DOMAIN.md defaults)', () => {
    const s = ASSESSMENT_STARS.defaults;
    expect([100, 90, 89.99, 80, 79.99, 70, 69.99, 60, 59.99, 0].map((t) => starsFor(t, s))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 0, 0]);
    // A float sum just under a bound from rounding noise stays in the band it means.
    expect(starsFor(0.1 * 3 * 300, s)).toBe(5);
  });
  it('maps the bonus table with the lower bound inclusive', () => {
    const s = ASSESSMENT_BONUS.defaults;
    expect(bonusFor(90, s)).toBe(1.2);
    expect(bonusFor(89.99, s)).toBe(1.0);
    expect(bonusFor(80, s)).toBe(1.0);
    expect(bonusFor(79.99, s)).toBe(0.8);
    expect(bonusFor(60, s)).toBe(0.8);
    expect(bonusFor(59.99, s)).toBe(0.5);
    expect(bonusFor(0, s)).toBe(0.5);
    expect(bonusFor(-1, s)).toBe(0);
    // The order of the configured ranges does not matter.
    expect(bonusFor(85, { ranges: [{ min: 0, coefficient: 0.1 }, { min: 85, coefficient: 2 }] })).toBe(2);
  });
  it('ranks with shared ranks for ties', () => {
    const r = rankTotals([{ id: 'a', total: 90 }, { id: 'b', total: 95 }, { id: 'c', total: 95 }, { id: 'd', total: 80 }]);
    expect(r.map((x) => [x.id, x.rank])).toEqual([['b', 1], ['c', 1], ['a', 3], ['d', 4]]);
  });
  it('allows at most one third 优秀 and names the numbers when refusing', () => {
    expect(quotaProblem(4, 12, 1 / 3)).toBeNull();
    expect(quotaProblem(5, 12, 1 / 3)).toBe('优秀 5 人，超过参评 12 人的三分之一（最多 4 人）');
    expect(quotaProblem(3, 9, 1 / 3)).toBeNull();
    expect(quotaProblem(1, 2, 1 / 3)).toBe('优秀 1 人，超过参评 2 人的三分之一（最多 0 人）');
  });
});

const S = ASSESSMENT_ANOMALIES.defaults;
function input(sheets: Partial<RuleSheet>[], scores: [string, string, number][], extra: Partial<RuleInput> = {}): RuleInput {
  return {
    deadline: '2026-11-20',
    today: '2026-11-27',
    targets: new Map([['t1', '一支部'], ['t2', '二支部'], ['t3', '三支部']]),
    users: new Map([['u1', '张三'], ['u2', '李四']]),
    sheets: sheets.map((s, i) => ({ id: `s${i + 1}`, targetId: 't1', assessorUserId: 'u1', kind: 'assessor', status: 'submitted', submittedAt: '2026-11-19T02:00:00.000Z', submittedOn: '2026-11-19', ...s })),
    scores: scores.map(([sheetId, indicatorId, score]) => ({ sheetId, indicatorId, score })),
    leaves: [
      { id: 'i1', name: '学习教育', maxScore: 10, mode: 'manual' },
      { id: 'i2', name: '组织生活', maxScore: 20, mode: 'manual' },
      { id: 'a1', name: '出勤率', maxScore: 10, mode: 'auto' },
    ],
    autoScores: [],
    pairs: [],
    ...extra,
  };
}
const types = (i: RuleInput) => detectAnomalies(i, S).map((a) => a.type);

describe('anomaly rules (pure)', () => {
  it('missing sheet: a draft after the deadline, not on the deadline day', () => {
    const a = detectAnomalies(input([{ status: 'draft', submittedAt: null, submittedOn: null }], []), S);
    expect(a.map((x) => x.type)).toEqual(['missingSheet']);
    expect(a[0]!.description).toBe('张三 对「一支部」的评分表截止 2026-11-20 仍未提交');
    expect(types(input([{ status: 'draft', submittedAt: null, submittedOn: null }], [], { today: '2026-11-20' }))).toEqual([]);
  });
  it('late sheet: submitted the day after the deadline, not on the deadline day', () => {
    expect(types(input([{ submittedOn: '2026-11-21' }], [['s1', 'i1', 5]]))).toEqual(['lateSheet']);
    expect(types(input([{ submittedOn: '2026-11-20' }], [['s1', 'i1', 5]]))).toEqual([]);
  });
  it('full marks: every indicator at its maximum, not when one is a point short', () => {
    const a = detectAnomalies(input([{}], [['s1', 'i1', 10], ['s1', 'i2', 20]]), S);
    expect(a.map((x) => x.type)).toEqual(['fullMarks']);
    expect(a[0]!.description).toContain('2 项指标全部给满分（共 30 分）');
    expect(types(input([{}], [['s1', 'i1', 10], ['s1', 'i2', 19]]))).toEqual([]);
    // A draft at full marks is not (yet) an anomaly of that kind.
    expect(types(input([{ status: 'draft', submittedAt: null, submittedOn: null }], [['s1', 'i1', 10], ['s1', 'i2', 20]], { today: '2026-11-20' }))).toEqual([]);
  });
  it('same totals across three targets, not across two or when one differs', () => {
    const three = [{ targetId: 't1' }, { targetId: 't2' }, { targetId: 't3' }];
    const a = detectAnomalies(input(three, [['s1', 'i1', 8], ['s1', 'i2', 15], ['s2', 'i1', 7], ['s2', 'i2', 16], ['s3', 'i1', 9], ['s3', 'i2', 14]]), S);
    expect(a.map((x) => x.type)).toEqual(['sameTotals']);
    expect(a[0]!.description).toBe('张三 给 3 个对象的评分合计均为 23 分');
    expect(types(input(three.slice(0, 2), [['s1', 'i1', 8], ['s1', 'i2', 15], ['s2', 'i1', 7], ['s2', 'i2', 16]]))).toEqual([]);
    expect(types(input(three, [['s1', 'i1', 8], ['s1', 'i2', 15], ['s2', 'i1', 7], ['s2', 'i2', 16], ['s3', 'i1', 9], ['s3', 'i2', 15]]))).toEqual([]);
  });
  it('same score on one indicator for every target, not when one target differs', () => {
    const three = [{ targetId: 't1' }, { targetId: 't2' }, { targetId: 't3' }];
    const a = detectAnomalies(input(three, [['s1', 'i1', 8], ['s1', 'i2', 15], ['s2', 'i1', 8], ['s2', 'i2', 16], ['s3', 'i1', 8], ['s3', 'i2', 14]]), S);
    expect(a.map((x) => [x.type, x.indicatorId])).toEqual([['sameScores', 'i1']]);
    expect(a[0]!.description).toBe('张三 给 3 个对象的「学习教育」均评 8 分');
    expect(types(input(three, [['s1', 'i1', 8], ['s1', 'i2', 15], ['s2', 'i1', 8], ['s2', 'i2', 16], ['s3', 'i1', 7], ['s3', 'i2', 14]]))).toEqual([]);
  });
  it('a high manual score without automatic evidence: 9/10 against 5.9/10, not against 6/10 nor 8.9/10', () => {
    const pairs = [{ manualId: 'i1', autoId: 'a1' }];
    const a = detectAnomalies(input([{}], [['s1', 'i1', 9], ['s1', 'i2', 10]], { pairs, autoScores: [{ targetId: 't1', indicatorId: 'a1', score: 5.9 }] }), S);
    expect(a.map((x) => x.type)).toEqual(['highWithoutEvidence']);
    expect(a[0]!.description).toBe('「一支部」的「学习教育」人工评 9/10 分（≥90%），但自动指标「出勤率」仅 5.9/10 分（<60%）');
    expect(types(input([{}], [['s1', 'i1', 9], ['s1', 'i2', 10]], { pairs, autoScores: [{ targetId: 't1', indicatorId: 'a1', score: 6 }] }))).toEqual([]);
    expect(types(input([{}], [['s1', 'i1', 8.9], ['s1', 'i2', 10]], { pairs, autoScores: [{ targetId: 't1', indicatorId: 'a1', score: 2 }] }))).toEqual([]);
  });
});
