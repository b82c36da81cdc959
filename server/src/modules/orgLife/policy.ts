// Who may see and do what in 组织生活: the one place that says it. A record is seen with orgLife.read over its
// organisation's subtree (activities keep org_path, rewritten on moves) and written with orgLife.write there;
// the monthly themes belong to the 党委 (orgLife.write at the root); a member signs in only as themselves.
// Lists filter in SQL; one record is loaded, then checked (out of sight → 404, seen but not writable → 403).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, canAtRoot, scopeFilter } from '../../platform/access/can.js';
import type { Db } from '../../db/types.js';
import { orgOrTopInScope, orgsInScopeUnder, type OrganisationTable } from '../org/index.js';
import type { OrgLifeActivityTable, OrgLifeAttendanceTable } from './tables.js';

type Scoped = Pick<OrgLifeActivityTable, 'tenant_id' | 'org_path'>;
interface Cols { tenant: Expression<string>; path: Expression<string> }
/** The columns of `org_life_activities as a`. */
const ACTIVITY_COLS: Cols = { tenant: sql.ref('a.tenant_id'), path: sql.ref('a.org_path') };

// ---------- records ----------

/** SQL: activities the actor may read. */
export const visibleActivities = (actor: Actor, cols: Cols = ACTIVITY_COLS): Expression<SqlBool> => scopeFilter(actor, 'orgLife.read', cols);

/** SQL: activities the actor may record (the 待补记录 待办). */
export const writableActivities = (actor: Actor, cols: Cols = ACTIVITY_COLS): Expression<SqlBool> => scopeFilter(actor, 'orgLife.write', cols);

export const seesActivity = (actor: Actor, a: Scoped): boolean => can(actor, 'orgLife.read', { tenantId: a.tenant_id, orgPath: a.org_path });

export const writesActivity = (actor: Actor, a: Scoped): boolean => can(actor, 'orgLife.write', { tenantId: a.tenant_id, orgPath: a.org_path });

/** What the actor may do with a record now (the page shows only these; the routes check the same rules). */
/**
 * A recorder may name (as expected or 列席) only members they may read: naming an id answers with the member's name,
 * group and type, so a member of another branch would otherwise be read through one's own record.
 */
export const namesMember = (actor: Actor, tenantId: string, memberPath: string): boolean => can(actor, 'member.read', { tenantId, orgPath: memberPath });

export function allowed(actor: Actor, a: Scoped & Pick<OrgLifeActivityTable, 'status'>) {
  const write = writesActivity(actor, a);
  const open = a.status !== 'archived';
  return {
    edit: write && open, hold: write && a.status === 'planned', archive: write && a.status === 'held', delete: write && a.status === 'planned',
    attendance: write && open, attach: write && open, qr: write && open,
  };
}

/** Whether the actor may record 组织生活 for an organisation: 'hidden' (answered 404), 'readOnly' (403) or 'write'. */
export function recordingFor(actor: Actor, org: Pick<OrganisationTable, 'tenant_id' | 'path'>): 'hidden' | 'readOnly' | 'write' {
  const rec = { tenantId: org.tenant_id, orgPath: org.path };
  if (!can(actor, 'orgLife.read', rec)) return 'hidden';
  return can(actor, 'orgLife.write', rec) ? 'write' : 'readOnly';
}

// ---------- themes ----------

/** Only the 党委 keeps the monthly themes and sees them while they are drafts. */
export const managesThemes = (actor: Actor): boolean => canAtRoot(actor, 'orgLife.write');

/** SQL: themes the actor sees (drafts only for the 党委). */
export const visibleThemes = (actor: Actor): Expression<SqlBool> => (managesThemes(actor) ? sql<SqlBool>`1 = 1` : sql<SqlBool>`published_at is not null`);

export const seesTheme = (actor: Actor, t: { published_at: string | null }): boolean => t.published_at !== null || managesThemes(actor);

// ---------- QR sign-in ----------

/**
 * What a member's scan does, from their line on the sheet (if any): an expected member becomes present, anyone
 * else a visitor (列席) only when the activity allows visitors; a second scan is refused.
 */
export function signInAs(line: Pick<OrgLifeAttendanceTable, 'expected' | 'status'> | undefined, allowVisitors: boolean): 'present' | 'visitor' | 'done' | 'notExpected' {
  if (line && Number(line.expected) === 1) return line.status === 'present' ? 'done' : 'present';
  if (line?.status === 'visitor') return 'done';
  return allowVisitors ? 'visitor' : 'notExpected';
}

// ---------- reports ----------

/** The organisation a report is about: the one asked for when the actor reads 组织生活 there, else the highest one they read it in. */
export const reportOrg = (db: Db, actor: Actor, orgId: string | undefined): Promise<OrganisationTable | undefined> => orgOrTopInScope(db, actor, 'orgLife.read', orgId);

/** The organisations of the report's subtree the actor reads 组织生活 in, even below the chosen one (from the cached tree). */
export const reportOrgs = (db: Db, actor: Actor, org: OrganisationTable): Promise<OrganisationTable[]> => orgsInScopeUnder(db, actor, 'orgLife.read', org);
