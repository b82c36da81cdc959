// 志愿服务记录证明: one volunteer's service of a year as a printable Word document — the statement with the totals,
// then the record table (date, service, where it counted, hours), issued by the committee. Built like 组织生活's
// 台账 (modules/orgLife/ledger.ts): `buildCertificateDocx` works from a plain structure, `certificateOf` fills it.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Platform } from '../../platform/context.js';
import { shanghaiDate } from '../../platform/calendar.js';
import { orgNames, rootOrgs } from '../org/index.js';
import { hoursText, totalsOf, volunteerRecords } from './hours.js';
import { VOLUNTEER_KIND_NAMES } from './names.js';
import type { HoursRecord } from './hoursSchema.js';
import type { Volunteer } from './volunteers.js';

export interface CertificateData {
  issuer: string;
  name: string;
  /** 党员 or 员工, with the organisation for a member. */
  standing: string;
  year: string;
  visits: number;
  activities: number;
  minutes: number;
  records: HoursRecord[];
  issuedOn: string;
}

const FONT = 'SimSun';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const cell = (s: string, header = false) => new TableCell({ children: [new Paragraph({ children: [text(s, { bold: header })] })] });
const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The certificate as .docx bytes. */
export async function buildCertificateDocx(d: CertificateData): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const statement = d.minutes > 0
    ? `兹证明${d.name}（${d.standing}）于${d.year}年度参加志愿服务，其中走访服务 ${d.visits} 次、志愿活动 ${d.activities} 次，累计服务时长 ${hoursText(d.minutes)} 小时。`
    : `兹证明${d.name}（${d.standing}）${d.year}年度暂无志愿服务记录。`;
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: ['日期', '服务内容', '计入组织', '时长（小时）'].map((h) => cell(h, true)) }),
      // Oldest first, as a record is read.
      ...[...d.records].reverse().map((r) => new TableRow({ children: [cell(r.date), cell(r.title), cell(r.orgName), cell(hoursText(r.minutes))] })),
    ],
  });
  const doc = new Document({
    creator: 'dangjian',
    title: `${d.name}${d.year}年度志愿服务记录证明`,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } } } },
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 480 }, children: [text('志愿服务记录证明', { bold: true, size: 44 })] }),
        new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 240, line: 400 }, children: [text(statement)] }),
        new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 240 }, children: [text('特此证明。')] }),
        ...(d.records.length ? [new Paragraph({ spacing: { before: 240, after: 120 }, children: [text('服务记录', { bold: true })] }), table] : []),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720 }, children: [text(d.issuer)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(d.issuedOn))] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/** The certificate of a volunteer for a year (default this year): file name and bytes. */
export async function certificateOf(p: Platform, tenantId: string, v: Volunteer, year: string | undefined): Promise<{ name: string; docx: Buffer }> {
  const today = shanghaiDate(p.clock.now());
  const y = year ?? today.slice(0, 4);
  const [records, roots, names] = await Promise.all([
    volunteerRecords(p.db, tenantId, v, y), rootOrgs(p.db, tenantId), orgNames(p.db, [tenantId], v.orgId ? [v.orgId] : []),
  ]);
  const { total } = totalsOf(records, y);
  const orgName = v.orgId ? names.get(`${tenantId}/${v.orgId}`) : undefined;
  const docx = await buildCertificateDocx({
    issuer: roots[0]?.name ?? '', name: v.name, standing: orgName ? `${orgName}${VOLUNTEER_KIND_NAMES[v.kind]}` : VOLUNTEER_KIND_NAMES[v.kind], year: y,
    visits: total.visits, activities: records.filter((r) => r.source === 'activity').length, minutes: total.visitMinutes + total.activityMinutes, records, issuedOn: today,
  });
  return { name: `志愿服务记录证明-${v.name}-${y}`, docx };
}
