// Compliance of 组织生活: the period arithmetic and rules on their own, then the 问题清单 over a constructed
// dataset compared with counts worked out independently in the test.
import { describe, expect, it } from 'vitest';
import { dialectLabel } from '../../test/harness.js';
import { countKind, isSilent, lightOf, parsePeriod, recordGaps, themeUnits, unitsEndingIn, type RecordFacts } from './compliance.js';

describe(`组织生活 periods and frequency rules ${dialectLabel()}`, () => {
  it('parses every period form and refuses others', () => {
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(parsePeriod('2026-H2')).toMatchObject({ from: '2026-07-01', to: '2026-12-31', label: '2026年下半年' });
    expect(parsePeriod('2024-Q1')).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29', label: '2024年2月' });
    for (const bad of ['2026-13', '2026-Q5', '2026-H3', '26', '2026-1', '2026Q1', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('units belong to the period in which they end', () => {
    expect(unitsEndingIn('month', '2026-10-01', '2026-12-31').map((u) => u.key)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(unitsEndingIn('quarter', '2026-01-01', '2026-12-31').map((u) => u.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(unitsEndingIn('quarter', '2026-11-01', '2026-11-30')).toEqual([]);
    expect(unitsEndingIn('quarter', '2026-12-01', '2026-12-31').map((u) => u.key)).toEqual(['2026-Q4']);
    expect(unitsEndingIn('year', '2026-07-01', '2026-12-31').map((u) => u.key)).toEqual(['2026']);
  });

  const year2026 = { from: '2026-01-01', to: '2026-12-31' };
  it('monthly kind: ended months required, the current one 进行中, future ones ignored', () => {
    const units = unitsEndingIn('month', year2026.from, year2026.to);
    const held = ['2026-01-15', '2026-01-20', '2026-03-02', '2026-10-31'];
    const r = countKind(units, held, '2000-01-01', '2026-11-27', year2026);
    expect(r).toMatchObject({ required: 10, met: 3, missing: 7, held: 4, inProgress: true });
    expect(r.missingUnits).toEqual(['2026-02', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    // Something held in the current month: no longer 进行中, still not required.
    expect(countKind(units, [...held, '2026-11-03'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 10, met: 3, inProgress: false, held: 5 });
  });

  it('quarterly kind: the last day of a quarter is still inside it', () => {
    const units = unitsEndingIn('quarter', year2026.from, year2026.to);
    expect(countKind(units, ['2026-02-01', '2026-09-30'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 3, met: 2, missing: 1, missingUnits: ['2026-Q2'], inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-09-30', year2026)).toMatchObject({ required: 2, inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-10-01', year2026)).toMatchObject({ required: 3, inProgress: true });
  });

  it('an organisation founded mid-period owes only the units ending on or after its founding', () => {
    const months = unitsEndingIn('month', year2026.from, year2026.to);
    // Founded 2026-05-20: May (ends 05-31) counts, April does not; June–October counted → 6 months.
    expect(countKind(months, [], '2026-05-20', '2026-11-27', year2026)).toMatchObject({ required: 6, missingUnits: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] });
    const quarters = unitsEndingIn('quarter', year2026.from, year2026.to);
    expect(countKind(quarters, ['2026-06-10'], '2026-05-20', '2026-11-27', year2026)).toMatchObject({ required: 2, met: 1, missingUnits: ['2026-Q3'] });
  });

  it('a theme month requires its activity days once the month has ended', () => {
    const units = themeUnits(['2026-09', '2026-11', '2025-12'], year2026.from, year2026.to);
    expect(units.map((u) => u.key)).toEqual(['2026-09', '2026-11']);
    expect(countKind(units, ['2026-09-12'], '2000-01-01', '2026-11-27', year2026)).toMatchObject({ required: 1, met: 1, inProgress: true });
    expect(countKind(units, [], '2000-01-01', '2026-12-01', year2026)).toMatchObject({ required: 2, met: 0, missing: 2, inProgress: false });
  });

  it('record gaps, silence and lights', () => {
    const r: RecordFacts = { id: 'a', orgId: 'o', kind: 'themeDay', title: 't', startsOn: '2026-11-01', hasMinutes: false, imageCount: 0, marked: 0, expected: 3, present: 0, noReason: [], noMakeup: [] };
    expect(recordGaps(r, true)).toEqual(['noMinutes', 'noPhoto', 'noSignIn']);
    expect(recordGaps({ ...r, hasMinutes: true, imageCount: 2, marked: 3 }, true)).toEqual([]);
    expect(recordGaps(r, false)).toEqual(['noMinutes', 'noSignIn']);
    expect(isSilent('2026-10-29', '2000-01-01', '2026-11-27', 30)).toBe(false);
    expect(isSilent('2026-10-28', '2000-01-01', '2026-11-27', 30)).toBe(true);
    expect(isSilent(null, '2026-11-01', '2026-11-27', 30)).toBe(false);
    expect(isSilent(null, '2026-10-01', '2026-11-27', 30)).toBe(true);
    const ok = { missing: 0, silent: false, belowThreshold: false, incomplete: 0, absenteeProblems: 0 };
    expect(lightOf(ok)).toBe('green');
    expect(lightOf({ ...ok, incomplete: 1 })).toBe('yellow');
    expect(lightOf({ ...ok, belowThreshold: true })).toBe('yellow');
    expect(lightOf({ ...ok, incomplete: 1, silent: true })).toBe('red');
    expect(lightOf({ ...ok, missing: 1 })).toBe('red');
  });
});
