// Row types of 激励 (issue 19, migration 0023): 党员示范岗 and 党员责任区 with their public ratings, half-yearly
// evaluations, yearly 星级评定, and 表彰 (两优一先 and local honours).
import { rewrite, type Bool, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const incentiveOrgPathColumns: OrgPathColumns<IncentiveTables> = {
  incentive_plaques: { org_path: rewrite('a plaque belongs to the branch that proposed it and answers for it wherever the branch sits') },
  incentive_ratings: { org_path: rewrite('a copy of the plaque\'s path, so moderation lists scope without a join') },
  incentive_evaluations: { org_path: rewrite('a copy of the plaque\'s path: the branch evaluates its own plaques') },
  incentive_stars: { org_path: rewrite('the organisation the rated subject belongs to (a branch itself, a member\'s branch, the committee for 小区 and units)') },
  incentive_nominations: { org_path: rewrite('the nominating organisation: it sees and answers for its nominations wherever it sits') },
  incentive_honours: { org_path: rewrite('the organisation the honoured member or organisation belongs to, for scoped lists of honours') },
};

/** 示范岗 (a job post in a unit) or 责任区 (an area). */
export type PlaqueKind = 'post' | 'area';
/** 小区, 楼栋, 车间, 路段, 其他. */
export type AreaKind = 'community' | 'building' | 'workshop' | 'road' | 'other';
/** 申报 (waiting for the 党委), 退回, 审核通过 (waiting for the plaque), 挂牌, 摘牌. */
export type PlaqueStatus = 'proposed' | 'rejected' | 'approved' | 'active' | 'withdrawn';
export type PlaqueAction = 'proposed' | 'edited' | 'rejected' | 'approved' | 'issued' | 'withdrawn' | 'flagged';
/** A public comment waits for a secretary before it is shown; a rating without a comment has 'none'. */
export type CommentStatus = 'none' | 'pending' | 'approved' | 'rejected';

export interface IncentivePlaqueTable {
  tenant_id: string;
  id: string;
  kind: PlaqueKind;
  /** The proposing organisation (a 党支部 usually): it answers for the plaque. */
  org_id: string;
  org_path: string;
  /** The member who holds the post or area. */
  member_id: string;
  /** e.g. 物业服务中心收费窗口党员示范岗, 锦绣小区3号楼党员责任区. */
  title: string;
  /** 示范岗: the unit and the job post within it. */
  unit_id: string | null;
  post_name: string | null;
  /** 责任区: what kind of area, and its name (a 小区 is named here, it is not a table). */
  area_kind: AreaKind | null;
  area_name: string | null;
  /** The extent in words: buildings, units, households, the stretch of road. */
  extent: string;
  /** The public commitment (承诺): a few sentences, shown on the public page. */
  commitment: string;
  period_from: string;
  period_to: string;
  status: PlaqueStatus;
  /** Unguessable code of the public page (/plaque/<code>), unique over the server (incentive_public_codes); set when approved. */
  public_code: string | null;
  issued_on: string | null;
  withdrawn_on: string | null;
  withdraw_reason: string | null;
  /** An evaluation scored it under the threshold: flagged for 摘牌 until the 党委 decides. */
  flagged: Bool;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The history of a plaque: every step with who, when and why. */
export interface IncentivePlaqueEventTable {
  tenant_id: string;
  id: string;
  plaque_id: string;
  action: PlaqueAction;
  note: string | null;
  actor_id: string | null;
  at: string;
}

/** A resident's rating from the public page. No personal data: the device and address are kept only as keyed hashes. */
export interface IncentiveRatingTable {
  tenant_id: string;
  id: string;
  plaque_id: string;
  org_path: string;
  /** 1..5. */
  score: number;
  comment: string | null;
  comment_status: CommentStatus;
  moderated_by: string | null;
  moderated_at: string | null;
  /** Keyed hash of the device cookie: one rating per device, plaque and day (a unique index). */
  device_key: string;
  /** Keyed hash of the client address: so many ratings per address and day. */
  address_key: string;
  /** Asia/Shanghai date of the rating. */
  rated_on: string;
  created_at: string;
}

export type EvaluationRoundStatus = 'open' | 'closed';

/** One evaluation period (半年 by default) for every active plaque of the committee. */
export interface IncentiveEvaluationRoundTable {
  tenant_id: string;
  id: string;
  /** e.g. 2026-H1 (platform/calendar periods). */
  period: string;
  title: string;
  period_from: string;
  period_to: string;
  /** JSON {self, residents, branch}: the weights as they stood when the round opened, summing to 100. */
  weights: string;
  /** Under this total the plaque is flagged for 摘牌. */
  threshold: number;
  status: EvaluationRoundStatus;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

/** One plaque's evaluation in a round, each part on 100 points. */
export interface IncentiveEvaluationTable {
  tenant_id: string;
  id: string;
  round_id: string;
  plaque_id: string;
  org_path: string;
  self_score: number | null;
  self_report: string | null;
  self_at: string | null;
  /** From the residents' ratings of the period (average of 1..5 scaled to 100), fixed when the round closes. */
  residents_score: number | null;
  rating_count: number;
  branch_score: number | null;
  branch_comment: string | null;
  branch_by: string | null;
  branch_at: string | null;
  /** The weighted total once every part is in. */
  total: number | null;
  flagged: Bool;
  updated_at: string;
}

/** 党支部 (标准化规范化), 小区 (星级文明小区), unit (星级文明单位), member (星级党员). */
export type StarSubjectKind = 'branch' | 'community' | 'unit' | 'member';

/** One subject's star rating for a year: computed from the data, optionally adjusted with a reason (audited). */
export interface IncentiveStarTable {
  tenant_id: string;
  id: string;
  year: number;
  subject_kind: StarSubjectKind;
  /** Organisation, unit or member id; a 小区 by its name. */
  subject_key: string;
  subject_name: string;
  org_path: string;
  /** 0..100 from the data; null when the data says nothing. */
  computed_score: number | null;
  /** JSON: what the score was made of (each source with its value), shown beside the stars. */
  basis: string;
  computed_stars: number;
  /** The stars that count (0 = 未达标): computed, or adjusted. */
  stars: number;
  adjust_reason: string | null;
  adjusted_by: string | null;
  adjusted_at: string | null;
  published: Bool;
  created_at: string;
  updated_at: string;
}

/** 优秀共产党员, 优秀党务工作者, 先进基层党组织. */
export type HonourCategory = 'outstandingMember' | 'outstandingWorker' | 'advancedOrg';
/** 推荐中, 党委审核, 公示中, 已决定. */
export type SelectionStatus = 'nominating' | 'reviewing' | 'publicising' | 'decided';
export type NominationStatus = 'nominated' | 'accepted' | 'rejected' | 'withdrawn' | 'honoured';

/** A yearly selection (评选) with its quotas. */
export interface IncentiveSelectionTable {
  tenant_id: string;
  id: string;
  year: number;
  title: string;
  /** JSON {outstandingMember, outstandingWorker, advancedOrg}: how many may be honoured. */
  quotas: string;
  nominate_by: string;
  status: SelectionStatus;
  publicity_from: string | null;
  publicity_to: string | null;
  decided_on: string | null;
  decision_no: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface IncentiveNominationTable {
  tenant_id: string;
  id: string;
  selection_id: string;
  category: HonourCategory;
  nominee_kind: 'member' | 'org';
  nominee_id: string;
  nominee_name: string;
  /** The nominating organisation. */
  org_id: string;
  org_path: string;
  /** 主要事迹. */
  deeds: string;
  /** JSON: the nominee's data as it stood at nomination (attendance, scores, hours, appraisal grade); never rewritten. */
  snapshot: string;
  status: NominationStatus;
  review_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An objection received during the 公示, and how it was handled. */
export interface IncentiveObjectionTable {
  tenant_id: string;
  id: string;
  nomination_id: string;
  received_on: string;
  content: string;
  handling: string | null;
  handled_by: string | null;
  handled_at: string | null;
  created_by: string | null;
  created_at: string;
}

/** An honour on a member's or organisation's record (from a selection, or a local or outside honour entered). */
export interface IncentiveHonourTable {
  tenant_id: string;
  id: string;
  subject_kind: 'member' | 'org';
  subject_id: string;
  subject_name: string;
  org_path: string;
  /** e.g. 优秀共产党员, 先进基层党组织, 星级党员. */
  title: string;
  year: number;
  awarded_on: string;
  /** Who awarded it: 本党委 or an outside body (e.g. 区委组织部). */
  awarded_by: string;
  nomination_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

/** Routes a public code to its tenant and plaque (a shared table: the public URL carries no tenant). */
export interface IncentivePublicCodeTable {
  code: string;
  tenant_id: string;
  plaque_id: string;
  created_at: string;
}

export interface IncentiveTables {
  incentive_public_codes: IncentivePublicCodeTable;
  incentive_plaques: IncentivePlaqueTable;
  incentive_plaque_events: IncentivePlaqueEventTable;
  incentive_ratings: IncentiveRatingTable;
  incentive_evaluation_rounds: IncentiveEvaluationRoundTable;
  incentive_evaluations: IncentiveEvaluationTable;
  incentive_stars: IncentiveStarTable;
  incentive_selections: IncentiveSelectionTable;
  incentive_nominations: IncentiveNominationTable;
  incentive_objections: IncentiveObjectionTable;
  incentive_honours: IncentiveHonourTable;
}
