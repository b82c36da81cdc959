import { createContext, useContext } from 'react';
import { api } from '../api/client';
import type { Me } from '../api/types';

export const ME_KEY = ['auth', 'me'] as const;

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/api/v1/auth/me', undefined, signal);
}

export interface Session {
  me: Me;
  /** True when the user holds the permission in at least one of their grants. */
  can: (permission: string | undefined) => boolean;
  /** Reloads /auth/me, e.g. after changing the password. */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only usable below the authenticated shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside the authenticated shell');
  return session;
}

/** The 三员 roles: their accounts are dedicated (三员分立) and hold no business role. */
const THREE_MEMBER_ROLES = new Set(['sysadmin', 'secadmin', 'auditor']);

/** A 系统管理员, 安全保密员 or 安全审计员 account: it sees no business pages (民主评议, 我的档案, 工作台 cards …). */
export function isThreeMemberAccount(me: Me): boolean {
  return me.roles.some((r) => THREE_MEMBER_ROLES.has(r.roleCode));
}

/** Pseudo-permission of the business pages a 三员 account does not list: every other account has it. */
export const BUSINESS = 'business';

/**
 * `perm` = held somewhere; `business` = not a 三员 account; `perm@root` = held over the whole tenant (the committee), which tenant-wide
 * records such as staff and units need; `a|b` = either.
 */
export function hasPermission(me: Me, permission: string | undefined): boolean {
  if (!permission) return true;
  if (permission === BUSINESS) return !isThreeMemberAccount(me);
  // `a|b`: either is enough (a page that serves several roles, each for its own part).
  if (permission.includes('|')) return permission.split('|').some((p) => hasPermission(me, p));
  if (permission.endsWith('@root')) return me.rootPermissions.includes(permission.slice(0, -'@root'.length));
  return me.permissions.includes(permission);
}

/** Only same-site relative paths are accepted as a place to return to after login. */
export function safeReturnPath(from: string | null | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}
