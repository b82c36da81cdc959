// Demo 民主评议: last year's published appraisal for every branch (self ratings and committee decisions
// within the 优秀 quota), and this year's open one for 机关第一党支部 with some self and peer ratings already
// in (the demo member dy1 has not rated yet, so it is on their 待办). Deterministic (own PRNG and ids).
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { excellentQuota } from './bonus.js';
import { atx } from './appraisals.js';
import type { AppraisalGrade, AppraisalMemberTable, AppraisalRatingTable, AppraisalTable } from './appraisalTables.js';

const SEED = 0x0a77a15e;
const ID_EPOCH = Date.UTC(2026, 0, 1, 9);

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedAppraisalDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const c = d.community;
  const t = atx(d.trx);
  const year = Number(d.today.slice(0, 4));
  const names = new Map(c.staff.map((s) => [s.id, s.name]));
  const dangwei = d.userIds.get('dangwei') ?? null;
  const appraisals: AppraisalTable[] = [];
  const members: AppraisalMemberTable[] = [];
  const ratings: AppraisalRatingTable[] = [];
  const at = d.now.toISOString();

  const listed = (branchId: string, appraisalId: string) => c.members
    .filter((m) => m.branch_id === branchId && m.status === 'active' && m.deleted_at === null)
    .sort((a, b) => (a.org_path < b.org_path ? -1 : a.org_path > b.org_path ? 1 : a.id < b.id ? -1 : 1))
    .map((m, i): AppraisalMemberTable => ({
      tenant_id: d.tenantId, appraisal_id: appraisalId, member_id: m.id, member_name: names.get(m.staff_id) ?? '', member_type: m.type,
      graded: m.type === 'full' ? 1 : 0, sort_order: i, self_grade: null, self_comment: '', self_at: null,
      decision: null, decision_note: '', decided_by: null, decided_at: null,
    }));

  // Last year: published, every graded member decided, 优秀 within one third.
  const lastDone = `${year}-01-15T02:00:00.000Z`;
  for (const b of c.branches) {
    const id = ids.next();
    appraisals.push({ tenant_id: d.tenantId, id, branch_id: b.id, year: year - 1, status: 'published', created_by: dangwei, created_at: `${year - 1}-12-10T02:00:00.000Z`, updated_at: lastDone, published_at: lastDone, published_by: dangwei, deleted_at: null });
    const ms = listed(b.id, id);
    const graded = ms.filter((m) => m.graded === 1);
    const excellent = Math.min(excellentQuota(graded.length, 1 / 3), Math.max(1, Math.round(graded.length * 0.25)));
    const order = graded.map((m) => m.member_id);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const gradeOf = new Map<string, AppraisalGrade>();
    order.forEach((mid, i) => gradeOf.set(mid, i < excellent ? 'excellent' : i === order.length - 1 && order.length > 8 ? 'basic' : 'qualified'));
    for (const m of ms) {
      m.self_grade = rng.chance(0.2) ? 'excellent' : 'qualified';
      m.self_comment = '一年来认真学习，按时参加组织生活，按期交纳党费。';
      m.self_at = `${year - 1}-12-15T02:00:00.000Z`;
      if (m.graded === 1) {
        m.decision = gradeOf.get(m.member_id)!;
        m.decided_by = dangwei;
        m.decided_at = `${year}-01-10T02:00:00.000Z`;
      }
    }
    members.push(...ms);
  }

  // This year: 机关第一党支部 open, about half have rated themselves; a few have rated colleagues.
  const first = c.branches[0];
  if (first) {
    const id = ids.next();
    appraisals.push({ tenant_id: d.tenantId, id, branch_id: first.id, year, status: 'open', created_by: dangwei, created_at: at, updated_at: at, published_at: null, published_by: null, deleted_at: null });
    const ms = listed(first.id, id);
    const dy1 = c.members.find((m) => m.user_id === d.userIds.get('dy1'))?.id;
    const graded = ms.filter((m) => m.graded === 1);
    ms.forEach((m, i) => {
      if (m.member_id === dy1 || i % 2 === 1) return;
      m.self_grade = rng.chance(0.25) ? 'excellent' : 'qualified';
      m.self_comment = '认真学习党的理论，积极参加志愿服务。';
      m.self_at = at;
    });
    for (const rater of ms.filter((m) => m.member_id !== dy1).slice(0, 3)) {
      for (const g of graded) {
        if (g.member_id === rater.member_id) continue;
        ratings.push({ tenant_id: d.tenantId, appraisal_id: id, rater_member_id: rater.member_id, member_id: g.member_id, grade: rng.chance(0.2) ? 'excellent' : rng.chance(0.05) ? 'basic' : 'qualified', at });
      }
    }
    members.push(...ms);
  }

  await insertChunks(appraisals, (rows) => t.insertInto('appraisals').values(rows).execute());
  await insertChunks(members, (rows) => t.insertInto('appraisal_members').values(rows).execute());
  await insertChunks(ratings, (rows) => t.insertInto('appraisal_ratings').values(rows).execute());
}
