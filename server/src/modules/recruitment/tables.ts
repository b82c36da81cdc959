// Row types of 发展党员 (issue 21, migration 0026): the people in the pipeline, the steps each has done, and the
// kinds of the documents uploaded for them (the bytes are platform files owned by the person).
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const recruitmentOrgPathColumns: OrgPathColumns<RecruitmentTables> = {
  recruit_people: { org_path: rewrite('the branch that develops the person: its secretaries see the person wherever it sits') },
};

/** 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员. */
export type RecruitStage = 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full';

export interface RecruitPersonTable {
  tenant_id: string;
  id: string;
  /** The 党支部 that develops the person. */
  org_id: string;
  org_path: string;
  /** The staff record the person is, when they work here; the member record is then created from it. */
  staff_id: string | null;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  /** 身份证号 and phone, encrypted as the roster's are; the hash finds a person already in the pipeline. */
  id_number_enc: string;
  id_number_hash: string;
  phone_enc: string | null;
  /** Unit and employment of a person who is not staff: what the staff row created at admission needs. */
  unit_id: string | null;
  employment: 'active' | 'retired' | 'left';
  stage: RecruitStage;
  /** The last step done (0 before the application is recorded). */
  last_step: number;
  /** The member record created by the 支部大会 vote (step 15). */
  member_id: string | null;
  /** 延长预备期 (months, 0 when not extended; once only). */
  probation_extended_months: number;
  /** The day the extension was decided (migration 0033; null when not extended). */
  probation_extended_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface RecruitStepTable {
  tenant_id: string;
  id: string;
  person_id: string;
  /** 1..25 (docs/DOMAIN.md, 发展党员). */
  step: number;
  done_on: string;
  note: string;
  /** JSON array of member ids: the 培养联系人 (step 5) or 入党介绍人 (step 9). */
  people: string;
  /** The 组织生活 activity (支委会, 支部大会 …) that decided it. */
  meeting_id: string | null;
  /** First day of the 公示 before the 支委会 review (step 12). */
  publicity_from: string | null;
  /** Why a deadline (谈话 within a month) was missed, when it was. */
  late_reason: string | null;
  /** Length of the concentrated training (step 11): days, 学时, or both (migration 0033). */
  training_days: number | null;
  training_hours: number | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface RecruitDocumentTable {
  tenant_id: string;
  /** The platform file's id. */
  id: string;
  person_id: string;
  /** 入党申请书, 思想汇报, 政审材料 … (documents.ts DOCUMENT_KINDS). */
  kind: string;
  created_at: string;
}

/** 发展计划: how many a branch means to admit as 预备党员 in a year, set by the committee (migration 0033). */
export interface RecruitPlanTable {
  tenant_id: string;
  /** The 党支部 (or 联合支部). */
  org_id: string;
  year: number;
  quota: number;
  note: string;
  set_by: string | null;
  updated_at: string;
}

export interface RecruitmentTables {
  recruit_people: RecruitPersonTable;
  recruit_steps: RecruitStepTable;
  recruit_documents: RecruitDocumentTable;
  recruit_plans: RecruitPlanTable;
}
