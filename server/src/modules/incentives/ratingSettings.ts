// 业务规则 of the public page: how many ratings one client address may leave per day over all plaques, and how long
// a resident's comment may be (docs/api/incentives-plaques.md).
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const schema = z.object({
  perAddressPerDay: z.number().int().min(1).max(1000).describe('每个网络地址每天最多评价次数（全部岗位合计）'),
  commentMaxLength: z.number().int().min(20).max(500).describe('留言最多字数'),
});
export type PublicRatingRules = z.infer<typeof schema>;

export const PUBLIC_RATING: SettingDef<PublicRatingRules> = {
  key: 'incentive.publicRating', schema, defaults: { perAddressPerDay: 20, commentMaxLength: 200 },
};
