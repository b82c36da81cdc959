// Online study time: heartbeats from the material page credit the time actually spent, and 学时 follow from it.
// Time cannot be inflated (the rules, tested in study.test.ts):
// - one row per member·material·day; a beat credits the time since the last accepted beat of that member on that
//   material (any tab), at most one interval plus a little slack, and only when that beat is within two intervals
//   (else a new span starts and this beat credits 0): parallel tabs share the row and credit wall time once, a
//   replayed beat finds no time elapsed;
// - beyond required_minutes on a material (all days together) and beyond the day's cap over all materials, nothing;
// - outside the material's window, or once it or its course is deleted, 409 and nothing is written;
// - two concurrent beats credit once: the day's rows of the member are locked (PostgreSQL) and re-read first.
import { sql } from 'kysely';
import { forUpdate } from '../../db/dialect.js';
import type { Db, DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDate, todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { orgNames } from '../org/index.js';
import { memberOfUser, type AccountMember } from '../members/index.js';
import { learnerOf, linkedLearner } from './learner.js';
import { COURSE_KIND_NAMES, MATERIAL_KIND_NAMES } from './courseSchema.js';
import { materialFile, materialWithCourse, type MaterialRow } from './materials.js';
import { courseOfferedTo, learns, offeredTo, seesCourse } from './policy.js';
import { BEAT_SLACK_SECONDS, STUDY_RULES, type StudyRules } from './studySettings.js';
import type { HeartbeatResult, ProgressView } from './studySchema.js';

/** 学时 (tenths) earned by `seconds` of study on a material: proportional up to required minutes, nothing beyond. */
export function earnedTenths(seconds: number, requiredMinutes: number, creditTenths: number): number {
  const required = requiredMinutes * 60;
  return Math.floor((Math.min(seconds, required) * creditTenths) / required);
}

const notStudyTime = () => conflict('TRAINING_NOT_STUDY_TIME', '不在学习时间内，本次学习不计学时');

async function progressOf(db: DbOrTx, tenantId: string, memberId: string, m: MaterialRow, today: string, rules: StudyRules): Promise<ProgressView> {
  const [mat, day] = await Promise.all([
    db.selectFrom('training_study').select((eb) => eb.fn.sum<number>('seconds').as('s')).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('material_id', '=', m.id).executeTakeFirst(),
    db.selectFrom('training_study').select((eb) => eb.fn.sum<number>('seconds').as('s')).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('day', '=', today).executeTakeFirst(),
  ]);
  const seconds = Number(mat?.s ?? 0);
  const required = m.required_minutes * 60;
  return {
    seconds: Math.min(seconds, required), requiredSeconds: required, earnedTenths: earnedTenths(seconds, m.required_minutes, m.credit_tenths), done: seconds >= required,
    todaySeconds: Number(day?.s ?? 0), dailyCapSeconds: rules.dailyCapMinutes * 60,
  };
}

/** The material as a learner reaches it: offered to their branch (else 404), whether deleted or not. */
async function learnerMaterial(p: Platform, learner: AccountMember, tenantId: string, id: string): Promise<MaterialRow> {
  const m = await materialWithCourse(p.db, tenantId, id);
  if (!m || !courseOfferedTo(learner.orgPath, m.course.org_path)) throw notFound('学习资料');
  return m;
}

const isOpen = (m: Pick<MaterialRow, 'opens_on' | 'closes_on'>, today: string) => m.opens_on <= today && today <= m.closes_on;

/** A material with its content: for a learner it is offered to (with their progress), or for a reader of its course. */
export async function materialForReader(p: Platform, actor: Actor, id: string) {
  const today = todayIn(p.clock);
  const rules = await p.settings.get(actor.tenantId, STUDY_RULES);
  const m = await materialWithCourse(p.db, actor.tenantId, id);
  if (!m || m.deleted_at || m.course.deleted_at) throw notFound('学习资料');
  const member = learns(actor) ? await memberOfUser(p.db, actor.tenantId, actor.userId) : undefined;
  const studies = member !== undefined && courseOfferedTo(member.orgPath, m.course.org_path);
  if (!studies && !seesCourse(actor, m.course.org_path)) throw notFound('学习资料');
  const file = m.file_id ? await materialFile(p.db, actor.tenantId, m.id) : undefined;
  return {
    id: m.id, courseId: m.course_id, courseTitle: m.course.title, title: m.title, kind: m.kind, kindName: MATERIAL_KIND_NAMES[m.kind], body: m.body,
    fileId: file?.id ?? null, fileName: file?.name ?? null, creditTenths: m.credit_tenths, requiredMinutes: m.required_minutes, opensOn: m.opens_on, closesOn: m.closes_on,
    open: isOpen(m, today), heartbeatSeconds: rules.heartbeatSeconds,
    progress: studies ? await progressOf(p.db, actor.tenantId, member.id, m, today, rules) : null,
  };
}

/** Whether the reader may fetch the material's file: a learner it is offered to, or a reader of its course. */
export async function mayReadMaterial(p: Platform, actor: Actor, m: MaterialRow): Promise<boolean> {
  if (seesCourse(actor, m.course.org_path)) return true;
  if (!learns(actor)) return false;
  const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
  return member !== undefined && courseOfferedTo(member.orgPath, m.course.org_path);
}

/** One heartbeat of the material page: credits what the rules allow (see the head of this file). */
export async function heartbeat(p: Platform, actor: Actor, materialId: string): Promise<HeartbeatResult> {
  const learner = await learnerOf(p, actor);
  const m = await learnerMaterial(p, learner, actor.tenantId, materialId);
  const now = p.clock.now();
  const today = shanghaiDate(now);
  if (m.deleted_at || m.course.deleted_at || !isOpen(m, today)) throw notStudyTime();
  const rules = await p.settings.get(actor.tenantId, STUDY_RULES);
  const at = now.toISOString();
  const tenantId = actor.tenantId;
  const credited = await p.db.transaction().execute(async (trx) => {
    // The first beat of the day on this material starts a span and credits nothing; a concurrent first beat waits
    // for this insert on the primary key and then finds the row below.
    const inserted = await trx.insertInto('training_study').values({ tenant_id: tenantId, member_id: learner.id, material_id: m.id, day: today, seconds: 0, last_beat_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'member_id', 'material_id', 'day']).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return 0;
    // Every row of the member's day, locked in one order: beats on two materials of one member wait for each other,
    // so the daily cap is checked against what the other committed.
    const rows = (await sql<{ material_id: string; seconds: number; last_beat_at: string }>`select material_id, seconds, last_beat_at from training_study where tenant_id = ${tenantId} and member_id = ${learner.id} and day = ${today} order by material_id${forUpdate(p.data.dialect)}`.execute(trx)).rows;
    const mine = rows.find((r) => r.material_id === m.id)!;
    const gapMs = now.getTime() - new Date(mine.last_beat_at).getTime();
    let credit = 0;
    if (gapMs > 0 && gapMs <= 2 * rules.heartbeatSeconds * 1000) credit = Math.floor(Math.min(gapMs, (rules.heartbeatSeconds + BEAT_SLACK_SECONDS) * 1000) / 1000);
    if (credit > 0) {
      const total = await trx.selectFrom('training_study').select((eb) => eb.fn.sum<number>('seconds').as('s')).where('tenant_id', '=', tenantId).where('member_id', '=', learner.id).where('material_id', '=', m.id).executeTakeFirst();
      const daySum = rows.reduce((s, r) => s + Number(r.seconds), 0);
      credit = Math.max(0, Math.min(credit, m.required_minutes * 60 - Number(total?.s ?? 0), rules.dailyCapMinutes * 60 - daySum));
    }
    // A beat never moves the span's start back (a delayed request arriving after a later one).
    if (gapMs >= 0) {
      await trx.updateTable('training_study').set({ seconds: Number(mine.seconds) + credit, last_beat_at: at, updated_at: at })
        .where('tenant_id', '=', tenantId).where('member_id', '=', learner.id).where('material_id', '=', m.id).where('day', '=', today).execute();
    }
    return credit;
  });
  return { ...(await progressOf(p.db, tenantId, learner.id, m, today, rules)), credited, heartbeatSeconds: rules.heartbeatSeconds };
}

/** 我的学习: the courses offered to the learner (of the year; by default this year's and those with a material open today). */
export async function myCourses(p: Platform, actor: Actor, year?: number) {
  const learner = await linkedLearner(p, actor);
  const today = todayIn(p.clock);
  const thisYear = Number(today.slice(0, 4));
  if (!learner) return { year: year ?? thisYear, linked: false, items: [], earnedTenths: 0 };
  let q = p.db.selectFrom('training_courses as c').selectAll('c').where('c.tenant_id', '=', actor.tenantId).where('c.deleted_at', 'is', null).where(offeredTo(learner.orgPath, 'c'));
  if (year) q = q.where('c.year', '=', year);
  else {
    q = q.where((eb) => eb.or([
      eb('c.year', '=', thisYear),
      eb.exists(eb.selectFrom('training_materials as m').select('m.id').whereRef('m.tenant_id', '=', 'c.tenant_id').whereRef('m.course_id', '=', 'c.id')
        .where('m.deleted_at', 'is', null).where('m.opens_on', '<=', today).where('m.closes_on', '>=', today)),
    ]));
  }
  const courses = await q.orderBy('c.year', 'desc').orderBy('c.created_at', 'desc').execute();
  const ids = courses.map((c) => c.id);
  const materials = ids.length === 0 ? [] : await p.db.selectFrom('training_materials').selectAll().where('tenant_id', '=', actor.tenantId).where('course_id', 'in', ids).where('deleted_at', 'is', null)
    .orderBy('position').orderBy('created_at').execute();
  const spent = materials.length === 0 ? [] : await p.db.selectFrom('training_study').select(['material_id', (eb) => eb.fn.sum<number>('seconds').as('s')])
    .where('tenant_id', '=', actor.tenantId).where('member_id', '=', learner.id).where('material_id', 'in', materials.map((m) => m.id)).groupBy('material_id').execute();
  const secs = new Map(spent.map((s) => [s.material_id, Number(s.s)]));
  const names = await orgNames(p.db, [actor.tenantId], courses.map((c) => c.org_id));
  let total = 0;
  const items = courses.map((c) => {
    const mats = materials.filter((m) => m.course_id === c.id).map((m) => {
      const seconds = Math.min(secs.get(m.id) ?? 0, m.required_minutes * 60);
      const earned = earnedTenths(seconds, m.required_minutes, m.credit_tenths);
      return {
        id: m.id, title: m.title, kind: m.kind, kindName: MATERIAL_KIND_NAMES[m.kind], creditTenths: m.credit_tenths, requiredMinutes: m.required_minutes,
        opensOn: m.opens_on, closesOn: m.closes_on, open: isOpen(m, today), seconds, earnedTenths: earned,
      };
    });
    const earned = mats.reduce((s, m) => s + m.earnedTenths, 0);
    total += earned;
    return {
      id: c.id, title: c.title, kind: c.kind, kindName: COURSE_KIND_NAMES[c.kind], orgName: names.get(`${c.tenant_id}/${c.org_id}`) ?? '', year: c.year, description: c.description,
      creditTenths: mats.reduce((s, m) => s + m.creditTenths, 0), earnedTenths: earned, materials: mats,
    };
  });
  return { year: year ?? thisYear, linked: true, items, earnedTenths: total };
}

export interface OnlineCredit {
  materialId: string;
  materialTitle: string;
  courseId: string;
  courseTitle: string;
  seconds: number;
  tenths: number;
}

/**
 * 学时 (tenths) the members earned online in a year: per material, the seconds of their study days in the year,
 * capped at the required minutes and turned into its proportional credit (deleted materials keep what was earned).
 */
export async function onlineCredits(db: Db | DbOrTx, tenantId: string, memberIds: readonly string[], year: number): Promise<Map<string, { tenths: number; items: OnlineCredit[] }>> {
  const out = new Map<string, { tenths: number; items: OnlineCredit[] }>(memberIds.map((id) => [id, { tenths: 0, items: [] }]));
  const unique = [...new Set(memberIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('training_study as s')
      .innerJoin('training_materials as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.material_id'))
      .innerJoin('training_courses as c', (j) => j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.course_id'))
      .select(['s.member_id', 's.material_id', 'm.title as material_title', 'm.course_id', 'c.title as course_title', 'm.required_minutes', 'm.credit_tenths', (eb) => eb.fn.sum<number>('s.seconds').as('seconds')])
      .where('s.tenant_id', '=', tenantId).where('s.member_id', 'in', unique.slice(i, i + 500))
      .where('s.day', '>=', `${year}-01-01`).where('s.day', '<=', `${year}-12-31`)
      .groupBy(['s.member_id', 's.material_id', 'm.title', 'm.course_id', 'c.title', 'm.required_minutes', 'm.credit_tenths'])
      .execute();
    for (const r of rows) {
      const seconds = Math.min(Number(r.seconds), r.required_minutes * 60);
      const tenths = earnedTenths(seconds, r.required_minutes, r.credit_tenths);
      const e = out.get(r.member_id)!;
      e.tenths += tenths;
      e.items.push({ materialId: r.material_id, materialTitle: r.material_title, courseId: r.course_id, courseTitle: r.course_title, seconds, tenths });
    }
  }
  return out;
}
