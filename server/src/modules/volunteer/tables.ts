// Row types of 志愿服务 (关爱空巢老人 and voluntary labour, migration 0021).
import { rewrite, type OrgPathColumns, type VersionTable } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const volunteerOrgPathColumns: OrgPathColumns<VolunteerTables> = {
  volunteer_residents: { org_path: rewrite('a resident is cared for by the responsible organisation wherever it sits: the path is the scope of the record, its visits and its alerts') },
  volunteer_visits: {
    org_path: rewrite('a visit is seen where its resident is: a copy of the resident\'s path, so visit lists scope without a join'),
    volunteer_org_path: rewrite('the hours of a visit count for the organisation the volunteer belonged to on the day: it moves with that organisation, not with the volunteer'),
  },
  volunteer_activities: { org_path: rewrite('a voluntary-labour activity belongs to the organisation that held it') },
  volunteer_activity_hours: { volunteer_org_path: rewrite('the hours count for the organisation the participant belonged to on the day of the activity') },
};

/** 空巢 独居 高龄 失能 残疾 低保. */
export type LivingSituation = 'emptyNest' | 'alone' | 'elderly' | 'disabledCare' | 'disability' | 'lowIncome';
export type RiskLevel = 'high' | 'medium' | 'low';
/** 在册 迁出 去世. */
export type ResidentStatus = 'active' | 'movedOut' | 'deceased';
/** 探访 代购 陪同就医 家务 陪伴聊天 助餐 其他. */
export type VisitKind = 'visit' | 'shopping' | 'escort' | 'housework' | 'chat' | 'meal' | 'other';
/** 正常 需关注 紧急. */
export type VisitCondition = 'normal' | 'attention' | 'urgent';
/** A volunteer is a Party member or (when the committee allows) an employee who is not a member. */
export type VolunteerKind = 'member' | 'staff';

export interface VolunteerResidentTable {
  tenant_id: string;
  id: string;
  /** The responsible organisation (usually a 党支部): its secretary answers for the resident. */
  org_id: string;
  org_path: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  /** 小区 name (clear: it is where the work happens, and many residents share it). */
  community: string;
  /** Building, unit and door within the 小区: encrypted. */
  address_enc: string;
  phone_enc: string | null;
  id_number_enc: string | null;
  /** Keyed hash of the 身份证号, or of name|birth date|小区 without one: the import's identity (unique per tenant). */
  person_key: string;
  /** JSON array of LivingSituation. */
  living: string;
  health_enc: string | null;
  needs: string;
  /** Encrypted JSON array of {name, relation, phone}. */
  emergency_enc: string | null;
  risk: RiskLevel;
  status: ResidentStatus;
  /** The date of moving out or death. */
  status_on: string | null;
  /** The latest visit's date (kept by every visit write), so overdue lists and last-visit columns need no aggregate. */
  last_visit_on: string | null;
  /** Registration date (Asia/Shanghai): the first visit is due counted from it. */
  registered_on: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface VolunteerPairingTable {
  tenant_id: string;
  id: string;
  resident_id: string;
  volunteer_kind: VolunteerKind;
  volunteer_id: string;
  /**
   * 1..limit among the volunteer's open pairings; unique while open (a partial index), so two concurrent pairings
   * of one volunteer cannot both take the last place.
   */
  slot: number;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  created_by: string | null;
  created_at: string;
  ended_by: string | null;
  ended_at: string | null;
}

export interface VolunteerVisitTable {
  tenant_id: string;
  id: string;
  resident_id: string;
  org_path: string;
  volunteer_kind: VolunteerKind;
  volunteer_id: string;
  /** The volunteer's organisation on the day (a member's group or branch; for an employee, the resident's). */
  volunteer_org_id: string;
  volunteer_org_path: string;
  visited_on: string;
  kind: VisitKind;
  minutes: number;
  notes: string;
  condition: VisitCondition;
  /** For a 需关注/紧急 visit: when and by whom it was dealt with, and how. */
  handled_at: string | null;
  handled_by: string | null;
  handled_note: string | null;
  recorded_by: string;
  created_at: string;
  deleted_at: string | null;
}

export interface VolunteerActivityTable {
  tenant_id: string;
  id: string;
  org_id: string;
  org_path: string;
  title: string;
  held_on: string;
  place: string;
  description: string;
  /** The 组织生活 record (义务劳动日) this activity was taken from, if any: one activity per record. */
  org_life_activity_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface VolunteerActivityHoursTable {
  tenant_id: string;
  activity_id: string;
  volunteer_kind: VolunteerKind;
  volunteer_id: string;
  volunteer_org_id: string;
  volunteer_org_path: string;
  held_on: string;
  minutes: number;
  /** Set with the activity's: hours of a deleted activity no longer count. */
  deleted_at: string | null;
}

export interface VolunteerTables {
  volunteer_residents: VolunteerResidentTable;
  volunteer_pairings: VolunteerPairingTable;
  volunteer_visits: VolunteerVisitTable;
  volunteer_activities: VolunteerActivityTable;
  volunteer_activity_hours: VolunteerActivityHoursTable;
  /** Raised by triggers on visits and activity hours (migration 0022): the hours summary's cache counter. */
  volunteer_versions: VersionTable;
}
