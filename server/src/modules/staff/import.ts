// Excel import of the staff roster: the same two steps as members (validate every row, then all or
// none), matched by 身份证号 so a second import updates people instead of duplicating them.
import type { Platform } from '../../platform/context.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { checkCells, type ImportColumn, type ImportProblem, type ImportRow } from '../../platform/import/xlsxTable.js';
import { IDENTITY_IMPORT_COLUMNS } from '../people/importColumns.js';
import { checkIdentity, EMPLOYMENT_NAMES, GENDER_NAMES } from '../people/validation.js';
import { Problems } from '../../platform/errors.js';
import { listUnits } from '../units/index.js';
import { selectStaff, staffBase } from './queries.js';
import { insertStaff, staffAsInput, toStaffView, writeStaff, type StaffInput } from './service.js';

export const STAFF_IMPORT_COLUMNS: ImportColumn[] = [
  ...IDENTITY_IMPORT_COLUMNS,
];

export const STAFF_IMPORT_NOTES = [
  '每行一名员工。身份证号已在员工名册中的，导入时更新该员工的信息，不会重复登记。',
  '所在单位填写单位名称（同名单位请填写单位编码）。身份证号、手机号码两列请保持“文本”格式。',
];

const HEADER = Object.fromEntries(STAFF_IMPORT_COLUMNS.map((c) => [c.key, c.header]));
const COLUMN_OF: Record<string, string> = { ...HEADER, unitId: HEADER.unitName! };
const reverse = <K extends string>(names: Record<K, string>) => new Map(Object.entries(names).map(([k, v]) => [v as string, k as K]));
const GENDERS = reverse(GENDER_NAMES);
const EMPLOYMENTS = reverse(EMPLOYMENT_NAMES);

export interface StaffImportResult {
  dryRun: boolean;
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
}

export async function importStaff(p: Platform, ctx: AuditContext, tenantId: string, rows: ImportRow[], readProblems: ImportProblem[], dryRun: boolean): Promise<StaffImportResult> {
  const t = shanghaiDate(p.clock.now());
  const units = await listUnits(p.db, tenantId);
  const unitsByName = new Map<string, string[]>();
  for (const u of units) for (const key of new Set([u.name, u.code ?? ''])) if (key) unitsByName.set(key, [...(unitsByName.get(key) ?? []), u.id]);

  const hashes = [...new Set(rows.map((r) => r.values.idNumber?.trim()).filter((v): v is string => !!v).map((v) => p.fieldCrypto.lookupHash(v)))];
  const existing = new Map<string, { id: string; deleted_at: string | null }>();
  for (let i = 0; i < hashes.length; i += 500) {
    const found = await p.db.selectFrom('staff').select(['id', 'id_number_hash', 'deleted_at']).where('tenant_id', '=', tenantId).where('id_number_hash', 'in', hashes.slice(i, i + 500)).execute();
    for (const s of found) existing.set(s.id_number_hash, s);
  }

  const problems: ImportProblem[] = [...readProblems];
  const planned: { row: number; identity: StaffInput; normalised: { idNumber: string; phone: string | null }; staffId: string | null }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const pr = new Problems();
    checkCells(STAFF_IMPORT_COLUMNS, v, (key, message) => pr.add(key, message));
    const gender = v.gender ? GENDERS.get(v.gender) : undefined;
    const employment = v.employment ? EMPLOYMENTS.get(v.employment) : undefined;
    const unitIds = v.unitName ? unitsByName.get(v.unitName) : undefined;
    if (v.unitName && !unitIds) pr.add('unitName', `没有名为“${v.unitName}”的单位`);
    else if (unitIds && unitIds.length > 1) pr.add('unitName', `有多个名为“${v.unitName}”的单位，请填写单位编码`);
    if (pr.empty) {
      const identity: StaffInput = {
        name: v.name!, gender: gender!, birthDate: v.birthDate!, idNumber: v.idNumber!, phone: v.phone || null, ethnicity: v.ethnicity || undefined,
        education: (v.education || null) as StaffInput['education'], nativePlace: v.nativePlace || null, address: v.address || null,
        post: v.post || null, employment: employment!, workStartedOn: v.workStartedOn || null, unitId: unitIds![0]!,
      };
      const normalised = checkIdentity(identity, t, pr);
      const earlier = seen.get(normalised.idNumber);
      if (earlier !== undefined) pr.add('idNumber', `与第 ${earlier} 行的身份证号重复`);
      seen.set(normalised.idNumber, r.row);
      const found = existing.get(p.fieldCrypto.lookupHash(normalised.idNumber));
      if (found?.deleted_at) pr.add('idNumber', '该身份证号的人员已从员工名册删除，请先由管理员恢复');
      if (pr.empty) planned.push({ row: r.row, identity, normalised, staffId: found?.id ?? null });
    }
    for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: '', message: '文件中没有数据行' });
  problems.sort((a, b) => a.row - b.row);

  const result: StaffImportResult = { dryRun, committed: false, total: rows.length, created: 0, updated: 0, unchanged: 0, problems };
  if (problems.length > 0 || dryRun) {
    for (const pl of planned) {
      if (pl.staffId) result.updated++;
      else result.created++;
    }
    return result;
  }
  await p.audit.tx(ctx, async (trx) => {
    for (const pl of planned) {
      if (!pl.staffId) {
        const id = await insertStaff(trx, p, tenantId, pl.identity, pl.normalised);
        const row = await selectStaff(staffBase(trx, tenantId)).where('s.id', '=', id).executeTakeFirstOrThrow();
        await p.audit.record(trx, ctx, { action: 'staff.create', entity: 'staff', entityId: id, after: { ...toStaffView(p, row, false), importedRow: pl.row } });
        result.created++;
        continue;
      }
      const before = await selectStaff(staffBase(trx, tenantId)).where('s.id', '=', pl.staffId).executeTakeFirstOrThrow();
      const current = staffAsInput(p, before);
      const next = { ...pl.identity, ethnicity: pl.identity.ethnicity?.trim() || '汉族', idNumber: pl.normalised.idNumber, phone: pl.normalised.phone };
      const same = (Object.keys(next) as (keyof StaffInput)[]).every((k) => (current[k] ?? null) === (next[k] ?? null));
      if (same) {
        result.unchanged++;
        continue;
      }
      await writeStaff(trx, p, tenantId, pl.staffId, pl.identity, pl.normalised);
      const after = await selectStaff(staffBase(trx, tenantId)).where('s.id', '=', pl.staffId).executeTakeFirstOrThrow();
      await p.audit.record(trx, ctx, { action: 'staff.update', entity: 'staff', entityId: pl.staffId, before: toStaffView(p, before, false), after: { ...toStaffView(p, after, false), importedRow: pl.row } });
      result.updated++;
    }
    await p.audit.record(trx, ctx, { action: 'staff.import', entity: 'staff', after: { total: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged } });
  });
  result.committed = true;
  return result;
}
