// Row types of the tables 组织生活 owns (composed into the Database interface in db/types.ts).
import { rewrite, type Bool, type OrgPathColumns, type VersionTable } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const orgLifeOrgPathColumns: OrgPathColumns<OrgLifeTables> = {
  org_life_activities: { org_path: rewrite('a meeting or activity belongs to the organisation that held it: the path is its scope, and the 台账 and compliance of that organisation must keep it after a move') },
};

export type ActivityStatus = 'planned' | 'held' | 'archived';
export type AttendanceStatus = 'present' | 'leave' | 'absent' | 'visitor' | 'unmarked';
export type AttendanceMethod = 'recorder' | 'qr';

/** The 党委's theme of one month and the activity days every branch must hold in it. */
export interface OrgLifeThemeTable {
  tenant_id: string;
  id: string;
  /** YYYY-MM */
  month: string;
  title: string;
  /** Plain text. */
  content: string;
  /** JSON array of activity-day kind codes, e.g. ["studyDay","labourDay"]. */
  day_kinds: string;
  /** null = draft (branches do not see it as required yet). */
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One meeting or activity of an organisation and its record. */
export interface OrgLifeActivityTable {
  tenant_id: string;
  id: string;
  org_id: string;
  /** The organisation's path, kept in step on moves (orgLifeOrgPathColumns above). */
  org_path: string;
  /** Kind code from the catalogue (kinds.ts), e.g. themeDay. */
  kind: string;
  title: string;
  theme_id: string | null;
  status: ActivityStatus;
  starts_at: string;
  ends_at: string;
  /** YYYY-MM-DD, Asia/Shanghai date of starts_at (written with it): what periods count by. */
  starts_on: string;
  place: string;
  /** 主持人 and 记录人: members of the organisation's subtree (migration 0019), named through the members module. */
  host_member_id: string | null;
  recorder_member_id: string | null;
  /** Names typed before 0019; shown only when no member is set (old records keep them as written). */
  host_name: string;
  recorder_name: string;
  /** 党课 only. */
  lecturer_name: string;
  agenda: string;
  minutes: string;
  decisions: string;
  /** JSON [{motion, yes, no, abstain}], 党员大会 only. */
  votes: string;
  /** Others may sign in as 列席. */
  allow_visitors: Bool;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  held_at: string | null;
  archived_at: string | null;
  deleted_at: string | null;
}

/** One member's line on an activity's sign-in sheet. */
export interface OrgLifeAttendanceTable {
  tenant_id: string;
  activity_id: string;
  member_id: string;
  /** 1 = on the expected list (应到); 0 = a visitor (列席). */
  expected: Bool;
  status: AttendanceStatus;
  /** Reason of 请假/缺席. */
  reason: string | null;
  signed_in_at: string | null;
  method: AttendanceMethod | null;
  /** 补课 date. */
  makeup_on: string | null;
  makeup_note: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface OrgLifeTables {
  org_life_themes: OrgLifeThemeTable;
  org_life_activities: OrgLifeActivityTable;
  org_life_attendance: OrgLifeAttendanceTable;
  /** Raised by triggers on everything the compliance list reads (migration 0015). */
  org_life_versions: VersionTable;
}
