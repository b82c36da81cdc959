// 业务规则 of 学时 (docs/DOMAIN.md, 教育培训): the yearly requirement of members and of cadres, what one 党课 recorded
// in 组织生活 earns, and from which day of the year secretaries are reminded of those behind.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const hours = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数学时`).min(0, `${label}不能为负数`).max(500, `${label}不能超过 500 学时`).describe(label);

const schema = z.object({
  memberHours: hours('党员每年应完成学时'),
  cadreHours: hours('书记、副书记、委员每年应完成学时'),
  lectureTenths: z.number({ error: '每次党课计学时应为数字' }).int('每次党课计学时应为整数（单位 0.1 学时）').min(0, '每次党课计学时不能为负数')
    .max(200, '每次党课计学时不能超过 200（20 学时）').describe('每次党课计学时（单位 0.1 学时：20 即 2 学时）'),
  remindFrom: z.string({ error: '提醒开始日期应为 MM-DD' }).regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '提醒开始日期应为 MM-DD，如 10-01').describe('每年从该日（MM-DD）起在待办中提醒书记学时未达标'),
});
export type HoursRules = z.infer<typeof schema>;

export const HOURS_RULES: SettingDef<HoursRules> = {
  key: 'training.hours', schema, defaults: { memberHours: 32, cadreHours: 56, lectureTenths: 20, remindFrom: '10-01' },
};
