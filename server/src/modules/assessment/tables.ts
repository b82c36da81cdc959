// Row types of the tables 量化考核 owns (composed into the Database interface in db/types.ts).
import { rewrite, type Bool, type OrgPathColumns } from '../../db/columns.js';
import type { AppraisalTables } from './appraisalTables.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const assessmentOrgPathColumns: OrgPathColumns<AssessmentTables> = {
  assessment_rounds: { root_org_path: rewrite('the organisation a round assesses under: the path is who manages and reads the round; the targets were fixed when it opened (assessment_targets), so a move never adds or drops a target') },
  assessment_targets: { org_path: rewrite('where a target sits, for who may read its result: an organisation that moves keeps its results visible to those now over it; the scores themselves never change') },
};

export type TargetType = 'org' | 'group' | 'member';
export type PeriodType = 'month' | 'quarter' | 'halfYear' | 'year';
export type RoundStatus = 'open' | 'scoring' | 'review' | 'published';
export type SheetKind = 'assessor' | 'unit' | 'self';
export type SheetStatus = 'draft' | 'submitted';

/** A scheme: a named indicator tree for one kind of target and period. */
export interface AssessmentSchemeTable {
  tenant_id: string;
  id: string;
  name: string;
  target_type: TargetType;
  period_type: PeriodType;
  description: string;
  /** Bumped on every change of the indicator tree. */
  version: number;
  /** JSON Indicator[] (schema.ts): the current tree. */
  indicators: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One application of a scheme version to a period and an organisation subtree. */
export interface AssessmentRoundTable {
  tenant_id: string;
  id: string;
  scheme_id: string;
  scheme_version: number;
  /** JSON Indicator[]: the tree as it was when the round was opened. */
  indicators: string;
  name: string;
  target_type: TargetType;
  /** YYYY-MM-DD, inclusive. */
  period_from: string;
  period_to: string;
  /** e.g. 2026年11月, 2026年第4季度. */
  period_label: string;
  root_org_id: string;
  root_org_path: string;
  /** YYYY-MM-DD: sheets are due by the end of this day. */
  deadline: string;
  status: RoundStatus;
  self_assessment: Bool;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** When automatic scores were frozen (start of review). */
  review_at: string | null;
  published_at: string | null;
  published_by: string | null;
  deleted_at: string | null;
}

/** One assessed organisation or member of a round. */
export interface AssessmentTargetTable {
  tenant_id: string;
  round_id: string;
  /** Organisation id (org/group schemes) or member id (member schemes). */
  target_id: string;
  target_name: string;
  /** The organisation's path (member: their organisation's path): scope of the target's sheets and results. */
  org_path: string;
  /** The user who scores the 'assessor' indicators of this target. */
  assessor_user_id: string | null;
  sort_order: number;
}

/** The manual leaves one user scores for one target. */
export interface AssessmentSheetTable {
  tenant_id: string;
  id: string;
  round_id: string;
  target_id: string;
  assessor_user_id: string | null;
  kind: SheetKind;
  /** The responsible unit (kind 'unit'). */
  unit_id: string | null;
  status: SheetStatus;
  submitted_at: string | null;
  updated_at: string;
}

export interface AssessmentScoreTable {
  tenant_id: string;
  sheet_id: string;
  indicator_id: string;
  score: number;
  note: string;
}

/** Automatic indicator scores frozen when the round moves to review. */
export interface AssessmentAutoScoreTable {
  tenant_id: string;
  round_id: string;
  target_id: string;
  indicator_id: string;
  metric_key: string;
  /** null when the metric has no value for the target (e.g. no activity to attend). */
  metric_value: number | null;
  score: number;
  /** Human-readable computation, e.g. "出勤率 82.0%，线性 60%→0 分，100%→10 分，得 5.5 分". */
  formula: string;
  computed_at: string;
}

/** A change of a published score (audited). */
export interface AssessmentCorrectionTable {
  tenant_id: string;
  id: string;
  round_id: string;
  target_id: string;
  indicator_id: string;
  old_score: number | null;
  new_score: number;
  reason: string;
  by: string | null;
  at: string;
}

export interface AssessmentTables extends AppraisalTables {
  assessment_schemes: AssessmentSchemeTable;
  assessment_rounds: AssessmentRoundTable;
  assessment_targets: AssessmentTargetTable;
  assessment_sheets: AssessmentSheetTable;
  assessment_scores: AssessmentScoreTable;
  assessment_auto_scores: AssessmentAutoScoreTable;
  assessment_corrections: AssessmentCorrectionTable;
}
