// Excel template, import and export of the register of residents, like the member roster's: every row checked
// with the form's rules before anything is written, all rows in one transaction or none, and a person already on
// the register (same 身份证号, or without one the same name, birth date and 小区) updated, never registered twice.
import type { z } from 'zod';
import { todayIn } from '../../platform/calendar.js';
import { inSlices } from '../../db/batch.js';
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { conflict, Problems } from '../../platform/errors.js';
import type { Column } from '../../platform/export/xlsx.js';
import { checkCells, type ImportColumn, type ImportProblem, type ImportRow } from '../../platform/import/xlsxTable.js';
import type { importResult } from '../../platform/import/schema.js';
import { liveOrgsById, orgsInScope, type OrganisationTable } from '../org/index.js';
import { GENDER_NAMES } from '../staff/index.js';
import { LIVING_NAMES, RESIDENT_STATUS_NAMES, RISK_NAMES } from './names.js';
import { writesResident } from './policy.js';
import {
  auditSnapshot, checkResident, encryptContacts, encryptOrNull, nameKey, personKey, type ExportRow, type ResidentFacts,
} from './residents.js';
import type { EmergencyContact } from './residentSchema.js';
import type { LivingSituation, RiskLevel, VolunteerResidentTable } from './tables.js';

type ImportResult = z.infer<typeof importResult>;

const reverse = <K extends string>(names: Record<K, string>) => new Map(Object.entries(names).map(([k, v]) => [v as string, k as K]));
const GENDERS = reverse(GENDER_NAMES);
const RISKS = reverse(RISK_NAMES);
const LIVINGS = reverse(LIVING_NAMES);
const LIST_SEPARATOR = /[、,，;；]/;

export const RESIDENT_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '王秀英' },
  { key: 'gender', header: '性别', required: true, choices: Object.values(GENDER_NAMES), example: '女' },
  { key: 'birthDate', header: '出生日期', required: true, date: true, example: '1941-03-15' },
  { key: 'idNumber', header: '身份证号', text: true, aliases: ['公民身份号码'], width: 22, example: '' },
  { key: 'community', header: '小区', required: true, aliases: ['所在小区'], width: 16, example: '翠苑一区' },
  { key: 'address', header: '详细地址', required: true, aliases: ['住址', '门牌'], width: 20, example: '5幢2单元301室' },
  { key: 'phone', header: '联系电话', text: true, aliases: ['电话', '手机号码'], width: 16, example: '0571-88886666' },
  { key: 'orgName', header: '负责组织', required: true, aliases: ['负责党支部', '党支部'], width: 20, example: '机关第一党支部' },
  { key: 'living', header: '居住情况', aliases: ['类型'], width: 16, example: '空巢、高龄' },
  { key: 'risk', header: '风险等级', required: true, choices: Object.values(RISK_NAMES), example: '中' },
  { key: 'health', header: '健康状况', width: 20, example: '高血压，行动较慢' },
  { key: 'needs', header: '服务需求', width: 20, example: '每周代购一次' },
  { key: 'emergency', header: '紧急联系人', width: 30, example: '李明/儿子/13800000000' },
  { key: 'registeredOn', header: '登记日期', date: true, example: '' },
];

export const RESIDENT_IMPORT_NOTES = [
  '每行一名服务对象。已登记的（身份证号相同；未填身份证号的，姓名、出生日期、小区都相同）导入时更新其信息，不会重复登记。',
  '负责组织填写组织名称，须在您的管理范围内。居住情况可填多项，用顿号“、”分隔：空巢、独居、高龄、失能、残疾、低保。',
  '紧急联系人按“姓名/关系/电话”填写，多位用分号“；”分隔。联系电话可为手机号或带区号的固定电话。',
  '导入的内容即为该服务对象的完整信息：选填列留空的，导入后该项为空。登记日期留空的，新登记为今天，已登记的保持不变。',
  '身份证号、联系电话两列请保持“文本”格式。一行有误时整个文件都不会导入，请按错误报告修改后重新导入。',
];

const HEADER = Object.fromEntries(RESIDENT_IMPORT_COLUMNS.map((c) => [c.key, c.header]));
const COLUMN_OF: Record<string, string> = { ...HEADER, orgId: HEADER.orgName! };

/** "姓名/关系/电话；…" into contacts, or the reason it cannot be read. */
function parseContacts(cell: string): EmergencyContact[] | string {
  const out: EmergencyContact[] = [];
  const parts = cell.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);
  for (const [i, part] of parts.entries()) {
    const bits = part.split(/[/／]/).map((s) => s.trim());
    // The report names the contact by position: the cell's text is sensitive and is not repeated.
    if (bits.length !== 3 || !bits[0] || !bits[2]) return `紧急联系人应按“姓名/关系/电话”填写，多位用分号分隔（第 ${i + 1} 位无法识别）`;
    if (bits[0].length > 30 || bits[1]!.length > 20) return '紧急联系人姓名最多 30 个字，关系最多 20 个字';
    out.push({ name: bits[0], relation: bits[1]!, phone: bits[2] });
  }
  if (out.length > 5) return '紧急联系人最多 5 位';
  return out;
}

interface Planned {
  row: number;
  org: OrganisationTable;
  facts: ResidentFacts & { living: LivingSituation[]; needs: string; risk: RiskLevel };
  normalised: ReturnType<typeof checkResident>;
  key: string;
  existing: VolunteerResidentTable | null;
}

async function plan(p: Platform, actor: Actor, rows: ImportRow[]): Promise<{ planned: Planned[]; problems: ImportProblem[] }> {
  const t = todayIn(p.clock);
  const orgs = await orgsInScope(p.db, actor, 'volunteer.write');
  const byName = new Map<string, OrganisationTable[]>();
  for (const o of orgs) if (o.tenant_id === actor.tenantId && !o.deleted_at) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);

  // Records already on the register, by both keys a row may match.
  const keysOf = (v: Record<string, string>) => {
    const id = v.idNumber?.trim().toUpperCase();
    return [...(id ? [p.fieldCrypto.lookupHash(id)] : []), nameKey(p, { name: v.name ?? '', birthDate: v.birthDate ?? '', community: v.community ?? '' })];
  };
  const allKeys = rows.flatMap((r) => keysOf(r.values));
  const existingByKey = new Map<string, VolunteerResidentTable>();
  const found = await inSlices(allKeys, (slice) => p.db.selectFrom('volunteer_residents').selectAll().where('tenant_id', '=', actor.tenantId).where('person_key', 'in', slice).execute());
  for (const r of found) existingByKey.set(r.person_key, r);

  const problems: ImportProblem[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const pr = new Problems();
    checkCells(RESIDENT_IMPORT_COLUMNS, v, (key, message) => pr.add(key, message));
    const living = (v.living ?? '').split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
    const unknownLiving = living.filter((l) => !LIVINGS.has(l));
    if (unknownLiving.length) pr.add('living', `居住情况“${unknownLiving.join('、')}”不是可选项：${Object.values(LIVING_NAMES).join('、')}`);
    const contacts = parseContacts(v.emergency ?? '');
    if (typeof contacts === 'string') pr.add('emergency', contacts);
    for (const [key, max] of [['name', 30], ['community', 50], ['address', 100], ['health', 500], ['needs', 500]] as const) {
      if ((v[key] ?? '').length > max) pr.add(key, `${HEADER[key]}最多 ${max} 个字`);
    }
    const list = v.orgName ? byName.get(v.orgName) : undefined;
    if (v.orgName && !list) pr.add('orgName', `没有名为“${v.orgName}”的组织，或不在您的管理范围内`);
    else if (list && list.length > 1) pr.add('orgName', `有多个名为“${v.orgName}”的组织，请联系管理员区分名称`);
    const facts: Planned['facts'] = {
      name: v.name!, gender: GENDERS.get(v.gender!)!, birthDate: v.birthDate!, community: v.community!, address: v.address!, phone: v.phone || null,
      idNumber: v.idNumber || null, health: v.health || null, emergency: typeof contacts === 'string' ? [] : contacts, registeredOn: v.registeredOn || undefined,
      living: [...new Set(living.map((l) => LIVINGS.get(l)!))], needs: v.needs ?? '', risk: RISKS.get(v.risk!)!,
    };
    // The form's rules run even when a cell is already wrong, so one report shows every problem of the row (a
    // field keeps its first problem).
    const normalised = checkResident(facts, t, pr);
    if (!pr.empty) {
      for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
      continue;
    }
    const key = personKey(p, { ...facts, idNumber: normalised.idNumber });
    const existing = existingByKey.get(key) ?? (normalised.idNumber ? existingByKey.get(nameKey(p, facts)) ?? null : null);
    // A name key found for a row with a 身份证号 is the same person only if that record has none.
    const match = existing && (existing.person_key === key || existing.id_number_enc === null) ? existing : null;
    const identity = match?.id ?? key;
    const earlier = seen.get(identity);
    if (earlier !== undefined) pr.add(normalised.idNumber ? 'idNumber' : 'name', `与第 ${earlier} 行是同一服务对象`);
    seen.set(identity, r.row);
    if (match && (match.deleted_at !== null || !writesResident(actor, match))) pr.add(normalised.idNumber ? 'idNumber' : 'name', '该服务对象已由其他组织登记，不在您的管理范围内');
    if (!pr.empty) {
      for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
      continue;
    }
    planned.push({ row: r.row, org: list![0]!, facts, normalised, key, existing: match });
  }
  return { planned, problems };
}

/** The clear values of a record as an import row states them, to tell an unchanged row from an update. */
function sameAs(p: Platform, r: VolunteerResidentTable, pl: Planned): boolean {
  const d = (v: string | null) => (v === null ? null : p.fieldCrypto.decrypt(v));
  const f = pl.facts;
  return r.org_id === pl.org.id && r.name === f.name && r.gender === f.gender && r.birth_date === f.birthDate && r.community === f.community
    && p.fieldCrypto.decrypt(r.address_enc) === f.address && d(r.phone_enc) === pl.normalised.phone && d(r.id_number_enc) === pl.normalised.idNumber
    && d(r.health_enc) === pl.normalised.health && JSON.stringify(r.emergency_enc ? JSON.parse(p.fieldCrypto.decrypt(r.emergency_enc)) : []) === JSON.stringify(pl.normalised.emergency)
    && r.living === JSON.stringify(f.living) && r.needs === f.needs && r.risk === f.risk && (!f.registeredOn || f.registeredOn === r.registered_on);
}

export async function importResidents(p: Platform, ctx: AuditContext, actor: Actor, rows: ImportRow[], readProblems: ImportProblem[], dryRun: boolean): Promise<ImportResult> {
  const { planned, problems } = await plan(p, actor, rows);
  const all = [...readProblems, ...problems].sort((a, b) => a.row - b.row);
  if (rows.length === 0 && all.length === 0) all.push({ row: 2, column: '', message: '文件中没有数据行' });
  const result: ImportResult = { dryRun, committed: false, total: rows.length, created: 0, updated: 0, unchanged: 0, problems: all };
  if (all.length > 0 || dryRun) {
    for (const pl of planned) {
      if (!pl.existing) result.created++;
      else if (sameAs(p, pl.existing, pl)) result.unchanged++;
      else result.updated++;
    }
    return result;
  }
  const tenantId = actor.tenantId;
  const t = todayIn(p.clock);
  await p.audit.tx(ctx, async (trx) => {
    // Paths as they are now: an organisation moved since the check must not leave stale scopes.
    const live = await liveOrgsById(trx, tenantId, planned.map((pl) => pl.org.id));
    for (const pl of planned) {
      const org = live.get(pl.org.id);
      if (!org) throw conflict('ORG_CHANGED', `第 ${pl.row} 行的负责组织刚被他人调整或删除，请刷新后重新导入`);
      const now = p.clock.now().toISOString();
      const f = pl.facts;
      const n = pl.normalised;
      const values = {
        org_id: org.id, org_path: org.path, name: f.name, gender: f.gender, birth_date: f.birthDate, community: f.community,
        address_enc: p.fieldCrypto.encrypt(f.address), phone_enc: encryptOrNull(p, n.phone), id_number_enc: encryptOrNull(p, n.idNumber), person_key: pl.key,
        living: JSON.stringify(f.living), health_enc: encryptOrNull(p, n.health), needs: f.needs, emergency_enc: encryptContacts(p, n.emergency), risk: f.risk,
        updated_at: now,
      };
      if (!pl.existing) {
        const id = newId(p.clock.now().getTime());
        await trx.insertInto('volunteer_residents').values({
          tenant_id: tenantId, id, ...values, status: 'active', status_on: null, last_visit_on: null, registered_on: f.registeredOn ?? t,
          created_by: actor.userId, created_at: now, deleted_at: null,
        }).execute();
        const created = await trx.selectFrom('volunteer_residents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
        await p.audit.record(trx, ctx, { action: 'volunteerResident.create', entity: 'volunteerResident', entityId: id, after: { ...auditSnapshot(p, created), importedRow: pl.row } });
        result.created++;
        continue;
      }
      const before = pl.existing;
      if (sameAs(p, before, pl)) {
        result.unchanged++;
        continue;
      }
      await trx.updateTable('volunteer_residents').set({ ...values, ...(f.registeredOn ? { registered_on: f.registeredOn } : {}) })
        .where('tenant_id', '=', tenantId).where('id', '=', before.id).execute();
      const after = await trx.selectFrom('volunteer_residents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', before.id).executeTakeFirstOrThrow();
      await p.audit.record(trx, ctx, { action: 'volunteerResident.update', entity: 'volunteerResident', entityId: before.id, before: auditSnapshot(p, before), after: { ...auditSnapshot(p, after), importedRow: pl.row } });
      result.updated++;
    }
    await p.audit.record(trx, ctx, { action: 'volunteerResident.import', entity: 'volunteerResident', after: { total: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged } });
  });
  result.committed = true;
  return result;
}

/** The export's columns: the import's headers where they overlap, so an export in clear can be corrected and imported back. */
export const RESIDENT_EXPORT_COLUMNS: Column<ExportRow>[] = [
  { header: '姓名', value: (r) => r.name }, { header: '性别', value: (r) => GENDER_NAMES[r.gender] }, { header: '出生日期', value: (r) => r.birthDate, width: 12 },
  { header: '年龄', value: (r) => r.age }, { header: '身份证号', value: (r) => r.sensitive.idNumber, width: 22 }, { header: '小区', value: (r) => r.community, width: 16 },
  { header: '详细地址', value: (r) => r.address, width: 20 }, { header: '联系电话', value: (r) => r.phone, width: 16 },
  { header: '负责组织', value: (r) => r.orgName, width: 20 }, { header: '居住情况', value: (r) => r.living.map((l) => LIVING_NAMES[l as LivingSituation]).join('、'), width: 16 },
  { header: '风险等级', value: (r) => RISK_NAMES[r.risk as RiskLevel] }, { header: '健康状况', value: (r) => r.sensitive.health, width: 20 },
  { header: '服务需求', value: (r) => r.needs, width: 20 },
  { header: '紧急联系人', value: (r) => r.sensitive.emergency.map((c) => `${c.name}/${c.relation}/${c.phone}`).join('；'), width: 30 },
  { header: '登记日期', value: (r) => r.registeredOn, width: 12 },
  { header: '状态', value: (r) => RESIDENT_STATUS_NAMES[r.status as keyof typeof RESIDENT_STATUS_NAMES] + (r.statusOn ? `（${r.statusOn}）` : '') },
  { header: '结对志愿者', value: (r) => r.volunteers.map((v) => v.name).join('、'), width: 16 },
  { header: '最近走访', value: (r) => r.lastVisitOn, width: 12 }, { header: '下次应访', value: (r) => r.nextDueOn, width: 12 },
  { header: '超期天数', value: (r) => r.overdueDays || null },
];
