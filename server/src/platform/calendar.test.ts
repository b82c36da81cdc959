// The calendar every module counts by: Shanghai days, month arithmetic at month ends, periods and their labels.
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, addWorkingDays, addYears, daysBetween, isCalendarDate, monthDays, monthsBetween, parsePeriod, periodOf, periodsEndingIn,
  periodsOfYear, periodsTouched, previousMonth, quarterOf, shanghaiDate, shanghaiDayStart, shanghaiInstant, shiftMonth, workingDaysBetween, yearsBetween,
} from './calendar.js';

describe('calendar', () => {
  it('puts an instant on its Shanghai day, and a Shanghai day back on its first instant', () => {
    expect(shanghaiDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(shanghaiDayStart('2026-12-01')).toBe('2026-11-30T16:00:00.000Z');
    expect(shanghaiInstant('2026-12-01', 9, 30)).toBe('2026-12-01T01:30:00.000Z');
  });

  it('adds days, months and years, falling back to the month end when the day does not exist', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', -15)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2023-05-04', 5)).toBe('2028-05-04');
    expect(yearsBetween('2000-06-02', '2026-06-01')).toBe(25);
    expect(yearsBetween('2000-06-02', '2026-06-02')).toBe(26);
  });

  it('walks months', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    expect(monthDays('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('knows real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '20260101', '']) expect(isCalendarDate(bad)).toBe(false);
  });

  it('parses every period code with one Chinese label each, and nothing else', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
    expect(parsePeriod('2026-H1')).toMatchObject({ kind: 'half', from: '2026-01-01', to: '2026-06-30', label: '2026年上半年', shortLabel: '上半年' });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31', label: '2026年下半年' });
    expect(parsePeriod('2024-Q1')).toMatchObject({ kind: 'quarter', from: '2024-01-01', to: '2024-03-31', label: '2024年第1季度', shortLabel: '第一季度' });
    expect(parsePeriod('2024-02')).toMatchObject({ kind: 'month', from: '2024-02-01', to: '2024-02-29', label: '2024年2月', shortLabel: '2月' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '26', '2026-1', '2026Q1', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('finds the period holding a date, the periods of a year and those ending in a range', () => {
    expect(quarterOf('2026-11-30')).toMatchObject({ code: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('half', '2026-06-30').code).toBe('2026-H1');
    expect(periodOf('month', '2026-06-30').code).toBe('2026-06');
    expect(periodsOfYear('quarter', 2026).map((p) => p.shortLabel)).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    expect(periodsEndingIn('month', '2026-10-01', '2026-12-31').map((u) => u.code)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodsEndingIn('quarter', '2026-11-01', '2026-11-30')).toEqual([]);
    expect(periodsEndingIn('year', '2026-07-01', '2026-12-31').map((u) => u.code)).toEqual(['2026']);
  });

  it('counts the periods a range touches', () => {
    expect(periodsTouched('month', '2026-01-31', '2026-03-01')).toBe(3);
    expect(periodsTouched('quarter', '2026-03-31', '2026-04-01')).toBe(2);
    expect(periodsTouched('year', '2025-12-31', '2026-01-01')).toBe(2);
    expect(periodsTouched('half', '2026-01-01', '2026-06-30')).toBe(1);
    expect(periodsTouched('month', '2026-03-01', '2026-01-01')).toBe(0);
  });

  it('counts working days Monday to Friday, skipping weekends', () => {
    // 2026-12-04 is a Friday: the next working day is Monday the 7th.
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-07', 4)).toBe('2026-12-11');
    expect(addWorkingDays('2026-12-05', 5)).toBe('2026-12-11');
    expect(addWorkingDays('2026-12-07', 0)).toBe('2026-12-07');
    expect(workingDaysBetween('2026-12-07', '2026-12-11')).toBe(5);
    expect(workingDaysBetween('2026-12-04', '2026-12-10')).toBe(5);
    expect(workingDaysBetween('2026-12-05', '2026-12-06')).toBe(0);
    expect(workingDaysBetween('2026-12-11', '2026-12-07')).toBe(0);
  });
});
