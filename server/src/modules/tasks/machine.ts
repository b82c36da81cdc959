// The closed loop as a table: which action may leave which status, where it goes, and the Chinese reason
// every other combination is refused with (409). Who may act is checked separately (service.ts).
import type { TaskStatus } from './tables.js';

export type TaskAction = 'accept' | 'report' | 'complete' | 'verify' | 'return';
export const TASK_ACTIONS: TaskAction[] = ['accept', 'report', 'complete', 'verify', 'return'];

export const TRANSITIONS: Record<TaskAction, { from: TaskStatus[]; to: TaskStatus }> = {
  accept: { from: ['deployed'], to: 'accepted' },
  report: { from: ['accepted', 'inProgress', 'returned'], to: 'inProgress' },
  complete: { from: ['accepted', 'inProgress', 'returned'], to: 'completionReported' },
  verify: { from: ['completionReported'], to: 'closed' },
  return: { from: ['completionReported'], to: 'returned' },
};

const CLOSED = '任务已销号，不能再办理';
const REFUSALS: Record<TaskAction, Partial<Record<TaskStatus, string>>> = {
  accept: {
    accepted: '任务已接收，不能重复接收', inProgress: '任务已接收，不能重复接收', completionReported: '任务已接收，不能重复接收',
    returned: '任务已接收，不能重复接收', closed: CLOSED,
  },
  report: {
    deployed: '任务尚未接收，不能汇报进度', completionReported: '任务已提交完成报告，正在等待验收，不能再汇报进度', closed: CLOSED,
  },
  complete: {
    deployed: '任务尚未接收，不能提交完成报告', completionReported: '任务已提交完成报告，正在等待验收，不能重复提交', closed: CLOSED,
  },
  verify: {
    deployed: '任务尚未提交完成报告，不能验收', accepted: '任务尚未提交完成报告，不能验收', inProgress: '任务尚未提交完成报告，不能验收',
    returned: '任务已退回，须重新提交完成报告后才能验收', closed: '任务已销号，不能重复验收',
  },
  return: {
    deployed: '任务尚未提交完成报告，不能退回', accepted: '任务尚未提交完成报告，不能退回', inProgress: '任务尚未提交完成报告，不能退回',
    returned: '任务已退回，不能重复退回', closed: '任务已销号，不能退回',
  },
};

/** Null when the action may leave this status, else why not. */
export function refusal(status: TaskStatus, action: TaskAction): string | null {
  if (TRANSITIONS[action].from.includes(status)) return null;
  return REFUSALS[action][status] ?? '当前状态不能执行此操作';
}

/** Actions of the owner side (owner and co-owners) and of the issuer side. */
export const OWNER_ACTIONS: TaskAction[] = ['accept', 'report', 'complete'];
export const ISSUER_ACTIONS: TaskAction[] = ['verify', 'return'];
