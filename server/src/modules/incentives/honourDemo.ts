// Demo 表彰: last year's (2025) decided “两优一先” selection — 8 优秀共产党员, 3 优秀党务工作者, 2 先进基层党组织
// honoured (two more nominations not passed), the honours on the records — plus two honours from outside bodies
// entered by hand, and this year's selection open for nominations with a few from the branches. Snapshots are
// taken by the same code as a real nomination, on the day it would have been made.
import type { DemoContext } from '../../seed/context.js';
import { IdSequence, Rng } from '../../seed/random.js';
import { orgNames } from '../org/index.js';
import { categoryName, defaultQuotas, HONOUR_RULES } from './honourSettings.js';
import { memberSnapshot, orgSnapshot } from './nominationSnapshot.js';
import type { HonourCategory, IncentiveHonourTable, IncentiveNominationTable, IncentiveSelectionTable, NominationStatus } from './tables.js';

const SEED = 0x19c0de19;
const ID_EPOCH = Date.UTC(2026, 5, 1, 5);

const DEEDS: Record<HonourCategory, string[]> = {
  outstandingMember: [
    '立足岗位、爱岗敬业，全年无差错，主动承担急难险重任务，在物业服务提质中发挥先锋模范作用，群众满意度高。',
    '长期坚持结对走访空巢老人，带头参加志愿服务和义务劳动，帮助解决居民急难愁盼问题二十余件。',
    '在疫情防控和防汛抢险中冲锋在前，连续值守一线，带动身边职工群众共同参与，受到居民广泛好评。',
    '刻苦钻研业务，牵头完成多项技术改进，为单位节约成本，带出一支作风过硬的青年骨干队伍。',
  ],
  outstandingWorker: [
    '认真落实“三会一课”等组织生活制度，支部台账规范完整，党员教育管理扎实有效，支部标准化建设走在前列。',
    '热心党务工作，创新开展主题党日活动，发展党员程序规范，支部凝聚力战斗力明显增强。',
  ],
  advancedOrg: [
    '支部班子团结有力，组织生活规范，党员作用发挥明显，结合物业服务开展“党员责任区”活动，群众满意度持续提升。',
    '坚持党建引领业务发展，支部标准化规范化建设达标，量化考核名列前茅，形成了“一支部一品牌”的工作特色。',
  ],
};

export async function seedHonourDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const { trx, tenantId, community } = d;
  const rules = HONOUR_RULES.defaults;
  const dangwei = d.userIds.get('dangwei') ?? null;
  const names = await orgNames(trx, [tenantId], community.orgs.map((o) => o.id));
  const orgName = (id: string) => names.get(`${tenantId}/${id}`) ?? '';
  const root = community.orgs.find((o) => o.parent_id === null)!;
  const staffName = new Map(community.staff.map((s) => [s.id, s.name]));
  const live = community.members.filter((m) => m.status === 'active' && m.deleted_at === null);
  const postHolders = new Set(community.posts.filter((p) => p.ended_on === null).map((p) => p.member_id));
  const branches = community.branches;
  const secretary = (i: number) => d.userIds.get(`zb${i + 1}`) ?? dangwei;
  const used = new Set<string>();
  /** A live member of the branch not used yet (a post holder for 优秀党务工作者). */
  const memberOf = (branchId: string, post: boolean) => {
    const pool = live.filter((m) => m.branch_id === branchId && !used.has(m.id) && postHolders.has(m.id) === post);
    const m = pool.length ? rng.pick(pool) : undefined;
    if (m) used.add(m.id);
    return m;
  };

  const selection = (year: number, status: IncentiveSelectionTable['status'], extra: Partial<IncentiveSelectionTable>): IncentiveSelectionTable => ({
    tenant_id: tenantId, id: ids.next(), year, title: `${year}年度“两优一先”评选表彰`, quotas: JSON.stringify(defaultQuotas(rules)), nominate_by: `${year}-11-30`,
    status, publicity_from: null, publicity_to: null, decided_on: null, decision_no: null, created_by: dangwei,
    created_at: `${year}-11-02T01:30:00.000Z`, updated_at: `${year}-11-02T01:30:00.000Z`, ...extra,
  });
  const last = selection(2025, 'decided', {
    publicity_from: '2025-12-15', publicity_to: '2025-12-19', decided_on: '2025-12-26', decision_no: '党委〔2025〕18号', updated_at: '2025-12-26T02:00:00.000Z',
  });
  const current = selection(2026, 'nominating', { nominate_by: '2026-12-10' });
  await trx.insertInto('incentive_selections').values([last, current]).execute();

  const nominations: IncentiveNominationTable[] = [];
  const honours: IncentiveHonourTable[] = [];
  const nominate = async (s: IncentiveSelectionTable, branchIndex: number, category: HonourCategory, status: NominationStatus, on: string, reviewNote: string | null = null) => {
    const branch = branches[branchIndex % branches.length]!;
    const at = `${on}T02:00:00.000Z`;
    let nominee: { kind: 'member' | 'org'; id: string; name: string; path: string };
    if (category === 'advancedOrg') nominee = { kind: 'org', id: branch.id, name: orgName(branch.id), path: branch.path };
    else {
      const m = memberOf(branch.id, category === 'outstandingWorker');
      if (!m) return;
      nominee = { kind: 'member', id: m.id, name: staffName.get(m.staff_id) ?? '', path: m.org_path };
    }
    const snapshot = nominee.kind === 'member'
      ? await memberSnapshot(trx, tenantId, nominee.id, s.year, on, at)
      : await orgSnapshot(d.p, trx, d.p.data.dialect, tenantId, { id: nominee.id, path: nominee.path }, s.year, on, at);
    const n: IncentiveNominationTable = {
      tenant_id: tenantId, id: ids.next(), selection_id: s.id, category, nominee_kind: nominee.kind, nominee_id: nominee.id, nominee_name: nominee.name,
      org_id: branch.id, org_path: branch.path, deeds: rng.pick(DEEDS[category]), snapshot: JSON.stringify(snapshot), status, review_note: reviewNote,
      created_by: secretary(branchIndex % branches.length), created_at: at, updated_at: at,
    };
    nominations.push(n);
    if (status === 'honoured') {
      honours.push({
        tenant_id: tenantId, id: ids.next(), subject_kind: nominee.kind, subject_id: nominee.id, subject_name: nominee.name, org_path: nominee.path,
        title: categoryName(rules, category), year: s.year, awarded_on: s.decided_on!, awarded_by: root.name, nomination_id: n.id, note: s.decision_no,
        created_by: dangwei, created_at: '2025-12-26T02:00:00.000Z', deleted_at: null,
      });
    }
  };

  // 2025: every branch nominated; 13 honoured within the quotas, two not passed.
  for (let i = 0; i < 8; i += 1) await nominate(last, i, 'outstandingMember', 'honoured', '2025-11-20');
  await nominate(last, 2, 'outstandingMember', 'rejected', '2025-11-21', '事迹材料不够具体，名额有限，本年度未通过');
  for (let i = 0; i < 3; i += 1) await nominate(last, i * 2, 'outstandingWorker', 'honoured', '2025-11-20');
  await nominate(last, 4, 'advancedOrg', 'honoured', '2025-11-24');
  await nominate(last, 2, 'advancedOrg', 'honoured', '2025-11-24');
  await nominate(last, 5, 'advancedOrg', 'rejected', '2025-11-25', '年度量化考核排名靠后，暂不推荐');
  // 2026: nominations coming in before the deadline.
  for (let i = 1; i < 5; i += 1) await nominate(current, i, 'outstandingMember', 'nominated', '2026-11-2' + String(i));
  await nominate(current, 3, 'outstandingWorker', 'nominated', '2026-11-24');
  await nominate(current, 3, 'advancedOrg', 'nominated', '2026-11-25');

  // Honours from outside bodies, entered by hand.
  const outside = live.find((m) => !used.has(m.id) && m.branch_id === branches[0]!.id)!;
  honours.push(
    {
      tenant_id: tenantId, id: ids.next(), subject_kind: 'member', subject_id: outside.id, subject_name: staffName.get(outside.staff_id) ?? '', org_path: outside.org_path,
      title: '优秀共产党员', year: 2024, awarded_on: '2024-06-28', awarded_by: '区委组织部', nomination_id: null, note: '庆祝建党103周年表彰',
      created_by: dangwei, created_at: '2024-07-02T02:00:00.000Z', deleted_at: null,
    },
    {
      tenant_id: tenantId, id: ids.next(), subject_kind: 'org', subject_id: branches[3]!.id, subject_name: orgName(branches[3]!.id), org_path: branches[3]!.path,
      title: '五星级党支部', year: 2025, awarded_on: '2025-07-01', awarded_by: '街道党工委', nomination_id: null, note: null,
      created_by: dangwei, created_at: '2025-07-03T02:00:00.000Z', deleted_at: null,
    },
  );
  await trx.insertInto('incentive_nominations').values(nominations).execute();
  await trx.insertInto('incentive_honours').values(honours).execute();
}
