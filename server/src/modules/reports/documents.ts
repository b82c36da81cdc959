// The generated files: the 月度党建工作报告 as Word (the secretary's words where they belong, each section's facts as
// sentences and tables) and the 党内统计年报 as Excel (one sheet per table, then a 说明 sheet defining every figure).
// Both work from the same views the page shows, so the files say what the page says.
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { MonthlyView, YearlyView } from './schema.js';
import { PART_NAMES } from './schema.js';

const FONT = 'SimSun';
const font = { ascii: FONT, eastAsia: FONT, hAnsi: FONT };
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font, ...opts });
const para = (s: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [text(s, opts)] });
const heading = (s: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [text(s)] });
/** Multi-line text kept as separate paragraphs (Word ignores \n inside a run); an empty part leaves a line to fill in. */
const written = (s: string) => (s.trim() ? s.split(/\r?\n/).map((l) => new Paragraph({ indent: { firstLine: 480 }, children: [text(l)] })) : [para('（待填写）')]);

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

function factTable(headers: string[], rows: (string | number)[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (s: string | number, header = false) => new TableCell({ children: [new Paragraph({ children: [text(String(s), { bold: header })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

export async function buildMonthlyDocx(v: MonthlyView, generatedOn: string): Promise<Buffer> {
  const title = `${v.org.name}${v.label}党建工作报告`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(title, { bold: true, size: 40 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [text(`生成日期：${generatedOn}`)] }),
  ];
  let n = 0;
  const next = (s: string) => heading(`${NUMERALS[n++] ?? String(n)}、${s}`);
  children.push(next(PART_NAMES.overview), ...written(v.words.overview));
  for (const s of v.sections) {
    children.push(next(s.title));
    if (s.unavailable) { children.push(para('（该部分数据暂时无法取得，请稍后重新生成）')); continue; }
    children.push(...s.sentences.map((l) => new Paragraph({ indent: { firstLine: 480 }, children: [text(l)] })));
    for (const t of s.tables) {
      children.push(new Paragraph({ spacing: { before: 120, after: 60 }, children: [text(t.title, { bold: true })] }));
      children.push(t.rows.length > 0 ? factTable(t.headers, t.rows) : para('（无）'));
    }
  }
  children.push(next(PART_NAMES.problems), ...written(v.words.problems));
  children.push(next(PART_NAMES.plans), ...written(v.words.plans));
  const doc = new Document({
    creator: 'dangjian', title,
    styles: {
      default: {
        document: { run: { font, size: 24 } },
        heading1: { run: { font, size: 30, bold: true } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Sheet names: at most 31 characters, none of []:*?/\ and unique in the book. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '表';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

export async function buildYearlyXlsx(v: YearlyView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const taken = new Set<string>(['说明']);
  const notes: [string, string, string][] = [];
  for (const t of v.tables) {
    const name = sheetName(t.title, taken);
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.addRow([`${v.org.name}${v.year}年党内统计 · ${t.title}（截至${v.asOf}）`]).font = { bold: true };
    const head = sheet.addRow(t.headers);
    head.font = { bold: true };
    for (const r of t.rows) {
      const row = sheet.addRow(r);
      if (r[0] === '合计') row.font = { bold: true };
    }
    sheet.columns.forEach((c, i) => { c.width = i === 0 ? 24 : Math.max(10, (t.headers[i]?.length ?? 4) * 2 + 4); });
    for (const d of t.definitions) notes.push([name, d.name, d.definition]);
  }
  const about = book.addWorksheet('说明');
  about.addRow([`${v.org.name}${v.year}年党内统计年报：各表数字由系统依据在册记录生成，统计截至${v.asOf}；下列为每一数字的口径`]).font = { bold: true };
  about.addRow(['表', '数字', '口径']).font = { bold: true };
  for (const n of notes) about.addRow(n);
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 24;
  about.getColumn(3).width = 100;
  return Buffer.from(await book.xlsx.writeBuffer());
}
