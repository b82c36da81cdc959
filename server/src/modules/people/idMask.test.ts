// The 身份证号 mask against a viewer who knows everything shown beside it (issue 16): birth date and sex in clear,
// and the region (籍贯 and 住址 narrow it to six digits at worst). The old mask (first 6, last 4) let such a viewer
// rebuild every number; the mask must leave many candidates, each with a valid check digit.
import { describe, expect, it } from 'vitest';
import { maskIdNumber, remaskStored } from '../../platform/crypto/mask.js';
import { makeIdNumber, parseIdNumber } from './idNumber.js';
import { idNumbersConsistentWith, oldIdMask } from './testing.js';

const PEOPLE = [
  makeIdNumber('110105', '1949-12-31', 2), makeIdNumber('110105', '1949-12-31', 21), makeIdNumber('430102', '1980-02-29', 317),
  makeIdNumber('371502', '2001-10-10', 998), makeIdNumber('650102', '1966-06-06', 45), makeIdNumber('440305', '1985-07-04', 93),
];

describe('身份证号 mask: what a masked viewer can rebuild', () => {
  for (const id of PEOPLE) {
    const parsed = parseIdNumber(id, '2026-11-27');
    if ('error' in parsed) throw new Error(`${id}: ${parsed.error}`);
    const seen = { birthDate: parsed.birthDate, gender: parsed.gender };
    const region = id.slice(0, 6);

    it(`${id}: the mask leaves at least 50 valid numbers (500), the old one exactly the real one`, () => {
      const now = idNumbersConsistentWith({ ...seen, idNumber: maskIdNumber(id) }, region);
      expect(now).toContain(id);
      expect(now.length).toBeGreaterThanOrEqual(50);
      expect(now.length).toBe(500);
      expect(idNumbersConsistentWith({ ...seen, idNumber: oldIdMask(id) }, region)).toEqual([id]);
      // Showing the check digit too (first and last character) would leave only 45 or 46: why it stays hidden.
      const firstAndLast = `${id[0]}${'*'.repeat(16)}${id[17]}`;
      expect(idNumbersConsistentWith({ ...seen, idNumber: firstAndLast }, region).length).toBeLessThan(50);
    });
  }

  it('shows the first character only, masks a masked value to itself, and masks old stored values again at any depth', () => {
    expect(maskIdNumber('110105194912310021')).toBe('1*****************');
    expect(maskIdNumber(maskIdNumber('11010519491231002X'))).toBe('1*****************');
    expect(maskIdNumber('1')).toBe('*');
    expect(remaskStored({ idNumber: '110105********0021', phone: '138****5678', nested: [{ idNumber: '110105********002X', name: '甲' }], n: 3 }))
      .toEqual({ idNumber: '1*****************', phone: '138****5678', nested: [{ idNumber: '1*****************', name: '甲' }], n: 3 });
    expect(remaskStored(null)).toBeNull();
  });
});
