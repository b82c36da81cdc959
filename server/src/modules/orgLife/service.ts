// The rules of a 组织生活 record: creating one for an organisation (kind fits the organisation, expected
// attendees, default title, the month's theme), editing, planned → held → archived (archived is read-only),
// the recorder's attendance sheet and the 党委's monthly themes. Each write is one transaction with its audit
// entry and search document; bad input or an illegal step changes nothing.
import { sql } from 'kysely';
import type { DbOrTx, OrgKind, Tx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { AppError, conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { indexDocuments, removeDocuments } from '../../platform/search/index.js';
import { listFiles, removeFile } from '../../platform/files/index.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { forUpdate } from '../../db/dialect.js';
import { shiftMonth } from '../../platform/calendar.js';
import { liveOrg, lockOrgTree, ORG_KIND_NAMES } from '../org/index.js';
import { memberSummaries } from '../members/index.js';
import {
  ACTIVITY_STATUS_NAMES, ATTENDANCE_STATUS_NAMES, holderFits, isThemed, kindName, kindOf, loadKinds, quorumOf, voteResult, type KindDef, type Vote,
} from './kinds.js';
import {
  activityById, activityOrgs, attendanceCounts, attendanceOf, defaultExpected, FILE_OWNER, ORG_LIFE_SEARCH_KIND, peopleNames, personName, publishedTheme, shanghaiDay, sheetCounts,
  type ActivityRow, type Counts,
} from './queries.js';
import { allowed, managesThemes, namesMember, recordingFor, seesTheme, visibleThemes, writesActivity } from './policy.js';
import type { ActivityCreate, ActivityDetail, ActivityPatch, ActivityView, AttendanceBody, ThemeBody, ThemeView } from './schema.js';
import type { OrgLifeActivityTable, OrgLifeAttendanceTable, OrgLifeThemeTable } from './tables.js';

export const searchDoc = (a: Pick<OrgLifeActivityTable, 'id' | 'title' | 'agenda' | 'minutes' | 'decisions'>, themeTitle: string | null) =>
  ({ kind: ORG_LIFE_SEARCH_KIND, entityId: a.id, title: a.title, body: [themeTitle ?? '', a.agenda, a.minutes, a.decisions].filter(Boolean).join('\n') });

const month = (isoInstant: string) => shanghaiDay(isoInstant).slice(0, 7);
const iso = (s: string) => new Date(s).toISOString();

/** `<组织名称><类型名称>（YYYY年M月）` */
export function defaultTitle(orgName: string, kind: KindDef, startsAt: string): string {
  const d = shanghaiDay(startsAt);
  return `${orgName}${kind.name}（${d.slice(0, 4)}年${Number(d.slice(5, 7))}月）`;
}

function auditView(a: OrgLifeActivityTable) {
  return {
    orgId: a.org_id, kind: a.kind, title: a.title, status: a.status, themeId: a.theme_id, startsAt: a.starts_at, endsAt: a.ends_at, place: a.place,
    hostMemberId: a.host_member_id, recorderMemberId: a.recorder_member_id, hostName: a.host_name, recorderName: a.recorder_name, lecturerName: a.lecturer_name, agenda: a.agenda, minutes: a.minutes, decisions: a.decisions,
    votes: JSON.parse(a.votes) as unknown, allowVisitors: a.allow_visitors,
  };
}

/** The live members among `ids` the actor may name on a record (policy.ts namesMember); any other id is as unknown. */
async function nameableMembers(db: DbOrTx, actor: Actor, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  return new Set([...(await memberSummaries(db, tenantId, ids)).values()].filter((m) => !m.deleted && namesMember(actor, tenantId, m.orgPath)).map((m) => m.id));
}

const PEOPLE = [['hostMemberId', '主持人'], ['recorderMemberId', '记录人']] as const;
type People = Partial<Record<(typeof PEOPLE)[number][0], string | null>>;

/**
 * 主持人 and 记录人 are live members of the organisation that holds the activity (its subtree) whom the actor may
 * name; anyone else (another branch's member, a deleted one, an unknown id) is refused. Only ids being set are checked,
 * so an old record keeps a host who has since moved.
 */
async function checkPeople(db: DbOrTx, actor: Actor, org: { tenant_id: string; path: string }, people: People, problems: Problems) {
  const set = PEOPLE.filter(([f]) => people[f]);
  if (!set.length) return;
  const found = await memberSummaries(db, org.tenant_id, set.map(([f]) => people[f]!));
  for (const [field, label] of set) {
    const m = found.get(people[field]!);
    if (!m || m.deleted || !m.orgPath.startsWith(org.path) || !namesMember(actor, org.tenant_id, m.orgPath)) problems.add(field, `${label}须从本组织的党员中选择`);
  }
}

/** Field checks shared by create and edit. */
function checkRecord(problems: Problems, kind: KindDef, v: { startsAt: string; endsAt: string; votes: Vote[] }) {
  if (v.endsAt < v.startsAt) problems.add('endsAt', '结束时间不能早于开始时间');
  if (v.votes.length > 0 && !kind.votes) problems.add('votes', `${kind.name}不登记表决，只有党员大会可以登记表决`);
}

async function checkExpected(db: DbOrTx, actor: Actor, tenantId: string, ids: readonly string[] | undefined, problems: Problems) {
  if (!ids) return;
  const live = await nameableMembers(db, actor, tenantId, ids);
  if (ids.some((id) => !live.has(id))) problems.add('expectedMemberIds', '应到人员中有不存在的党员');
}

async function writeExpected(trx: DbOrTx, tenantId: string, activityId: string, memberIds: readonly string[], at: string, by: string | null) {
  const rows: OrgLifeAttendanceTable[] = [...new Set(memberIds)].map((m) => ({
    tenant_id: tenantId, activity_id: activityId, member_id: m, expected: 1, status: 'unmarked', reason: null, signed_in_at: null, method: null,
    makeup_on: null, makeup_note: null, updated_by: by, updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('org_life_attendance').values(rows.slice(i, i + 200)).execute();
}

/** Creates an activity for an organisation in the actor's orgLife.write scope; returns its id. */
export async function createActivity(p: Platform, ctx: AuditContext, actor: Actor, input: ActivityCreate): Promise<string> {
  const kinds = await loadKinds(p, actor.tenantId);
  return p.audit.tx(ctx, async (trx) => {
    // The record copies the organisation's path (and expects the members under it): a move committed meanwhile would miss it.
    await lockOrgTree(trx, p.data.dialect, actor.tenantId);
    const org = await liveOrg(trx, actor.tenantId, input.orgId);
    const may = org ? recordingFor(actor, org) : 'hidden';
    if (!org || may === 'hidden') throw new AppError(404, 'NOT_FOUND', '组织不存在或无权访问', { orgId: '组织不存在或无权访问' });
    if (may !== 'write') throw forbidden('您没有为该组织登记组织生活的权限');
    const kind = kindOf(kinds, input.kind);
    if (!kind) throw fieldError('kind', '活动类型不存在');
    if (!holderFits(kind, org.kind)) throw fieldError('kind', kind.holder === 'group' ? `${kind.name}只能由党小组召开` : `${kind.name}只能由党支部召开`);
    const problems = new Problems();
    const startsAt = iso(input.startsAt);
    const endsAt = iso(input.endsAt);
    const votes = input.votes ?? [];
    checkRecord(problems, kind, { startsAt, endsAt, votes });
    await checkExpected(trx, actor, actor.tenantId, input.expectedMemberIds, problems);
    await checkPeople(trx, actor, org, input, problems);
    problems.throwIfAny();
    if (!input.confirmDuplicate) {
      // A second record of the same kind on the same day is usually a double click or a colleague's copy; the user confirms it.
      const same = await trx.selectFrom('org_life_activities').select('title').where('tenant_id', '=', actor.tenantId).where('org_id', '=', org.id)
        .where('kind', '=', kind.code).where('starts_on', '=', shanghaiDay(startsAt)).where('deleted_at', 'is', null).orderBy('starts_at').executeTakeFirst();
      if (same) throw conflict('ORG_LIFE_DUPLICATE', `该${ORG_KIND_NAMES[org.kind]}当天已有一次${kind.name}：${same.title}，仍要创建吗？`);
    }

    const theme = isThemed(kind) ? await publishedTheme(trx, actor.tenantId, month(startsAt)) : undefined;
    const at = p.clock.now().toISOString();
    const row: OrgLifeActivityTable = {
      tenant_id: actor.tenantId, id: newId(), org_id: org.id, org_path: org.path, kind: kind.code,
      title: input.title || defaultTitle(org.name, kind, startsAt), theme_id: theme?.id ?? null, status: 'planned',
      starts_at: startsAt, ends_at: endsAt, starts_on: shanghaiDay(startsAt), place: input.place ?? '', host_member_id: input.hostMemberId ?? null,
      recorder_member_id: input.recorderMemberId ?? null, host_name: '', recorder_name: '', lecturer_name: input.lecturerName ?? '', agenda: input.agenda ?? '', minutes: input.minutes ?? '',
      decisions: input.decisions ?? '', votes: JSON.stringify(votes), allow_visitors: input.allowVisitors ? 1 : 0,
      created_by: actor.userId, created_at: at, updated_by: actor.userId, updated_at: at, held_at: null, archived_at: null, deleted_at: null,
    };
    await trx.insertInto('org_life_activities').values(row).execute();
    const expected = input.expectedMemberIds ?? await defaultExpected(trx, actor.tenantId, org, kind);
    await writeExpected(trx, actor.tenantId, row.id, expected, at, actor.userId);
    await indexDocuments(trx, p.data.dialect, actor.tenantId, [searchDoc(row, theme?.title ?? null)]);
    await p.audit.record(trx, ctx, { action: 'orgLife.create', entity: 'orgLifeActivity', entityId: row.id, after: { ...auditView(row), expectedMemberIds: [...new Set(expected)] } });
    return row.id;
  });
}

/** The activity re-read inside the transaction (locked on PostgreSQL), refusing archived ones and missing write permission. */
async function writable(p: Platform, trx: Tx, actor: Actor, row: ActivityRow): Promise<ActivityRow> {
  if (!writesActivity(actor, row)) throw forbidden();
  await sql`select id from org_life_activities where tenant_id = ${row.tenant_id} and id = ${row.id}${forUpdate(p.data.dialect)}`.execute(trx);
  const fresh = await activityById(trx, row.tenant_id, row.id);
  if (!fresh) throw notFound('活动');
  if (fresh.status === 'archived') throw conflict('ORG_LIFE_ARCHIVED', '活动已归档，不能修改');
  return fresh;
}

export async function updateActivity(p: Platform, ctx: AuditContext, actor: Actor, row: ActivityRow, input: ActivityPatch): Promise<void> {
  const kinds = await loadKinds(p, actor.tenantId);
  await p.audit.tx(ctx, async (trx) => {
    const cur = await writable(p, trx, actor, row);
    const kind = kindOf(kinds, cur.kind) ?? { ...kinds[0]!, code: cur.kind, name: cur.kind, votes: false };
    const problems = new Problems();
    const startsAt = input.startsAt ? iso(input.startsAt) : cur.starts_at;
    const endsAt = input.endsAt ? iso(input.endsAt) : cur.ends_at;
    const votes = input.votes ?? (JSON.parse(cur.votes) as Vote[]);
    checkRecord(problems, kind, { startsAt, endsAt, votes: input.votes ?? [] });
    const have = input.expectedMemberIds
      ? await trx.selectFrom('org_life_attendance').select(['member_id', 'expected']).where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).execute()
      : [];
    // As on the sheet: a line already there (added by the 党委, or a member who moved since) is not named anew.
    const onSheet = new Set(have.map((h) => h.member_id));
    await checkExpected(trx, actor, actor.tenantId, input.expectedMemberIds?.filter((m) => !onSheet.has(m)), problems);
    await checkPeople(trx, actor, { tenant_id: cur.tenant_id, path: cur.org_path }, {
      hostMemberId: input.hostMemberId !== cur.host_member_id ? input.hostMemberId : undefined,
      recorderMemberId: input.recorderMemberId !== cur.recorder_member_id ? input.recorderMemberId : undefined,
    }, problems);
    problems.throwIfAny();

    let themeId = cur.theme_id;
    let themeTitle = cur.theme_title;
    if (month(startsAt) !== month(cur.starts_at) && isThemed(kind)) {
      const theme = await publishedTheme(trx, actor.tenantId, month(startsAt));
      themeId = theme?.id ?? null;
      themeTitle = theme?.title ?? null;
    }
    const at = p.clock.now().toISOString();
    const next: OrgLifeActivityTable = {
      ...pickTable(cur), title: input.title === undefined ? cur.title : input.title || cur.title, theme_id: themeId,
      starts_at: startsAt, ends_at: endsAt, starts_on: shanghaiDay(startsAt),
      place: input.place ?? cur.place,
      // Setting a person (or clearing one) replaces an old record's typed name.
      ...(input.hostMemberId === undefined ? {} : { host_member_id: input.hostMemberId, host_name: '' }),
      ...(input.recorderMemberId === undefined ? {} : { recorder_member_id: input.recorderMemberId, recorder_name: '' }),
      lecturer_name: input.lecturerName ?? cur.lecturer_name, agenda: input.agenda ?? cur.agenda, minutes: input.minutes ?? cur.minutes,
      decisions: input.decisions ?? cur.decisions, votes: JSON.stringify(votes),
      allow_visitors: input.allowVisitors === undefined ? cur.allow_visitors : input.allowVisitors ? 1 : 0, updated_by: actor.userId, updated_at: at,
    };
    await trx.updateTable('org_life_activities').set({
      title: next.title, theme_id: next.theme_id, starts_at: next.starts_at, ends_at: next.ends_at, starts_on: next.starts_on, place: next.place,
      host_member_id: next.host_member_id, recorder_member_id: next.recorder_member_id, host_name: next.host_name, recorder_name: next.recorder_name, lecturer_name: next.lecturer_name, agenda: next.agenda, minutes: next.minutes,
      decisions: next.decisions, votes: next.votes, allow_visitors: next.allow_visitors, updated_by: next.updated_by, updated_at: next.updated_at,
    }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();

    let expectedChange: { added: string[]; removed: string[] } | undefined;
    if (input.expectedMemberIds) {
      const want = new Set(input.expectedMemberIds);
      const haveExpected = new Set(have.filter((h) => h.expected).map((h) => h.member_id));
      const removed = [...haveExpected].filter((m) => !want.has(m));
      const added = [...want].filter((m) => !haveExpected.has(m));
      const visitorsNowExpected = have.filter((h) => !h.expected && want.has(h.member_id)).map((h) => h.member_id);
      if (removed.length) await trx.deleteFrom('org_life_attendance').where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).where('member_id', 'in', removed).execute();
      if (visitorsNowExpected.length) {
        await trx.updateTable('org_life_attendance').set({ expected: 1, status: 'unmarked', updated_by: actor.userId, updated_at: at })
          .where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).where('member_id', 'in', visitorsNowExpected).execute();
      }
      await writeExpected(trx, cur.tenant_id, cur.id, added.filter((m) => !visitorsNowExpected.includes(m)), at, actor.userId);
      expectedChange = { added, removed };
    }
    await indexDocuments(trx, p.data.dialect, cur.tenant_id, [searchDoc(next, themeTitle)]);
    await p.audit.record(trx, ctx, { action: 'orgLife.update', entity: 'orgLifeActivity', entityId: cur.id, before: auditView(cur), after: { ...auditView(next), ...(expectedChange ? { expected: expectedChange } : {}) } });
  });
}

/** Only the table's own columns of a joined row. */
function pickTable(r: ActivityRow): OrgLifeActivityTable {
  const { theme_title: _t, theme_month: _m, theme_content: _c, ...rest } = r;
  return rest;
}

export type Transition = 'hold' | 'archive';

export async function transition(p: Platform, ctx: AuditContext, actor: Actor, row: ActivityRow, action: Transition): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    if (!writesActivity(actor, row)) throw forbidden();
    const cur = await activityById(trx, row.tenant_id, row.id);
    if (!cur) throw notFound('活动');
    const now = p.clock.now().toISOString();
    if (cur.status === 'archived') throw conflict('ORG_LIFE_STATE', action === 'archive' ? '活动已归档' : '活动已归档，不能修改');
    if (action === 'hold') {
      if (cur.status === 'held') throw conflict('ORG_LIFE_STATE', '活动已召开');
      if (cur.starts_at > now) throw conflict('ORG_LIFE_STATE', '活动尚未开始，不能登记为已召开');
    } else if (cur.status === 'planned') {
      throw conflict('ORG_LIFE_STATE', '活动尚未召开，不能归档');
    }
    const to = action === 'hold' ? 'held' : 'archived';
    const res = await trx.updateTable('org_life_activities')
      .set(action === 'hold' ? { status: 'held', held_at: now, updated_by: actor.userId, updated_at: now } : { status: 'archived', archived_at: now, updated_by: actor.userId, updated_at: now })
      .where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).where('status', '=', cur.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('ORG_LIFE_STATE', '活动状态已被他人更改，请刷新后重试');
    await p.audit.record(trx, ctx, { action: `orgLife.${action}`, entity: 'orgLifeActivity', entityId: cur.id, before: { status: cur.status }, after: { status: to } });
  });
}

export async function deleteActivity(p: Platform, ctx: AuditContext, actor: Actor, row: ActivityRow): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const cur = await writable(p, trx, actor, row);
    if (cur.status !== 'planned') throw conflict('ORG_LIFE_STATE', '已召开的活动不能删除，请归档');
    const at = p.clock.now().toISOString();
    await trx.updateTable('org_life_activities').set({ deleted_at: at, updated_by: actor.userId, updated_at: at })
      .where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await removeDocuments(trx, p.data.dialect, cur.tenant_id, ORG_LIFE_SEARCH_KIND, [cur.id]);
    await p.audit.record(trx, ctx, { action: 'orgLife.delete', entity: 'orgLifeActivity', entityId: cur.id, before: auditView(cur) });
  });
}

/** The recorder's sheet: only the listed lines change; every problem is reported at once and nothing is saved. */
export async function saveAttendance(p: Platform, ctx: AuditContext, actor: Actor, row: ActivityRow, body: AttendanceBody): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const cur = await writable(p, trx, actor, row);
    const have = new Map((await trx.selectFrom('org_life_attendance').selectAll().where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).execute())
      .map((r) => [r.member_id, r]));
    const live = await nameableMembers(trx, actor, cur.tenant_id, body.rows.map((r) => r.memberId));
    const problems = new Problems();
    const seen = new Set<string>();
    body.rows.forEach((r, i) => {
      const f = (name: string) => `rows.${i}.${name}`;
      if (seen.has(r.memberId)) problems.add(f('memberId'), '签到表中同一党员出现了两次');
      seen.add(r.memberId);
      const line = have.get(r.memberId);
      if (!line && !live.has(r.memberId)) problems.add(f('memberId'), '党员不存在');
      else if (line?.expected && r.status === 'visitor') problems.add(f('status'), '应到人员不能登记为列席');
      else if (!line?.expected && r.status !== 'visitor' && r.status !== 'unmarked') problems.add(f('status'), '不在应到名单中的党员只能登记为列席');
      if (r.status === 'leave' && !r.reason) problems.add(f('reason'), '请假须填写原因');
      const absentee = r.status === 'leave' || r.status === 'absent';
      if (!absentee && (r.makeupOn || r.makeupNote)) problems.add(f('makeupOn'), '只有请假或缺席的党员需要登记补课');
      if (r.makeupOn && r.makeupOn < cur.starts_on) problems.add(f('makeupOn'), `补课日期不能早于活动日期（${cur.starts_on}）`);
      if (r.reason && !absentee) problems.add(f('reason'), '只有请假或缺席需要填写原因');
    });
    problems.throwIfAny();

    const at = p.clock.now().toISOString();
    const before: unknown[] = [];
    const after: unknown[] = [];
    for (const r of body.rows) {
      const line = have.get(r.memberId);
      const values = {
        status: r.status, reason: r.reason || null, makeup_on: r.makeupOn || null, makeup_note: r.makeupNote || null,
        method: r.status === 'unmarked' ? null : line?.method === 'qr' && r.status === line.status ? 'qr' as const : 'recorder' as const,
        signed_in_at: r.status === 'present' || r.status === 'visitor' ? line?.signed_in_at ?? null : null,
        updated_by: actor.userId, updated_at: at,
      };
      if (!line) {
        // A visitor (列席) added by the recorder.
        await trx.insertInto('org_life_attendance').values({ tenant_id: cur.tenant_id, activity_id: cur.id, member_id: r.memberId, expected: 0, ...values }).execute();
      } else if (!line.expected && r.status === 'unmarked') {
        await trx.deleteFrom('org_life_attendance').where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).where('member_id', '=', r.memberId).execute();
      } else {
        if (line.status === values.status && line.reason === values.reason && line.makeup_on === values.makeup_on && line.makeup_note === values.makeup_note) continue;
        await trx.updateTable('org_life_attendance').set(values).where('tenant_id', '=', cur.tenant_id).where('activity_id', '=', cur.id).where('member_id', '=', r.memberId).execute();
      }
      before.push(line ? { memberId: r.memberId, status: line.status, reason: line.reason, makeupOn: line.makeup_on, makeupNote: line.makeup_note } : { memberId: r.memberId, status: null });
      after.push({ memberId: r.memberId, status: values.status, reason: values.reason, makeupOn: values.makeup_on, makeupNote: values.makeup_note });
    }
    await trx.updateTable('org_life_activities').set({ updated_by: actor.userId, updated_at: at }).where('tenant_id', '=', cur.tenant_id).where('id', '=', cur.id).execute();
    await p.audit.record(trx, ctx, { action: 'orgLife.attendance', entity: 'orgLifeActivity', entityId: cur.id, before, after });
  });
}

// ---- views ----

const rate = (c: Counts) => (c.expected > 0 ? Math.round((c.present / c.expected) * 1000) / 10 : null);

export function toView(r: ActivityRow, org: { name: string; kind: OrgKind } | undefined, c: Counts, kinds: readonly KindDef[], names: ReadonlyMap<string, string>): ActivityView {
  const kind = kindOf(kinds, r.kind);
  return {
    id: r.id, orgId: r.org_id, orgName: org?.name ?? '', orgKind: org?.kind ?? 'branch', kind: r.kind, kindName: kindName(kinds, r.kind), category: kind?.category ?? 'activity',
    title: r.title, themeId: r.theme_id, themeTitle: r.theme_title, status: r.status, statusName: ACTIVITY_STATUS_NAMES[r.status],
    startsAt: r.starts_at, endsAt: r.ends_at, startsOn: r.starts_on, place: r.place,
    hostMemberId: r.host_member_id, hostName: personName(names, r.host_member_id, r.host_name),
    recorderMemberId: r.recorder_member_id, recorderName: personName(names, r.recorder_member_id, r.recorder_name),
    lecturerName: r.lecturer_name, allowVisitors: r.allow_visitors === 1, expected: c.expected, present: c.present, leave: c.leave, absent: c.absent,
    unmarked: c.unmarked, visitors: c.visitors, rate: rate(c), createdAt: r.created_at, updatedAt: r.updated_at, heldAt: r.held_at, archivedAt: r.archived_at,
  };
}

export async function views(p: Platform, actor: Actor, rows: ActivityRow[]): Promise<ActivityView[]> {
  const [counts, kinds, orgs, names] = await Promise.all([
    attendanceCounts(p.db, actor.tenantId, rows.map((r) => r.id)), loadKinds(p, actor.tenantId), activityOrgs(p.db, actor, rows), peopleNames(p.db, actor.tenantId, rows),
  ]);
  return rows.map((r) => toView(r, orgs.get(r.org_id), counts.get(r.id)!, kinds, names));
}

export async function detailOf(p: Platform, actor: Actor, r: ActivityRow): Promise<ActivityDetail> {
  const [kinds, lines, files, orgs, people] = await Promise.all([
    loadKinds(p, r.tenant_id), attendanceOf(p.db, actor, r.tenant_id, r.id), listFiles(p.db, r.tenant_id, FILE_OWNER, [r.id]), activityOrgs(p.db, actor, [r]),
    peopleNames(p.db, r.tenant_id, [r]),
  ]);
  const c = sheetCounts(lines);
  const kind = kindOf(kinds, r.kind);
  const attachments = files.get(r.id) ?? [];
  const names = await userDisplayNames(p.db, r.tenant_id, attachments.flatMap((f) => (f.createdBy ? [f.createdBy] : [])));
  const incomplete: ActivityDetail['incomplete'] = [];
  if (r.status !== 'planned') {
    if (!r.minutes.trim()) incomplete.push('noMinutes');
    if (kind?.photos && !attachments.some((f) => f.mime.startsWith('image/'))) incomplete.push('noPhoto');
    if (!lines.some((l) => l.status !== 'unmarked')) incomplete.push('noSignIn');
  }
  return {
    ...toView(r, orgs.get(r.org_id), c, kinds, people),
    agenda: r.agenda, minutes: r.minutes, decisions: r.decisions,
    theme: r.theme_id ? { id: r.theme_id, month: r.theme_month ?? '', title: r.theme_title ?? '', content: r.theme_content ?? '' } : null,
    quorum: kind?.quorum ? quorumOf(c.expected, c.present) : null,
    votes: (JSON.parse(r.votes) as Vote[]).map((v) => voteResult(v, c.entitledVoters)),
    entitledVoters: c.entitledVoters,
    attendance: lines.map((l) => ({
      memberId: l.member_id, name: l.name, memberType: l.member_type, orgName: l.member_org_name, expected: l.expected === 1, status: l.status,
      statusName: ATTENDANCE_STATUS_NAMES[l.status], reason: l.reason, signedInAt: l.signed_in_at, method: l.method, makeupOn: l.makeup_on, makeupNote: l.makeup_note,
    })),
    attachments: attachments.map((f) => ({ ...f, createdByName: (f.createdBy && names.get(f.createdBy)) || null, isImage: f.mime.startsWith('image/') })),
    incomplete,
    can: allowed(actor, r),
  };
}

// ---- attachments ----

/** The record when the actor may change its attachments: written by them (403) and not archived (409). */
export function attachable(actor: Actor, row: ActivityRow): ActivityRow {
  if (!writesActivity(actor, row)) throw forbidden();
  if (row.status === 'archived') throw conflict('ORG_LIFE_ARCHIVED', '活动已归档，不能修改');
  return row;
}

/** Removes a photo or file of a record (kept in the database, soft-deleted) with its audit entry. */
export async function detachFile(p: Platform, ctx: AuditContext, actor: Actor, row: ActivityRow, fileId: string): Promise<void> {
  attachable(actor, row);
  await p.audit.tx(ctx, async (trx) => {
    const m = await removeFile(trx, row.tenant_id, FILE_OWNER, row.id, fileId, p.clock.now().toISOString());
    if (!m) throw notFound('附件');
    await p.audit.record(trx, ctx, { action: 'orgLife.detach', entity: 'orgLifeActivity', entityId: row.id, before: { fileId: m.id, name: m.name, sha256: m.sha256 } });
  });
}

// ---- themes ----

export function themeView(t: OrgLifeThemeTable, kinds: readonly KindDef[]): ThemeView {
  const dayKinds = JSON.parse(t.day_kinds) as string[];
  return {
    id: t.id, month: t.month, title: t.title, content: t.content, dayKinds, dayKindNames: dayKinds.map((k) => kindName(kinds, k)),
    status: t.published_at ? 'published' : 'draft', publishedAt: t.published_at, createdAt: t.created_at, updatedAt: t.updated_at,
  };
}

/** The themes of a year the actor sees, by month. */
export function themesOfYear(db: DbOrTx, actor: Actor, year: number): Promise<OrgLifeThemeTable[]> {
  return db.selectFrom('org_life_themes').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('month', '>=', `${year}-01`).where('month', '<=', `${year}-12`).where(visibleThemes(actor)).orderBy('month').execute();
}

/** One month's theme when the actor sees it. */
export async function themeOfMonth(db: DbOrTx, actor: Actor, month: string): Promise<OrgLifeThemeTable | undefined> {
  const t = await db.selectFrom('org_life_themes').selectAll().where('tenant_id', '=', actor.tenantId).where('month', '=', month).executeTakeFirst();
  return t && seesTheme(actor, t) ? t : undefined;
}

/** Creates or updates a month's theme (党委 only); publishing attaches it to that month's unthemed 主题党日 and activity days. */
export async function saveTheme(p: Platform, ctx: AuditContext, actor: Actor, monthCode: string, body: ThemeBody): Promise<OrgLifeThemeTable> {
  if (!managesThemes(actor)) throw forbidden('只有党委可以维护月度主题');
  const kinds = await loadKinds(p, actor.tenantId);
  const dayKinds = [...new Set(body.dayKinds ?? [])];
  const unknown = dayKinds.filter((k) => !kindOf(kinds, k)?.activityDay);
  if (unknown.length) throw fieldError('dayKinds', `活动日类型不存在：${unknown.join('、')}`);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await trx.selectFrom('org_life_themes').selectAll().where('tenant_id', '=', actor.tenantId).where('month', '=', monthCode).executeTakeFirst();
    const at = p.clock.now().toISOString();
    const publishedAt = body.publish === undefined ? cur?.published_at ?? null : body.publish ? cur?.published_at ?? at : null;
    const next: OrgLifeThemeTable = {
      tenant_id: actor.tenantId, id: cur?.id ?? newId(), month: monthCode, title: body.title, content: body.content ?? cur?.content ?? '',
      day_kinds: JSON.stringify(body.dayKinds ? dayKinds : JSON.parse(cur?.day_kinds ?? '[]')), published_at: publishedAt,
      created_by: cur?.created_by ?? actor.userId, created_at: cur?.created_at ?? at, updated_at: at,
    };
    if (cur) {
      await trx.updateTable('org_life_themes').set({ title: next.title, content: next.content, day_kinds: next.day_kinds, published_at: next.published_at, updated_at: at })
        .where('tenant_id', '=', actor.tenantId).where('id', '=', cur.id).execute();
    } else {
      await trx.insertInto('org_life_themes').values(next).execute();
    }
    if (next.published_at && !cur?.published_at) {
      const themed = kinds.filter(isThemed).map((k) => k.code);
      const nextMonth = shiftMonth(monthCode, 1);
      const attach = await trx.selectFrom('org_life_activities').select(['id', 'title', 'agenda', 'minutes', 'decisions'])
        .where('tenant_id', '=', actor.tenantId).where('deleted_at', 'is', null).where('theme_id', 'is', null).where('status', '!=', 'archived')
        .where('kind', 'in', themed).where('starts_on', '>=', `${monthCode}-01`).where('starts_on', '<', `${nextMonth}-01`).execute();
      if (attach.length) {
        await trx.updateTable('org_life_activities').set({ theme_id: next.id }).where('tenant_id', '=', actor.tenantId).where('id', 'in', attach.map((a) => a.id)).execute();
        await indexDocuments(trx, p.data.dialect, actor.tenantId, attach.map((a) => searchDoc(a, next.title)));
      }
    }
    await p.audit.record(trx, ctx, {
      action: 'orgLife.theme.save', entity: 'orgLifeTheme', entityId: next.id,
      before: cur ? { title: cur.title, dayKinds: JSON.parse(cur.day_kinds) as unknown, publishedAt: cur.published_at } : undefined,
      after: { month: next.month, title: next.title, dayKinds: JSON.parse(next.day_kinds) as unknown, publishedAt: next.published_at },
    });
    return next;
  });
}
