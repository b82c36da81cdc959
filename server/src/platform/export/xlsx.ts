// Excel export of any list: the same rows the user may see (masking already applied by the caller),
// with Chinese headers, sent as a download that WPS and Excel open.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { shanghaiWallClock } from '../calendar.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
}

export async function sendXlsx<T>(reply: FastifyReply, filename: string, sheetName: string, columns: Column<T>[], rows: T[]): Promise<FastifyReply> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const values: Record<string, string | number | null> = {};
    columns.forEach((c, i) => {
      values[`c${i}`] = c.value(row) ?? null;
    });
    sheet.addRow(values);
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
    .send(buffer);
}

/** Instants exported as Beijing time, the way people read them. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return shanghaiWallClock(new Date(iso)).slice(0, 19).replace('T', ' ');
}
