// Shapes of the 量化考核 API (docs/api/assessment.md, docs/api/assessment-results.md) and the labels shown for them.
import type { Instant } from '../../api/types';

export const ASSESSMENT_URL = '/api/v1/assessment';
export const SCHEMES_URL = `${ASSESSMENT_URL}/schemes`;
export const METRICS_URL = `${ASSESSMENT_URL}/metrics`;
export const UNITS_URL = `${ASSESSMENT_URL}/units`;
export const ROUNDS_URL = `${ASSESSMENT_URL}/rounds`;
export const ASSESSORS_URL = `${ASSESSMENT_URL}/assessors`;
export const SHEETS_URL = `${ASSESSMENT_URL}/sheets`;
export const APPRAISALS_URL = '/api/v1/appraisals';

const enc = encodeURIComponent;
export const schemeUrl = (id: string) => `${SCHEMES_URL}/${enc(id)}`;
export const roundUrl = (id: string, sub?: string) => `${ROUNDS_URL}/${enc(id)}${sub ? `/${sub}` : ''}`;
export const sheetUrl = (id: string, sub?: string) => `${SHEETS_URL}/${enc(id)}${sub ? `/${sub}` : ''}`;
export const appraisalUrl = (id: string, sub?: string) => `${APPRAISALS_URL}/${enc(id)}${sub ? `/${sub}` : ''}`;

export type TargetType = 'org' | 'group' | 'member';
export type PeriodType = 'month' | 'quarter' | 'halfYear' | 'year';
export type RoundStatus = 'open' | 'scoring' | 'review' | 'published';
export type SheetKind = 'assessor' | 'unit' | 'self';
export type SheetStatus = 'draft' | 'submitted';

export const TARGET_TYPE_LABEL: Record<TargetType, string> = { org: '党支部', group: '党小组', member: '党员' };
export const PERIOD_TYPE_LABEL: Record<PeriodType, string> = { month: '月度', quarter: '季度', halfYear: '半年', year: '年度' };
export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = { open: '已开启', scoring: '评分中', review: '复核中', published: '已发布' };
export const ROUND_STATUS_COLOR: Record<RoundStatus, string> = { open: 'processing', scoring: 'processing', review: 'warning', published: 'success' };
export const SHEET_STATUS_LABEL: Record<SheetStatus, string> = { draft: '待提交', submitted: '已提交' };
export const SHEET_KIND_LABEL: Record<SheetKind, string> = { assessor: '考核人评分', unit: '责任单位评分', self: '自评' };

export function labelOf<K extends string>(map: Record<K, string>, key: string | null | undefined): string {
  if (!key) return '-';
  return (map as Record<string, string>)[key] ?? key;
}

export type IndicatorRule =
  | { type: 'linear'; from: number; to: number }
  | { type: 'bands'; bands: { min: number; score: number }[] };

export type IndicatorScorer = { kind: 'assessor' } | { kind: 'unit'; unitId: string; unitName?: string };

/** One node of a scheme's indicator tree. Leaves carry scores; a parent's maximum is its children's sum. */
export interface Indicator {
  id: string;
  name: string;
  maxScore: number;
  criteria: string;
  children?: Indicator[];
  mode: 'manual' | 'auto';
  scorer?: IndicatorScorer;
  metricKey?: string;
  rule?: IndicatorRule;
  /** Manual leaves: an automatic leaf of the same tree shown beside it as evidence (and checked by the anomaly rule). */
  evidenceIndicatorId?: string;
}

export interface Scheme {
  id: string;
  name: string;
  targetType: TargetType;
  targetTypeName: string;
  periodType: PeriodType;
  periodTypeName: string;
  description: string;
  version: number;
  totalScore: number;
  leafCount: number;
  autoCount: number;
  roundCount: number;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface SchemeDetail extends Scheme {
  indicators: Indicator[];
}

export interface SchemeInput {
  name: string;
  targetType: TargetType;
  periodType: PeriodType;
  description?: string;
  indicators: Indicator[];
}

export interface Metric {
  key: string;
  name: string;
  unit: string;
  description: string;
  target: 'org' | 'member';
}

export interface Round {
  id: string;
  name: string;
  schemeId: string;
  schemeName: string;
  schemeVersion: number;
  targetType: TargetType;
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  rootOrgId: string;
  rootOrgName: string;
  deadline: string;
  status: RoundStatus;
  statusName: string;
  selfAssessment: boolean;
  targetCount: number;
  sheetsTotal: number;
  sheetsSubmitted: number;
  createdAt: Instant;
  reviewAt: Instant | null;
  publishedAt: Instant | null;
}

export interface RoundTarget {
  targetId: string;
  targetName: string;
  assessorUserId: string | null;
  assessorName: string | null;
  sheetsTotal: number;
  sheetsSubmitted: number;
}

export interface RoundDetail extends Round {
  indicators: Indicator[];
  targets: RoundTarget[];
  can: { manage: boolean; startReview: boolean; publish?: boolean };
}

export interface RoundInput {
  schemeId: string;
  name?: string;
  period?: string;
  periodFrom?: string;
  periodTo?: string;
  periodLabel?: string;
  rootOrgId: string;
  deadline: string;
  assessorUserId?: string;
  assessors?: { targetId: string; userId: string }[];
  unitScorers?: { unitId: string; userId: string }[];
  selfAssessment?: boolean;
}

export interface Sheet {
  id: string;
  roundId: string;
  roundName: string;
  periodLabel: string;
  roundStatus: RoundStatus;
  deadline: string;
  targetId: string;
  targetName: string;
  kind: SheetKind;
  unitId: string | null;
  unitName: string | null;
  assessorUserId: string | null;
  assessorName: string | null;
  status: SheetStatus;
  submittedAt: Instant | null;
  updatedAt: Instant;
  leafCount: number;
  scoredCount: number;
  total: number;
  maxTotal: number;
}

/** Automatic evidence for the sheet's target beside a leaf. */
export interface Evidence {
  metricKey: string;
  metricName: string;
  unit: string;
  value: number | null;
  /** Automatic leaves only. */
  score: number | null;
  formula: string;
  /** Frozen at the start of review (otherwise computed now). */
  frozen: boolean;
}

export interface SheetLine {
  indicatorId: string;
  path: string[];
  name: string;
  maxScore: number;
  criteria: string;
  score: number | null;
  note: string;
  evidence: Evidence | null;
}

export interface SheetDetail extends Sheet {
  lines: SheetLine[];
  /** The target's automatic indicators (read-only context for the scorer). */
  autoLines: SheetLine[];
  can: { edit: boolean; submit: boolean; reopen: boolean };
}

export interface SheetPatch {
  scores: { indicatorId: string; score: number | null; note?: string }[];
}

export interface Correction {
  id: string;
  indicatorId: string;
  oldScore: number | null;
  newScore: number;
  reason: string;
  /** Display name. */
  by: string;
  at: Instant;
}

export interface ResultRow {
  targetId: string;
  targetName: string;
  /** Ties share a rank (1, 1, 3). */
  rank: number;
  total: number;
  maxTotal: number;
  stars: number;
  starName: string;
  bonusCoefficient: number;
  /** Leaves without a submitted or frozen score (counted as 0). */
  missing: string[];
  scores: Record<string, number | null>;
  corrections: Correction[];
}

export interface ResultIndicator {
  id: string;
  name: string;
  maxScore: number;
  mode: 'manual' | 'auto';
  path: string;
}

export interface Results {
  roundId: string;
  roundName: string;
  periodLabel: string;
  status: RoundStatus;
  published: boolean;
  publishedAt: Instant | null;
  indicators: ResultIndicator[];
  items: ResultRow[];
}

export interface Anomaly {
  key: string;
  type: string;
  typeName: string;
  description: string;
  targetId: string | null;
  targetName: string | null;
  assessorUserId: string | null;
  assessorName: string | null;
  sheetId: string | null;
  indicatorId: string | null;
  taskId: string | null;
}

export interface HistoryPoint {
  roundId: string;
  roundName: string;
  periodLabel: string;
  periodFrom: string;
  total: number;
  maxTotal?: number;
  rank: number;
  stars: number;
  schemeId?: string;
}

export type AppraisalGrade = 'excellent' | 'qualified' | 'basic' | 'unqualified';
export const GRADE_LABEL: Record<AppraisalGrade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };
export const GRADE_COLOR: Record<AppraisalGrade, string> = { excellent: 'red', qualified: 'blue', basic: 'orange', unqualified: 'default' };
export const GRADES: AppraisalGrade[] = ['excellent', 'qualified', 'basic', 'unqualified'];

/** ★★★★ for a star count. */
export function stars(n: number): string {
  return n > 0 ? '★'.repeat(n) : '-';
}

export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

export type AppraisalStatus = 'open' | 'published';
export const APPRAISAL_STATUS_LABEL: Record<AppraisalStatus, string> = { open: '进行中', published: '已公布' };

export interface Appraisal {
  id: string;
  branchId: string;
  branchName: string;
  year: number;
  status: AppraisalStatus;
  memberCount: number;
  gradedCount: number;
  excellentCount: number;
  publishedAt: Instant | null;
}

export type PeerCounts = Record<AppraisalGrade, number>;

export interface AppraisalMember {
  memberId: string;
  name: string;
  type: 'full' | 'probationary';
  graded: boolean;
  selfGrade: AppraisalGrade | null;
  selfComment: string;
  peer: PeerCounts;
  peerCount: number;
  decision: AppraisalGrade | null;
  decisionNote: string;
}

export interface AppraisalDetail {
  id: string;
  branchId: string;
  branchName: string;
  year: number;
  status: AppraisalStatus;
  publishedAt: Instant | null;
  excellentMax: number;
  gradedCount: number;
  excellentCount: number;
  /** The viewer may decide grades and see peer counts. */
  manager?: boolean;
  me: { memberId: string; graded?: boolean; selfGrade: AppraisalGrade | null; ratings: Record<string, AppraisalGrade> } | null;
  members: AppraisalMember[];
}
