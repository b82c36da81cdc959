// The reports over 组织生活 records: the compliance 问题清单 of an organisation (JSON or xlsx, kept behind the
// 组织生活 counter: complianceCache.ts) and a branch's yearly 台账 (Word). Which organisation a reader may
// report on is policy.ts.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { parsePeriod, PERIOD_MESSAGE, quarterOf, shanghaiDate } from '../../platform/calendar.js';
import { cachedCompliance } from './complianceCache.js';
import { computeCompliance, holding, type ComplianceResult } from './compliance.js';
import { ORG_LIFE_KINDS, ORG_LIFE_RULES } from './kinds.js';
import { buildLedgerDocx, loadLedger } from './ledger.js';
import { reportOrg, reportOrgs } from './policy.js';
import { withDisplayNames } from '../org/index.js';
import type { ComplianceQuery, ComplianceView, LedgerQuery } from './schema.js';

/** The 问题清单 of the organisation asked for (or the reader's highest), over a period (default: this quarter). */
export async function complianceReport(p: Platform, actor: Actor, q: Pick<ComplianceQuery, 'orgId' | 'period'>): Promise<{ view: ComplianceView; result: ComplianceResult }> {
  const today = shanghaiDate(p.clock.now());
  const code = q.period || quarterOf(today).code;
  const period = parsePeriod(code);
  if (!period) throw fieldError('period', PERIOD_MESSAGE);
  const org = await reportOrg(p.db, actor, q.orgId);
  if (!org) throw notFound('组织');
  const [kinds, rules] = await Promise.all([p.settings.get(actor.tenantId, ORG_LIFE_KINDS), p.settings.get(actor.tenantId, ORG_LIFE_RULES)]);
  const orgs = holding(await withDisplayNames(p.db, await reportOrgs(p.db, actor, org)));
  // Everything the list depends on besides the 组织生活 counter: the day, the period, the organisations as the
  // reader sees them (ids, names, kinds, founding dates) and the rules.
  const key = createHash('sha256').update(JSON.stringify([period.code, today, orgs, kinds.kinds, rules])).digest('base64');
  const result = await cachedCompliance(p.db, actor.tenantId, key, () => computeCompliance(p.db, actor.tenantId, orgs, period, today, kinds.kinds, rules));
  const summary = {
    red: result.orgs.filter((o) => o.light === 'red').length, yellow: result.orgs.filter((o) => o.light === 'yellow').length,
    green: result.orgs.filter((o) => o.light === 'green').length, problems: result.problems.length,
  };
  return {
    result,
    view: {
      org: { id: org.id, name: org.name }, period: { code: period.code, label: period.label, from: period.from, to: period.to }, today,
      settings: { attendanceWarnPercent: rules.attendanceWarnPercent, silentDays: rules.silentDays },
      orgs: result.orgs.map(({ orgPath: _path, incompleteRecords: _n, ...o }) => o), problems: result.problems, summary,
    },
  };
}

const LIGHT_NAMES = { red: '红', yellow: '黄', green: '绿' } as const;

/** The 问题清单 as a workbook: the problems, then one line per organisation. */
export async function complianceWorkbook(r: ComplianceResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const problems = book.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  problems.columns = [
    { header: '组织', key: 'org', width: 24 }, { header: '灯', key: 'light', width: 6 }, { header: '类型', key: 'kind', width: 14 },
    { header: '问题', key: 'message', width: 70 }, { header: '链接', key: 'link', width: 50 },
  ];
  problems.getRow(1).font = { bold: true };
  for (const p of r.problems) problems.addRow({ org: p.orgName, light: LIGHT_NAMES[p.light], kind: p.kindName ?? '', message: p.message, link: p.link ?? '' });
  const orgs = book.addWorksheet('组织', { views: [{ state: 'frozen', ySplit: 1 }] });
  orgs.columns = [
    { header: '组织', key: 'org', width: 24 }, { header: '灯', key: 'light', width: 6 }, { header: '应开（次）', key: 'required', width: 12 },
    { header: '已按期召开（次）', key: 'met', width: 16 }, { header: '缺开（次）', key: 'missing', width: 12 }, { header: '出勤率', key: 'rate', width: 10 },
    { header: '不完整记录', key: 'incomplete', width: 12 }, { header: '缺席未补', key: 'absent', width: 10 }, { header: '最近一次', key: 'last', width: 12 },
  ];
  orgs.getRow(1).font = { bold: true };
  for (const o of r.orgs) {
    orgs.addRow({
      org: o.orgName, light: LIGHT_NAMES[o.light], required: o.kinds.reduce((s, k) => s + k.required, 0), met: o.kinds.reduce((s, k) => s + k.met, 0),
      missing: o.kinds.reduce((s, k) => s + k.missing, 0), rate: o.attendance.rate === null ? '' : `${o.attendance.rate}%`, incomplete: o.incomplete,
      absent: o.absenteeProblems, last: o.lastHeldOn ?? '',
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A branch's 台账 of a year (default: this year) as a Word document, with the file name to offer. */
export async function ledgerReport(p: Platform, actor: Actor, q: LedgerQuery): Promise<{ name: string; docx: Buffer }> {
  const org = await reportOrg(p.db, actor, q.orgId);
  if (!org) throw notFound('组织');
  if (org.kind !== 'branch' && org.kind !== 'jointBranch') throw fieldError('orgId', '台账按支部导出，请选择党支部');
  const today = shanghaiDate(p.clock.now());
  const year = q.year ?? today.slice(0, 4);
  const kinds = (await p.settings.get(actor.tenantId, ORG_LIFE_KINDS)).kinds;
  const data = await loadLedger(p.db, actor.tenantId, org, year, kinds.map((k) => ({ code: k.code, name: k.name, quorum: k.quorum })), today);
  return { name: `组织生活台账-${org.name}-${year}`, docx: await buildLedgerDocx(data) };
}
