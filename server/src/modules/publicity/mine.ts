// 我的 of 宣传: the signed-in person's own manuscripts (the list of 我的稿件, mine=1), how many were adopted or
// published, and the latest few with their state.
import type { Platform } from '../../platform/context.js';
import { STATUS_NAMES } from './schema.js';
import { listManuscripts } from './service.js';

const TONE = { draft: 'grey', submitted: 'yellow', revising: 'yellow', adopted: 'green', rejected: 'red', published: 'green' } as const;

export function registerPublicityMine(p: Platform): void {
  p.mine.register({
    key: 'publicity.manuscripts', title: '我的稿件', order: 40,
    compute: async ({ actor }) => {
      const [all, adopted, published] = await Promise.all([
        listManuscripts(p, actor, { mine: true }, { limit: 5, offset: 0 }),
        listManuscripts(p, actor, { mine: true, status: 'adopted' }, { limit: 1, offset: 0 }),
        listManuscripts(p, actor, { mine: true, status: 'published' }, { limit: 1, offset: 0 }),
      ]);
      return {
        link: '/publicity/mine',
        figures: [
          { label: '稿件', value: all.total, unit: '篇' },
          { label: '已采用', value: adopted.total, unit: '篇' },
          { label: '已刊发', value: published.total, unit: '篇' },
        ],
        items: all.items.map((m) => ({ title: m.title, date: (m.submittedAt ?? m.updatedAt).slice(0, 10), tag: STATUS_NAMES[m.status], tone: TONE[m.status], note: m.outlet || undefined })),
        empty: '还没有稿件',
      };
    },
  });
}
