// Excel import of a year's bases from payroll: every row checked first (member known and in the clerk's scope, the
// amounts readable), then all rows in one transaction or none. Importing the same sheet again changes nothing. The
// report never repeats an income: it names the row and the column.
import type { z } from 'zod';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { Problems } from '../../platform/errors.js';
import { checkCells, type ImportColumn, type ImportProblem, type ImportRow } from '../../platform/import/xlsxTable.js';
import type { importResult } from '../../platform/import/schema.js';
import { readSetting } from '../../platform/settings/service.js';
import { orgNamesOf } from '../org/index.js';
import { inSlices } from '../../db/batch.js';
import { checkBase, sameBase, writeBase, type PlannedBase } from './bases.js';
import type { DuesCategory } from './brackets.js';
import { membersInScope, type MemberDuesFacts } from './members.js';
import { writesAt } from './policy.js';
import { DUES_RULES } from './settings.js';
import type { DuesBaseTable } from './tables.js';

type ImportResult = z.infer<typeof importResult>;

const CATEGORY_CHOICES: Record<string, DuesCategory> = { 在职: 'employed', 离退休: 'retired', 固定: 'fixed' };

export const BASE_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '王建国' },
  { key: 'orgName', header: '党支部', aliases: ['所在党支部', '支部'], width: 22, example: '机关第一党支部' },
  { key: 'category', header: '基数类别', required: true, choices: Object.keys(CATEGORY_CHOICES), example: '在职' },
  { key: 'income', header: '税后月收入或月养老金（元）', aliases: ['基数', '税后月收入', '月养老金', '收入'], text: true, width: 26, example: '5400.00' },
  { key: 'overrideAmount', header: '自定月缴金额（元）', aliases: ['自愿多缴金额'], text: true, width: 18, example: '' },
  { key: 'overrideReason', header: '调整原因', width: 24, example: '' },
];

export const BASE_IMPORT_NOTES = [
  '每行一名党员，年度在导入时选择。已登记该年度基数的，按本表更新；内容相同的不会重复登记。',
  '基数类别：在职按税后月收入，离退休按月养老金，学生、无固定收入和领取救济的党员选“固定”（收入列可不填）。',
  '收入和金额按元填写，最多两位小数，例如 5400 或 5400.50。同名党员须填写党支部名称以便区分。',
  '自定月缴金额（如自愿多缴）须同时填写调整原因。一行有误时整个文件都不会导入，请按错误报告修改后重新导入。',
];

const HEADER = Object.fromEntries(BASE_IMPORT_COLUMNS.map((c) => [c.key, c.header]));
const COLUMN_OF: Record<string, string> = { ...HEADER, memberId: HEADER.name!, year: HEADER.name! };

export async function importBases(p: Platform, ctx: AuditContext, actor: Actor, year: number, rows: ImportRow[], readProblems: ImportProblem[], dryRun: boolean): Promise<ImportResult> {
  const rules = await readSetting(p.db, actor.tenantId, DUES_RULES);
  const members = (await membersInScope(p.db, actor, 'dues.write')).filter((m) => writesAt(actor, m.orgPath));
  const branchNames = await orgNamesOf(p.db, actor, members.map((m) => m.branchId));
  const byName = new Map<string, MemberDuesFacts[]>();
  for (const m of members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);

  const problems: ImportProblem[] = [];
  const planned: { row: number; pl: PlannedBase }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const pr = new Problems();
    checkCells(BASE_IMPORT_COLUMNS, v, (key, message) => pr.add(key, message));
    let list = byName.get(v.name ?? '') ?? [];
    if (v.orgName) list = list.filter((m) => branchNames.get(`${actor.tenantId}/${m.branchId}`) === v.orgName);
    if (v.name && list.length === 0) pr.add('name', `没有名为“${v.name}”的党员${v.orgName ? `在“${v.orgName}”` : ''}，或不在您的管理范围内`);
    else if (list.length > 1) pr.add('name', `有多名叫“${v.name}”的党员，请填写党支部以区分`);
    const member = list.length === 1 ? list[0]! : null;
    if (member) {
      const earlier = seen.get(member.id);
      if (earlier !== undefined) pr.add('name', `与第 ${earlier} 行是同一党员`);
      seen.set(member.id, r.row);
    }
    const category = CATEGORY_CHOICES[v.category ?? ''];
    const pl = member && category && pr.empty
      ? checkBase({ year, category, income: v.income, overrideAmount: v.overrideAmount || null, overrideReason: v.overrideReason || null }, member, rules, pr)
      : null;
    if (!pr.empty || !pl) {
      for (const [field, message] of Object.entries(pr.fields)) problems.push({ row: r.row, column: COLUMN_OF[field] ?? field, message });
      continue;
    }
    planned.push({ row: r.row, pl });
  }
  const all = [...readProblems, ...problems].sort((a, b) => a.row - b.row);
  if (rows.length === 0 && all.length === 0) all.push({ row: 2, column: '', message: '文件中没有数据行' });
  const existing = new Map((await inSlices(planned.map((x) => x.pl.member.id), (slice) => p.db.selectFrom('dues_bases').selectAll()
    .where('tenant_id', '=', actor.tenantId).where('year', '=', year).where('member_id', 'in', slice).execute())).map((b) => [b.member_id, b] as [string, DuesBaseTable]));
  const result: ImportResult = { dryRun, committed: false, total: rows.length, created: 0, updated: 0, unchanged: 0, problems: all };
  const tally = () => {
    for (const { pl } of planned) {
      const b = existing.get(pl.member.id);
      if (!b) result.created++;
      else if (sameBase(p, b, pl)) result.unchanged++;
      else result.updated++;
    }
  };
  if (all.length > 0 || dryRun) {
    tally();
    return result;
  }
  await p.audit.tx(ctx, async (trx) => {
    for (const { row, pl } of planned) {
      const b = existing.get(pl.member.id);
      if (b && sameBase(p, b, pl)) {
        result.unchanged++;
        continue;
      }
      await writeBase(p, trx, ctx, actor, pl, { importedRow: row });
      if (b) result.updated++;
      else result.created++;
    }
    await p.audit.record(trx, ctx, { action: 'dues.base.import', entity: 'duesBase', after: { year, total: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged } });
  });
  result.committed = true;
  return result;
}
