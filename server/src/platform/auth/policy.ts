// Password and session policy (settable by the 安全保密员), and the password rule itself.
import { z } from 'zod';
import type { SettingDef } from '../settings/service.js';

export const securityPolicySchema = z.object({
  idleTimeoutMinutes: z.number().int().min(5).max(240).describe('空闲超时（分钟）'),
  absoluteTimeoutHours: z.number().int().min(1).max(72).describe('会话最长时间（小时）'),
  maxFailedLogins: z.number().int().min(3).max(10).describe('锁定前允许的连续失败次数'),
  lockoutMinutes: z.number().int().min(1).max(1440).describe('锁定时长（分钟）'),
  passwordMinLength: z.number().int().min(8).max(64).describe('密码最短长度'),
  passwordHistory: z.number().int().min(1).max(24).describe('新密码不能与最近几次使用过的密码相同（含当前密码）'),
  passwordMaxAgeDays: z.number().int().min(0).max(3650).describe('密码有效期（天，0 表示不限）'),
  loginAttemptsPerMinute: z.number().int().min(5).max(10_000).describe('同一 IP 地址每分钟最多登录尝试次数'),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const SECURITY_POLICY: SettingDef<SecurityPolicy> = {
  key: 'security',
  schema: securityPolicySchema,
  defaults: {
    idleTimeoutMinutes: 30, absoluteTimeoutHours: 12, maxFailedLogins: 5, lockoutMinutes: 15, passwordMinLength: 8,
    passwordHistory: 5, passwordMaxAgeDays: 180, loginAttemptsPerMinute: 30,
  },
};

const DAY = 24 * 60 * 60_000;

/**
 * Has the password outlived the policy's maximum age? Counted from its last change, or from the account's creation
 * for a password never changed. A date ahead of now (a clock set back) never counts as expired.
 */
export function passwordExpired(setAt: string, policy: Pick<SecurityPolicy, 'passwordMaxAgeDays'>, now: Date): boolean {
  if (policy.passwordMaxAgeDays === 0) return false;
  return now.getTime() - new Date(setAt).getTime() >= policy.passwordMaxAgeDays * DAY;
}

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

/** The keyboard as rows of keys; each row sits half a key to the right of the one above. */
const KEY_ROWS = ['1234567890-=', 'qwertyuiop[]', "asdfghjkl;'", 'zxcvbnm,./'];
const KEY_AT = new Map<string, [number, number]>(KEY_ROWS.flatMap((row, r) => [...row].map((k, c): [string, [number, number]] => [k, [r, c]])));
/** Shifted keys read as the key they are typed on: 1qaz@WSX is the walk 1qaz2wsx. */
const UNSHIFT: Record<string, string> = { '!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0', '_': '-', '+': '=', '{': '[', '}': ']', ':': ';', '"': "'", '<': ',', '>': '.', '?': '/' };

/** Do two keys touch on the keyboard (side by side, or above and below across the half-key offset)? */
function touching(a: string, b: string): boolean {
  const [ra, ca] = KEY_AT.get(a) ?? [-9, -9];
  const [rb, cb] = KEY_AT.get(b) ?? [-9, -9];
  if (ra < 0 || rb < 0) return false;
  if (ra === rb) return Math.abs(ca - cb) === 1;
  if (Math.abs(ra - rb) !== 1) return false;
  const [upper, lower] = ra < rb ? [ca, cb] : [cb, ca];
  return lower === upper || lower === upper - 1;
}

/**
 * Is the text nothing but keyboard walks: runs of at least three keys each touching the next (qwerty, qazwsx,
 * 1qaz2wsx, 123qwe)? Guessing lists try these right after common words.
 */
function keyboardWalk(text: string): boolean {
  const keys = [...text.toLowerCase()].map((c) => UNSHIFT[c] ?? c);
  if (keys.length < 3) return false;
  let run = 1;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && touching(keys[i - 1]!, keys[i]!)) run++;
    else {
      if (run < 3) return false;
      run = 1;
    }
  }
  return true;
}

/** The password's letters, less than three of them or one letter repeated (Aa123456, Qq123456): digits carry it all. */
function fewLetters(password: string): boolean {
  const letters = password.toLowerCase().replace(/[^a-z]/g, '');
  return letters.length <= 2 || new Set(letters).size === 1;
}

export const PASSWORD_HISTORY_MESSAGE = '不能与最近使用过的密码相同';

/**
 * At least minLength characters and three of the four classes, not built on the username, a common word or a
 * keyboard walk, and with letters of its own; returns the Chinese reason or null.
 */
export function passwordProblem(password: string, minLength: number, username?: string): string | null {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < minLength || classes < 3) {
    return `密码至少 ${minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 3 类`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  const word = passwordWord(password);
  if (GUESSABLE.has(word) || (username && word === username.toLowerCase())) return '密码过于常见，容易被猜中，请换一个不常见的组合';
  // The whole password, or its letter part with the digits and symbols around it dropped (Qazwsx@2026).
  if (keyboardWalk(password) || keyboardWalk(password.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))) {
    return '密码不能是键盘上相邻按键的连续组合（如 qwerty、1qaz2wsx），容易被猜中';
  }
  if (fewLetters(password)) return '密码中的字母太少或只是同一个字母，请使用更多不同的字母';
  return null;
}
