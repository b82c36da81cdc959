// Contracts of the 大屏 routes (docs/api/display.md): the managers' list, issue and revoke of links, and what the
// screen itself receives — figures, charts and organisation-level lines only, never a link, an id or a person.
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';

const tone = z.enum(['red', 'yellow', 'green']).nullable();

export const linkStatus = z.enum(['active', 'expired', 'revoked']);

export const linkView = z.object({
  id: z.string(),
  orgId: z.string(), orgName: z.string(),
  place: z.string(),
  status: linkStatus,
  expiresOn: z.string().nullable(),
  createdByName: z.string().nullable(), createdAt: z.string(),
  revokedByName: z.string().nullable(), revokedAt: z.string().nullable(),
  /** When a screen last fetched its figures with this link. */
  lastSeenAt: z.string().nullable(),
});
export type LinkView = z.infer<typeof linkView>;

export const linkList = z.object({
  items: z.array(linkView),
  /** The organisations the reader may issue a link for (where they hold display.manage), committee first. */
  orgs: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const linkCreate = z.object({
  orgId: z.string({ message: '请选择组织' }).trim().min(1, '请选择组织').max(64).describe('组织'),
  place: z.string({ message: '请填写大屏位置' }).trim().min(1, '请填写大屏位置').max(40, '大屏位置最多 40 个字').describe('大屏位置'),
  expiresOn: dateField('有效期至').optional(),
});

/** The new link: `path` carries the token and is shown only in this answer. */
export const linkIssued = z.object({ link: linkView, path: z.string() });

export const idParams = z.object({ id: z.string().trim().min(1).max(64) });

export const screenView = z.object({
  place: z.string(),
  org: z.object({ name: z.string() }),
  today: z.string(),
  /** Server time of these figures (ISO). */
  at: z.string(),
  cards: z.array(z.object({
    key: z.string(), title: z.string(), period: z.string().nullable(),
    figures: z.array(z.object({ label: z.string(), value: z.number().nullable(), unit: z.string(), tone })),
    chart: z.object({ kind: z.enum(['bar', 'pie']), items: z.array(z.object({ label: z.string(), value: z.number() })) }).nullable(),
    lines: z.array(z.object({ label: z.string(), note: z.string(), tone })),
  })),
});
export type ScreenView = z.infer<typeof screenView>;
