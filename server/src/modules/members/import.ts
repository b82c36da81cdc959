// Excel import of members (issue 3 §7): a template, then every row validated with the same rules as the
// form before anything is written, and all rows committed in one transaction or none. A 身份证号 already
// on the roster updates that person (and their member record) instead of creating a second one.
import type { MemberTable, OrganisationTable } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { conflict } from '../../platform/errors.js';
import { checkCells, type ImportColumn, type ImportProblem, type ImportRow } from '../../platform/import/xlsxTable.js';
import { lockOrgTree, orgPaths } from '../org/index.js';
import { IDENTITY_IMPORT_COLUMNS } from '../people/importColumns.js';
import { checkIdentity, checkPartyFacts, EMPLOYMENT_NAMES, GENDER_NAMES } from '../people/validation.js';
import { Problems } from '../../platform/errors.js';
import { insertStaff, staffAsInput, writeStaff, type StaffInput } from '../staff/index.js';
import { listUnits } from '../units/index.js';
import { fetchMembers, memberBase, type MemberRow } from './queries.js';
import { MEMBER_TYPE_NAMES } from './schema.js';
import { writablePlaces, writesMember } from './policy.js';
import { addEvent, changedFields, parsePosts, placeSnapshot, toMemberView } from './service.js';

export const MEMBER_IMPORT_COLUMNS: ImportColumn[] = [
  ...IDENTITY_IMPORT_COLUMNS,
  { key: 'branchName', header: '所在党支部', required: true, aliases: ['党支部'], width: 20, example: '机关第一党支部' },
  { key: 'groupName', header: '所在党小组', aliases: ['党小组'], example: '第一党小组' },
  { key: 'type', header: '党员类别', required: true, choices: Object.values(MEMBER_TYPE_NAMES), example: '正式党员' },
  { key: 'joinedOn', header: '入党日期', required: true, date: true, example: '2008-07-01' },
  { key: 'confirmedOn', header: '转正日期', date: true, example: '2009-07-01' },
  { key: 'probationExtendedMonths', header: '延长预备期（月）', aliases: ['延长预备期'] },
  { key: 'partyPosts', header: '党内职务', example: '' },
];

export const MEMBER_IMPORT_NOTES = [
  '每行一名党员。身份证号已在员工名册中的，导入时更新该人员的信息，不会重复建档。',
  '所在单位填写单位名称；所在党支部、所在党小组填写组织名称，须在您的管理范围内。',
  '正式党员须填写转正日期，且不早于入党日期满一年（延长预备期的再加延长月数）；预备党员不填转正日期。',
  '多个党内职务用顿号“、”分隔。身份证号、手机号码两列请保持“文本”格式。',
];

const HEADER = Object.fromEntries(MEMBER_IMPORT_COLUMNS.map((c) => [c.key, c.header]));
/** Validation problems name API fields; the report names the sheet's columns. */
const COLUMN_OF: Record<string, string> = { ...HEADER, unitId: HEADER.unitName!, branchId: HEADER.branchName!, groupId: HEADER.groupName! };
const reverse = <K extends string>(names: Record<K, string>) => new Map(Object.entries(names).map(([k, v]) => [v as string, k as K]));
const GENDERS = reverse(GENDER_NAMES);
const EMPLOYMENTS = reverse(EMPLOYMENT_NAMES);
const TYPES = reverse(MEMBER_TYPE_NAMES);

interface Planned {
  row: number;
  identity: StaffInput;
  normalised: { idNumber: string; phone: string | null };
  place: { branch: OrganisationTable; group: OrganisationTable | null };
  facts: { type: MemberTable['type']; joinedOn: string; confirmedOn: string | null; probationExtendedMonths: number; partyPosts: string[] };
  staffId: string | null;
  member: MemberRow | null;
}

export interface ImportResult {
  dryRun: boolean;
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
}

/** Validates every row; returns the plan of writes and the problems (row, column, Chinese message). */
async function plan(p: Platform, actor: Actor, rows: ImportRow[]): Promise<{ planned: Planned[]; problems: ImportProblem[] }> {
  const tenantId = actor.tenantId;
  const t = shanghaiDate(p.clock.now());
  const units = await listUnits(p.db, tenantId);
  const unitsByName = new Map<string, string[]>();
  for (const u of units) for (const key of new Set([u.name, u.code ?? ''])) if (key) unitsByName.set(key, [...(unitsByName.get(key) ?? []), u.id]);
  const orgs = await writablePlaces(p.db, actor);
  const branches = new Map<string, OrganisationTable[]>();
  for (const o of orgs) if (o.kind === 'branch' || o.kind === 'jointBranch') branches.set(o.name, [...(branches.get(o.name) ?? []), o]);

  // People already on the roster, by keyed hash of the 身份证号, with their member record if any.
  const hashes = new Map<string, string>();
  for (const r of rows) {
    const v = r.values.idNumber?.trim().toUpperCase();
    if (v) hashes.set(r.values.idNumber!, p.fieldCrypto.lookupHash(v));
  }
  const allHashes = [...new Set(hashes.values())];
  const staffByHash = new Map<string, { id: string; deleted: boolean; row: Parameters<typeof staffAsInput>[1] }>();
  const memberByStaff = new Map<string, MemberRow>();
  for (let i = 0; i < allHashes.length; i += 500) {
    const chunk = allHashes.slice(i, i + 500);
    const staff = await p.db.selectFrom('staff').selectAll().where('tenant_id', '=', tenantId).where('id_number_hash', 'in', chunk).execute();
    for (const s of staff) staffByHash.set(s.id_number_hash, { id: s.id, deleted: s.deleted_at !== null, row: s });
    const ids = staff.map((s) => s.id);
    if (ids.length) {
      const members = await fetchMembers(p.db, memberBase(p.db).where('m.tenant_id', '=', tenantId).where('m.staff_id', 'in', ids));
      for (const m of members) memberByStaff.set(m.staff_id, m);
    }
  }

  const problems: ImportProblem[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const pr = new Problems();
    checkCells(MEMBER_IMPORT_COLUMNS, v, (key, message) => pr.add(key, message));
    const gender = v.gender ? GENDERS.get(v.gender) : undefined;
    const employment = v.employment ? EMPLOYMENTS.get(v.employment) : undefined;
    const type = v.type ? TYPES.get(v.type) : undefined;
    const ext = v.probationExtendedMonths ? Number(v.probationExtendedMonths) : 0;
    if (!Number.isInteger(ext)) pr.add('probationExtendedMonths', '延长预备期应为 6 至 12 的整数月数');

    const unitIds = v.unitName ? unitsByName.get(v.unitName) : undefined;
    if (v.unitName && !unitIds) pr.add('unitName', `没有名为“${v.unitName}”的单位`);
    else if (unitIds && unitIds.length > 1) pr.add('unitName', `有多个名为“${v.unitName}”的单位，请填写单位编码`);
    const branchList = v.branchName ? branches.get(v.branchName) : undefined;
    if (v.branchName && !branchList) pr.add('branchName', `没有名为“${v.branchName}”的党支部，或不在您的管理范围内`);
    else if (branchList && branchList.length > 1) pr.add('branchName', `有多个名为“${v.branchName}”的党支部`);
    const branch = branchList?.length === 1 ? branchList[0]! : null;
    const group = branch && v.groupName ? orgs.find((o) => o.kind === 'group' && o.parent_id === branch.id && o.name === v.groupName) ?? null : null;
    if (branch && v.groupName && !group) pr.add('groupName', `“${v.branchName}”下没有名为“${v.groupName}”的党小组`);

    if (!pr.empty) {
      for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
      continue;
    }
    const identity: StaffInput = {
      name: v.name!, gender: gender!, birthDate: v.birthDate!, idNumber: v.idNumber!, phone: v.phone || null, ethnicity: v.ethnicity || undefined,
      education: (v.education || null) as StaffInput['education'], nativePlace: v.nativePlace || null, address: v.address || null,
      post: v.post || null, employment: employment!, workStartedOn: v.workStartedOn || null, unitId: unitIds![0]!,
    };
    const normalised = checkIdentity(identity, t, pr);
    const facts = {
      type: type!, joinedOn: v.joinedOn!, confirmedOn: v.confirmedOn || null, probationExtendedMonths: ext,
      partyPosts: (v.partyPosts ?? '').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean),
    };
    checkPartyFacts({ birthDate: identity.birthDate, ...facts }, t, pr);
    const earlier = seen.get(normalised.idNumber);
    if (earlier !== undefined) pr.add('idNumber', `与第 ${earlier} 行的身份证号重复`);
    seen.set(normalised.idNumber, r.row);
    const existing = staffByHash.get(p.fieldCrypto.lookupHash(normalised.idNumber));
    const member = existing ? memberByStaff.get(existing.id) ?? null : null;
    if (existing?.deleted) pr.add('idNumber', '该身份证号的人员已从员工名册删除，请先由管理员恢复');
    if (member && (member.deleted_at !== null || !writesMember(actor, member))) {
      pr.add('idNumber', '该身份证号对应的党员不在您的管理范围内');
    }
    if (!pr.empty) {
      for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
      continue;
    }
    planned.push({ row: r.row, identity, normalised, place: { branch: branch!, group }, facts, staffId: existing?.id ?? null, member });
  }
  return { planned, problems };
}

export async function importMembers(p: Platform, ctx: AuditContext, actor: Actor, rows: ImportRow[], readProblems: ImportProblem[], dryRun: boolean): Promise<ImportResult> {
  const { planned, problems } = await plan(p, actor, rows);
  const all = [...readProblems, ...problems].sort((a, b) => a.row - b.row);
  const result: ImportResult = { dryRun, committed: false, total: rows.length, created: 0, updated: 0, unchanged: 0, problems: all };
  if (rows.length === 0 && all.length === 0) all.push({ row: 2, column: '', message: '文件中没有数据行' });
  if (all.length > 0 || dryRun) {
    for (const pl of planned) {
      if (!pl.member) result.created++;
      else result.updated++;
    }
    return result;
  }

  const t = shanghaiDate(p.clock.now());
  const tenantId = actor.tenantId;
  await p.audit.tx(ctx, async (trx) => {
    // Paths as they are now, with the tree locked: an organisation moved during the import must not
    // leave imported members with stale scopes.
    await lockOrgTree(trx, p.data.dialect, tenantId);
    const paths = await orgPaths(trx, tenantId, planned.map((pl) => pl.place.group?.id ?? pl.place.branch.id));
    for (const pl of planned) {
      const now = p.clock.now();
      const path = paths.get(pl.place.group?.id ?? pl.place.branch.id);
      if (!path) throw conflict('ORG_CHANGED', `第 ${pl.row} 行所选组织刚被他人调整或删除，请刷新后重新导入`);
      const facts = {
        type: pl.facts.type, joined_on: pl.facts.joinedOn, confirmed_on: pl.facts.confirmedOn, probation_extended_months: pl.facts.probationExtendedMonths,
        party_posts: JSON.stringify(pl.facts.partyPosts),
      };
      if (!pl.member) {
        let staffId = pl.staffId;
        if (staffId) await writeStaff(trx, p, tenantId, staffId, pl.identity, pl.normalised);
        else staffId = await insertStaff(trx, p, tenantId, pl.identity, pl.normalised);
        const id = newId(now.getTime());
        await trx.insertInto('members').values({
          tenant_id: tenantId, id, staff_id: staffId, branch_id: pl.place.branch.id, group_id: pl.place.group?.id ?? null, org_path: path,
          ...facts, status: 'active', created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
        }).execute();
        const [created] = await fetchMembers(trx, memberBase(trx).where('m.tenant_id', '=', tenantId).where('m.id', '=', id));
        if (!created) throw new Error('imported member not found');
        await addEvent(trx, p, ctx, { tenant_id: tenantId, id }, 'admitted', pl.facts.joinedOn, '批量导入', null, {
          ...placeSnapshot(created), type: created.type, joinedOn: created.joined_on, confirmedOn: created.confirmed_on, status: created.status,
        });
        await p.audit.record(trx, ctx, { action: 'member.create', entity: 'member', entityId: id, after: { ...toMemberView(p, created, false), importedRow: pl.row } });
        result.created++;
        continue;
      }
      const m = pl.member;
      const beforeAll: Record<string, unknown> = {
        ...staffAsInput(p, (await trx.selectFrom('staff').selectAll().where('tenant_id', '=', tenantId).where('id', '=', m.staff_id).executeTakeFirstOrThrow())),
        type: m.type, joinedOn: m.joined_on, confirmedOn: m.confirmed_on, probationExtendedMonths: m.probation_extended_months, partyPosts: parsePosts(m.party_posts),
      };
      const afterAll: Record<string, unknown> = { ...pl.identity, ethnicity: pl.identity.ethnicity?.trim() || '汉族', idNumber: pl.normalised.idNumber, phone: pl.normalised.phone, ...pl.facts };
      const { before, after } = changedFields(beforeAll, afterAll);
      const moved = m.branch_id !== pl.place.branch.id || m.group_id !== (pl.place.group?.id ?? null);
      if (!moved && Object.keys(after).length === 0) {
        result.unchanged++;
        continue;
      }
      await writeStaff(trx, p, tenantId, m.staff_id, pl.identity, pl.normalised);
      await trx.updateTable('members').set({ ...facts, branch_id: pl.place.branch.id, group_id: pl.place.group?.id ?? null, org_path: path, updated_at: now.toISOString() })
        .where('tenant_id', '=', tenantId).where('id', '=', m.id).execute();
      const [updated] = await fetchMembers(trx, memberBase(trx).where('m.tenant_id', '=', tenantId).where('m.id', '=', m.id));
      if (!updated) throw new Error('imported member not found');
      if (moved) await addEvent(trx, p, ctx, m, 'moved', t, '批量导入', placeSnapshot(m), placeSnapshot(updated));
      if (Object.keys(after).length > 0) await addEvent(trx, p, ctx, m, 'edited', t, '批量导入', before, after);
      await p.audit.record(trx, ctx, { action: 'member.update', entity: 'member', entityId: m.id, before: toMemberView(p, m, false), after: { ...toMemberView(p, updated, false), importedRow: pl.row } });
      result.updated++;
    }
    await p.audit.record(trx, ctx, { action: 'member.import', entity: 'member', after: { total: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged } });
  });
  result.committed = true;
  return result;
}
