// 表彰's 业务规则: the default quotas of a new selection, the shortest 公示 in working days, and the names the
// three categories carry on lists, honours and the decision.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';
import type { HonourCategory } from './tables.js';

export const HONOUR_CATEGORIES: HonourCategory[] = ['outstandingMember', 'outstandingWorker', 'advancedOrg'];

const quota = (label: string) => z.number().int().min(0).max(500).describe(label);
const name = (label: string) => z.string().trim().min(2).max(20).describe(label);

const rulesSchema = z.object({
  quotaOutstandingMember: quota('优秀共产党员默认名额'),
  quotaOutstandingWorker: quota('优秀党务工作者默认名额'),
  quotaAdvancedOrg: quota('先进基层党组织默认名额'),
  publicityWorkingDays: z.number().int().min(5).max(30).describe('公示期最少工作日'),
  nameOutstandingMember: name('“优秀共产党员”名称'),
  nameOutstandingWorker: name('“优秀党务工作者”名称'),
  nameAdvancedOrg: name('“先进基层党组织”名称'),
});
export type HonourRules = z.infer<typeof rulesSchema>;

export const HONOUR_RULES: SettingDef<HonourRules> = {
  key: 'incentive.honours', schema: rulesSchema,
  defaults: {
    quotaOutstandingMember: 10, quotaOutstandingWorker: 3, quotaAdvancedOrg: 2, publicityWorkingDays: 5,
    nameOutstandingMember: '优秀共产党员', nameOutstandingWorker: '优秀党务工作者', nameAdvancedOrg: '先进基层党组织',
  },
};

export type Quotas = Record<HonourCategory, number>;

export const defaultQuotas = (r: HonourRules): Quotas => ({
  outstandingMember: r.quotaOutstandingMember, outstandingWorker: r.quotaOutstandingWorker, advancedOrg: r.quotaAdvancedOrg,
});

/** The category's name as the committee calls it. */
export function categoryName(r: HonourRules, c: HonourCategory): string {
  return c === 'outstandingMember' ? r.nameOutstandingMember : c === 'outstandingWorker' ? r.nameOutstandingWorker : r.nameAdvancedOrg;
}
