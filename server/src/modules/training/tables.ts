// Row types of 教育培训 and 人才 (issue 20, migration 0024): courses with online materials and offline sessions,
// the study time that earns 学时, the question bank, exams and their attempts. (The 党务干部 register and the
// 后备人才库 add theirs in a later migration, below the last section.)
import { rewrite, type Bool, type OrgPathColumns, type VersionTable } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const trainingOrgPathColumns: OrgPathColumns<TrainingTables> = {
  training_courses: { org_path: rewrite('a course belongs to the organisation that runs it; its members see it wherever it sits') },
  training_questions: { org_path: rewrite('a question belongs to the organisation that keeps it; exams below it draw from it') },
  training_exams: { org_path: rewrite('an exam belongs to the organisation that holds it; its members take it wherever it sits') },
  training_attempts: { org_path: rewrite('the taker\'s organisation when the attempt began, for statistics per organisation: it moves with that organisation') },
  training_talents: { org_path: rewrite('the nominating branch: the talent is seen and nominated again where that branch sits') },
};

// ---------- courses, materials, sessions and study time ----------

/** 线上 (materials read on a screen), 线下 (sessions in a room), or both. */
export type CourseKind = 'online' | 'offline' | 'mixed';
/** 文章 (rich text), PDF, 视频 (an uploaded file). */
export type MaterialKind = 'article' | 'pdf' | 'video';

export interface TrainingCourseTable {
  tenant_id: string;
  id: string;
  /** The organisation that runs the course; its subtree's members are its audience. */
  org_id: string;
  org_path: string;
  title: string;
  kind: CourseKind;
  description: string;
  /** The year whose 学时 the course counts for (YYYY). */
  year: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** One online material of a course: studied on a screen, credited for the time actually spent on it. */
export interface TrainingMaterialTable {
  tenant_id: string;
  id: string;
  course_id: string;
  title: string;
  kind: MaterialKind;
  /** Sanitised rich text of an article; '' for a file. */
  body: string;
  /** The uploaded PDF or video (platform files); null for an article. */
  file_id: string | null;
  /** 学时 × 10 earned by studying the material for required_minutes (integers: no floating point in credits). */
  credit_tenths: number;
  /** Minutes of study that earn the whole credit; less earns a proportional part, more earns nothing more. */
  required_minutes: number;
  /** The window (YYYY-MM-DD, Asia/Shanghai) in which study time counts. */
  opens_on: string;
  closes_on: string;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/**
 * One offline session of a course. The time, place, lecturer, attendance list and QR sign-in are those of the
 * 组织生活 activity it is held as (orgLife owns them): a session is a link to that activity plus its 学时.
 */
export interface TrainingSessionTable {
  tenant_id: string;
  id: string;
  course_id: string;
  /** The 组织生活 activity (e.g. a 党课) the session is held as. Unique: an activity is credited once. */
  activity_id: string;
  /** 学时 × 10 credited to each attendee present (or made up). */
  credit_tenths: number;
  created_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

/** One member's study time on one material on one day (Asia/Shanghai): what heartbeats add to. */
export interface TrainingStudyTable {
  tenant_id: string;
  member_id: string;
  material_id: string;
  /** YYYY-MM-DD. */
  day: string;
  /** Seconds credited this day (never more than the caps allow). */
  seconds: number;
  /** Instant of the last heartbeat accepted for this member on this material (any tab): time is counted from it. */
  last_beat_at: string;
  updated_at: string;
}

// ---------- question bank, exams and attempts ----------

/** 单选, 多选, 判断, 填空. */
export type QuestionKind = 'single' | 'multiple' | 'judge' | 'fill';

export interface TrainingQuestionTable {
  tenant_id: string;
  id: string;
  /** The organisation that keeps the question: exams of it and of organisations below it may use it. */
  org_id: string;
  org_path: string;
  kind: QuestionKind;
  stem: string;
  /** JSON [{key: 'A', text}] for single/multiple; [] for judge and fill. */
  options: string;
  /** JSON string[]: option keys (single one, multiple two or more), ['T'] or ['F'] for judge, accepted texts for fill. Never sent before submission. */
  answer: string;
  explanation: string;
  /** 1 易, 2 中, 3 难. */
  difficulty: number;
  /** JSON string[] (also in training_question_tags for drawing by tag). */
  tags: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface TrainingQuestionTagTable {
  tenant_id: string;
  question_id: string;
  tag: string;
}

/** 固定试卷 (chosen questions) or 随机组卷 (drawn per attempt by rules). */
export type PaperMode = 'fixed' | 'rules';
export type ExamStatus = 'draft' | 'published';

export interface TrainingExamTable {
  tenant_id: string;
  id: string;
  /** The organisation holding the exam: members of its subtree take it. */
  org_id: string;
  org_path: string;
  title: string;
  description: string;
  paper_mode: PaperMode;
  /** JSON [{kind?, tag?, difficulty?, count, points}] for 'rules'; [] for 'fixed'. */
  rules: string;
  /** Instants: attempts start inside [opens_at, closes_at); results and explanations are shown after closes_at. */
  opens_at: string;
  closes_at: string;
  time_limit_minutes: number;
  max_attempts: number;
  pass_score: number;
  total_score: number;
  status: ExamStatus;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The questions of a fixed paper, in order, with their points. */
export interface TrainingExamQuestionTable {
  tenant_id: string;
  exam_id: string;
  position: number;
  question_id: string;
  points: number;
}

export type AttemptStatus = 'open' | 'submitted';

export interface TrainingAttemptTable {
  tenant_id: string;
  id: string;
  exam_id: string;
  member_id: string;
  org_path: string;
  /** 1, 2, … up to the exam's max_attempts. */
  attempt_no: number;
  started_at: string;
  /** min(started_at + time limit, closes_at): the server accepts answers until then, and no later. */
  deadline_at: string;
  submitted_at: string | null;
  /** Submitted (or closed by the server) after the deadline: answers saved after it were cut. */
  late: Bool;
  status: AttemptStatus;
  score: number | null;
  passed: Bool | null;
}

/** One question of an attempt (the paper as drawn for it), the answer given and its grading. */
export interface TrainingAttemptItemTable {
  tenant_id: string;
  attempt_id: string;
  position: number;
  question_id: string;
  points: number;
  /** JSON string[] or null while unanswered. */
  answer: string | null;
  answered_at: string | null;
  correct: Bool | null;
}

export interface TrainingTables {
  training_courses: TrainingCourseTable;
  training_materials: TrainingMaterialTable;
  training_sessions: TrainingSessionTable;
  training_study: TrainingStudyTable;
  training_questions: TrainingQuestionTable;
  training_question_tags: TrainingQuestionTagTable;
  training_exams: TrainingExamTable;
  training_exam_questions: TrainingExamQuestionTable;
  training_attempts: TrainingAttemptTable;
  training_attempt_items: TrainingAttemptItemTable;
  training_talents: TrainingTalentTable;
  training_talent_events: TrainingTalentEventTable;
  training_talent_evaluations: TrainingTalentEvaluationTable;
  training_talent_milestones: TrainingTalentMilestoneTable;
  /** The 学时 totals' change counter (migration 0029). */
  training_versions: VersionTable;
}

// ---------- 后备人才库 (part C, migration 0025) ----------

/** 已推荐 (waiting for the committee), 未通过, 在库, 已移出. */
export type TalentStatus = 'nominated' | 'rejected' | 'active' | 'removed';
export type TalentAction = 'nominated' | 'accepted' | 'rejected' | 'evaluated' | 'planned' | 'milestone' | 'removed';
/** 优秀, 良好, 一般, 较差. */
export type TalentGrade = 'excellent' | 'good' | 'fair' | 'poor';

/** One nomination of a member into the pool and, once accepted, their time in it (a later nomination is a new row). */
export interface TrainingTalentTable {
  tenant_id: string;
  id: string;
  member_id: string;
  /** The member's branch when nominated: the nominating organisation. */
  org_id: string;
  org_path: string;
  /** A category name of the 业务规则 `training.talent` at the time (kept as text: renaming a category keeps old rows readable). */
  category: string;
  status: TalentStatus;
  /** Why the branch nominates the member. */
  reason: string;
  /** The development plan's goal (the milestones are rows of training_talent_milestones). */
  plan_goal: string;
  /** The committee's note when accepting, or its reason when rejecting. */
  decision_note: string | null;
  decided_on: string | null;
  removed_on: string | null;
  removed_reason: string | null;
  nominated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingTalentEventTable {
  tenant_id: string;
  id: string;
  talent_id: string;
  action: TalentAction;
  note: string | null;
  actor_id: string | null;
  at: string;
}

/** The committee's yearly evaluation of a talent: one per year (a second one that year replaces it, in the history). */
export interface TrainingTalentEvaluationTable {
  tenant_id: string;
  id: string;
  talent_id: string;
  year: number;
  grade: TalentGrade;
  comment: string;
  evaluated_by: string | null;
  evaluated_at: string;
}

/** A milestone of a talent's development plan, deployed as a 督办 task (its status is the task's). */
export interface TrainingTalentMilestoneTable {
  tenant_id: string;
  id: string;
  talent_id: string;
  title: string;
  due_on: string;
  task_id: string;
  created_by: string | null;
  created_at: string;
}
