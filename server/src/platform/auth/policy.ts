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

/**
 * Words people build passwords from, which guessing lists try first (with digits and symbols around them, and
 * letters swapped for look-alikes): Password1 and P@ssw0rd pass the length and class rule but fall in seconds.
 */
const GUESSABLE = new Set([
  'password', 'passwd', 'passw', 'pass', 'admin', 'administrator', 'root', 'user', 'guest', 'test', 'demo', 'login', 'welcome', 'letmein',
  'qwerty', 'qwertyuiop', 'qwe', 'qweasd', 'qweasdzxc', 'asdf', 'asdfgh', 'asdfghjkl', 'zxcv', 'zxcvbn', 'abc', 'abcd', 'abcdef', 'abcdefg',
  'iloveyou', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'trustno', 'changeme', 'secret',
  'woaini', 'aini', 'zhongguo', 'china', 'beijing', 'shanghai', 'dangjian', 'dangwei', 'dangyuan', 'shequ', 'gongsi', 'mima', 'wangluo',
  'system', 'manager', 'default', 'server', 'database', 'company', 'office', 'hello', 'love', 'lover', 'aaaa', 'aaaaaa',
]);

const LOOK_ALIKES: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '$': 's', '5': 's', '7': 't' };

/** The word a password is built on: digits and symbols around it dropped, look-alikes inside it read as letters. */
export function passwordWord(password: string): string {
  const core = password.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
  return [...core].map((c) => LOOK_ALIKES[c] ?? c).join('').toLowerCase();
}

/**
 * At least minLength characters and three of the four classes, not built on the username or a common word;
 * returns the Chinese reason or null.
 */
export function passwordProblem(password: string, minLength: number, username?: string): string | null {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < minLength || classes < 3) {
    return `密码至少 ${minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 3 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  const word = passwordWord(password);
  if (GUESSABLE.has(word) || (username && word === username.toLowerCase())) return '密码过于常见，容易被猜中，请换一个不常见的组合';
  return null;
}
