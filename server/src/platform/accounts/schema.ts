// Contracts of the accounts room shared by its two route files.
import { z } from 'zod';

export const requestView = z.object({
  id: z.string(),
  kind: z.enum(['password.reset', 'account.disable', 'account.enable', 'grant.revoke']),
  kindName: z.string(),
  targetUserId: z.string(),
  targetUsername: z.string(),
  targetDisplayName: z.string(),
  approverClass: z.enum(['sysadmin', 'secadmin', 'auditor']),
  approverClassName: z.string(),
  status: z.enum(['pending', 'approved', 'refused', 'cancelled', 'expired']),
  proposedByName: z.string(),
  proposedAt: z.string(),
  expiresAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  canDecide: z.boolean(),
  canCancel: z.boolean(),
}).meta({ id: 'AccountRequest' });
