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

/**
 * `perm` = held somewhere; `perm@root` = held over the whole tenant (the committee), which tenant-wide
 * records such as staff and units need; `a|b` = either.
 */
export function hasPermission(me: Me, permission: string | undefined): boolean {
  if (!permission) return true;
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
