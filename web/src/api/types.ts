// Shapes of the server's JSON answers (see the API contract in the server's OpenAPI at /api/docs).

/** An ISO-8601 UTC instant, e.g. "2026-11-27T03:51:00.000Z". Display with formatInstant(). */
export type Instant = string;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export type OrgKind = 'committee' | 'generalBranch' | 'branch' | 'jointBranch' | 'group';

export interface MeUser {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  tenantId: string;
  tenantName: string;
}

export interface MeRole {
  grantId: string;
  roleCode: string;
  roleName: string;
  orgId: string;
  orgName: string;
}

export interface MeScope {
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  path: string;
}

export interface Me {
  user: MeUser;
  roles: MeRole[];
  permissions: string[];
  /** Permissions held over the tenant's root organisation (staff and units need these). */
  rootPermissions: string[];
  scope: MeScope[];
}

export interface SessionInfo {
  id: string;
  createdAt: Instant;
  lastSeenAt: Instant;
  expiresAt: Instant;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface Org {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgKind;
  /** Organisations created without a code have none. */
  code: string | null;
  path: string;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil: Instant | null;
  mustChangePassword: boolean;
  lastLoginAt: Instant | null;
  createdAt: Instant;
}

export interface Permission {
  code: string;
  name: string;
  group: string;
}

export type Separation = 'sysadmin' | 'secadmin' | 'auditor';

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string | null;
  builtin: boolean;
  separation: Separation | null;
  permissions: string[];
}

export interface Grant {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  roleId: string;
  roleCode: string;
  roleName: string;
  orgId: string;
  orgName: string;
  createdAt: Instant;
  createdByName: string | null;
}

export interface SecuritySettings {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  passwordMinLength: number;
}

export interface AuditEntry {
  seq: number;
  at: Instant;
  userId: string | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  status: string | number | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: { tenantId: string; seq: number; reason: string }[];
}

// --- People: units, staff, members (docs/api/people.md) ---

export interface Unit {
  id: string;
  parentId: string | null;
  kind: 'grassroots' | 'office' | 'section';
  name: string;
  code: string | null;
  path: string;
  depth: number;
  staffCount: number;
}

export interface Staff {
  id: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string | null;
  education: string | null;
  nativePlace: string | null;
  address: string | null;
  post: string | null;
  employment: 'active' | 'retired' | 'left';
  workStartedOn: string | null;
  unitId: string;
  unitName: string;
  memberId: string | null;
  masked: boolean;
}

export interface Member {
  id: string;
  staffId: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string | null;
  ethnicity: string | null;
  education: string | null;
  nativePlace: string | null;
  unitName: string | null;
  post: string | null;
  employment: 'active' | 'retired' | 'left';
  type: 'full' | 'probationary';
  joinedOn: string;
  confirmedOn: string | null;
  partyAgeYears: number;
  /** Beyond the contract's list: sent by the server and shown in the drawer. */
  probationExtendedMonths?: number;
  address?: string | null;
  unitId?: string;
  workStartedOn?: string | null;
  status: 'active' | 'flowing' | 'lostContact' | 'transferredOut' | 'suspended' | 'expelled' | 'deceased';
  branchId: string;
  branchName: string;
  groupId: string | null;
  groupName: string | null;
  partyPosts: string[];
  masked: boolean;
}

export interface MemberEvent {
  id: string;
  kind: string;
  occurredOn: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  recordedByName: string | null;
  recordedAt: Instant;
}
