// 业务规则 of 党费 (docs/DOMAIN.md §党费): the brackets and rates, the rounding, the thresholds of the arrears
// warnings and whether the yearly 公示 masks names. Rates are in 万分之 (basis points) so that the arithmetic
// stays in integers: 1 % is 100.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const yuan = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数（元）`).min(1, `${label}应大于 0`).max(1_000_000, `${label}过大`).describe(label);
const rate = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数（万分之）`).min(0, `${label}不能为负数`).max(10_000, `${label}不能超过 10000（即 100%）`).describe(label);
const months = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(1, `${label}至少 1 个月`).max(24, `${label}最多 24 个月`).describe(label);

export const ROUNDING_NAMES = { halfUp: '四舍五入到分', down: '舍去分以下', up: '分以下进一' } as const;
export type Rounding = keyof typeof ROUNDING_NAMES;

const schema = z.object({
  employedLimit1: yuan('在职党员第一档上限（元，含）'),
  employedLimit2: yuan('在职党员第二档上限（元，含）'),
  employedLimit3: yuan('在职党员第三档上限（元，含）'),
  employedRate1: rate('在职党员第一档费率（万分之）'),
  employedRate2: rate('在职党员第二档费率（万分之）'),
  employedRate3: rate('在职党员第三档费率（万分之）'),
  employedRate4: rate('在职党员第四档费率（万分之）'),
  retiredLimit: yuan('离退休党员第一档上限（元，含）'),
  retiredRate1: rate('离退休党员第一档费率（万分之）'),
  retiredRate2: rate('离退休党员第二档费率（万分之）'),
  fixedFen: z.number({ error: '固定党费应为数字' }).int('固定党费应为整数（分）').min(1, '固定党费应大于 0').max(100_000, '固定党费过大').describe('学生、无固定收入、领取救济党员每月党费（分）'),
  rounding: z.enum(['halfUp', 'down', 'up'], '取整方式应为四舍五入、舍去或进一').meta({ description: '计算到分时的取整方式', labels: ROUNDING_NAMES }).describe('取整方式'),
  warnMonths: months('连续欠缴提醒（月）'),
  seriousMonths: months('连续欠缴严重提醒（月）'),
  maskPublicityNames: z.boolean().describe('年度公示中姓名脱敏（如 张*明）'),
});
export type DuesRules = z.infer<typeof schema>;

export const DUES_RULES: SettingDef<DuesRules> = {
  key: 'dues.rules', schema,
  defaults: {
    employedLimit1: 3000, employedLimit2: 5000, employedLimit3: 10000,
    employedRate1: 50, employedRate2: 100, employedRate3: 150, employedRate4: 200,
    retiredLimit: 5000, retiredRate1: 50, retiredRate2: 100,
    fixedFen: 20, rounding: 'halfUp', warnMonths: 3, seriousMonths: 6, maskPublicityNames: false,
  },
};
