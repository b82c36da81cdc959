// The nominee's data as it stands at nomination, stored as JSON with the nomination and never rewritten: what the
// 党委 reviews is what the branch saw when it nominated, whatever changes later. A member: 三会一课 attendance of the
// selection's year, the latest published 量化考核 total, the latest 民主评议 grade, volunteer hours of the year,
// plaques held and the latest published 星级. An organisation: 组织生活 held as required and attendance (the
// orgLife metrics), the latest 量化考核 total, live members and its 星级. 学时 waits for 教育培训 (issue 20).
import type { DbDialect } from '../../config.js';
import type { DbOrTx } from '../../db/types.js';
import type { Platform } from '../../platform/context.js';
import { latestAppraisalGrade, latestPublishedResult } from '../assessment/index.js';
import { liveMemberCounts } from '../members/index.js';
import { memberAttendance } from '../orgLife/index.js';
import { volunteerRecords } from '../volunteer/index.js';
import type { Snapshot } from './honourSchema.js';

type Item = Snapshot['items'][number];
const TRAINING_NOTE = '教育培训模块未启用，学时暂无数据';
const pct = (n: number, d: number) => `${Math.round((1000 * n) / d) / 10}%（${n}/${d}）`;

/** The year's span up to today: a selection of the current year counts what has happened so far. */
const yearSpan = (year: number, today: string) => ({ from: `${year}-01-01`, to: today < `${year}-12-31` ? today : `${year}-12-31` });

async function latestAssessment(db: DbOrTx, tenantId: string, targetId: string): Promise<Item> {
  const r = await latestPublishedResult(db, tenantId, targetId);
  if (!r) return { key: 'assessment', label: '量化考核', value: null, note: '暂无已发布的考核结果' };
  return { key: 'assessment', label: '量化考核', value: `${r.total} 分（满分 ${r.maxTotal}）`, note: `${r.roundName}（${r.periodLabel}）` };
}

async function latestStars(db: DbOrTx, tenantId: string, kind: 'member' | 'branch', key: string): Promise<Item> {
  const row = await db.selectFrom('incentive_stars').select(['year', 'stars']).where('tenant_id', '=', tenantId).where('subject_kind', '=', kind)
    .where('subject_key', '=', key).where('published', '=', 1).orderBy('year', 'desc').limit(1).executeTakeFirst();
  return { key: 'stars', label: '星级评定', value: row ? (row.stars > 0 ? `${row.stars} 星` : '未达标') : null, ...(row ? { note: `${row.year}年度` } : { note: '暂无已发布的星级' }) };
}

export async function memberSnapshot(db: DbOrTx, tenantId: string, memberId: string, year: number, today: string, at: string): Promise<Snapshot> {
  const span = yearSpan(year, today);
  const [attendance, appraisal, hours, plaques, assessment, stars] = await Promise.all([
    memberAttendance(db, tenantId, memberId, span.from, span.to),
    latestAppraisalGrade(db, tenantId, memberId, year),
    volunteerRecords(db, tenantId, { kind: 'member', id: memberId }, String(year)),
    db.selectFrom('incentive_plaques').select('title').where('tenant_id', '=', tenantId).where('member_id', '=', memberId)
      .where('status', '=', 'active').where('deleted_at', 'is', null).orderBy('title').execute(),
    latestAssessment(db, tenantId, memberId),
    latestStars(db, tenantId, 'member', memberId),
  ]);
  const { expected, present } = attendance;
  const minutes = hours.filter((r) => r.date <= span.to).reduce((sum, r) => sum + r.minutes, 0);
  const items: Item[] = [
    { key: 'attendance', label: '三会一课出勤率', value: expected > 0 ? pct(present, expected) : null, note: `${span.from} 至 ${span.to}` },
    assessment,
    { key: 'appraisal', label: '民主评议等次', value: appraisal?.grade ?? null, ...(appraisal ? { note: `${appraisal.year}年度` } : { note: '暂无已发布的评议' }) },
    { key: 'volunteerHours', label: '志愿服务时长', value: `${Math.round(minutes / 6) / 10} 小时`, note: `${year}年度` },
    { key: 'plaques', label: '示范岗/责任区', value: plaques.length > 0 ? plaques.map((p) => p.title).join('、') : '无' },
    stars,
    { key: 'trainingHours', label: '学习培训学时', value: null, note: TRAINING_NOTE },
  ];
  return { takenAt: at, year, items, trainingHours: null, notes: [TRAINING_NOTE] };
}

export async function orgSnapshot(p: Platform, db: DbOrTx, dialect: DbDialect, tenantId: string, org: { id: string; path: string }, year: number, today: string, at: string): Promise<Snapshot> {
  const span = yearSpan(year, today);
  const ctx = { db, dialect, tenantId, period: span, targetIds: [org.id] };
  const [held, attendance, counts, assessment, stars] = await Promise.all([
    p.metrics.compute('orgLife.requiredHeldRatio', ctx),
    p.metrics.compute('orgLife.attendanceRate', ctx),
    liveMemberCounts(db, tenantId, org.path),
    latestAssessment(db, tenantId, org.id),
    latestStars(db, tenantId, 'branch', org.id),
  ]);
  const heldRate = held.get(org.id);
  const attendanceRate = attendance.get(org.id);
  const items: Item[] = [
    { key: 'compliance', label: '组织生活按规定召开率', value: heldRate === undefined ? null : `${heldRate}%`, note: `${span.from} 至 ${span.to}` },
    { key: 'attendance', label: '组织生活出勤率', value: attendanceRate === undefined ? null : `${attendanceRate}%`, note: `${span.from} 至 ${span.to}` },
    assessment,
    { key: 'members', label: '党员人数', value: `${counts.total} 人（正式党员 ${counts.full} 人）` },
    stars,
  ];
  return { takenAt: at, year, items, notes: [] };
}
