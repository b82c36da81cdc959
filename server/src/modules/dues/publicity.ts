// The yearly 公示 of one branch: each member's monthly amount and the months paid, as an Excel sheet and as a Word
// notice ready to post. Names are masked (张*明) when the committee's 业务规则 says so; no income appears in either.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Actor } from '../../platform/access/actor.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { readSetting } from '../../platform/settings/service.js';
import { memberSummaries } from '../members/index.js';
import { orgInScope, orgsInScope, rootOrgs } from '../org/index.js';
import { fenToYuan } from './brackets.js';
import { readableAt } from './policy.js';
import { DUES_RULES } from './settings.js';

export interface PublicityRow {
  name: string;
  monthlyFen: number;
  paidMonths: string[];
  paidFen: number;
  unpaidMonths: string[];
}

/** 张*明, 李*: the first character and, for three or more, the last. */
export function maskName(name: string): string {
  const c = Array.from(name);
  if (c.length <= 1) return name;
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/** "1—3月、5月、7—11月" for the months of one year. */
export function monthRanges(months: string[]): string {
  const nums = [...new Set(months.map((m) => Number(m.slice(5, 7))))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    parts.push(i === j ? `${nums[i]}月` : `${nums[i]}—${nums[j]}月`);
    i = j + 1;
  }
  return parts.join('、');
}

export async function publicityOf(p: Platform, actor: Actor, year: number, orgId: string | undefined) {
  const org = orgId
    ? await orgInScope(p.db, actor, 'dues.read', orgId)
    : (await orgsInScope(p.db, actor, 'dues.read')).find((o) => o.tenant_id === actor.tenantId && !o.deleted_at && (o.kind === 'branch' || o.kind === 'jointBranch'));
  if (!org) throw notFound('党组织');
  const [bills, rules, roots] = await Promise.all([
    p.db.selectFrom('dues_bills as b').select(['b.member_id', 'b.month', 'b.amount_fen', 'b.payment_id', 'b.org_path'])
      .where('b.tenant_id', '=', actor.tenantId).where('b.year', '=', year).where('b.branch_id', '=', org.id).where(readableAt(actor, 'b')).orderBy('b.month').execute(),
    readSetting(p.db, actor.tenantId, DUES_RULES), rootOrgs(p.db, actor.tenantId),
  ]);
  const names = await memberSummaries(p.db, actor.tenantId, bills.map((b) => b.member_id));
  const byMember = new Map<string, typeof bills>();
  for (const b of bills) byMember.set(b.member_id, [...(byMember.get(b.member_id) ?? []), b]);
  const rows: PublicityRow[] = [...byMember.entries()].map(([id, list]) => {
    const name = names.get(id)?.name ?? '';
    const paid = list.filter((b) => b.payment_id !== null);
    return {
      name: rules.maskPublicityNames ? maskName(name) : name, monthlyFen: list[list.length - 1]!.amount_fen,
      paidMonths: paid.map((b) => b.month), paidFen: paid.reduce((s, b) => s + b.amount_fen, 0), unpaidMonths: list.filter((b) => b.payment_id === null).map((b) => b.month),
    };
  }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { org, rows, issuer: roots[0]?.name ?? '', today: todayIn(p.clock), masked: rules.maskPublicityNames };
}

const FONT = 'SimSun';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const cell = (s: string, header = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(s, { bold: header, size: 21 })] })] });
const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The Word notice: title, a sentence with the totals, the table, the branch and the date. */
export async function publicityDocx(d: { orgName: string; year: number; rows: PublicityRow[]; today: string }): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const total = d.rows.reduce((s, r) => s + r.paidFen, 0);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: ['序号', '姓名', '月缴金额（元）', '已缴月份', '已缴合计（元）', '未缴月份'].map((h) => cell(h, true)) }),
      ...d.rows.map((r, i) => new TableRow({ children: [cell(String(i + 1)), cell(r.name), cell(fenToYuan(r.monthlyFen)), cell(monthRanges(r.paidMonths) || '—'), cell(fenToYuan(r.paidFen)), cell(monthRanges(r.unpaidMonths) || '—')] })),
    ],
  });
  const doc = new Document({
    creator: 'dangjian',
    title: `${d.orgName}${d.year}年度党费收缴情况公示`,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } } } },
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [text(`${d.orgName}${d.year}年度党费收缴情况公示`, { bold: true, size: 36 })] }),
        new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 240, line: 400 }, children: [text(
          `根据《关于中国共产党党费收缴、使用和管理的规定》，现将本支部${d.year}年度党员交纳党费情况公示如下。本支部共 ${d.rows.length} 名党员，截至${chineseDate(d.today)}已收缴党费合计 ${fenToYuan(total)} 元。如有疑问，请与支部书记联系。`,
        )] }),
        table,
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [text(d.orgName)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(d.today))] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
