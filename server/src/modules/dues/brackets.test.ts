// The worked examples of docs/DOMAIN.md §党费 and every bracket edge, on the default rules.
import { describe, expect, it } from 'vitest';
import { divideRounded, fenToYuan, monthlyFen, parseYuan } from './brackets.js';
import { DUES_RULES } from './settings.js';

const rules = DUES_RULES.defaults;
const yuan = (s: string) => parseYuan(s, '基数') as number;
const employed = (s: string) => fenToYuan(monthlyFen('employed', yuan(s), rules));
const retired = (s: string) => fenToYuan(monthlyFen('retired', yuan(s), rules));

describe('党费 brackets', () => {
  it('applies the rate to the whole base: 3200 → 32.00, 5400 → 81.00', () => {
    expect(monthlyFen('employed', 320000, rules)).toBe(3200);
    expect(employed('3200')).toBe('32.00');
    expect(employed('5400')).toBe('81.00');
  });

  it('puts each edge of the employed brackets in the lower bracket (≤), one fen above in the next', () => {
    expect(employed('3000')).toBe('15.00');
    expect(employed('3000.01')).toBe('30.00');
    expect(employed('5000')).toBe('50.00');
    expect(employed('5000.01')).toBe('75.00');
    expect(employed('10000')).toBe('150.00');
    expect(employed('10000.01')).toBe('200.00');
    expect(employed('2800')).toBe('14.00');
  });

  it('charges retirees 0.5 % up to 5000 and 1 % above', () => {
    expect(retired('2800')).toBe('14.00');
    expect(retired('5000')).toBe('25.00');
    expect(retired('5000.01')).toBe('50.00');
    expect(retired('6000')).toBe('60.00');
  });

  it('charges the fixed category 0.2 yuan whatever the base', () => {
    expect(fenToYuan(monthlyFen('fixed', null, rules))).toBe('0.20');
    expect(monthlyFen('fixed', 999999, rules)).toBe(20);
  });

  it('rounds half-up to the fen by default, and down or up when the rule says so', () => {
    // 4123.45 × 1 % = 41.2345 → 41.23; 4123.50 × 1 % = 41.235 → 41.24
    expect(employed('4123.45')).toBe('41.23');
    expect(employed('4123.50')).toBe('41.24');
    expect(monthlyFen('employed', 412350, { ...rules, rounding: 'down' })).toBe(4123);
    expect(monthlyFen('employed', 412301, { ...rules, rounding: 'up' })).toBe(4124);
    expect(divideRounded(5, 10, 'halfUp')).toBe(1);
    expect(divideRounded(4, 10, 'halfUp')).toBe(0);
  });

  it('reads yuan typed as text without floating point and refuses bad amounts in Chinese', () => {
    expect(parseYuan('1,234.5', '基数')).toBe(123450);
    expect(parseYuan('0.07', '基数')).toBe(7);
    expect(parseYuan('-1', '基数')).toBe('基数不能为负数');
    expect(parseYuan('12.345', '基数')).toBe('基数最多保留两位小数（精确到分）');
    expect(parseYuan('abc', '基数')).toBe('基数应为金额（元），例如 5400.00');
    expect(parseYuan('', '基数')).toBe('请填写基数');
    expect(() => monthlyFen('employed', -1, rules)).toThrow(RangeError);
  });
});
