// The 工作台 card of 督办: the lights of the tasks the organisation's subtree is responsible for, counted by the same
// query as the 督办事项 list's summary (taskBoard), each light linking to that list filtered to it.
import type { Platform } from '../../platform/context.js';
import { taskListQuery } from './schema.js';
import { taskBoard } from './views.js';

export function registerTaskCard(p: Platform): void {
  p.cards.register({
    key: 'tasks.lights', title: '督办事项', order: 30, access: 'task.read', display: true,
    compute: async ({ actor, org }) => {
      const { summary } = await taskBoard(p, actor, taskListQuery.parse({ orgId: org.id, pageSize: 1 }));
      const link = (light?: string) => `/tasks?orgId=${encodeURIComponent(org.id)}${light ? `&light=${light}` : ''}`;
      return {
        link: link(),
        figures: [
          { label: '逾期', value: summary.red, unit: '项', tone: 'red', link: link('red') },
          { label: '临期', value: summary.yellow, unit: '项', tone: 'yellow', link: link('yellow') },
          { label: '正常', value: summary.green, unit: '项', tone: 'green', link: link('green') },
          { label: '已销号', value: summary.done, unit: '项', link: link('done') },
        ],
      };
    },
  });
}
