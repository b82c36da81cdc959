// Excel import building blocks shared by every module that takes a spreadsheet from a clerk: a template
// with Chinese headers (text-formatted where Excel would mangle digits, drop-down lists for coded columns),
// reading an uploaded sheet into rows keyed by column with their Excel row numbers, and the row-level
// problem report as a workbook to download.
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import { isCalendarDate } from '../calendar.js';
import { zipInflatedSize } from '../files/sniff.js';

export interface ImportColumn {
  key: string;
  header: string;
  required?: boolean;
  /** Other headers clerks use for the same column (e.g. 公民身份号码 for 身份证号). */
  aliases?: string[];
  /** Allowed values, offered as a drop-down in the template. */
  choices?: string[];
  /** Keep as text in the template (身份证号, phone) so Excel does not turn digits into numbers. */
  text?: boolean;
  /** A calendar date column (YYYY-MM-DD). */
  date?: boolean;
  width?: number;
  example?: string;
}

export interface ImportRow {
  /** Row number as Excel shows it (the header is row 1). */
  row: number;
  values: Record<string, string>;
}

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export const MAX_IMPORT_ROWS = 20_000;

/** xlsx files are zip archives: check the content, not the name. */
export function assertXlsx(buffer: Buffer): void {
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError(415, 'NOT_XLSX', '请上传 Excel 文件（.xlsx 格式）；如为 .xls 或 WPS 格式，请先另存为 .xlsx');
  }
}

export async function templateXlsx(sheetName: string, columns: ImportColumn[], notes: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 6) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The example row first: drop-down validations below would otherwise push it past row 2001.
  if (columns.some((c) => c.example)) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example ?? ''])));
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (c.text) col.numFmt = '@';
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC8161D' } };
    if (c.choices) {
      for (let r = 2; r <= 2001; r++) {
        sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: !c.required, formulae: [`"${c.choices.join(',')}"`], showErrorMessage: true, error: `请选择：${c.choices.join('、')}` };
      }
    }
  });
  const help = book.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  help.addRow(['填写说明']).font = { bold: true };
  for (const n of notes) help.addRow([n]);
  help.addRow([`标 * 的列为必填。日期格式为 YYYY-MM-DD（如 1985-03-07）。第 2 行为示例，导入前请删除。`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.Cell, date: boolean): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Excel stores dates as local midnight without a zone; exceljs gives UTC midnight of that day.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'number') {
    if (date && v > 1000 && v < 80000) {
      return new Date(Math.round((v - 25569) * 86400_000)).toISOString().slice(0, 10);
    }
    // Digits typed into a number cell: 18-digit 身份证号 lose their last digits beyond 15.
    return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  }
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
  const s = String(v).trim();
  // Dates typed as 1985/3/7 or 1985.3.7 are common in office sheets.
  if (date) {
    const m = /^(\d{4})[./年-](\d{1,2})[./月-](\d{1,2})日?$/.exec(s);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return s;
}

/** What an import sheet may inflate to: a full sheet of the largest import is a few megabytes of XML. */
export const XLSX_MAX_INFLATED_MB = 20;

/** Reads the first sheet: finds each column by its header (or alias), returns the non-empty rows. */

export async function readXlsx(buffer: Buffer, columns: ImportColumn[]): Promise<{ rows: ImportRow[]; problems: ImportProblem[] }> {
  assertXlsx(buffer);
  // Before the workbook parser holds it all in memory: a 10 MB upload inflating to 180 MB held the server 40 s.
  // A zip our reader cannot walk is refused too: the workbook parser reads more forms (junk after the end record,
  // zip64 sizes), and one of those would carry a bomb past the cap.
  const inflated = zipInflatedSize(buffer, XLSX_MAX_INFLATED_MB * 1024 * 1024);
  if (inflated === 'tooLarge') {
    throw new AppError(413, 'XLSX_TOO_LARGE', `Excel 文件解压后超过 ${XLSX_MAX_INFLATED_MB} MB，请删除多余的工作表、图片或格式，或分批导入`);
  }
  if (inflated === 'unreadable') throw new AppError(400, 'BAD_XLSX', '无法读取该 Excel 文件，请在 Excel 或 WPS 中另存为标准 .xlsx 后重试');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'BAD_XLSX', '无法读取该 Excel 文件，请确认文件未损坏');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError(400, 'BAD_XLSX', 'Excel 文件中没有工作表');
  const problems: ImportProblem[] = [];
  const position = new Map<string, number>();
  const headerRow = sheet.getRow(1);
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell, false).replace(/[*＊\s]/g, '');
    const match = columns.find((c) => c.header === text || c.aliases?.includes(text));
    if (match && !position.has(match.key)) position.set(match.key, col);
  });
  for (const c of columns) {
    if (c.required && !position.has(c.key)) problems.push({ row: 1, column: c.header, message: `缺少“${c.header}”列，请使用下载的模板` });
  }
  if (problems.length) return { rows: [], problems };

  const rows: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const c of columns) {
      const col = position.get(c.key);
      const cell = col ? row.getCell(col) : null;
      if (cell && c.text && typeof cell.value === 'number' && Math.abs(cell.value) >= 1e15) {
        problems.push({ row: rowNumber, column: c.header, message: `${c.header}被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写` });
      }
      const text = cell ? cellText(cell, !!c.date) : '';
      values[c.key] = text;
      if (text !== '') any = true;
    }
    if (any) rows.push({ row: rowNumber, values });
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(413, 'TOO_MANY_ROWS', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请分批导入`);
  }
  return { rows, problems };
}

/** The row-level report a clerk downloads, fixes from and re-imports. */
export async function problemsXlsx(problems: ImportProblem[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '问题', key: 'message', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const p of problems) sheet.addRow(p);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The checks every import makes from the column declarations alone: required cells filled, coded cells
 * one of their choices, date cells real dates. The module adds its own rules after these.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function checkCells(columns: ImportColumn[], values: Record<string, string>, add: (key: string, message: string) => void): void {
  for (const c of columns) {
    const v = values[c.key];
    if (!v) {
      if (c.required) add(c.key, `请填写${c.header}`);
    } else if (CONTROL.test(v)) {
      // Excel writes _x0000_ for a NUL, which the workbook reader decodes; PostgreSQL cannot store it.
      add(c.key, `${c.header}含有不允许的控制字符`);
    } else if (c.choices && !c.choices.includes(v)) {
      add(c.key, `${c.header}应为：${c.choices.join('、')}`);
    } else if (c.date && !isCalendarDate(v)) {
      add(c.key, `${c.header}不是有效的日期（格式 YYYY-MM-DD）`);
    }
  }
}
