import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { makeIdNumber } from '../people/idNumber.js';
import { accountWithRole } from '../people/testing.js';

let t: TestApp;
let dw: string;

async function sheet(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('员工');
  const cols = Object.keys(rows[0]!);
  ws.addRow(cols);
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}
function upload(cookie: string, file: Buffer, query: string) {
  const boundary = '----djstaff' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/v1/staff/import?${query}`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}
const row = (name: string, birthDate: string, seq: number, over: Record<string, string> = {}) => ({
  姓名: name, 性别: seq % 2 ? '男' : '女', 身份证号: makeIdNumber('140105', birthDate, seq), 出生日期: birthDate, 手机号码: '13512345678',
  所在单位: '员工导入队', 岗位: '采煤工', 在岗状态: '在岗', ...over,
});
const staffTotal = async () => Number((await t.platform.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  dw = await t.login('dangwei');
  expect((await t.call('POST', '/api/v1/units', { cookie: dw, body: { kind: 'grassroots', name: '员工导入队' } })).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe(`staff: Excel import ${dialectLabel()}`, () => {
  it('validates every row first, imports all or none, and updates on a second import', async () => {
    const good = [row('员导甲', '1975-05-05', 41), row('员导乙', '1992-09-09', 42)];
    const bad = [...good, row('员导丙', '1993-01-01', 43, { 手机号码: '1234' }), { ...good[0]!, 姓名: '员导丁' }];
    const before = await staffTotal();
    const refused = (await upload(dw, await sheet(bad), 'dryRun=false')).json();
    expect(refused).toMatchObject({ committed: false, total: 4 });
    expect(refused.problems).toEqual([
      { row: 4, column: '手机号码', message: expect.stringContaining('手机号码应为 11 位') },
      { row: 5, column: '身份证号', message: '与第 2 行的身份证号重复' },
    ]);
    expect(await staffTotal()).toBe(before);

    expect((await upload(dw, await sheet(good), 'dryRun=true')).json()).toMatchObject({ dryRun: true, committed: false, created: 2, problems: [] });
    expect(await staffTotal()).toBe(before);
    expect((await upload(dw, await sheet(good), 'dryRun=false')).json()).toMatchObject({ committed: true, created: 2, updated: 0 });
    expect(await staffTotal()).toBe(before + 2);
    const changed = [{ ...good[0]!, 岗位: '班长' }, good[1]!];
    expect((await upload(dw, await sheet(changed), 'dryRun=false')).json()).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 1 });
    expect(await staffTotal()).toBe(before + 2);
    const found = (await t.call('GET', `/api/v1/staff/lookup?idNumber=${good[0]!.身份证号}`, { cookie: dw })).json().item;
    expect(found).toMatchObject({ name: '员导甲', post: '班长', unitName: '员工导入队', masked: true });
  });

  it('is for the committee only', async () => {
    const shuji = await accountWithRole(t, 'psi_shuji', '员工导入书记', 'secretary', '机关第一党支部');
    expect((await upload(shuji, await sheet([row('越权', '1980-01-01', 51)]), 'dryRun=true')).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/staff/template.xlsx', { cookie: shuji })).statusCode).toBe(403);
    const tpl = await t.call('GET', '/api/v1/staff/template.xlsx', { cookie: dw });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(expect.arrayContaining(['姓名*', '身份证号*', '所在单位*', '在岗状态*']));
  });
});
