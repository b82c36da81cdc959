// 业务规则 of 发展党员 (docs/DOMAIN.md): the numbers that vary by place. The rules that use them are rules.ts.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const int = (label: string, min: number, max: number, unit: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`)
  .min(min, `${label}不能少于 ${min} ${unit}`).max(max, `${label}不能超过 ${max} ${unit}`).describe(label);

const schema = z.object({
  minAge: int('申请入党最低年龄（周岁）', 18, 30, '周岁'),
  talkWithinMonths: int('收到入党申请书后谈话期限（月）', 1, 3, '个月'),
  activistMonths: int('列为积极分子后确定为发展对象的最短时间（月）', 12, 36, '个月'),
  publicityWorkingDays: int('支委会审查前公示的最少工作日', 5, 15, '个工作日'),
  reportEveryMonths: int('思想汇报间隔（月）', 1, 6, '个月'),
  // 发展党员工作细则: the concentrated training of 发展对象 lasts at least 3 days or 24 学时 (either suffices).
  trainingDays: int('发展对象集中培训最少天数', 3, 30, '天'),
  trainingHours: int('发展对象集中培训最少学时', 24, 240, '学时'),
});
export type RecruitRules = z.infer<typeof schema>;

export const RECRUIT_RULES: SettingDef<RecruitRules> = {
  key: 'recruitment.rules', schema,
  defaults: { minAge: 18, talkWithinMonths: 1, activistMonths: 12, publicityWorkingDays: 5, reportEveryMonths: 3, trainingDays: 3, trainingHours: 24 },
};
