// Contract of the 工作台 route (docs/api/dashboard.md): the organisation it is about and every card the reader may see.
import { z } from 'zod';

const tone = z.enum(['red', 'yellow', 'green']).nullable();

export const dashboardQuery = z.object({ orgId: z.string().trim().min(1).max(64).optional().describe('组织（默认本人最高一级）') });

export const cardView = z.object({
  key: z.string(), title: z.string(),
  /** The page behind the card; each figure and line links to the list behind its number. */
  link: z.string(), period: z.string().nullable(),
  figures: z.array(z.object({ label: z.string(), value: z.number().nullable(), unit: z.string(), tone, link: z.string().nullable() })),
  chart: z.object({ kind: z.enum(['bar', 'pie']), items: z.array(z.object({ label: z.string(), value: z.number() })) }).nullable(),
  lines: z.array(z.object({ label: z.string(), note: z.string(), tone, link: z.string() })),
  /** The card's module failed to answer: the others still show. */
  unavailable: z.boolean(),
});
export type CardView = z.infer<typeof cardView>;

export const dashboardView = z.object({
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  today: z.string(),
  cards: z.array(cardView),
});
export type DashboardView = z.infer<typeof dashboardView>;
