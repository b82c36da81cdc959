// Shapes of the 督办 API answers (docs/api/tasks.md) and their Chinese labels.
import type { Instant } from '../../api/types';

export type TaskStatus = 'deployed' | 'accepted' | 'inProgress' | 'completionReported' | 'returned' | 'closed';
export type TaskLight = 'green' | 'yellow' | 'red' | 'done';
export type TaskKind = 'temporary' | 'phased' | 'routine';
export type TaskAction = 'accept' | 'report' | 'complete' | 'verify' | 'return';

export interface Task {
  id: string;
  title: string;
  description: string | null;
  kind: TaskKind;
  kindName: string;
  status: TaskStatus;
  statusName: string;
  light: TaskLight;
  lightName: string;
  /** dueOn − today; negative when overdue. */
  daysLeft: number;
  percent: number;
  sourceKind: string;
  sourceName: string;
  sourceId: string | null;
  sourceLink: string | null;
  sourceLabel: string | null;
  issuerId: string;
  issuerName: string;
  issuingOrgId: string;
  issuingOrgName: string;
  ownerOrgId: string;
  ownerOrgName: string;
  ownerId: string;
  ownerName: string;
  coOwners: { id: string; name: string }[];
  programmeId: string | null;
  programmeName: string | null;
  startOn: string;
  dueOn: string;
  doneStandard: string;
  acceptedAt: Instant | null;
  completionReportedAt: Instant | null;
  closedAt: Instant | null;
  closedOn: string | null;
  returnCount: number;
  createdAt: Instant;
  updatedAt: Instant;
  /** What the signed-in user may do now (the server decides). */
  can: Record<TaskAction | 'edit', boolean>;
}

export interface TimelineEvent {
  id: string;
  kind: string;
  kindName: string;
  at: Instant;
  byId: string | null;
  byName: string | null;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus | null;
  percent: number | null;
  notes: string | null;
  reason: string | null;
  evidence: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

export interface TaskAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: Instant;
  createdBy: string | null;
  createdByName: string | null;
}

export interface TaskDetail extends Task {
  /** Oldest first. */
  timeline: TimelineEvent[];
  attachments: TaskAttachment[];
}

export interface LightSummary {
  green: number;
  yellow: number;
  red: number;
  done: number;
  total: number;
}

export interface TaskPage {
  items: Task[];
  total: number;
  page: number;
  pageSize: number;
  summary: LightSummary;
}

export interface Assignee {
  id: string;
  name: string;
  username: string;
}

export interface Programme {
  id: string;
  name: string;
  description: string | null;
  issuingOrgId: string;
  issuingOrgName: string;
  startOn: string;
  endOn: string;
  createdById: string;
  createdByName: string;
  createdAt: Instant;
  summary: LightSummary & { percentDone: number; avgPercent: number };
}

export interface ProgrammeDetail extends Programme {
  milestones: Task[];
}

export type ReportCycle = 'month' | 'quarter' | 'half' | 'year';

export interface ResponsibilityPeriod {
  period: string;
  label: string;
  dueOn: string;
  reported: boolean;
  overdue: boolean;
}

export interface ResponsibilityReport {
  id: string;
  period: string;
  periodLabel: string;
  content: string;
  itemNotes: { itemId: string; note: string }[];
  reportedById: string;
  reportedByName: string;
  reportedAt: Instant;
}

export interface Responsibility {
  id: string;
  year: number;
  orgId: string;
  orgName: string;
  leaderId: string | null;
  leaderName: string | null;
  title: string;
  reportCycle: ReportCycle;
  reportCycleName: string;
  items: { id: string; content: string; standard: string | null }[];
  createdAt: Instant;
  updatedAt: Instant;
  periods: ResponsibilityPeriod[];
  /** Only on the detail view. */
  reports?: ResponsibilityReport[];
}

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

