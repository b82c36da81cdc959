import { describe, expect, it } from 'vitest';
import { autoScore, bandsScore, linearScore } from './scoring.js';

describe('assessment scoring rules (pure)', () => {
  it('linear: 0 at from, max at to, clamped on both edges, rounded to 0.1', () => {
    const r = { type: 'linear' as const, from: 60, to: 100 };
    expect(linearScore(r, 10, 60)).toBe(0);
    expect(linearScore(r, 10, 59.9)).toBe(0);
    expect(linearScore(r, 10, 0)).toBe(0);
    expect(linearScore(r, 10, 100)).toBe(10);
    expect(linearScore(r, 10, 120)).toBe(10);
    expect(linearScore(r, 10, 82)).toBe(5.5);
    expect(linearScore(r, 10, 83.3)).toBe(5.8); // 5.825
  });
  it('linear with from > to: lower is better', () => {
    const r = { type: 'linear' as const, from: 5, to: 0 };
    expect(linearScore(r, 10, 0)).toBe(10);
    expect(linearScore(r, 10, 5)).toBe(0);
    expect(linearScore(r, 10, 7)).toBe(0);
    expect(linearScore(r, 10, 2)).toBe(6);
  });
  it('bands: lower bound inclusive, highest band reached wins, below every band scores 0', () => {
    const r = { type: 'bands' as const, bands: [{ min: 1, score: 3 }, { min: 5, score: 10 }, { min: 3, score: 6 }] };
    expect(bandsScore(r, 10, 0)).toBe(0);
    expect(bandsScore(r, 10, 0.99)).toBe(0);
    expect(bandsScore(r, 10, 1)).toBe(3);
    expect(bandsScore(r, 10, 2.99)).toBe(3);
    expect(bandsScore(r, 10, 3)).toBe(6);
    expect(bandsScore(r, 10, 5)).toBe(10);
    expect(bandsScore(r, 10, 500)).toBe(10);
  });
  it('formula sentences say value, rule and score; no data scores 0', () => {
    const m = { name: '组织生活出勤率', unit: '%' };
    expect(autoScore(m, { type: 'linear', from: 60, to: 100 }, 10, 82)).toEqual({ score: 5.5, formula: '组织生活出勤率 82%，线性 60%→0 分、100%→10 分，得 5.5 分' });
    expect(autoScore({ name: '发布管控信息数', unit: '条' }, { type: 'bands', bands: [{ min: 1, score: 3 }, { min: 5, score: 10 }] }, 10, 3).formula)
      .toBe('发布管控信息数 3 条，分档 ≥5 条 10 分、≥1 条 3 分，得 3 分');
    expect(autoScore(m, { type: 'linear', from: 60, to: 100 }, 10, null)).toEqual({ score: 0, formula: '组织生活出勤率无数据，得 0 分（线性 60%→0 分、100%→10 分）' });
  });
});
