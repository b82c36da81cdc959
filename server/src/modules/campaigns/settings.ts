// The configurable days of 主题实践活动 (docs/DOMAIN.md: *configurable*): when a progress report starts showing as
// 待办, when the daily reminder starts, and the default deadline of a one-click 督办 task.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const days = (label: string) => z.number().int().min(0).max(365).describe(label);

export const campaignRulesSchema = z.object({
  progressLeadDays: days('进展报告提前列入待办（天）'),
  reminderDays: days('到期前开始每日提醒（天）'),
  superviseDueDays: days('一键督办默认办理期限（天）'),
});
export type CampaignRules = z.infer<typeof campaignRulesSchema>;

export const CAMPAIGN_RULES: SettingDef<CampaignRules> = {
  key: 'campaign.rules',
  schema: campaignRulesSchema,
  defaults: { progressLeadDays: 30, reminderDays: 3, superviseDueDays: 7 },
};
