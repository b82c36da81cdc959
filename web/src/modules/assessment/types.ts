// Shapes of the 量化考核 API (docs/api/assessment.md, docs/api/assessment-results.md), aliases of the generated API
// types, and the labels shown for them.
import type { ApiItem, ApiRequest, ApiResponse, ApiSchema } from '../../api/types';

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

export type TargetType = Scheme['targetType'];
export type PeriodType = Scheme['periodType'];
export type RoundStatus = Round['status'];
export type SheetKind = Sheet['kind'];
export type SheetStatus = Sheet['status'];

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

type IndicatorSchema = ApiSchema<'Indicator'>;
export type IndicatorRule = NonNullable<IndicatorSchema['rule']>;

/**
 * One node of an indicator tree as the server keeps it (the contract's Indicator): leaves carry scores, a
 * parent's maximum is its children's sum. Every stored node has its id (the server gives new nodes one), so
 * the id is required here though optional in the contract, which also describes new nodes.
 */
export type Indicator = Omit<IndicatorSchema, 'id' | 'children'> & { id: string; children?: Indicator[] };

export type Scheme = ApiItem<'/api/v1/assessment/schemes'>;
/** The server sends the tree untyped (its own JSON); it is the Indicator tree it validated on writing. */
export type SchemeDetail = Omit<ApiResponse<'/api/v1/assessment/schemes/{id}'>, 'indicators'> & { indicators: Indicator[] };
export type SchemeInput = ApiRequest<'/api/v1/assessment/schemes', 'post'>;

export type Metric = ApiItem<'/api/v1/assessment/metrics'>;
export type AssessmentUnit = ApiItem<'/api/v1/assessment/units'>;
/** An account that may be named as assessor for an organisation. */
export type AssessorCandidate = ApiItem<'/api/v1/assessment/assessors'>;

export type Round = ApiItem<'/api/v1/assessment/rounds'>;
/** A round with the indicator tree it copied when it opened (sent untyped, see SchemeDetail) and its targets. */
export type RoundDetail = Omit<ApiResponse<'/api/v1/assessment/rounds/{id}'>, 'indicators'> & { indicators: Indicator[] };
export type RoundTarget = RoundDetail['targets'][number];
export type RoundInput = ApiRequest<'/api/v1/assessment/rounds', 'post'>;

export type Sheet = ApiItem<'/api/v1/assessment/sheets'>;
/** A sheet with its lines and the target's automatic indicators (read-only context for the scorer). */
export type SheetDetail = ApiResponse<'/api/v1/assessment/sheets/{id}'>;
export type SheetLine = SheetDetail['lines'][number];
/** Automatic evidence beside a leaf: `score` for automatic leaves only, `frozen` once review started. */
export type Evidence = NonNullable<SheetLine['evidence']>;
export type SheetPatch = ApiRequest<'/api/v1/assessment/sheets/{id}', 'patch'>;

/** Results: ranks are shared on ties (1, 1, 3); `missing` are leaves without a submitted or frozen score. */
export type Results = ApiResponse<'/api/v1/assessment/rounds/{id}/results'>;
export type ResultRow = Results['items'][number];

export type Anomaly = ApiItem<'/api/v1/assessment/rounds/{id}/anomalies'>;
export type HistoryPoint = ApiItem<'/api/v1/assessment/targets/{targetId}/history'>;

export type AppraisalGrade = NonNullable<AppraisalMember['decision']>;
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

export type AppraisalStatus = Appraisal['status'];
export const APPRAISAL_STATUS_LABEL: Record<AppraisalStatus, string> = { open: '进行中', published: '已公布' };

export type Appraisal = ApiItem<'/api/v1/appraisals'>;
/** GET /appraisals: the appraisals seen, and for a year the managed branches not started yet. */
export type AppraisalList = ApiResponse<'/api/v1/appraisals'>;
/** One 民主评议: `manager` says the viewer may decide grades and see peer counts; `me` is the viewer's own
 *  self and peer ratings when they take part. */
export type AppraisalDetail = ApiResponse<'/api/v1/appraisals/{id}'>;
export type AppraisalMember = AppraisalDetail['members'][number];
