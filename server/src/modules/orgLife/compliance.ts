// Compliance of 组织生活 (the 问题清单): what each organisation was required to hold in a period against what it
// held, attendance, incomplete records, absentees without reason or 补课, silence — and a traffic light.
// The rules are pure functions over plain arrays (tested on their own); the loading is one pass of SQL for
// every organisation in scope, shared with the metrics.
import { sql } from 'kysely';
import type { DbOrTx, OrganisationTable, OrgKind } from '../../db/types.js';
import { imageCounts } from '../../platform/files/index.js';
import { currentPosts, orgsUnder, rootOrgs, withDisplayNames } from '../org/index.js';
import { memberSummaries } from '../members/index.js';
import type { Platform } from '../../platform/context.js';
import { readSetting } from '../../platform/settings/service.js';
import { addDays, monthDays, parsePeriod, periodsEndingIn, previousMonth, shanghaiDate, shanghaiDateOf, type Period } from '../../platform/calendar.js';
import { inSlices } from '../../db/batch.js';
import { holderFits, ORG_LIFE_KINDS, ORG_LIFE_RULES, type KindDef, type OrgLifeRules } from './kinds.js';
import { activityLink, FILE_OWNER, withMembers } from './queries.js';

// ---------- periods ----------

export type Frequency = 'month' | 'quarter' | 'year';

/** A frequency unit (calendar month, quarter or year) or a theme month: a calendar period. */
export type Unit = Pick<Period, 'code' | 'from' | 'to'>;

/** Every frequency unit that ENDS inside [from, to], in order. */
export const unitsEndingIn = (freq: Frequency, from: string, to: string): Unit[] => periodsEndingIn(freq, from, to);

// ---------- requirement of one kind ----------

export interface KindCount {
  required: number;
  met: number;
  missing: number;
  held: number;
  /** The current unit has not ended and nothing is held in it yet (进行中). */
  inProgress: boolean;
  /** Keys of the required units with nothing held. */
  missingUnits: string[];
}

/**
 * Required vs held for one kind: the units ending in the period, counted when they have ended by `today` and
 * end on or after `foundedOn`; the unit containing today is 进行中 unless something is already held in it.
 * `heldDates` are the Shanghai start dates of the held/archived activities of that kind.
 */
export function countKind(units: Unit[], heldDates: string[], foundedOn: string, today: string, period: { from: string; to: string }): KindCount {
  const r: KindCount = { required: 0, met: 0, missing: 0, held: 0, inProgress: false, missingUnits: [] };
  const counted: Unit[] = [];
  for (const u of units) {
    if (u.to < foundedOn || u.from > today) continue;
    const has = heldDates.some((d) => d >= u.from && d <= u.to);
    counted.push(u);
    if (u.to >= today) {
      // Today inside the unit: not required yet.
      if (!has) r.inProgress = true;
      continue;
    }
    r.required++;
    if (has) r.met++;
    else r.missingUnits.push(u.code);
  }
  r.missing = r.required - r.met;
  r.held = heldDates.filter((d) => (d >= period.from && d <= period.to) || counted.some((u) => d >= u.from && d <= u.to)).filter((d) => d <= today).length;
  return r;
}

/** Theme months (YYYY-MM with a published theme requiring the kind) as units, for activity-day kinds. */
export function themeUnits(months: string[], from: string, to: string): Unit[] {
  return months
    .map((m) => ({ code: m, ...monthDays(m) }))
    .filter((u) => u.to >= from && u.to <= to)
    .sort((a, b) => (a.from < b.from ? -1 : 1));
}

// ---------- records ----------

export interface RecordFacts {
  id: string;
  orgId: string;
  kind: string;
  title: string;
  startsOn: string;
  hasMinutes: boolean;
  imageCount: number;
  /** Attendance rows not 'unmarked'. */
  marked: number;
  expected: number;
  present: number;
  /** Names of expected 请假/缺席 members without a reason / without 补课. */
  noReason: string[];
  noMakeup: string[];
}

export type RecordGap = 'noMinutes' | 'noPhoto' | 'noSignIn';

/** What makes a held record incomplete (docs/DOMAIN.md, “A complete record”); photos only for the kinds that need them. */
export function recordGaps(r: RecordFacts, needsPhoto: boolean): RecordGap[] {
  const out: RecordGap[] = [];
  if (!r.hasMinutes) out.push('noMinutes');
  if (needsPhoto && r.imageCount === 0) out.push('noPhoto');
  if (r.marked === 0) out.push('noSignIn');
  return out;
}

/** present/expected in %, one decimal; null over nothing. */
export function rate(present: number, expected: number): number | null {
  return expected > 0 ? Math.round((1000 * present) / expected) / 10 : null;
}

export type Light = 'red' | 'yellow' | 'green';

export function lightOf(o: { missing: number; silent: boolean; belowThreshold: boolean; incomplete: number; absenteeProblems: number }): Light {
  if (o.missing > 0 || o.silent) return 'red';
  if (o.belowThreshold || o.incomplete > 0 || o.absenteeProblems > 0) return 'yellow';
  return 'green';
}

/** No held record in the `days` days up to today (only once the organisation is older than that). */
export function isSilent(lastHeldOn: string | null, foundedOn: string, today: string, days: number): boolean {
  const since = addDays(today, -(days - 1));
  if (foundedOn > since) return false;
  return lastHeldOn === null || lastHeldOn < since;
}

// ---------- the whole 问题清单 ----------

export interface HoldingOrg {
  id: string;
  name: string;
  kind: OrgKind;
  path: string;
  /** founded_on, else the creation date. */
  foundedOn: string;
}

export type ProblemType = 'missing' | 'silent' | 'lowAttendance' | 'noMinutes' | 'noPhoto' | 'noSignIn' | 'absentNoReason' | 'absentNoMakeup';

export interface Problem {
  orgId: string;
  orgName: string;
  light: 'red' | 'yellow';
  kind: string | null;
  kindName: string | null;
  type: ProblemType;
  message: string;
  activityId: string | null;
  link: string | null;
}

export interface OrgCompliance {
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  orgPath: string;
  light: Light;
  kinds: { kind: string; name: string; frequency: KindDef['frequency']; required: number; met: number; held: number; missing: number; inProgress: boolean }[];
  attendance: { expected: number; present: number; rate: number | null; belowThreshold: boolean };
  incomplete: number;
  /** Held records in the period with at least one gap. */
  incompleteRecords: number;
  absenteeProblems: number;
  lastHeldOn: string | null;
  silent: boolean;
}

export interface ComplianceResult {
  orgs: OrgCompliance[];
  problems: Problem[];
}

const GAP_TEXT: Record<RecordGap, string> = { noMinutes: '没有会议记录', noPhoto: '没有活动照片', noSignIn: '没有签到记录' };
const unitLabel = (key: string) => parsePeriod(key)?.label ?? key;

const HOLDING_KINDS: readonly OrgKind[] = ['branch', 'jointBranch', 'group'];

/** Organisations that hold kinds (支部, 联合支部, 党小组) in the subtree at `path`, in path order. */
export async function holdingOrgs(db: DbOrTx, tenantId: string, path: string): Promise<HoldingOrg[]> {
  return holding(await withDisplayNames(db, await orgsUnder(db, tenantId, path, HOLDING_KINDS)));
}

/** The holding organisations of every root of the tenant (jobs and metrics, which have no reader's scope). */
export async function allHoldingOrgs(db: DbOrTx, tenantId: string): Promise<HoldingOrg[]> {
  return (await Promise.all((await rootOrgs(db, tenantId)).map((r) => holdingOrgs(db, tenantId, r.path)))).flat();
}

/** The organisations among `rows` (path order kept) that hold 组织生活 themselves: branches and groups. */
export function holding(rows: readonly Pick<OrganisationTable, 'id' | 'name' | 'kind' | 'path' | 'founded_on' | 'created_at'>[]): HoldingOrg[] {
  return rows.filter((o) => HOLDING_KINDS.includes(o.kind))
    .map((o) => ({ id: o.id, name: o.name, kind: o.kind, path: o.path, foundedOn: o.founded_on ?? shanghaiDateOf(o.created_at) }));
}


/**
 * The compliance of each organisation over the period, as of `today` (one pass of queries for all of them).
 * `orgs` must all lie in the tenant; their records are read by organisation id.
 */
export async function computeCompliance(
  db: DbOrTx, tenantId: string, orgs: HoldingOrg[], period: { from: string; to: string }, today: string, kinds: readonly KindDef[], rules: OrgLifeRules,
): Promise<ComplianceResult> {
  if (orgs.length === 0) return { orgs: [], problems: [] };
  const orgIds = orgs.map((o) => o.id);
  const until = period.to < today ? period.to : today;
  // Units ending in the period start at the earliest on 1 January of the period's first year.
  const silentFrom = addDays(today, -(rules.silentDays - 1));
  const readFrom = [`${period.from.slice(0, 4)}-01-01`, silentFrom].sort()[0]!;

  const acts = await inSlices(orgIds, (slice) => db.selectFrom('org_life_activities')
    .select(['id', 'org_id', 'kind', 'title', 'starts_on', 'minutes'])
    .where('tenant_id', '=', tenantId).where('org_id', 'in', slice).where('deleted_at', 'is', null).where('status', 'in', ['held', 'archived'])
    .where('starts_on', '>=', readFrom).where('starts_on', '<=', today > period.to ? today : period.to)
    .execute());
  // The last held record: within what was just read for most organisations; read further back only for the rest.
  const lastHeld = new Map<string, string | null>();
  for (const a of acts) if (a.starts_on <= today && (lastHeld.get(a.org_id) ?? '') < a.starts_on) lastHeld.set(a.org_id, a.starts_on);
  const before = orgIds.filter((id) => !lastHeld.has(id));
  const lastRows = await inSlices(before, (slice) => db.selectFrom('org_life_activities')
    .select(['org_id', (eb) => eb.fn.max('starts_on').as('last')])
    .where('tenant_id', '=', tenantId).where('org_id', 'in', slice).where('deleted_at', 'is', null).where('status', 'in', ['held', 'archived'])
    .where('starts_on', '<', readFrom).groupBy('org_id').execute());
  for (const r of lastRows) lastHeld.set(r.org_id, r.last as string | null);

  // A 支委会 is required where more than one member holds a post now.
  const committees = new Set([...await currentPosts(db, tenantId, orgIds)].filter(([, posts]) => new Set(posts.map((op) => op.member_id)).size > 1).map(([orgId]) => orgId));

  const themes = await db.selectFrom('org_life_themes').select(['month', 'day_kinds'])
    .where('tenant_id', '=', tenantId).where('published_at', 'is not', null)
    .where('month', '>=', readFrom.slice(0, 7)).where('month', '<=', period.to.slice(0, 7)).execute();
  const themeMonths = new Map<string, string[]>();
  for (const t of themes) {
    let codes: unknown = [];
    try { codes = JSON.parse(t.day_kinds); } catch { codes = []; }
    for (const c of Array.isArray(codes) ? codes : []) themeMonths.set(String(c), [...(themeMonths.get(String(c)) ?? []), t.month]);
  }

  // Records of the period (held by today): their attendance, photos and absentees.
  const inPeriod = acts.filter((a) => a.starts_on >= period.from && a.starts_on <= until);
  const ids = inPeriod.map((a) => a.id);
  const agg = new Map((await inSlices(ids, (slice) => db.selectFrom('org_life_attendance')
    .select([
      'activity_id',
      sql<number>`sum(case when expected = 1 then 1 else 0 end)`.as('expected'),
      sql<number>`sum(case when expected = 1 and status = 'present' then 1 else 0 end)`.as('present'),
      sql<number>`sum(case when status <> 'unmarked' then 1 else 0 end)`.as('marked'),
    ])
    .where('tenant_id', '=', tenantId).where('activity_id', 'in', slice).groupBy('activity_id').execute())).map((r) => [r.activity_id, r]));
  const images = await imageCounts(db, tenantId, FILE_OWNER, ids);
  // Absentees by name (the members' summaries in one batch).
  const absentees = await withMembers(db, tenantId, await inSlices(ids, (slice) => db.selectFrom('org_life_attendance')
    .select(['activity_id', 'member_id', 'expected', 'reason', 'makeup_on'])
    .where('tenant_id', '=', tenantId).where('activity_id', 'in', slice).where('expected', '=', 1).where('status', 'in', ['leave', 'absent'])
    .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '=', ''), eb('makeup_on', 'is', null)]))
    .execute()));

  const facts = new Map<string, RecordFacts>();
  for (const a of inPeriod) {
    const g = agg.get(a.id);
    facts.set(a.id, {
      id: a.id, orgId: a.org_id, kind: a.kind, title: a.title, startsOn: a.starts_on, hasMinutes: a.minutes.trim() !== '',
      imageCount: images.get(a.id) ?? 0, marked: Number(g?.marked ?? 0), expected: Number(g?.expected ?? 0), present: Number(g?.present ?? 0),
      noReason: [], noMakeup: [],
    });
  }
  for (const r of absentees) {
    const f = facts.get(r.activity_id);
    if (!f) continue;
    if (!r.reason || r.reason.trim() === '') f.noReason.push(r.name);
    if (!r.makeup_on) f.noMakeup.push(r.name);
  }

  const kindByCode = new Map(kinds.map((k) => [k.code, k]));
  const problems: Problem[] = [];
  const out: OrgCompliance[] = [];
  for (const o of orgs) {
    const own = acts.filter((a) => a.org_id === o.id);
    const orgProblems: Problem[] = [];
    const add = (light: 'red' | 'yellow', type: ProblemType, message: string, kind: string | null, activityId: string | null) =>
      orgProblems.push({ orgId: o.id, orgName: o.name, light, kind, kindName: kind ? (kindByCode.get(kind)?.name ?? kind) : null, type, message, activityId, link: activityId ? activityLink(activityId) : null });

    const kindRows: OrgCompliance['kinds'] = [];
    let missing = 0;
    for (const k of kinds) {
      if (!holderFits(k, o.kind)) continue;
      if (k.committeeOnly && !committees.has(o.id)) continue;
      const units = k.frequency === 'theme' ? themeUnits(themeMonths.get(k.code) ?? [], period.from, period.to) : unitsEndingIn(k.frequency, period.from, period.to);
      if (k.frequency === 'theme' && units.length === 0) continue;
      const c = countKind(units, own.filter((a) => a.kind === k.code).map((a) => a.starts_on), o.foundedOn, today, period);
      kindRows.push({ kind: k.code, name: k.name, frequency: k.frequency, required: c.required, met: c.met, held: c.held, missing: c.missing, inProgress: c.inProgress });
      missing += c.missing;
      for (const u of c.missingUnits) add('red', 'missing', `${unitLabel(u)}未召开${k.name}`, k.code, null);
    }

    const last = lastHeld.get(o.id) ?? null;
    const silent = isSilent(last, o.foundedOn, today, rules.silentDays);
    if (silent) add('red', 'silent', last ? `${rules.silentDays} 天内没有组织生活记录（最近一次：${last}）` : `${rules.silentDays} 天内没有组织生活记录`, null, null);

    let expected = 0;
    let present = 0;
    let incomplete = 0;
    let incompleteRecords = 0;
    let absenteeProblems = 0;
    const recs = [...facts.values()].filter((f) => f.orgId === o.id).sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
    for (const f of recs) {
      expected += f.expected;
      present += f.present;
      const k = kindByCode.get(f.kind);
      const gaps = recordGaps(f, k?.photos ?? false).filter((g) => g !== 'noSignIn' || (k?.signIn ?? true));
      if (gaps.length) incompleteRecords++;
      for (const g of gaps) {
        incomplete++;
        add('yellow', g, `《${f.title}》${GAP_TEXT[g]}`, f.kind, f.id);
      }
      if (f.noReason.length) {
        absenteeProblems++;
        add('yellow', 'absentNoReason', `《${f.title}》请假或缺席未填写原因：${f.noReason.join('、')}`, f.kind, f.id);
      }
      if (f.noMakeup.length) {
        absenteeProblems++;
        add('yellow', 'absentNoMakeup', `《${f.title}》请假或缺席人员未补课：${f.noMakeup.join('、')}`, f.kind, f.id);
      }
    }
    const r = rate(present, expected);
    const belowThreshold = r !== null && r < rules.attendanceWarnPercent;
    if (belowThreshold) add('yellow', 'lowAttendance', `出勤率 ${r}%，低于 ${rules.attendanceWarnPercent}%（应到 ${expected} 人次，实到 ${present} 人次）`, null, null);

    const light = lightOf({ missing, silent, belowThreshold, incomplete, absenteeProblems });
    out.push({
      orgId: o.id, orgName: o.name, orgKind: o.kind, orgPath: o.path, light, kinds: kindRows,
      attendance: { expected, present, rate: r, belowThreshold }, incomplete, incompleteRecords, absenteeProblems, lastHeldOn: last, silent,
    });
    // Red problems first within an organisation.
    problems.push(...orgProblems.filter((p) => p.light === 'red'), ...orgProblems.filter((p) => p.light === 'yellow'));
  }
  return { orgs: out, problems };
}

// ---------- the monthly warning to secretaries ----------

/**
 * Secretaries (党小组长 for a group) of every red organisation get one notification per organisation and month
 * listing its red problems of the last month (required meetings not held, silence). Runs daily; the dedupe key
 * keeps it to one a month, sent on the first run of the month that finds the organisation red.
 */
export async function sendRedWarnings(p: Platform, db: DbOrTx, tenantId: string, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const period = parsePeriod(previousMonth(today))!;
  const orgs = await allHoldingOrgs(db, tenantId);
  const [kinds, rules] = await Promise.all([readSetting(db, tenantId, ORG_LIFE_KINDS), readSetting(db, tenantId, ORG_LIFE_RULES)]);
  const result = await computeCompliance(db, tenantId, orgs, period, today, kinds.kinds, rules);
  const red = result.orgs.filter((o) => o.light === 'red');
  if (red.length === 0) return 0;
  const posts = [...(await currentPosts(db, tenantId, red.map((o) => o.orgId))).values()].flat().filter((op) => op.post === 'secretary' || op.post === 'groupLeader');
  const holders = await memberSummaries(db, tenantId, posts.map((op) => op.member_id));
  // Only live members with an account can be told.
  const leaders = posts.flatMap((op) => {
    const m = holders.get(op.member_id);
    return m && !m.deleted && m.userId ? [{ org_id: op.org_id, post: op.post, user_id: m.userId }] : [];
  });
  let sent = 0;
  for (const o of red) {
    const users = leaders.filter((l) => l.org_id === o.orgId && l.post === (o.orgKind === 'group' ? 'groupLeader' : 'secretary')).map((l) => l.user_id);
    const lines = result.problems.filter((x) => x.orgId === o.orgId && x.light === 'red').map((x) => x.message);
    sent += await p.notify.send(db, tenantId, users, {
      kind: 'orgLife.warning',
      title: `组织生活预警：${o.orgName}有 ${lines.length} 项未按规定开展`,
      body: `${period.label}及近期：${lines.join('；')}`,
      link: `/org-life/compliance?orgId=${o.orgId}&period=${period.code}`,
      dedupeKey: `orgLife.warning:${o.orgId}:${today.slice(0, 7)}`,
    });
  }
  return sent;
}
