// Password and session policy (settable by the 安全保密员), and the password rule itself.
import { z } from 'zod';
import type { SettingDef } from '../settings/service.js';

export const securityPolicySchema = z.object({
  idleTimeoutMinutes: z.number().int().min(5).max(240).describe('空闲超时（分钟）'),
  absoluteTimeoutHours: z.number().int().min(1).max(72).describe('会话最长时间（小时）'),
  maxFailedLogins: z.number().int().min(3).max(10).describe('锁定前允许的连续失败次数'),
  lockoutMinutes: z.number().int().min(1).max(1440).describe('锁定时长（分钟）'),
  passwordMinLength: z.number().int().min(8).max(64).describe('密码最短长度'),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const SECURITY_POLICY: SettingDef<SecurityPolicy> = {
  key: 'security',
  schema: securityPolicySchema,
  defaults: { idleTimeoutMinutes: 30, absoluteTimeoutHours: 12, maxFailedLogins: 5, lockoutMinutes: 15, passwordMinLength: 8 },
};

/** At least minLength characters and three of the four classes; returns the Chinese reason or null. */
export function passwordProblem(password: string, minLength: number, username?: string): string | null {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < minLength || classes < 3) {
    return `密码至少 ${minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 3 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
