// Row types of the tables the tasks room owns (composed into the Database interface in db/types.ts).

export type TaskKind = 'temporary' | 'phased' | 'routine';
export type TaskStatus = 'deployed' | 'accepted' | 'inProgress' | 'completionReported' | 'returned' | 'closed';
export type TaskEventKind = 'deployed' | 'accepted' | 'reported' | 'completionReported' | 'returned' | 'verified' | 'edited';
export type ReportCycle = 'month' | 'quarter' | 'half' | 'year';

/** A closed-loop task (督办事项). Scope comes from the issuing and owning organisations (joined, never copied). */
export interface TaskTable {
  tenant_id: string;
  id: string;
  title: string;
  description: string;
  kind: TaskKind;
  status: TaskStatus;
  /** manual | meeting | assessment | warning | campaign | any later module's word. */
  source_kind: string;
  source_id: string | null;
  source_link: string | null;
  source_label: string | null;
  issuer_id: string;
  issuing_org_id: string;
  owner_org_id: string;
  owner_id: string;
  programme_id: string | null;
  start_on: string;
  due_on: string;
  done_standard: string;
  /** Last reported percentage (0–100). */
  percent: number;
  return_count: number;
  accepted_at: string | null;
  completion_reported_at: string | null;
  closed_at: string | null;
  /** Shanghai calendar day of closing: compared with due_on for the on-time rate. */
  closed_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface TaskCoOwnerTable {
  tenant_id: string;
  task_id: string;
  user_id: string;
}

/** The timeline: every transition, report and edit of a task. */
export interface TaskEventTable {
  tenant_id: string;
  id: string;
  task_id: string;
  kind: TaskEventKind;
  at: string;
  by_user_id: string | null;
  from_status: TaskStatus | null;
  to_status: TaskStatus | null;
  percent: number | null;
  notes: string | null;
  reason: string | null;
  evidence: string | null;
  /** JSON {field:{before,after}} for edits. */
  changes: string | null;
}

/** A 工作方案: a named plan whose milestones are tasks (tasks.programme_id). */
export interface ProgrammeTable {
  tenant_id: string;
  id: string;
  name: string;
  description: string;
  issuing_org_id: string;
  start_on: string;
  end_on: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** 党建工作责任制: the standing duties of an organisation (or of one leader in it) for a year. */
export interface ResponsibilityTable {
  tenant_id: string;
  id: string;
  year: number;
  org_id: string;
  /** The responsible leader's account, or null for the organisation's own list. */
  leader_id: string | null;
  /** '' when leader_id is null, so the unique key (tenant, org, leader, year) holds on both dialects. */
  leader_key: string;
  title: string;
  report_cycle: ReportCycle;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ResponsibilityItemTable {
  tenant_id: string;
  id: string;
  responsibility_id: string;
  sort_order: number;
  content: string;
  standard: string | null;
  deleted_at: string | null;
}

export interface ResponsibilityReportTable {
  tenant_id: string;
  id: string;
  responsibility_id: string;
  /** 2026-Q1 · 2026-H1 · 2026-03 · 2026 */
  period: string;
  content: string;
  /** JSON [{itemId, note}] */
  item_notes: string;
  reported_by: string | null;
  reported_at: string;
}

export interface TaskTables {
  tasks: TaskTable;
  task_co_owners: TaskCoOwnerTable;
  task_events: TaskEventTable;
  programmes: ProgrammeTable;
  responsibilities: ResponsibilityTable;
  responsibility_items: ResponsibilityItemTable;
  responsibility_reports: ResponsibilityReportTable;
}
