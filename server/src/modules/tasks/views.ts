// What a reader sees of tasks: the board (a page with its light summary), one task with its timeline and
// attachments, and the views both are made of. Rows come from queries.ts already scoped; the names of
// organisations and people are looked up once for the whole page (names.ts), never per row.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Db } from '../../db/types.js';
import { daysBetween, shanghaiDate } from '../../platform/calendar.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { listFiles } from '../../platform/files/index.js';
import { lightOf, TASK_RULES } from './lights.js';
import { key, orgNamesFor, orgPathFor, peopleNames, type Ref } from './names.js';
import { taskActions } from './policy.js';
import { coOwnerIdsOf, taskEvents, taskPage, taskVisible, type TaskRow } from './queries.js';
import {
  EVENT_KIND_NAMES, LIGHT_NAMES, SOURCE_NAMES, TASK_KIND_NAMES, TASK_STATUS_NAMES, type LightSummary, type TaskDetail, type TaskListQuery, type TaskView,
} from './schema.js';
import type { TaskEventTable } from './tables.js';

/** files.owner_kind of task attachments (evidence, notices, photos). */
export const TASK_FILE_OWNER = 'task';

/** Today (Asia/Shanghai) and the yellow-light threshold: what every light is computed from. */
export async function lightDay(p: Platform, tenantId: string): Promise<{ today: string; yellowDays: number }> {
  return { today: shanghaiDate(p.clock.now()), yellowDays: (await p.settings.get(tenantId, TASK_RULES)).yellowDays };
}

interface Names { orgs: Map<string, string>; people: Map<string, string> }

function toTaskView(actor: Actor, row: TaskRow, coOwnerIds: readonly string[], names: Names, today: string, yellowDays: number): TaskView {
  const light = lightOf(row.status, row.due_on, today, yellowDays);
  const person = (id: string) => names.people.get(key(row.tenant_id, id)) ?? '';
  const org = (id: string) => names.orgs.get(key(row.tenant_id, id)) ?? '';
  // Co-owners by name, as the page lists them.
  const coOwners = coOwnerIds.map((id) => ({ id, name: person(id) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  return {
    id: row.id, title: row.title, description: row.description, kind: row.kind, kindName: TASK_KIND_NAMES[row.kind],
    status: row.status, statusName: TASK_STATUS_NAMES[row.status], light, lightName: LIGHT_NAMES[light],
    daysLeft: daysBetween(today, row.due_on), percent: row.percent,
    sourceKind: row.source_kind, sourceName: SOURCE_NAMES[row.source_kind] ?? row.source_label ?? row.source_kind,
    sourceId: row.source_id, sourceLink: row.source_link, sourceLabel: row.source_label,
    issuerId: row.issuer_id, issuerName: person(row.issuer_id), issuingOrgId: row.issuing_org_id, issuingOrgName: org(row.issuing_org_id),
    ownerOrgId: row.owner_org_id, ownerOrgName: org(row.owner_org_id), ownerId: row.owner_id, ownerName: person(row.owner_id), coOwners,
    programmeId: row.programme_id, programmeName: row.programme_name, startOn: row.start_on, dueOn: row.due_on, doneStandard: row.done_standard,
    acceptedAt: row.accepted_at, completionReportedAt: row.completion_reported_at, closedAt: row.closed_at, closedOn: row.closed_on,
    returnCount: row.return_count, createdAt: row.created_at, updatedAt: row.updated_at,
    can: taskActions(actor, row, coOwnerIds),
  };
}

const orgRefs = (rows: readonly TaskRow[]): Ref[] => rows.flatMap((r) => [{ tenant: r.tenant_id, id: r.issuing_org_id }, { tenant: r.tenant_id, id: r.owner_org_id }]);
const personRefs = (rows: readonly TaskRow[], co: Map<string, string[]>): Ref[] =>
  rows.flatMap((r) => [r.issuer_id, r.owner_id, ...(co.get(r.id) ?? [])].map((id) => ({ tenant: r.tenant_id, id })));

/** Views of a page of tasks: co-owners and the people's names in one statement each, organisation names from the tree. */
export async function taskViews(db: Db, actor: Actor, rows: TaskRow[], today: string, yellowDays: number): Promise<TaskView[]> {
  if (rows.length === 0) return [];
  const co = await coOwnerIdsOf(db, actor.tenantId, rows.map((r) => r.id));
  const [orgs, people] = await Promise.all([orgNamesFor(db, actor, orgRefs(rows)), peopleNames(db, personRefs(rows, co))]);
  return rows.map((r) => toTaskView(actor, r, co.get(r.id) ?? [], { orgs, people }, today, yellowDays));
}

function toTimelineItem(e: TaskEventTable, byName: string | null): TaskDetail['timeline'][number] {
  return {
    id: e.id, kind: e.kind, kindName: EVENT_KIND_NAMES[e.kind], at: e.at, byId: e.by_user_id, byName,
    fromStatus: e.from_status, toStatus: e.to_status, percent: e.percent, notes: e.notes, reason: e.reason, evidence: e.evidence,
    changes: e.changes ? (JSON.parse(e.changes) as Record<string, { before: unknown; after: unknown }>) : null,
  };
}

/** One task as the actor sees it, with its timeline and attachments (404 when not visible). */
export async function taskDetailOf(p: Platform, actor: Actor, id: string): Promise<TaskDetail> {
  const row = await taskVisible(p.db, actor, id);
  if (!row) throw notFound('任务');
  const tenant = row.tenant_id;
  const [co, events, files, day] = await Promise.all([
    coOwnerIdsOf(p.db, actor.tenantId, [row.id]), taskEvents(p.db, tenant, row.id),
    listFiles(p.db, tenant, TASK_FILE_OWNER, [row.id]).then((m) => m.get(row.id) ?? []), lightDay(p, actor.tenantId),
  ]);
  const ids = [...personRefs([row], co).map((r) => r.id), ...events.flatMap((e) => (e.by_user_id ? [e.by_user_id] : [])), ...files.flatMap((f) => (f.createdBy ? [f.createdBy] : []))];
  const [orgs, people] = await Promise.all([orgNamesFor(p.db, actor, orgRefs([row])), peopleNames(p.db, ids.map((i) => ({ tenant, id: i })))]);
  const nameOf = (userId: string | null) => (userId && people.get(key(tenant, userId))) || null;
  return {
    ...toTaskView(actor, row, co.get(row.id) ?? [], { orgs, people }, day.today, day.yellowDays),
    timeline: events.map((e) => toTimelineItem(e, nameOf(e.by_user_id))),
    attachments: files.map((f) => ({ ...f, createdByName: nameOf(f.createdBy) })),
  };
}

/** The board: a page of the filtered list, its total and the count of every light (the light filter aside). */
export async function taskBoard(p: Platform, actor: Actor, q: TaskListQuery): Promise<{ items: TaskView[]; total: number; summary: LightSummary; today: string }> {
  const { today, yellowDays } = await lightDay(p, actor.tenantId);
  const ownerOrgPath = q.orgId ? await orgPathFor(p.db, actor, q.orgId) : undefined;
  const { rows, byLight } = await taskPage(p.db, p.data.dialect, actor, q, ownerOrgPath, { ...window(q), today, yellowDays });
  // The list's total is the count of its lights (lightCase and lightCondition draw the same lines): no third scan.
  const total = byLight.filter((r) => !q.light?.length || q.light.includes(r.light)).reduce((n, r) => n + r.n, 0);
  const summary: LightSummary = { total: 0, green: 0, yellow: 0, red: 0, done: 0 };
  for (const r of byLight) {
    summary[r.light] += r.n;
    summary.total += r.n;
  }
  return { items: await taskViews(p.db, actor, rows, today, yellowDays), total, summary, today };
}
