// Row types of the people register: administrative units, staff (where identity lives) and the membership
// records with their history. The units, staff and members modules (and the shared rules in people/) are one
// room over these tables: a 党员 is a staff row with a membership record, so their queries join them freely.
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const peopleOrgPathColumns: OrgPathColumns<PeopleTables> = {
  members: { org_path: rewrite('a member belongs to their branch or group wherever it sits: the path is their scope (deleted members too, so a restore lands in place)') },
};

export type UnitKind = 'grassroots' | 'office' | 'section';

/** Administrative units (部门/科室): a tree of their own, separate from the Party organisations. */
export interface UnitTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type Gender = 'male' | 'female';
export type Employment = 'active' | 'retired' | 'left';

/** Staff (员工): employees and retirees. Identity of every 党员 lives here. */
export interface StaffTable {
  tenant_id: string;
  id: string;
  unit_id: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  birth_date: string;
  /** 身份证号, encrypted (FieldCrypto), with its keyed hash for exact lookup and uniqueness. */
  id_number_enc: string;
  id_number_hash: string;
  phone_enc: string | null;
  education: string | null;
  native_place: string | null;
  /** 住址, encrypted like the phone (migration 0028). */
  address_enc: string | null;
  post: string | null;
  employment: Employment;
  work_started_on: string | null;
  /** The login account of an employee who is not a member (migration 0020); a member's account is members.user_id. */
  user_id: string | null;
  /** A Party-affairs post of the committee held as an employee (党务工作者, 党群部专职), with since and term end (migration 0038). */
  party_work: 'affairsStaff' | 'affairsFullTime' | null;
  party_work_since: string | null;
  party_work_until: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type MemberType = 'full' | 'probationary';
export type MemberStatus = 'active' | 'flowing' | 'lostContact' | 'transferredOut' | 'suspended' | 'expelled' | 'deceased';

/** The membership record of a staff member (党员). */
export interface MemberTable {
  tenant_id: string;
  id: string;
  staff_id: string;
  branch_id: string;
  group_id: string | null;
  /** Path of the group, or of the branch when in no group. Kept in step when organisations move. */
  org_path: string;
  type: MemberType;
  joined_on: string;
  confirmed_on: string | null;
  probation_extended_months: number;
  status: MemberStatus;
  /** JSON array of Party posts (党内职务) as text, e.g. ["支部书记"]. */
  party_posts: string;
  /** The member's own login account, if they have one (one each way). */
  user_id: string | null;
  /** The day a 组织关系转接 out began, while it waits (转接中); null otherwise. Kept by members/transfer.ts. */
  transfer_since: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** `transfer`: a step of a 组织关系转接 still under way (started, letter issued …); its completion is transferIn/transferOut. */
export type MemberEventKind = 'admitted' | 'transferIn' | 'transferOut' | 'transfer' | 'moved' | 'confirmed' | 'probationExtended' | 'statusChanged' | 'edited';

/** Dated history of a member: nothing about a member changes without one of these. */
export interface MemberEventTable {
  tenant_id: string;
  id: string;
  member_id: string;
  kind: MemberEventKind;
  occurred_on: string;
  reason: string;
  before: string | null;
  after: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface PeopleTables {
  units: UnitTable;
  staff: StaffTable;
  members: MemberTable;
  member_events: MemberEventTable;
}
