// Every time rule of 发展党员: refused a day early (or a day late) with the message naming it, accepted on the day.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/calendar.js';
import { overdueKinds } from './deadlines.js';
import { checkExtension, checkStep, publicityEnds, type StepAttempt } from './rules.js';
import { RECRUIT_RULES } from './settings.js';
import { stageAfter } from './steps.js';

const r = RECRUIT_RULES.defaults;
const TODAY = '2030-01-01';
/** A person who has done steps 1..n on the given dates (later steps default to the day after the last). */
function attempt(step: number, doneOn: string, dates: Record<number, string>, over: Partial<StepAttempt> = {}): StepAttempt {
  const done = new Map<number, string>();
  let last = '2020-01-01';
  for (let i = 1; i < step; i++) {
    last = dates[i] ?? last;
    done.set(i, last);
  }
  return { step, doneOn, today: TODAY, birthDate: '2000-01-01', done, extendedMonths: 0, ...over };
}
const refusal = (a: StepAttempt) => checkStep(a, r);

describe('发展党员 time rules', () => {
  it('age: 18 on the application date', () => {
    const early = refusal(attempt(1, '2017-12-31', {}, { birthDate: '2000-01-01' }));
    expect(early).toMatchObject({ code: 'minAge', message: '按规定，申请入党须年满 18 周岁（最早 2018-01-01）' });
    expect(refusal(attempt(1, '2018-01-01', {}, { birthDate: '2000-01-01' }))).toBeNull();
  });

  it('谈话 within one month of the application, unless the delay is explained', () => {
    expect(refusal(attempt(2, '2026-04-15', { 1: '2026-03-15' }))).toBeNull();
    const late = refusal(attempt(2, '2026-04-16', { 1: '2026-03-15' }));
    expect(late?.code).toBe('talkWithin');
    expect(late?.message).toContain('1 个月内派人谈话（最迟 2026-04-15）');
    expect(refusal(attempt(2, '2026-04-16', { 1: '2026-03-15' }, { lateReason: '申请人外出培训一个半月' }))).toBeNull();
  });

  it('发展对象 at least one year after 积极分子', () => {
    const dates = { 1: '2025-01-10', 3: '2026-03-01', 4: '2026-03-05' };
    expect(refusal(attempt(7, '2027-02-28', dates))).toEqual({
      code: 'activistYear', name: '积极分子培养满一年', message: '按规定，确定为发展对象须在列为入党积极分子满一年后（最早 2027-03-01）',
    });
    expect(refusal(attempt(7, '2027-03-01', dates))).toBeNull();
    // A longer local rule (业务规则) moves the day.
    expect(checkStep(attempt(7, '2027-03-01', dates), { ...r, activistMonths: 18 })?.message).toContain('满 18 个月后（最早 2027-09-01）');
  });

  it('公示 at least five working days before the 支委会 review', () => {
    // 2026-11-02 is a Monday: Mon–Fri of that week are the five days, the review may be on Saturday the 7th.
    expect(publicityEnds('2026-11-02', 5)).toBe('2026-11-07');
    const dates = { 1: '2024-01-01', 11: '2026-10-20' };
    const early = refusal(attempt(12, '2026-11-06', dates, { publicityFrom: '2026-11-02' }));
    expect(early?.code).toBe('publicity');
    expect(early?.message).toBe('按规定，支部委员会审查前须公示不少于 5 个工作日（公示自 2026-11-02 起，审查最早 2026-11-07）');
    expect(refusal(attempt(12, '2026-11-07', dates, { publicityFrom: '2026-11-02' }))).toBeNull();
    // Starting on a Saturday, the weekend does not count.
    expect(refusal(attempt(12, '2026-11-06', dates, { publicityFrom: '2026-10-31' }))?.code).toBe('publicity');
    expect(refusal(attempt(12, '2026-11-07', dates, { publicityFrom: '2026-10-31' }))).toBeNull();
    expect(refusal(attempt(12, '2026-11-07', dates))?.message).toContain('请填写公示开始日期');
  });

  it('集中培训 at least 3 days or 24 学时 (either suffices), from the 业务规则', () => {
    const dates = { 1: '2024-01-01', 10: '2026-10-20' };
    const short = refusal(attempt(11, '2026-10-25', dates, { trainingDays: 2, trainingHours: 23 }));
    expect(short).toMatchObject({ code: 'trainingLength', name: '集中培训不少于三天或二十四学时' });
    expect(short?.message).toBe('按规定，发展对象须经过不少于 3 天或 24 学时的短期集中培训（本次记录 2 天、 23 学时）');
    expect(refusal(attempt(11, '2026-10-25', dates))?.message).toContain('请填写培训天数或学时');
    expect(refusal(attempt(11, '2026-10-25', dates, { trainingDays: 3 }))).toBeNull();
    expect(refusal(attempt(11, '2026-10-25', dates, { trainingHours: 24 }))).toBeNull();
    // A stricter local rule moves the mark.
    expect(checkStep(attempt(11, '2026-10-25', dates, { trainingDays: 3 }), { ...r, trainingDays: 5, trainingHours: 40 })?.code).toBe('trainingLength');
    expect(checkStep(attempt(11, '2026-10-25', dates, { trainingHours: 40 }), { ...r, trainingDays: 5, trainingHours: 40 })).toBeNull();
  });

  it('上级党委审批 within three months of the vote (with a reason up to six)', () => {
    const dates = { 1: '2024-01-01', 15: '2026-01-10', 16: '2026-01-20' };
    expect(refusal(attempt(17, '2026-04-10', dates))).toBeNull();
    expect(refusal(attempt(17, '2026-04-11', dates))?.code).toBe('approvalWithin');
    expect(refusal(attempt(17, '2026-07-10', dates, { lateReason: '上级党委集中审批' }))).toBeNull();
    expect(refusal(attempt(17, '2026-07-11', dates, { lateReason: '上级党委集中审批' }))?.message).toContain('最长不超过六个月（最迟 2026-07-10）');
  });

  it('预备期 one year from the 支部大会 vote, longer when extended', () => {
    const dates = { 1: '2024-01-01', 15: '2026-01-10', 16: '2026-01-20' };
    const early = refusal(attempt(23, '2027-01-09', dates));
    expect(early).toMatchObject({ code: 'probationYear', message: '按规定，预备期自支部大会通过之日起计算一年，期满方可讨论转正（最早 2027-01-10）' });
    expect(refusal(attempt(23, '2027-01-10', dates))).toBeNull();
    expect(refusal(attempt(23, '2027-07-09', dates, { extendedMonths: 6 }))?.message).toContain('（已延长 6 个月）');
    expect(refusal(attempt(23, '2027-07-10', dates, { extendedMonths: 6 }))).toBeNull();
  });

  it('steps in order, not twice, not before the previous one, not in the future', () => {
    const a = attempt(4, '2026-01-01', { 3: '2026-01-05' });
    expect(refusal(a)).toMatchObject({ code: 'order' });
    expect(refusal(a)?.message).toContain('不能早于第 3 步「推荐和确定入党积极分子」（2026-01-05）');
    expect(refusal({ ...attempt(4, '2026-01-05', { 3: '2026-01-05' }), step: 6 })?.message).toContain('下一步应为第 4 步「上级党委备案」');
    expect(refusal({ ...attempt(4, '2026-01-05', { 3: '2026-01-05' }), step: 3 })?.message).toContain('已办理，不能重复办理');
    expect(refusal(attempt(4, addDays(TODAY, 1), {}))?.code).toBe('notFuture');
    expect(refusal(attempt(4, TODAY, {}))).toBeNull();
  });

  it('延长预备期 once, by 6 to 12 months, before 转正 is discussed', () => {
    expect(checkExtension(6, 0, 18)).toBeNull();
    expect(checkExtension(12, 0, 22)).toBeNull();
    expect(checkExtension(5, 0, 18)).toContain('6 至 12 个月');
    expect(checkExtension(13, 0, 18)).toContain('6 至 12 个月');
    expect(checkExtension(6, 6, 18)).toContain('只能延长一次');
    expect(checkExtension(6, 0, 14)).toContain('预备党员');
    expect(checkExtension(6, 0, 23)).toContain('预备党员');
  });

  it('deadlines passed (the metric recruit.overdue): 谈话, 思想汇报, 转正 — overdue the day after, not on the day', () => {
    const talk = { lastStep: 1, done: new Map([[1, '2026-03-15']]), lastReport: null, extendedMonths: 0 };
    expect(overdueKinds(talk, r, '2026-04-15')).toEqual([]);
    expect(overdueKinds(talk, r, '2026-04-16')).toEqual(['talk']);
    const activist = { lastStep: 4, done: new Map([[1, '2025-01-02'], [3, '2025-06-01']]), lastReport: '2026-02-10', extendedMonths: 0 };
    expect(overdueKinds(activist, r, '2026-05-10')).toEqual([]);
    expect(overdueKinds(activist, r, '2026-05-11')).toEqual(['report']);
    expect(overdueKinds({ ...activist, lastReport: null }, r, '2025-09-02')).toEqual(['report']);
    const probationary = { lastStep: 20, done: new Map([[1, '2023-01-02'], [3, '2023-03-01'], [15, '2025-06-10']]), lastReport: '2026-11-01', extendedMonths: 6 };
    expect(overdueKinds(probationary, r, '2026-12-10')).toEqual([]);
    expect(overdueKinds(probationary, r, '2026-12-11')).toEqual(['confirm']);
  });

  it('the stage follows the steps done', () => {
    expect([0, 2, 3, 6, 7, 14, 15, 23, 24, 25].map(stageAfter)).toEqual(
      ['applicant', 'applicant', 'activist', 'activist', 'candidate', 'candidate', 'probationary', 'probationary', 'full', 'full']);
  });
});
