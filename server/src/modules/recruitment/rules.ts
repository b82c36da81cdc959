// The time rules of 发展党员 (docs/DOMAIN.md), pure and table-driven: each rule has a code, a Chinese name and a
// refusal that names the rule and the date that would be accepted. The service runs every rule that applies to a
// step before anything is written; the numbers that vary by place come from the 业务规则 (settings.ts).
import { addDays, addMonths, addWorkingDays, isWorkingDay, workingDaysBetween } from '../../platform/calendar.js';
import { earliestConfirmation } from '../members/index.js';
import type { RecruitRules } from './settings.js';
import { stepDef } from './steps.js';

/** What a rule looks at: the steps done so far (step → date) and the step being recorded. */
export interface StepAttempt {
  step: number;
  doneOn: string;
  today: string;
  birthDate: string;
  /** Dates of the steps already done. */
  done: ReadonlyMap<number, string>;
  /** Months the 预备期 was extended by (0 when not). */
  extendedMonths: number;
  publicityFrom?: string | null | undefined;
  lateReason?: string | null | undefined;
  /** Length of the concentrated training recorded on step 11. */
  trainingDays?: number | null | undefined;
  trainingHours?: number | null | undefined;
}

export interface RuleDef {
  code: string;
  name: string;
  /** The steps the rule applies to. */
  steps: readonly number[] | 'all';
  /** The refusal, or null when the step passes the rule. */
  check: (a: StepAttempt, r: RecruitRules) => string | null;
}

export interface Refusal {
  code: string;
  name: string;
  message: string;
}

const YEARS = ['', '一年', '两年', '三年'];
const span = (months: number) => (months % 12 === 0 && YEARS[months / 12] ? YEARS[months / 12]! : ` ${months} 个月`);
const name = (no: number) => `第 ${no} 步「${stepDef(no)!.name}」`;

/** The day after the `n`-th working day of a 公示 that starts on `from` (counted when `from` is a working day). */
export function publicityEnds(from: string, n: number): string {
  const last = addWorkingDays(from, isWorkingDay(from) ? n - 1 : n);
  return addDays(last, 1);
}

/** The earliest 转正 (end of the 预备期): one year from the 支部大会 vote, plus any extension (the roster's own rule). */
export const probationEnds = earliestConfirmation;

export const RULES: readonly RuleDef[] = [
  {
    code: 'notFuture', name: '办理日期', steps: 'all',
    check: (a) => (a.doneOn > a.today ? `办理日期不能晚于今天（${a.today}）` : null),
  },
  {
    code: 'order', name: '按步骤顺序办理', steps: 'all',
    check: (a) => {
      const last = Math.max(0, ...a.done.keys());
      if (a.done.has(a.step)) return `${name(a.step)}已办理，不能重复办理`;
      if (a.step !== last + 1) return `按规定，发展党员须按步骤依次办理：下一步应为${name(last + 1)}`;
      const prev = a.done.get(last);
      if (prev && a.doneOn < prev) return `按规定，发展党员须按步骤依次办理：${name(a.step)}的日期不能早于${name(last)}（${prev}）`;
      return null;
    },
  },
  {
    code: 'minAge', name: '年满十八周岁', steps: [1],
    check: (a, r) => {
      const earliest = addMonths(a.birthDate, r.minAge * 12);
      return a.doneOn < earliest ? `按规定，申请入党须年满 ${r.minAge} 周岁（最早 ${earliest}）` : null;
    },
  },
  {
    code: 'talkWithin', name: '一个月内谈话', steps: [2],
    check: (a, r) => {
      const applied = a.done.get(1);
      if (!applied) return null;
      const latest = addMonths(applied, r.talkWithinMonths);
      return a.doneOn > latest && !a.lateReason?.trim()
        ? `按规定，党组织须在收到入党申请书后 ${r.talkWithinMonths} 个月内派人谈话（最迟 ${latest}）；已超期的请填写超期说明`
        : null;
    },
  },
  {
    code: 'activistYear', name: '积极分子培养满一年', steps: [7],
    check: (a, r) => {
      const since = a.done.get(3);
      if (!since) return null;
      const earliest = addMonths(since, r.activistMonths);
      return a.doneOn < earliest ? `按规定，确定为发展对象须在列为入党积极分子满${span(r.activistMonths)}后（最早 ${earliest}）` : null;
    },
  },
  {
    code: 'trainingLength', name: '集中培训不少于三天或二十四学时', steps: [11],
    check: (a, r) => {
      const days = a.trainingDays ?? 0;
      const hours = a.trainingHours ?? 0;
      if (days >= r.trainingDays || hours >= r.trainingHours) return null;
      const had = days || hours ? `（本次记录${days ? ` ${days} 天` : ''}${days && hours ? '、' : ''}${hours ? ` ${hours} 学时` : ''}）` : '：请填写培训天数或学时';
      return `按规定，发展对象须经过不少于 ${r.trainingDays} 天或 ${r.trainingHours} 学时的短期集中培训${had}`;
    },
  },
  {
    code: 'publicity', name: '公示不少于五个工作日', steps: [12],
    check: (a, r) => {
      if (!a.publicityFrom) return `按规定，支部委员会审查前须公示不少于 ${r.publicityWorkingDays} 个工作日：请填写公示开始日期`;
      if (a.publicityFrom > a.doneOn) return '公示开始日期不能晚于支部委员会审查日期';
      const earliest = publicityEnds(a.publicityFrom, r.publicityWorkingDays);
      const days = workingDaysBetween(a.publicityFrom, addDays(a.doneOn, -1));
      return days < r.publicityWorkingDays
        ? `按规定，支部委员会审查前须公示不少于 ${r.publicityWorkingDays} 个工作日（公示自 ${a.publicityFrom} 起，审查最早 ${earliest}）`
        : null;
    },
  },
  {
    code: 'approvalWithin', name: '三个月内审批', steps: [17],
    check: (a) => {
      const voted = a.done.get(15);
      if (!voted) return null;
      const latest = addMonths(voted, 6);
      if (a.doneOn > latest) return `按规定，上级党委须在支部大会通过后三个月内审批，最长不超过六个月（最迟 ${latest}）`;
      return a.doneOn > addMonths(voted, 3) && !a.lateReason?.trim()
        ? `按规定，上级党委须在支部大会通过后三个月内审批（${addMonths(voted, 3)} 前）；超过三个月的请填写超期说明`
        : null;
    },
  },
  {
    code: 'probationYear', name: '预备期满一年', steps: [23, 24],
    check: (a) => {
      const voted = a.done.get(15);
      if (!voted) return null;
      const earliest = probationEnds(voted, a.extendedMonths);
      const ext = a.extendedMonths ? `（已延长 ${a.extendedMonths} 个月）` : '';
      return a.doneOn < earliest ? `按规定，预备期自支部大会通过之日起计算一年${ext}，期满方可讨论转正（最早 ${earliest}）` : null;
    },
  },
];

/** The first rule the step breaks, or null when it may be recorded. */
export function checkStep(a: StepAttempt, r: RecruitRules): Refusal | null {
  for (const rule of RULES) {
    if (rule.steps !== 'all' && !rule.steps.includes(a.step)) continue;
    const message = rule.check(a, r);
    if (message) return { code: rule.code, name: rule.name, message };
  }
  return null;
}

/** 延长预备期: once, by 6 to 12 months, while the person is a 预备党员 whose 转正 has not been discussed. */
export function checkExtension(months: number, alreadyExtended: number, lastStep: number): string | null {
  if (lastStep < 15 || lastStep >= 23) return '只有尚未讨论转正的预备党员才能延长预备期';
  if (alreadyExtended > 0) return '按规定，预备期只能延长一次';
  if (!Number.isInteger(months) || months < 6 || months > 12) return '按规定，延长预备期为 6 至 12 个月';
  return null;
}
