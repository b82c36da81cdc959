// Demo courses of 2026 for the reference community: the committee's online 集中轮训 (four articles) and a
// long-open course whose one-minute material a member can try at any real date (until 2030), and for each branch a
// mixed course whose sessions are the branch's 党课 already recorded in 组织生活 (each counted once) plus one
// article. Members studied the committee's articles over the year, most completely, some partly, some not at all
// (those are behind). Deterministic (own PRNG and ids), written in the seeding transaction.
import type { DemoContext } from '../../seed/context.js';
import { shanghaiInstant } from '../../platform/calendar.js';
import { addDays, dateBetween, IdSequence, Rng } from '../../seed/random.js';
import { sessionCandidates } from '../orgLife/index.js';
import { BRANCH_ARTICLE, COMMITTEE_ARTICLES, TRY_ARTICLE, type DemoArticle } from './courseDemoData.js';
import type { TrainingCourseTable, TrainingMaterialTable, TrainingSessionTable, TrainingStudyTable } from './tables.js';

const SEED = 0x7a11e620;
const ID_EPOCH = Date.UTC(2026, 0, 5, 1);
const YEAR = 2026;
/** 学时 of a 党课 held as a course session. */
const LECTURE_TENTHS = 20;

export async function seedCourseDemo(demo: DemoContext): Promise<void> {
  const { trx, tenantId, community: c, today } = demo;
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const at = demo.now.toISOString();
  const root = c.orgs.find((o) => o.parent_id === null)!;
  const dangwei = demo.userIds.get('dangwei') ?? null;
  const courses: TrainingCourseTable[] = [];
  const materials: TrainingMaterialTable[] = [];
  const sessions: TrainingSessionTable[] = [];
  const course = (org: { id: string; path: string }, title: string, kind: TrainingCourseTable['kind'], description: string): TrainingCourseTable => {
    const row: TrainingCourseTable = { tenant_id: tenantId, id: ids.next(), org_id: org.id, org_path: org.path, title, kind, description, year: YEAR, created_by: dangwei, created_at: at, updated_at: at, deleted_at: null };
    courses.push(row);
    return row;
  };
  const material = (co: TrainingCourseTable, a: DemoArticle, position: number, opensOn: string, closesOn: string): TrainingMaterialTable => {
    const row: TrainingMaterialTable = {
      tenant_id: tenantId, id: ids.next(), course_id: co.id, title: a.title, kind: 'article', body: a.body, file_id: null, credit_tenths: a.creditTenths,
      required_minutes: a.requiredMinutes, opens_on: opensOn, closes_on: closesOn, position, created_at: at, updated_at: at, deleted_at: null,
    };
    materials.push(row);
    return row;
  };

  const rotation = course(root, `${YEAR}年度党员集中轮训（线上）`, 'online', '社区党委组织的全体党员年度集中轮训，线上自学党章、组织制度、发展党员和党费等基本知识，学满规定时长计入学时。');
  const committeeMaterials = COMMITTEE_ARTICLES.map((a, i) => material(rotation, a, i, `${YEAR}-01-01`, `${YEAR}-12-31`));
  const open = course(root, '重温入党誓词（常年开放）', 'online', '常年开放的学习内容，党员随时可学，学满 1 分钟计 0.5 学时。');
  material(open, TRY_ARTICLE, 0, `${YEAR}-01-01`, '2030-12-31');

  for (const b of c.branches) {
    const co = course(b, `${b.name}${YEAR}年党课与专题学习`, 'mixed', '支部全年党课（以组织生活记录的出勤计学时）与专题线上学习。');
    material(co, BRANCH_ARTICLE, 0, `${YEAR}-03-01`, `${YEAR}-12-31`);
    const lectures = (await sessionCandidates(trx, tenantId, b.path)).filter((a) => a.kind === 'partyLecture' && a.starts_at.slice(0, 4) === String(YEAR) && a.status !== 'planned');
    for (const l of lectures) sessions.push({ tenant_id: tenantId, id: ids.next(), course_id: co.id, activity_id: l.id, credit_tenths: LECTURE_TENTHS, created_by: dangwei, created_at: at, deleted_at: null });
  }

  // Study: each member has a diligence; the committee's articles are studied in one to three sittings on days of
  // the year before today, fully by the diligent, partly or not at all by the others. dy1 is left some to do.
  const dy1 = demo.userIds.get('dy1');
  const study: TrainingStudyTable[] = [];
  const branchMats = new Map(materials.filter((m) => m.title === BRANCH_ARTICLE.title).map((m) => [courses.find((x) => x.id === m.course_id)!.org_path, m]));
  const lastDay = addDays(today, -1);
  for (const m of c.members) {
    if (m.status !== 'active' || m.deleted_at) continue;
    const diligence = rng.next();
    const branchMat = [...branchMats.entries()].find(([path]) => m.org_path.startsWith(path))?.[1];
    const mine = branchMat ? [...committeeMaterials, branchMat] : committeeMaterials;
    for (const mat of mine) {
      if (m.user_id && m.user_id === dy1 && mat !== committeeMaterials[0]) continue;
      if (!rng.chance(0.15 + diligence * 0.85)) continue;
      const required = mat.required_minutes * 60;
      const seconds = rng.chance(diligence) ? required : Math.floor(required * (0.2 + rng.next() * 0.6));
      const sittings = rng.int(1, 3);
      const last = mat.closes_on < lastDay ? mat.closes_on : lastDay;
      const first = dateBetween(rng, mat.opens_on, addDays(last, -10));
      const used = new Set<string>();
      let left = seconds;
      for (let s = 0; s < sittings && left > 0; s++) {
        const day = s === 0 ? first : dateBetween(rng, first, last);
        if (used.has(day)) continue;
        used.add(day);
        const part = s === sittings - 1 ? left : Math.min(left, Math.floor(seconds / sittings));
        left -= part;
        const end = shanghaiInstant(day, rng.int(8, 21), rng.int(0, 59));
        study.push({ tenant_id: tenantId, member_id: m.id, material_id: mat.id, day, seconds: part, last_beat_at: end, updated_at: end });
      }
    }
  }

  await trx.insertInto('training_courses').values(courses).execute();
  await trx.insertInto('training_materials').values(materials).execute();
  if (sessions.length > 0) await trx.insertInto('training_sessions').values(sessions).execute();
  for (let i = 0; i < study.length; i += 300) await trx.insertInto('training_study').values(study.slice(i, i + 300)).execute();
}
