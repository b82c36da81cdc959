// Contracts of the auth routes.
import { z } from 'zod';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64).describe('用户名'),
  password: z.string().min(1, '请输入密码').max(256).describe('密码'),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256).describe('当前密码'),
  newPassword: z.string().min(1, '请输入新密码').max(256).describe('新密码'),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    /** Why the change is required: the password outlived the security policy's maximum age. */
    passwordExpired: z.boolean(),
    tenantId: z.string(),
    tenantName: z.string(),
  }),
  roles: z.array(z.object({ grantId: z.string(), roleCode: z.string(), roleName: z.string(), orgId: z.string(), orgName: z.string() })),
  permissions: z.array(z.string()),
  /** Held over the tenant's root organisation: needed by tenant-wide records (staff, units). */
  rootPermissions: z.array(z.string()),
  scope: z.array(z.object({ orgId: z.string(), orgName: z.string(), orgKind: z.string(), path: z.string() })),
});

export const sessionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string(),
      userAgent: z.string(),
      current: z.boolean(),
    }),
  ),
});

export const sessionParams = z.object({ id: z.string().min(8).max(64).describe('会话编号') });
