// 后备人才库's 业务规则: the categories a branch nominates into (专家型, 领军型, 青年政工干部 by default). Stored talents
// keep the category's name as text, so renaming or dropping one later leaves old records readable.
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const rulesSchema = z.object({
  categories: z.array(z.object({ name: z.string().trim().min(2).max(12).describe('类别名称') }))
    .min(1).max(10).describe('后备人才类别'),
});
export type TalentRules = z.infer<typeof rulesSchema>;

export const TALENT_RULES: SettingDef<TalentRules> = {
  key: 'training.talent', schema: rulesSchema,
  defaults: { categories: [{ name: '专家型' }, { name: '领军型' }, { name: '青年政工干部' }] },
};

/** The category names in the committee's order, without duplicates. */
export const categoryNames = (r: TalentRules): string[] => [...new Set(r.categories.map((c) => c.name.trim()))];
