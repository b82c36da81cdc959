// 组织关系转接's 业务规则: how long an introduction letter is valid (3 months; 6 when it crosses a province boundary).
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const months = (label: string) => z.number().int().min(1, `${label}至少 1 个月`).max(12, `${label}最多 12 个月`).describe(label);
const rulesSchema = z.object({
  validityMonths: months('介绍信有效期（月）'),
  crossProvinceValidityMonths: months('跨省介绍信有效期（月）'),
});
export type TransferRules = z.infer<typeof rulesSchema>;

export const TRANSFER_RULES: SettingDef<TransferRules> = {
  key: 'transfers.rules', schema: rulesSchema,
  defaults: { validityMonths: 3, crossProvinceValidityMonths: 6 },
};
