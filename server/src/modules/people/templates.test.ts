import { describe, expect, it } from 'vitest';
import { MEMBER_IMPORT_COLUMNS } from '../members/import.js';
import { STAFF_IMPORT_COLUMNS } from '../staff/import.js';
import { parseIdNumber } from './idNumber.js';

describe('import templates', () => {
  it('offer an example 身份证号 that is itself valid, so a clerk copying its shape is not misled', () => {
    for (const columns of [MEMBER_IMPORT_COLUMNS, STAFF_IMPORT_COLUMNS]) {
      const example = columns.find((c) => c.key === 'idNumber')!.example!;
      expect(parseIdNumber(example, '2026-11-27')).toMatchObject({ normalised: example, birthDate: '1985-03-07', gender: 'male' });
    }
  });
});
