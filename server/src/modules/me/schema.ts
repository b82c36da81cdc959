// Contract of 我的 (docs/api/me.md): who the signed-in person is, and every section the modules registered about them.
import { z } from 'zod';

// No parameters: 我的 is always the signed-in person's own; anything sent along is refused, not ignored.
export const overviewQuery = z.strictObject({});
export const revealBody = z.strictObject({}).nullish();

export const whoView = z.object({
  /** The account is linked to a live member record. */
  linked: z.boolean(),
  /** The person's name, else the account's display name. */
  name: z.string(),
  branchName: z.string().nullable(),
  groupName: z.string().nullable(),
});
export type WhoView = z.infer<typeof whoView>;

const tone = z.enum(['red', 'yellow', 'green', 'grey']).nullable();

export const sectionView = z.object({
  key: z.string(), title: z.string(),
  /** The module's fuller page (我的学时, 我的党费 …); the web shows it only to whoever may open it. */
  link: z.string().nullable(),
  period: z.string().nullable(),
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string(), revealable: z.boolean() })),
  figures: z.array(z.object({ label: z.string(), value: z.number().nullable(), unit: z.string() })),
  items: z.array(z.object({ title: z.string(), note: z.string().nullable(), date: z.string().nullable(), tag: z.string().nullable(), tone })),
  empty: z.string().nullable(),
  /** The section's module failed to answer: the others still show. */
  unavailable: z.boolean(),
});
export type SectionView = z.infer<typeof sectionView>;

export const overviewView = whoView.extend({
  today: z.string(),
  year: z.number().int(),
  sections: z.array(sectionView),
});
export type OverviewView = z.infer<typeof overviewView>;

export const revealView = z.object({ idNumber: z.string(), phone: z.string().nullable(), address: z.string().nullable() });
