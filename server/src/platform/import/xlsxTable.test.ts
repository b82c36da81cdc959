import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { checkCells, problemsXlsx, readXlsx, templateXlsx, type ImportColumn } from './xlsxTable.js';

const COLUMNS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '张三' },
  { key: 'idNumber', header: '身份证号', required: true, text: true, aliases: ['公民身份号码'], example: '11010519491231002X' },
  { key: 'gender', header: '性别', choices: ['男', '女'], example: '男' },
  { key: 'joinedOn', header: '入党日期', date: true, example: '2001-07-01' },
];

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('Excel import building blocks', () => {
  it('writes a template whose headers read back, with the example row and instructions', async () => {
    const buf = await templateXlsx('党员', COLUMNS, ['每行一名党员。']);
    const { rows, problems } = await readXlsx(buf, COLUMNS);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ row: 2, values: { name: '张三', idNumber: '11010519491231002X', gender: '男', joinedOn: '2001-07-01' } }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['党员', '填写说明']);
    expect(book.worksheets[0]!.getCell('A1').value).toBe('姓名*');
    expect(book.worksheets[0]!.getCell('C5').dataValidation.formulae).toEqual(['"男,女"']);
  });

  it('finds columns by header or alias in any order, normalises dates and skips empty rows', async () => {
    const buf = await sheet([
      ['入党日期', '公民身份号码', '姓名'],
      [new Date(Date.UTC(1999, 6, 1)), '110105194912310021', ' 李四 '],
      [],
      ['2003/7/1', '110105194912310021', '王五'],
      ['2004年7月1日', '', '赵六'],
    ]);
    const { rows, problems } = await readXlsx(buf, COLUMNS);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.values.name, r.values.joinedOn, r.values.gender])).toEqual([
      [2, '李四', '1999-07-01', ''],
      [4, '王五', '2003-07-01', ''],
      [5, '赵六', '2004-07-01', ''],
    ]);
  });

  it('reports a missing required column in Chinese', async () => {
    const { rows, problems } = await readXlsx(await sheet([['姓名'], ['张三']]), COLUMNS);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ row: 1, column: '身份证号', message: '缺少“身份证号”列，请使用下载的模板' }]);
  });

  it('says when Excel turned a 身份证号 into a number and lost its digits', async () => {
    const { problems } = await readXlsx(await sheet([['姓名', '身份证号'], ['张三', Number('110105194912310021')]]), COLUMNS);
    expect(problems).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('存成了数字') }]);
  });

  it('refuses a file that is not xlsx by its content, whatever its name', async () => {
    await expect(readXlsx(Buffer.from('姓名,身份证号\n张三,1'), COLUMNS)).rejects.toMatchObject({ status: 415, code: 'NOT_XLSX' });
    await expect(readXlsx(Buffer.from('PK\u0003\u0004garbage'), COLUMNS)).rejects.toBeInstanceOf(AppError);
  });

  it('refuses an expansion bomb (a small file inflating past the limit) before parsing it, and reads a normal one', async () => {
    // 25 MB of one repeated letter deflates to a few dozen kilobytes.
    const bomb = await sheet([['姓名', '身份证号'], ['张三', 'a'.repeat(25 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(readXlsx(bomb, COLUMNS)).rejects.toMatchObject({ status: 413, code: 'XLSX_TOO_LARGE', message: expect.stringContaining('解压后超过 20 MB') });
    const normal = await sheet([['姓名', '身份证号'], ['张三', '11010519491231002X']]);
    expect((await readXlsx(normal, COLUMNS)).rows).toHaveLength(1);
    // The same bomb with 70 KB after the zip's end record: the workbook parser still reads it, our walker does not,
    // so it is refused as unreadable rather than passed on past the cap.
    const padded = Buffer.concat([bomb, Buffer.alloc(70 * 1024, 0x20)]);
    await expect(readXlsx(padded, COLUMNS)).rejects.toMatchObject({ status: 400, code: 'BAD_XLSX' });
  });

  it('refuses control characters in a cell (Excel writes a NUL as _x0000_) as a row problem', async () => {
    const { rows } = await readXlsx(await sheet([['姓名', '身份证号'], ['张_x0000_三', '11010519491231002X']]), COLUMNS);
    const problems: string[] = [];
    checkCells(COLUMNS, rows[0]!.values, (key, message) => problems.push(`${key}:${message}`));
    expect(problems).toEqual(['name:姓名含有不允许的控制字符']);
  });

  it('writes the problem report as a workbook with row, column and message', async () => {
    const buf = await problemsXlsx([{ row: 3, column: '身份证号', message: '身份证号校验位不正确，请核对' }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    expect([ws.getCell('A1').value, ws.getCell('B1').value, ws.getCell('C1').value]).toEqual(['行号', '列', '问题']);
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C2').value]).toEqual([3, '身份证号', '身份证号校验位不正确，请核对']);
  });

  it('checks each cell against its column: required, one of the choices, a real date', () => {
    const found: [string, string][] = [];
    checkCells(COLUMNS, { name: '', idNumber: 'x', gender: '未知', joinedOn: '2023-02-30' }, (k, m) => found.push([k, m]));
    expect(found).toEqual([
      ['name', '请填写姓名'],
      ['gender', '性别应为：男、女'],
      ['joinedOn', '入党日期不是有效的日期（格式 YYYY-MM-DD）'],
    ]);
  });
});
