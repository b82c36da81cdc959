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
import type { VolunteerTables } from '../modules/volunteer/tables.js';
import type { IncentiveTables } from '../modules/incentives/tables.js';
import type { TrainingTables } from '../modules/training/tables.js';
import type { TransferTables } from '../modules/transfers/tables.js';
import type { RecruitmentTables } from '../modules/recruitment/tables.js';
import type { DuesTables } from '../modules/dues/tables.js';
import type { DisplayTables } from '../modules/display/tables.js';
import type { ReportTables } from '../modules/reports/tables.js';
import type { OrgTables } from '../modules/org/tables.js';
import type { PeopleTables } from '../modules/people/tables.js';
import type { Bool, VersionTable } from './columns.js';

export type { Bool, VersionTable } from './columns.js';
export type { OrgKind, OrganisationTable, OrgPostTable } from '../modules/org/tables.js';
export type {
  UnitKind, UnitTable, Gender, Employment, StaffTable, MemberType, MemberStatus, MemberTable, MemberEventKind, MemberEventTable,
} from '../modules/people/tables.js';

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

/** Hashes an account's password had before the current one (kept by a trigger on users, migration 0016). */
export interface PasswordHistoryTable {
  tenant_id: string;
  user_id: string;
  /** 1, 2, … per account in the order the passwords were replaced. */
  seq: number;
  password_hash: string;
  replaced_at: string;
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

/** A two-person act on an account (platform/accounts/requests.ts), pending until another 三员 class decides. */
export interface AccountRequestTable {
  tenant_id: string;
  id: string;
  kind: 'password.reset' | 'account.disable' | 'account.enable' | 'grant.revoke';
  target_user_id: string;
  /** The 三员 grant a grant.revoke request takes away; null for the other kinds. */
  grant_id: string | null;
  /** The 三员 class whose account must approve. */
  approver_class: 'sysadmin' | 'secadmin' | 'auditor';
  /** pending → approved | refused | cancelled | expired (written when next seen after expires_at). */
  status: 'pending' | 'approved' | 'refused' | 'cancelled' | 'expired';
  /** The proposer's half of a reset's temporary password, field-encrypted; null once decided. */
  part_a: string | null;
  proposed_by: string;
  proposed_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** Every table: each room keeps its row types in its own tables.ts; the platform's are below. */
export interface Database extends OrgTables, PeopleTables, SearchTables, FileTables, NotifyTables, InfoTables, TaskTables, OrgLifeTables, AssessmentTables, PublicityTables, CampaignTables, ProposalTables, VolunteerTables, IncentiveTables, TrainingTables, TransferTables, RecruitmentTables, DuesTables, DisplayTables, ReportTables {
  tenants: TenantTable;
  usernames: UsernameTable;
  users: UserTable;
  password_history: PasswordHistoryTable;
  roles: RoleTable;
  grants: GrantTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadTable;
  org_tree_versions: VersionTable;
  access_versions: VersionTable;
  write_versions: VersionTable;
  account_requests: AccountRequestTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: service helpers accept both. */
export type DbOrTx = Kysely<Database>;