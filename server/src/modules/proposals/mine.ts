// 我的 of 合理化建议: the proposals the signed-in person made (the list's mine=1), how many were adopted or implemented
// and the value they created, and the latest few with their state.
import type { Platform } from '../../platform/context.js';
import { STATUS_NAMES } from './schema.js';
import { listProposals } from './service.js';

const TONE = { submitted: 'yellow', adopted: 'green', notAdopted: 'grey', implemented: 'green' } as const;

export function registerProposalMine(p: Platform): void {
  p.mine.register({
    key: 'proposals.mine', title: '我的合理化建议', order: 50,
    compute: async ({ actor }) => {
      const page = { mine: true, page: 1, pageSize: 5, format: 'json' } as const;
      const [all, adopted, implemented] = await Promise.all([
        listProposals(p, actor, page),
        listProposals(p, actor, { ...page, status: 'adopted' }),
        listProposals(p, actor, { ...page, status: 'implemented' }),
      ]);
      return {
        link: '/proposals',
        figures: [
          { label: '提出', value: all.total, unit: '条' },
          { label: '已采纳', value: adopted.total, unit: '条' },
          { label: '已实施', value: implemented.total, unit: '条' },
        ],
        items: all.items.map((x) => ({ title: x.title, date: x.createdAt.slice(0, 10), tag: STATUS_NAMES[x.status], tone: TONE[x.status] })),
        empty: '还没有提出合理化建议',
      };
    },
  });
}
