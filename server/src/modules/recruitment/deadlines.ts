// The deadlines of a person in the pipeline, pure: when the 谈话 is due, when the next 思想汇报 is, when the 预备期
// ends. The 待办 (todos.ts) warn before them; the metric recruit.overdue counts the people past one.
import { addMonths } from '../../platform/calendar.js';
import { probationEnds } from './rules.js';
import type { RecruitRules } from './settings.js';

export interface DeadlineFacts {
  lastStep: number;
  /** Dates of steps 1 (application), 3 (积极分子) and 15 (the vote), when done. */
  done: ReadonlyMap<number, string>;
  /** The day of the latest 思想汇报 uploaded (Asia/Shanghai), or null. */
  lastReport: string | null;
  extendedMonths: number;
}

export type DeadlineKind = 'talk' | 'report' | 'confirm';

/** The 谈话 is due `talkWithinMonths` after the application. */
export const talkDue = (applied: string, r: RecruitRules): string => addMonths(applied, r.talkWithinMonths);
/** The next 思想汇报 is due `reportEveryMonths` after the last one (or after becoming 积极分子). */
export const reportDue = (since: string, r: RecruitRules): string => addMonths(since, r.reportEveryMonths);

/** Each deadline that applies to the person now, with its day. */
export function deadlinesOf(f: DeadlineFacts, r: RecruitRules): { kind: DeadlineKind; due: string }[] {
  const out: { kind: DeadlineKind; due: string }[] = [];
  const applied = f.done.get(1);
  if (f.lastStep === 1 && applied) out.push({ kind: 'talk', due: talkDue(applied, r) });
  const since = f.lastReport ?? f.done.get(3);
  if (f.lastStep >= 3 && f.lastStep <= 22 && since) out.push({ kind: 'report', due: reportDue(since, r) });
  const voted = f.done.get(15);
  if (f.lastStep >= 15 && f.lastStep <= 22 && voted) out.push({ kind: 'confirm', due: probationEnds(voted, f.extendedMonths) });
  return out;
}

/** The deadlines already passed on `asOf`. */
export const overdueKinds = (f: DeadlineFacts, r: RecruitRules, asOf: string): DeadlineKind[] =>
  deadlinesOf(f, r).filter((d) => d.due < asOf).map((d) => d.kind);
