// zod field contracts shared by every module's schema.ts, each with its Chinese label for error messages.
import { z } from 'zod';
import { isCalendarDate } from '../calendar.js';

/** A calendar date written YYYY-MM-DD that exists. */
export const dateField = (label: string) =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isCalendarDate, '不是有效的日期').describe(label);
