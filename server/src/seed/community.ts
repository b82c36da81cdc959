// The reference community of docs/DOMAIN.md as rows: the organisation tree with founding and term dates,
// 6 grassroots units and 11 offices, 497 staff on post plus retirees, 200 members on post plus retired
// members, committee posts and each member's history. Pure and deterministic: the same seed, the same
// demo "today" and the same id sequence give the same rows on every start; only the ciphertexts (random
// IVs) and the created/updated instants (the clock) differ.
import type {
  Employment, Gender, MemberEventTable, MemberTable, MemberType, OrgKind, OrgPostTable, OrganisationTable, StaffTable, UnitKind, UnitTable,
} from '../db/types.js';
import type { FieldCrypto } from '../platform/crypto/fieldCrypto.js';
import { makeIdNumber } from '../modules/people/idNumber.js';
import { addDays, addYears, dateBetween, IdSequence, Rng, yearsBetween } from './random.js';
import {
  address, EDUCATION_MIX, ethnicity, FIELD_POSTS, headTitles, nativePlace, officePosts, personName, phone, RETIREE_SERVICE_POSTS,
  WORK_START_AGE, type Education,
} from './names.js';

/** The demo's fixed "today" (Asia/Shanghai): ages, join dates and terms are reckoned from it, not from the clock. */
export const DEMO_TODAY = '2026-11-27';
const SEED = 0x20080118;
/** Demo ids count from here: older than any id the application makes later. */
const ID_EPOCH = Date.UTC(2026, 0, 1);

interface BranchSpec { name: string; foundedOn: string; term: string; probationary: number; posts: string[] }
interface GeneralSpec { name: string; foundedOn: string; term: string; branches: BranchSpec[] }

/**
 * 1 党委 → 3 党总支 → 6 党支部 → 24 党小组. Terms: 党委 5 years, 总支 and 支部 3 years (docs/DOMAIN.md); two
 * branches' terms end within 90 days of DEMO_TODAY so that the 换届 reminder has something to show.
 */
export const COMMITTEE = { name: '社区党委', code: 'DW', foundedOn: '2008-01-18', term: '2023-01-16' };
export const TREE: GeneralSpec[] = [
  {
    name: '机关党总支', foundedOn: '2008-03-26', term: '2024-03-20', branches: [
      { name: '机关第一党支部', foundedOn: '2008-03-26', term: '2023-12-19', probationary: 3, posts: ['secretary', 'organisation', 'publicity', 'discipline'] },
      { name: '机关第二党支部', foundedOn: '2008-03-26', term: '2024-09-10', probationary: 3, posts: ['secretary', 'organisation', 'publicity'] },
    ],
  },
  {
    name: '物业党总支', foundedOn: '2008-04-15', term: '2024-04-11', branches: [
      { name: '物业第一党支部', foundedOn: '2008-04-15', term: '2024-06-20', probationary: 6, posts: ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline'] },
      { name: '物业第二党支部', foundedOn: '2011-09-08', term: '2024-02-05', probationary: 6, posts: ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline'] },
    ],
  },
  {
    name: '离退休党总支', foundedOn: '2010-06-25', term: '2025-06-18', branches: [
      { name: '离退休第一党支部', foundedOn: '2010-06-25', term: '2025-03-28', probationary: 0, posts: ['secretary', 'organisation', 'member'] },
      { name: '离退休第二党支部', foundedOn: '2012-05-16', term: '2024-11-22', probationary: 2, posts: ['secretary', 'organisation', 'publicity'] },
    ],
  },
];
export const GROUP_NAMES = ['第一党小组', '第二党小组', '第三党小组', '第四党小组'];

interface UnitSpec {
  name: string; code: string; kind: UnitKind;
  /** Staff on post, retirees, members among each, and the branch (tree order 0–5) those members belong to. */
  active: number; retirees: number; activeMembers: number; retiredMembers: number; branch: number;
}
export const UNITS: UnitSpec[] = [
  { name: '物业一科', code: 'WY1', kind: 'grassroots', active: 120, retirees: 0, activeMembers: 50, retiredMembers: 0, branch: 2 },
  { name: '物业二科', code: 'WY2', kind: 'grassroots', active: 110, retirees: 0, activeMembers: 27, retiredMembers: 0, branch: 3 },
  { name: '物业三科', code: 'WY3', kind: 'grassroots', active: 100, retirees: 0, activeMembers: 25, retiredMembers: 0, branch: 3 },
  { name: '离退一科', code: 'LT1', kind: 'grassroots', active: 12, retirees: 42, activeMembers: 8, retiredMembers: 18, branch: 4 },
  { name: '离退二科', code: 'LT2', kind: 'grassroots', active: 10, retirees: 40, activeMembers: 6, retiredMembers: 16, branch: 5 },
  { name: '离退三科', code: 'LT3', kind: 'grassroots', active: 10, retirees: 38, activeMembers: 6, retiredMembers: 16, branch: 5 },
  { name: '人力部', code: 'RLB', kind: 'office', active: 12, retirees: 0, activeMembers: 7, retiredMembers: 0, branch: 0 },
  { name: '党群部', code: 'DQB', kind: 'office', active: 10, retirees: 0, activeMembers: 8, retiredMembers: 0, branch: 0 },
  { name: '监察部', code: 'JCB', kind: 'office', active: 8, retirees: 0, activeMembers: 6, retiredMembers: 0, branch: 0 },
  { name: '安技部', code: 'AJB', kind: 'office', active: 14, retirees: 0, activeMembers: 8, retiredMembers: 0, branch: 1 },
  { name: '经管部', code: 'JGB', kind: 'office', active: 12, retirees: 0, activeMembers: 6, retiredMembers: 0, branch: 0 },
  { name: '财务部', code: 'CWB', kind: 'office', active: 12, retirees: 0, activeMembers: 5, retiredMembers: 0, branch: 0 },
  { name: '物业管理部', code: 'WYGLB', kind: 'office', active: 22, retirees: 0, activeMembers: 13, retiredMembers: 0, branch: 1 },
  { name: '综合办', code: 'ZHB', kind: 'office', active: 14, retirees: 0, activeMembers: 7, retiredMembers: 0, branch: 0 },
  { name: '计生办', code: 'JSB', kind: 'office', active: 6, retirees: 0, activeMembers: 4, retiredMembers: 0, branch: 1 },
  { name: '爱卫办', code: 'AWB', kind: 'office', active: 8, retirees: 0, activeMembers: 4, retiredMembers: 0, branch: 1 },
  { name: '调度站', code: 'DDZ', kind: 'office', active: 17, retirees: 0, activeMembers: 10, retiredMembers: 0, branch: 1 },
];

/** Chinese names of committee posts, as written into a member's party_posts with the level in front. */
const POST_NAMES: Record<string, string> = {
  secretary: '书记', deputySecretary: '副书记', organisation: '组织委员', publicity: '宣传委员', discipline: '纪检委员', member: '委员', affairsStaff: '党务工作者', groupLeader: '党小组长',
};
const LEVEL_PREFIX: Partial<Record<OrgKind, string>> = { committee: '党委', generalBranch: '总支', branch: '支部' };

/** Who holds the posts of the 党委 and the 总支: unit heads (h) and deputies (d), by unit name. */
const UPPER_POSTS: { org: string; post: string; unit: string; rank: 'h' | 'd' }[] = [
  { org: '社区党委', post: 'secretary', unit: '党群部', rank: 'h' },
  { org: '社区党委', post: 'deputySecretary', unit: '综合办', rank: 'h' },
  { org: '社区党委', post: 'organisation', unit: '人力部', rank: 'h' },
  { org: '社区党委', post: 'publicity', unit: '党群部', rank: 'd' },
  { org: '社区党委', post: 'discipline', unit: '监察部', rank: 'h' },
  { org: '机关党总支', post: 'secretary', unit: '经管部', rank: 'h' },
  { org: '机关党总支', post: 'deputySecretary', unit: '物业管理部', rank: 'h' },
  { org: '物业党总支', post: 'secretary', unit: '物业一科', rank: 'h' },
  { org: '物业党总支', post: 'deputySecretary', unit: '物业二科', rank: 'h' },
  { org: '离退休党总支', post: 'secretary', unit: '离退一科', rank: 'h' },
  { org: '离退休党总支', post: 'deputySecretary', unit: '离退二科', rank: 'h' },
];

export interface Community {
  tenantId: string;
  orgs: OrganisationTable[];
  units: UnitTable[];
  staff: StaffTable[];
  members: MemberTable[];
  events: MemberEventTable[];
  posts: OrgPostTable[];
  /** Branches in tree order and their groups, for the demo accounts. */
  branches: OrganisationTable[];
  groupsOf: Map<string, OrganisationTable[]>;
}

interface Person {
  staff: StaffTable;
  unit: UnitSpec;
  /** 2 head, 1 deputy, 0 others (retirees 0). */
  rank: number;
  age: number;
  member?: MemberTable;
  posts: string[];
}

export function buildCommunity(ids: IdSequence, crypto: FieldCrypto, now: Date): Community {
  const rng = new Rng(SEED);
  const at = now.toISOString();
  const tenantId = ids.next();

  // ── Organisations ───────────────────────────────────────────────────────────────────────────────
  const orgs: OrganisationTable[] = [];
  const org = (parent: OrganisationTable | null, kind: OrgKind, name: string, code: string, sortOrder: number,
    foundedOn: string, termStart: string | null, termYears: number): OrganisationTable => {
    const id = ids.next();
    const row: OrganisationTable = {
      tenant_id: tenantId, id, parent_id: parent?.id ?? null, kind, name, code, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1,
      sort_order: sortOrder, founded_on: foundedOn, term_started_on: termStart, term_ends_on: termStart ? addYears(termStart, termYears) : null,
      created_at: at, updated_at: at, deleted_at: null,
    };
    orgs.push(row);
    return row;
  };
  const committee = org(null, 'committee', COMMITTEE.name, COMMITTEE.code, 0, COMMITTEE.foundedOn, COMMITTEE.term, 5);
  const branches: OrganisationTable[] = [];
  const groupsOf = new Map<string, OrganisationTable[]>();
  const byName = new Map<string, OrganisationTable>([[committee.name, committee]]);
  for (const [gi, g] of TREE.entries()) {
    const general = org(committee, 'generalBranch', g.name, `ZZ${gi + 1}`, gi, g.foundedOn, g.term, 3);
    byName.set(general.name, general);
    for (const [bi, b] of g.branches.entries()) {
      const branch = org(general, 'branch', b.name, `ZB${gi + 1}${bi + 1}`, bi, b.foundedOn, b.term, 3);
      branches.push(branch);
      groupsOf.set(branch.id, GROUP_NAMES.map((gn, si) => org(branch, 'group', gn, `XZ${gi + 1}${bi + 1}${si + 1}`, si, b.foundedOn, null, 0)));
    }
  }
  const branchSpecs = TREE.flatMap((g) => g.branches);

  // ── Units ───────────────────────────────────────────────────────────────────────────────────────
  const units: UnitTable[] = UNITS.map((u, i) => {
    const id = ids.next();
    return { tenant_id: tenantId, id, parent_id: null, kind: u.kind, name: u.name, code: u.code, path: `/${id}/`, depth: 0, sort_order: i, created_at: at, updated_at: at, deleted_at: null };
  });

  // ── Staff ───────────────────────────────────────────────────────────────────────────────────────
  const names = new Set<string>();
  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  const people: Person[] = [];
  const unique = (set: Set<string>, make: () => string) => {
    let v = make();
    while (set.has(v)) v = make();
    set.add(v);
    return v;
  };
  const person = (u: UnitSpec, unitId: string, employment: Employment, rank: number, ageRange: [number, number], educationMix: keyof typeof EDUCATION_MIX): Person => {
    const gender: Gender = rng.chance(u.kind === 'office' ? 0.5 : employment === 'retired' ? 0.52 : 0.58) ? 'male' : 'female';
    const age = rng.int(ageRange[0], ageRange[1]);
    const birthDate = dateBetween(rng, addDays(addYears(DEMO_TODAY, -(age + 1)), 1), addYears(DEMO_TODAY, -age));
    const place = nativePlace(rng);
    const idNumber = unique(idNumbers, () => makeIdNumber(place.code, birthDate, rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0)));
    const education: Education = rng.weighted(EDUCATION_MIX[educationMix]);
    const [title, deputyTitle] = headTitles(u.name);
    const post = employment === 'retired' ? null
      : rank === 2 ? title : rank === 1 ? deputyTitle
        : rng.weighted(u.kind === 'office' ? officePosts(u.name) : u.retirees > 0 ? RETIREE_SERVICE_POSTS : FIELD_POSTS);
    const [w0, w1] = WORK_START_AGE[education];
    // Young graduates would otherwise "start work" after the demo date; the clamp draws nothing, so the
    // rest of the data set stays as it is.
    const drawnStart = dateBetween(rng, addYears(birthDate, w0), addYears(birthDate, w1 + 1));
    const latestStart = addDays(DEMO_TODAY, -30);
    const workStartedOn = drawnStart < latestStart ? drawnStart : latestStart;
    const tel = unique(phones, () => phone(rng));
    const staff: StaffTable = {
      tenant_id: tenantId, id: ids.next(), unit_id: unitId, name: unique(names, () => personName(rng, gender)), gender, ethnicity: ethnicity(rng),
      birth_date: birthDate, id_number_enc: crypto.encrypt(idNumber), id_number_hash: crypto.lookupHash(idNumber), phone_enc: crypto.encrypt(tel),
      education, native_place: place.name, address_enc: crypto.encrypt(address(rng)), post, employment, work_started_on: workStartedOn, user_id: null,
      party_work: null, party_work_since: null, party_work_until: null, created_at: at, updated_at: at, deleted_at: null,
    };
    return { staff, unit: u, rank, age, posts: [] };
  };
  /** Working ages 22–60, most between 30 and 55. */
  const workingAge = (): [number, number] => rng.weighted([[[22, 30], 20], [[31, 40], 28], [[41, 50], 30], [[51, 60], 22]] as const) as [number, number];
  const unitPeople = new Map<UnitSpec, { active: Person[]; retired: Person[] }>();
  for (const [ui, u] of UNITS.entries()) {
    const unitId = units[ui]!.id;
    const deputies = u.active >= 100 ? 2 : u.active >= 8 ? 1 : 0;
    const active: Person[] = [];
    for (let i = 0; i < u.active; i++) {
      const rank = i === 0 ? 2 : i <= deputies ? 1 : 0;
      const ages: [number, number] = rank === 2 ? [42, 58] : rank === 1 ? [35, 55] : workingAge();
      active.push(person(u, unitId, 'active', rank, ages, u.kind === 'office' || rank > 0 ? 'officeStaff' : 'fieldStaff'));
    }
    const retired: Person[] = [];
    for (let i = 0; i < u.retirees; i++) retired.push(person(u, unitId, 'retired', 0, rng.chance(0.7) ? [61, 75] : [76, 88], 'retiree'));
    unitPeople.set(u, { active, retired });
    people.push(...active, ...retired);
  }

  // ── Members ─────────────────────────────────────────────────────────────────────────────────────
  const members: MemberTable[] = [];
  const memberPeopleOf: Person[][] = branches.map(() => []);
  for (const u of UNITS) {
    const { active, retired } = unitPeople.get(u)!;
    // Unit heads and deputies are members; the rest of the quota is drawn at random.
    const cadres = active.filter((p) => p.rank > 0);
    const chosen = [...cadres, ...rng.shuffle(active.filter((p) => p.rank === 0)).slice(0, u.activeMembers - cadres.length)];
    const chosenRetired = rng.shuffle(retired).slice(0, u.retiredMembers);
    // Keep the roster order (staff order) inside each unit.
    const inOrder = [...active, ...retired].filter((p) => chosen.includes(p) || chosenRetired.includes(p));
    memberPeopleOf[u.branch]!.push(...inOrder);
  }
  for (const [bi, list] of memberPeopleOf.entries()) {
    const spec = branchSpecs[bi]!;
    const branch = branches[bi]!;
    const groups = groupsOf.get(branch.id)!;
    const probationary = new Set(rng.shuffle(list.filter((p) => p.rank === 0 && p.staff.employment === 'active' && p.age <= 40)).slice(0, spec.probationary));
    // Consecutive slices of the roster (ordered by unit) make the groups, so a group is mostly one unit.
    const size = Math.ceil(list.length / groups.length);
    for (const [i, p] of list.entries()) {
      const group = groups[Math.min(Math.floor(i / size), groups.length - 1)]!;
      const type: MemberType = probationary.has(p) ? 'probationary' : 'full';
      const birth = p.staff.birth_date;
      let joinedOn: string;
      let confirmedOn: string | null = null;
      if (type === 'probationary') {
        joinedOn = addDays(DEMO_TODAY, -rng.int(20, 350));
      } else {
        // At least 19 at joining, most before 45, and 转正 (one year later) already behind us.
        const latest = addDays(addYears(DEMO_TODAY, -1), -30);
        const cap = addYears(birth, 45);
        joinedOn = dateBetween(rng, addYears(birth, 19), cap < latest ? cap : latest);
        confirmedOn = addDays(addYears(joinedOn, 1), rng.int(0, 25));
      }
      p.member = {
        tenant_id: tenantId, id: ids.next(), staff_id: p.staff.id, branch_id: branch.id, group_id: group.id, org_path: group.path, type,
        joined_on: joinedOn, confirmed_on: confirmedOn, probation_extended_months: 0, status: 'active', party_posts: '[]', user_id: null, transfer_since: null,
        created_at: at, updated_at: at, deleted_at: null,
      };
      members.push(p.member);
    }
  }

  // ── Committee posts ─────────────────────────────────────────────────────────────────────────────
  const posts: OrgPostTable[] = [];
  const holderOf = (o: OrganisationTable, p: Person, post: string) => {
    const m = p.member!;
    const startedOn = o.term_started_on ?? groupTermStart(o);
    posts.push({
      tenant_id: tenantId, id: ids.next(), org_id: o.id, member_id: m.id, post,
      started_on: m.confirmed_on! > startedOn ? m.confirmed_on : startedOn, ended_on: null, created_at: at, updated_at: at,
    });
    p.posts.push(post === 'groupLeader' ? POST_NAMES.groupLeader! : `${LEVEL_PREFIX[o.kind]}${POST_NAMES[post]}`);
  };
  const groupTermStart = (g: OrganisationTable) => orgs.find((o) => o.id === g.parent_id)!.term_started_on!;
  for (const u of UPPER_POSTS) {
    const unit = UNITS.find((x) => x.name === u.unit)!;
    const holder = unitPeople.get(unit)!.active.find((p) => p.rank === (u.rank === 'h' ? 2 : 1) && p.posts.length === 0)!;
    holderOf(byName.get(u.org)!, holder, u.post);
  }
  /** A full member without a post yet, cadres first, then at random among those old enough. */
  const pick = (pool: Person[], minAge: number): Person => {
    const free = pool.filter((p) => p.member!.type === 'full' && p.posts.length === 0);
    const ranked = rng.shuffle(free).sort((a, b) => b.rank - a.rank || Number(b.age >= minAge) - Number(a.age >= minAge));
    return ranked[0]!;
  };
  for (const [bi, branch] of branches.entries()) {
    const pool = memberPeopleOf[bi]!;
    for (const post of branchSpecs[bi]!.posts) holderOf(branch, pick(pool, post === 'secretary' ? 35 : 28), post);
    for (const group of groupsOf.get(branch.id)!) {
      holderOf(group, pick(pool.filter((p) => p.member!.group_id === group.id), 28), 'groupLeader');
    }
  }
  // The 党委's full-time Party-affairs staff: the first two 党务干事 of 党群部 without a post (no draw, so the rest of
  // the community stays as it was).
  const affairsUnit = UNITS.find((x) => x.name === '党群部')!;
  const affairsStaff = unitPeople.get(affairsUnit)!.active.filter((p) => p.rank === 0 && p.member?.type === 'full' && p.posts.length === 0).slice(0, 2);
  for (const p of affairsStaff) holderOf(byName.get('社区党委')!, p, 'affairsStaff');
  // And one 党群部 干事 who is no member: a Party-affairs post held as an employee (staff.party_work), listed in the
  // 党务干部 register without 学时. Again no draw.
  const fullTime = unitPeople.get(affairsUnit)!.active.find((p) => p.rank === 0 && !p.member);
  if (fullTime) Object.assign(fullTime.staff, { party_work: 'affairsFullTime', party_work_since: fullTime.staff.work_started_on, party_work_until: null });
  for (const p of people) if (p.member) p.member.party_posts = JSON.stringify(p.posts);

  // ── History: every member was admitted (接收为预备党员); full members were confirmed (转正) ──────────────
  const events: MemberEventTable[] = [];
  for (const p of people) {
    const m = p.member;
    if (!m) continue;
    events.push({
      tenant_id: tenantId, id: ids.next(), member_id: m.id, kind: 'admitted', occurred_on: m.joined_on, reason: '支部大会讨论通过，接收为预备党员',
      before: null, after: JSON.stringify({ type: 'probationary', branchId: m.branch_id, groupId: m.group_id, joinedOn: m.joined_on }), recorded_by: null, recorded_at: at,
    });
    if (m.confirmed_on) {
      events.push({
        tenant_id: tenantId, id: ids.next(), member_id: m.id, kind: 'confirmed', occurred_on: m.confirmed_on, reason: '预备期满，支部大会讨论通过，按期转为正式党员',
        before: JSON.stringify({ type: 'probationary' }), after: JSON.stringify({ type: 'full', confirmedOn: m.confirmed_on }), recorded_by: null, recorded_at: at,
      });
    }
  }

  return { tenantId, orgs, units, staff: people.map((p) => p.staff), members, events, posts, branches, groupsOf };
}

/** A fresh id sequence for one seeding run. */
export const demoIds = () => new IdSequence(ID_EPOCH, SEED);

/** Age on DEMO_TODAY (exported for tests and statistics checks). */
export const demoAge = (birthDate: string) => yearsBetween(birthDate, DEMO_TODAY);
