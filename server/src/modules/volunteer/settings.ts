// 志愿服务's 业务规则: how often each risk level must be visited, how many residents one volunteer may take, and
// whether employees who are not Party members may volunteer (docs/DOMAIN.md, 志愿服务).
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const rulesSchema = z.object({
  highDays: z.number().int().min(1).max(90).describe('高风险对象走访间隔（天）'),
  mediumDays: z.number().int().min(1).max(180).describe('中风险对象走访间隔（天）'),
  lowDays: z.number().int().min(1).max(365).describe('低风险对象走访间隔（天）'),
  maxResidentsPerVolunteer: z.number().int().min(1).max(20).describe('每名志愿者最多结对人数'),
  allowStaffVolunteers: z.boolean().describe('允许非党员员工担任结对志愿者'),
});
export type VolunteerRules = z.infer<typeof rulesSchema>;

export const VOLUNTEER_RULES: SettingDef<VolunteerRules> = {
  key: 'volunteer.rules', schema: rulesSchema,
  defaults: { highDays: 7, mediumDays: 14, lowDays: 30, maxResidentsPerVolunteer: 3, allowStaffVolunteers: false },
};

/** Days between visits for a risk level. */
export const intervalDays = (rules: VolunteerRules, risk: 'high' | 'medium' | 'low'): number =>
  risk === 'high' ? rules.highDays : risk === 'medium' ? rules.mediumDays : rules.lowDays;
