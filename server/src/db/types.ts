// The Database interface that types every table for Kysely. Conventions (docs/ARCHITECTURE.md):
// ids are UUIDv7 text; instants are ISO-8601 UTC text ("2026-11-27T03:04:05.678Z"); booleans are 0/1
// integers; JSON is text. These read and compare the same on SQLite and PostgreSQL.
import type { Kysely, Transaction } from 'kysely';
import type { SearchTables } from '../platform/search/tables.js';
import type { FileTables } from '../platform/files/tables.js';
import type { NotifyTables } from '../platform/notify/tables.js';
import type { InfoTables } from '../modules/info/tables.js';
import type { TaskTables } from '../modules/tasks/tables.js';
import type { OrgLifeTables } from '../modules/orgLife/tables.js';
import type { AssessmentTables } from '../modules/assessment/tables.js';
import type { PublicityTables } from '../modules/publicity/tables.js';
import type { CampaignTables } from '../modules/campaigns/tables.js';
import type { ProposalTables } from '../modules/proposals/tables.js';

export type Bool = 0 | 1;

/** Reference table: one row per tenant (a 党委 and its subtree). */
export interface TenantTable {
  id: string;
  name: string;
  /** Position in the tree of levels above tenants (街道/区), e.g. "/" for a standalone committee. */
  region_path: string;
  created_at: string;
}

/** Reference table: global login names, so a username routes a login to its tenant. */
export interface UsernameTable {
  username: string;
  tenant_id: string;
  user_id: string;
}

export type OrgKind = 'committee' | 'generalBranch' | 'branch' | 'jointBranch' | 'group';

export interface OrganisationTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  kind: OrgKind;
  name: string;
  code: string | null;
  /** Materialised path of ids, "/<root>/<child>/", the unit of scope. */
  path: string;
  depth: number;
  sort_order: number;
  /** Calendar dates (YYYY-MM-DD): founding, and the current term (换届) start and end. */
  founded_on: string | null;
  term_started_on: string | null;
  term_ends_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

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
  address: string | null;
  post: string | null;
  employment: Employment;
  work_started_on: string | null;
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
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type MemberEventKind = 'admitted' | 'transferIn' | 'transferOut' | 'moved' | 'confirmed' | 'probationExtended' | 'statusChanged' | 'edited';

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

/** Committee posts of an organisation (书记, 副书记, 组织委员 …) held by members. */
export interface OrgPostTable {
  tenant_id: string;
  id: string;
  org_id: string;
  member_id: string;
  post: string;
  started_on: string | null;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Bool;
  failed_logins: number;
  locked_until: string | null;
  disabled: Bool;
  is_demo: Bool;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  description: string;
  builtin: Bool;
  /** 三员分立 class of the role, or null for business roles. */
  separation: 'sysadmin' | 'secadmin' | 'auditor' | null;
  /** JSON array of permission codes. */
  permissions: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface GrantTable {
  tenant_id: string;
  id: string;
  user_id: string;
  role_id: string;
  org_id: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface SessionTable {
  tenant_id: string;
  /** SHA-256 of the cookie secret: a stolen database copy cannot be replayed as cookies. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  revoked_at: string | null;
}

export interface SettingTable {
  tenant_id: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  status: number | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  tenant_id: string;
  seq: number;
  hash: string;
  /** HMAC over (tenant, seq, hash): a head moved back to hide deleted entries no longer verifies. */
  mac: string;
}

/**
 * A tenant's change counter, raised by a trigger on every row change of the tables it covers (migrations
 * 0013 and 0014): org_tree_versions for organisations, access_versions for grants and roles. A process
 * caches what it derived from those rows with the version it read first and re-reads on a difference.
 */
export interface VersionTable {
  tenant_id: string;
  /** bigint: a number here through the PostgreSQL type parser (db/connect.ts). */
  version: number;
}

/** Every table. Rooms added after the people modules keep their row types in their own tables.ts. */
export interface Database extends SearchTables, FileTables, NotifyTables, InfoTables, TaskTables, OrgLifeTables, AssessmentTables, PublicityTables, CampaignTables, ProposalTables {
  tenants: TenantTable;
  usernames: UsernameTable;
  organisations: OrganisationTable;
  users: UserTable;
  roles: RoleTable;
  grants: GrantTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  units: UnitTable;
  staff: StaffTable;
  members: MemberTable;
  member_events: MemberEventTable;
  org_posts: OrgPostTable;
  org_tree_versions: VersionTable;
  access_versions: VersionTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: service helpers accept both. */
export type DbOrTx = Kysely<Database>;
