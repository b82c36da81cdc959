// 督办 in the 月度党建工作报告: the tasks of the organisation's subtree opened, closed and due-but-late in the month,
// and those red now, from the same board as the 督办事项 page (taskBoard: same scope, same lights).
import type { Platform } from '../../platform/context.js';
import { shanghaiDateOf } from '../../platform/calendar.js';
import { taskListQuery } from './schema.js';
import { taskBoard } from './views.js';

const inMonth = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

export function registerTaskReport(p: Platform): void {
  p.reportSections.register({
    key: 'tasks.monthly', title: '督办事项落实情况', order: 30, access: 'task.read',
    monthly: async ({ actor, org, from, to }) => {
      const { items, summary } = await taskBoard(p, actor, taskListQuery.parse({ orgId: org.id, format: 'xlsx' }));
      const opened = items.filter((t) => inMonth(shanghaiDateOf(t.createdAt), from, to));
      const closed = items.filter((t) => inMonth(t.closedOn, from, to));
      // Due in the month and not closed by its due day (still open, or closed later).
      const late = items.filter((t) => inMonth(t.dueOn, from, to) && (t.closedOn === null || t.closedOn > t.dueOn));
      return {
        figures: [
          { label: '本月新交办', value: opened.length, unit: '项' }, { label: '本月销号', value: closed.length, unit: '项' },
          { label: '本月到期未按期销号', value: late.length, unit: '项' }, { label: '当前逾期', value: summary.red, unit: '项' },
        ],
        sentences: [
          `本月新交办督办事项${opened.length}项，销号${closed.length}项；本月到期的事项中有${late.length}项未按期销号，目前共有逾期事项${summary.red}项、临期事项${summary.yellow}项。`,
        ],
        tables: late.length > 0
          ? [{ title: '本月到期未按期销号的事项', headers: ['事项', '承办组织', '到期日', '状态'], rows: late.map((t) => [t.title, t.ownerOrgName, t.dueOn, t.closedOn ? `${t.closedOn}销号` : t.statusName]) }]
          : [],
      };
    },
  });
}
