// Shapes of the 督办 API answers (docs/api/tasks.md), aliases of the generated API types, and their Chinese labels.
import type { ApiItem, ApiResponse } from '../../api/types';

/** A task as lists send it; `can` says what the signed-in user may do now (the server decides). */
export type Task = ApiItem<'/api/v1/tasks'>;
/** The list answer: a page of tasks and the light counts of the whole filtered list. */
export type TaskPage = ApiResponse<'/api/v1/tasks'>;
/** A task with its timeline (oldest first) and attachments. */
export type TaskDetail = ApiResponse<'/api/v1/tasks/{id}'>;
export type TimelineEvent = TaskDetail['timeline'][number];
export type TaskAttachment = TaskDetail['attachments'][number];
export type TaskStatus = Task['status'];
export type TaskLight = Task['light'];
export type TaskKind = Task['kind'];
export type TaskAction = Exclude<keyof Task['can'], 'edit'>;

export type Assignee = ApiItem<'/api/v1/tasks/assignees'>;

export type Programme = ApiItem<'/api/v1/programmes'>;
export type ProgrammeDetail = ApiResponse<'/api/v1/programmes/{id}'>;

/** A responsibility list as lists send it (without its reports). */
export type Responsibility = ApiItem<'/api/v1/responsibilities'>;
export type ResponsibilityDetail = ApiResponse<'/api/v1/responsibilities/{id}'>;
export type ResponsibilityPeriod = Responsibility['periods'][number];
export type ReportCycle = Responsibility['reportCycle'];

export const STATUS_LABEL: Record<TaskStatus, string> = {
  deployed: '已部署',
  accepted: '已接收',
  inProgress: '办理中',
  completionReported: '待验收',
  returned: '已退回',
  closed: '已销号',
};

export const STATUS_COLOR: Record<TaskStatus, string> = {
  deployed: 'blue',
  accepted: 'cyan',
  inProgress: 'processing',
  completionReported: 'purple',
  returned: 'magenta',
  closed: 'default',
};

export const LIGHT_LABEL: Record<TaskLight, string> = { green: '正常', yellow: '临期', red: '逾期', done: '已完成' };
/** Dot colours: traffic lights, and grey for finished work. */
export const LIGHT_COLOR: Record<TaskLight, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', done: '#8c8c8c' };
export const LIGHTS: TaskLight[] = ['red', 'yellow', 'green', 'done'];

export const KIND_LABEL: Record<TaskKind, string> = { temporary: '临时性', phased: '阶段性', routine: '常规责任' };

export const CYCLE_LABEL: Record<ReportCycle, string> = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' };

/** Timeline dot colour by event kind. */
export const EVENT_COLOR: Record<string, 'blue' | 'red' | 'green' | 'gray'> = {
  deployed: 'blue',
  accepted: 'blue',
  reported: 'blue',
  completionReported: 'blue',
  returned: 'red',
  verified: 'green',
  edited: 'gray',
};

export function labelOf(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return map[key] ?? key;
}

export function options(map: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(map).map(([value, label]) => ({ value, label }));
}

