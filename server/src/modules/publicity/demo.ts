// Demo 宣传: a correspondent per branch (通讯员 `tongxun` for 机关第一党支部, the other branches' secretaries
// doubling as theirs, plus 党员 dy1 in the first branch), their training (one three-month 挂职培训), and a year of
// manuscripts with uneven output (one prolific branch, two far below quota) and uneven quality, every level
// represented (few 省/中央), statuses mixed: some waiting for 宣传审核员 `shenhe`, one sent back to `tongxun` for
// revision, two drafts; comments on some. Deterministic (own PRNG and ids), inserted in batches.
import { sql, type Insertable } from 'kysely';
import type { DemoContext } from '../../seed/context.js';
import type { Database, DbOrTx } from '../../db/types.js';
import { addDays, daysBetween, IdSequence, Rng } from '../../seed/random.js';
import { indexDocuments } from '../../platform/search/index.js';
import { SEARCH_KIND } from './queries.js';
import type {
  Level, PublicityCommentTable, PublicityCorrespondentTable, PublicityManuscriptTable, PublicityRevisionTable, PublicityTrainingTable,
} from './tables.js';

const SEED = 0x9b1c2026;
const ID_EPOCH = Date.UTC(2026, 0, 1, 10);

/** Per branch (tree order): manuscripts submitted in the year, adoption rate, mean quality. */
const BRANCH_PLAN = [
  { count: 68, adopt: 0.8, quality: 4.1 },
  { count: 40, adopt: 0.65, quality: 3.3 },
  { count: 36, adopt: 0.7, quality: 3.6 },
  { count: 28, adopt: 0.55, quality: 2.8 },
  { count: 8, adopt: 0.4, quality: 2.3 },
  { count: 6, adopt: 0.35, quality: 3 },
];

const TOPICS = [
  ['开展“学习二十届四中全会精神”专题党课', '支部书记以“坚定信念、担当作为”为题讲授专题党课，全体党员参加学习并交流心得。'],
  ['党员志愿者走进小区开展义务劳动', '党员志愿者清理楼道杂物、修剪绿化，共清运垃圾二十余车，居民纷纷点赞。'],
  ['“关爱空巢老人”志愿服务温暖人心', '党员与空巢老人结对，定期上门陪伴聊天、代购生活用品、陪同就医。'],
  ['召开组织生活会开展批评与自我批评', '支部党员逐一对照检查，查摆问题、明确整改措施，达到了红红脸、出出汗的效果。'],
  ['主题党日活动：重温入党誓词', '全体党员面向党旗庄严宣誓，重温入党初心，并参观了红色教育基地。'],
  ['党员示范岗亮身份、作表率', '各科室示范岗党员佩戴党徽上岗，公开服务承诺，带头攻坚急难险重任务。'],
  ['冬季供暖保障中的党员先锋队', '物业党员先锋队连续奋战抢修管网，确保居民按时温暖过冬。'],
  ['离退休老党员讲述入党故事', '老党员结合亲身经历讲述入党初心，青年党员深受教育。'],
  ['“两建一做”推进会召开', '会议总结前一阶段工作，部署下一步推进措施，明确责任分工和完成时限。'],
  ['开展安全生产隐患排查', '党员带头深入一线排查隐患十余处，现场督促整改落实。'],
  ['作风建设年：党员干部下基层解难题', '机关党员深入基层班组倾听意见，现场解决群众反映的实际问题。'],
  ['创先争优：评选优秀共产党员', '经过民主推荐、支部审议，评选出本年度优秀共产党员并予以表彰。'],
  ['百千万岗位立功创效劳动竞赛启动', '各支部组织党员参加岗位技能比武，营造比学赶超的浓厚氛围。'],
  ['党建引领社区治理见成效', '支部联合居委会召开议事会，协调解决停车难、加装电梯等民生问题。'],
  ['青年党员读书分享会', '青年党员围绕理论著作分享学习体会，交流工作中的思考与收获。'],
] as const;
const OUTLETS: Record<Level, readonly string[]> = {
  community: ['社区党建公众号', '社区宣传栏', '社区简报'],
  group: ['集团报', '集团党建网', '集团公众号'],
  city: ['市日报', '市广播电视台', '市党建网'],
  province: ['省日报', '省党建网'],
  central: ['人民网', '新华网'],
};
const EDITOR_NOTES = ['导语可以再精炼一些，突出新闻要素。', '请补充活动现场照片两张。', '数字请核实后再提交。', '标题可以更生动一些。', '结构清晰，稍作修改即可采用。'];
const REVISE_NOTES = ['请补充具体事例和人物，增强可读性。', '篇幅过长，请压缩到800字以内。', '请核实时间地点，并补充参加人数。'];
const REPLIES = ['已按意见修改，请审阅。', '照片已补充，谢谢指导。'];
const REJECT_REASONS = ['新闻时效性不足，不予采用', '内容与近期已刊发稿件重复', '事实要素不全，且未按要求补充'];

async function insertBatched<T extends keyof Database & string>(trx: DbOrTx, table: T, rows: Insertable<Database[T]>[], size = 300): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

export async function seedPublicityDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const c = d.community;
  const today = d.today;
  const user = (name: string) => {
    const id = d.userIds.get(name);
    if (!id) throw new Error(`demo account missing: ${name}`);
    return id;
  };
  const staffName = new Map(c.staff.map((s) => [s.id, s.name]));
  const memberOfAccount = (name: string) => c.members.find((m) => m.user_id === user(name));
  /** The name of the employee (not a member) an account is linked to, as the account is named (seed/demo.ts). */
  const employeeOf = (name: string) => c.staff.find((s) => s.user_id === user(name))?.name;
  const nameOf = (name: string) => staffName.get(memberOfAccount(name)?.staff_id ?? '') ?? name;
  const stamp = (day: string, hour: number) => `${addDays(day, hour < 8 ? -1 : 0)}T${String((hour + 16) % 24).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
  const editors = [user('shenhe'), user('shenhe'), user('dangwei')];

  // Correspondents: tongxun (an employee who is not a member, linked to their staff record), dy1, and each other branch's secretary.
  const corr: PublicityCorrespondentTable[] = [];
  const authorsOf: { userId: string; name: string; correspondentId: string | null; weight: number }[][] = [];
  const txName = employeeOf('tongxun') ?? '通讯员';
  const addCorr = (orgIndex: number, userId: string, memberId: string | null, name: string, since: string, note = ''): PublicityCorrespondentTable => {
    const org = c.branches[orgIndex]!;
    const row: PublicityCorrespondentTable = {
      tenant_id: d.tenantId, id: ids.next(), org_id: org.id, org_path: org.path, user_id: userId, member_id: memberId, name,
      phone_enc: d.p.fieldCrypto.encrypt(`1390991${String(2000 + corr.length * 37).padStart(4, '0')}`), since, until: null, note, created_at: `${since}T01:00:00.000Z`,
      updated_at: `${since}T01:00:00.000Z`, deleted_at: null,
    };
    corr.push(row);
    return row;
  };
  const tx = addCorr(0, user('tongxun'), null, txName, '2024-03-01', '党群部推荐，负责支部新闻宣传');
  const dy = addCorr(0, user('dy1'), memberOfAccount('dy1')?.id ?? null, nameOf('dy1'), '2025-09-01');
  authorsOf.push([
    { userId: tx.user_id!, name: tx.name, correspondentId: tx.id, weight: 6 },
    { userId: dy.user_id!, name: dy.name, correspondentId: dy.id, weight: 2 },
    { userId: user('zb1'), name: nameOf('zb1'), correspondentId: null, weight: 1 },
    { userId: user('weiyuan'), name: nameOf('weiyuan'), correspondentId: null, weight: 1 },
  ]);
  for (let i = 1; i < c.branches.length; i++) {
    const account = `zb${i + 1}`;
    const row = addCorr(i, user(account), memberOfAccount(account)?.id ?? null, nameOf(account), `202${3 + (i % 3)}-0${1 + i}-15`, '支部书记兼任通讯员');
    authorsOf.push([{ userId: row.user_id!, name: row.name, correspondentId: row.id, weight: 1 }]);
  }

  const trainings: PublicityTrainingTable[] = [];
  const training = (cr: PublicityCorrespondentTable, kind: PublicityTrainingTable['kind'], title: string, from: string, to: string, hours: number, place: string) => {
    trainings.push({
      tenant_id: d.tenantId, id: ids.next(), correspondent_id: cr.id, kind, title, from_date: from, to_date: to, hours, place, note: '',
      created_at: `${to}T09:00:00.000Z`, created_by: user('dangwei'), deleted_at: null,
    });
  };
  for (const cr of corr) training(cr, 'course', '全委通讯员新闻写作集中培训', '2026-03-12', '2026-03-13', 16, '社区党群服务中心');
  training(tx, 'secondment', '集团党委宣传部挂职培训', '2026-04-01', '2026-06-30', 480, '集团党委宣传部');
  training(corr[2]!, 'other', '新闻摄影线上课程', '2026-08-05', '2026-08-05', 3, '线上');
  training(dy, 'other', '新媒体编辑实务讲座', '2026-09-18', '2026-09-18', 4, '社区党群服务中心');

  // Manuscripts.
  const manuscripts: PublicityManuscriptTable[] = [];
  const revisions: PublicityRevisionTable[] = [];
  const comments: PublicityCommentTable[] = [];
  const start = '2025-12-01';
  const span = daysBetween(start, addDays(today, -1));
  const levelPick = (): Level => rng.weighted<Level>([['community', 50], ['group', 30], ['city', 15], ['province', 3.5], ['central', 1.5]]);
  const comment = (m: PublicityManuscriptTable, role: 'editor' | 'author', who: { id: string; name: string }, body: string, revision: number, when: string, request = false) => {
    comments.push({
      tenant_id: d.tenantId, id: ids.next(), manuscript_id: m.id, author_user_id: who.id, author_name: who.name, role, body, revision,
      request_revision: request ? 1 : 0, created_at: when,
    });
  };
  const editorName = (id: string) => (id === user('dangwei') ? '党委管理员' : employeeOf('shenhe') ?? '宣传审核员');

  BRANCH_PLAN.forEach((plan, bi) => {
    const org = c.branches[bi]!;
    for (let k = 0; k < plan.count; k++) {
      const author = rng.weighted(authorsOf[bi]!.map((a) => [a, a.weight] as const));
      // Later days a little more often: the team grew during the year.
      const day = addDays(start, Math.min(span, Math.floor(span * Math.sqrt(rng.next()))));
      const [topic, lead] = rng.pick(TOPICS);
      const level = k === 3 && bi === 0 ? 'central' : (k === 5 && bi < 3 ? 'province' : levelPick());
      const submittedAt = stamp(day, rng.int(9, 17));
      const age = daysBetween(day, today);
      const editor = rng.pick(editors);
      const m: PublicityManuscriptTable = {
        tenant_id: d.tenantId, id: ids.next(), org_id: org.id, org_path: org.path, author_user_id: author.userId, author_name: author.name,
        correspondent_id: author.correspondentId, title: `${org.name}${topic}`, body: `<p>${lead}</p><p>${org.name}${day.slice(5, 7)}月供稿。</p>`,
        body_text: `${lead}\n${org.name}${day.slice(5, 7)}月供稿。`, channel: level === 'community' || (level === 'group' && rng.chance(0.7)) ? 'internal' : 'external',
        outlet: rng.pick(OUTLETS[level]), level, status: 'submitted', submitted_at: submittedAt, adopted_at: null, rejected_at: null, reject_reason: null,
        published_at: null, published_on: null, published_outlet: null, published_level: null, published_ref: null, quality: null, quality_note: null,
        quality_by: null, editor_user_id: null, revision: 1, created_at: submittedAt, updated_at: submittedAt, deleted_at: null,
      };
      revisions.push({ tenant_id: d.tenantId, manuscript_id: m.id, revision: 1, title: m.title, body: m.body, created_at: submittedAt, created_by: author.userId });
      manuscripts.push(m);
      if (age <= 12) continue; // still waiting for the editor
      const touched = addDays(day, rng.int(1, 3));
      const talk = rng.next();
      if (talk < 0.25) {
        // Sent back once, revised and resubmitted.
        const asked = stamp(touched, 10);
        comment(m, 'editor', { id: editor, name: editorName(editor) }, rng.pick(REVISE_NOTES), 1, asked, true);
        const back = stamp(addDays(touched, 1), 15);
        comment(m, 'author', { id: author.userId, name: author.name }, rng.pick(REPLIES), 1, back);
        revisions.push({ tenant_id: d.tenantId, manuscript_id: m.id, revision: 2, title: m.title, body: m.body, created_at: back, created_by: author.userId });
        m.revision = 2;
      } else if (talk < 0.45) {
        comment(m, 'editor', { id: editor, name: editorName(editor) }, rng.pick(EDITOR_NOTES), 1, stamp(touched, 11));
      }
      m.editor_user_id = editor;
      const decidedOn = addDays(touched, m.revision === 2 ? 2 : 0);
      if (!rng.chance(plan.adopt)) {
        m.status = 'rejected';
        m.rejected_at = stamp(decidedOn, 16);
        m.reject_reason = rng.pick(REJECT_REASONS);
        m.updated_at = m.rejected_at;
        continue;
      }
      m.status = 'adopted';
      m.adopted_at = stamp(decidedOn, 16);
      m.quality = Math.max(1, Math.min(5, Math.round(plan.quality + (rng.next() - 0.5) * 2.4)));
      m.quality_by = editor;
      m.quality_note = m.quality >= 4 ? '主题鲜明，文字精炼' : m.quality <= 2 ? '要素欠缺，编辑改动较大' : '';
      m.updated_at = m.adopted_at;
      const publishOn = addDays(decidedOn, rng.int(1, 12));
      if (publishOn < today && rng.chance(0.85)) {
        m.status = 'published';
        m.published_on = publishOn;
        m.published_at = stamp(publishOn, 17);
        m.published_level = rng.chance(0.12) && level !== 'community' ? (level === 'group' ? 'community' : level === 'city' ? 'group' : 'city') : level;
        m.published_outlet = m.published_level === level ? m.outlet : rng.pick(OUTLETS[m.published_level]);
        m.published_ref = m.published_level === 'community' || m.published_level === 'group' ? `第${rng.int(1, 4)}版` : `https://news.example.cn/a/${m.id.slice(-8)}`;
        m.updated_at = m.published_at;
      }
    }
  });

  // tongxun's latest manuscript goes back for revision; two fresh drafts wait on their desk.
  const mine = manuscripts.filter((m) => m.author_user_id === tx.user_id).sort((a, b) => (a.submitted_at! < b.submitted_at! ? 1 : -1));
  const back = mine.find((m) => m.status === 'submitted') ?? mine[0]!;
  Object.assign(back, { status: 'revising', editor_user_id: user('shenhe'), updated_at: stamp(addDays(today, -1), 10) });
  comment(back, 'editor', { id: user('shenhe'), name: editorName(user('shenhe')) }, '请补充活动现场照片，并把导语压缩到两句话以内。', back.revision, back.updated_at, true);
  for (const title of ['社区“邻里节”活动侧记（草稿）', '冬季送温暖走访慰问困难党员']) {
    const at = stamp(addDays(today, -1), 16);
    manuscripts.push({
      ...back, id: ids.next(), title, body: '<p>（正在撰写）</p>', body_text: '（正在撰写）', status: 'draft', submitted_at: null, adopted_at: null,
      rejected_at: null, reject_reason: null, published_at: null, published_on: null, published_outlet: null, published_level: null, published_ref: null,
      quality: null, quality_note: null, quality_by: null, editor_user_id: null, revision: 0, created_at: at, updated_at: at, level: 'community',
      outlet: '社区党建公众号', channel: 'internal',
    });
  }

  await insertBatched(d.trx, 'publicity_correspondents', corr);
  await insertBatched(d.trx, 'publicity_trainings', trainings);
  await insertBatched(d.trx, 'publicity_manuscripts', manuscripts, 200);
  await insertBatched(d.trx, 'publicity_revisions', revisions);
  await insertBatched(d.trx, 'publicity_comments', comments);
  await indexDocuments(d.trx, d.p.data.dialect, d.tenantId, manuscripts.map((m) => ({ kind: SEARCH_KIND, entityId: m.id, title: m.title, body: m.body_text })));
  // ANALYZE inside the seeding transaction counts its own rows and commits with them.
  if (d.p.data.dialect === 'postgres') await sql`analyze publicity_correspondents, publicity_manuscripts, publicity_comments, publicity_revisions`.execute(d.trx);
}
