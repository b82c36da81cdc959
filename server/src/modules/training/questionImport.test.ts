// Excel import and export of the question bank: a template that reads back, a row-level report in Chinese, all
// rows or none, a dry run that writes nothing, the same file twice updating instead of adding twice, and an export
// that imports back unchanged.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
let zb1: string; // 书记 of 机关第一党支部
let dw: string; // 党委管理员
let dy1: string; // 党员: no training.write
let branch1: string;
let branch2: string;

const API = '/api/v1/training/questions';
const HEADERS = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '正确答案', '解析', '难度', '标签'];

async function sheet(rows: Record<string, string>[], headers = HEADERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('题库');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(cookie: string, file: Buffer, query: string) {
  const boundary = '----djtest' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="questions.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `${API}/import?${query}`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  book.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

const ROWS: Record<string, string>[] = [
  { 题型: '单选题', 题干: '党的最高领导机关是什么？', 选项A: '党的全国代表大会和它所产生的中央委员会', 选项B: '中央政治局', 选项C: '中央书记处', 正确答案: 'A', 解析: '党章第十条规定。', 难度: '易', 标签: '党章、组织制度' },
  { 题型: '多选题', 题干: '入党积极分子的培养联系人应当是？', 选项A: '正式党员', 选项B: '一至二名', 选项C: '预备党员', 选项D: '入党申请人', 正确答案: 'A,B', 难度: '中', 标签: '发展党员' },
  { 题型: '判断题', 题干: '预备党员的预备期为一年。', 正确答案: '对', 难度: '易', 标签: '发展党员' },
  { 题型: '填空题', 题干: '党员如果没有正当理由，连续____个月不交纳党费，就被认为是自行脱党。', 正确答案: '六|6', 难度: '难', 标签: '党费' },
];
const bankOf = (orgId: string) => t.platform.db.selectFrom('training_questions').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).orderBy('created_at').execute();

beforeAll(async () => {
  t = await createTestApp();
  [zb1, dw, dy1] = (await Promise.all(['zb1', 'dangwei', 'dy1'].map((u) => t.login(u)))) as [string, string, string];
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
});
afterAll(async () => t.close());

describe(`题库: Excel import and export ${dialectLabel()}`, () => {
  it('offers a template whose example row is a valid question; a learner gets neither template nor import', async () => {
    const res = await t.call('GET', `${API}/template.xlsx`, { cookie: zb1 });
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['题型*', '题干*', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '正确答案*', '解析', '难度', '标签']);
    const before = (await bankOf(branch1)).length;
    const dry = await upload(zb1, res.rawPayload, `dryRun=true&orgId=${branch1}`);
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, total: 1, created: 1, problems: [] });
    expect((await bankOf(branch1)).length).toBe(before);
    expect((await t.call('GET', `${API}/template.xlsx`, { cookie: dy1 })).statusCode).toBe(403);
    expect((await upload(dy1, res.rawPayload, 'dryRun=true')).statusCode).toBe(403);
  });

  it('reports every bad row by row and column in Chinese; one bad row and nothing is written', async () => {
    const file = await sheet([
      ROWS[0]!,
      { 题型: '单选题', 题干: '没有正确选项的题', 选项A: '甲', 选项B: '乙', 正确答案: 'AB' },
      { 题型: '单选题', 题干: '答案不在选项中', 选项A: '甲', 选项B: '乙', 正确答案: 'E' },
      { 题型: '多选题', 题干: '只有一个答案的多选题', 选项A: '甲', 选项B: '乙', 选项C: '丙', 正确答案: 'B' },
      { 题型: '判断题', 题干: '判断题写了选项', 选项A: '对', 选项B: '错', 正确答案: '也许' },
      { 题型: '问答题', 题干: '不存在的题型', 正确答案: '无' },
      { 题型: '填空题', 题干: '', 正确答案: '', 难度: '很难', 标签: '一、二、三、四、五、六' },
      { ...ROWS[0]!, 解析: '与第 2 行题干相同' },
    ]);
    for (const dryRun of ['true', 'false']) {
      const res = await upload(zb1, file, `dryRun=${dryRun}&orgId=${branch1}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { committed: boolean; problems: { row: number; column: string; message: string }[] };
      expect(body.committed).toBe(false);
      const at = (row: number, column: string) => body.problems.find((x) => x.row === row && x.column === column)?.message;
      expect(at(3, '正确答案')).toBe('单选题须有且只有一个正确答案');
      expect(at(4, '正确答案')).toBe('正确答案“E”不在选项中');
      expect(at(5, '正确答案')).toBe('多选题至少两个正确答案');
      expect(at(6, '选项A')).toBe('判断题不设选项');
      expect(at(6, '正确答案')).toBe('判断题的正确答案应为“对”或“错”');
      expect(at(7, '题型')).toBe('题型应为：单选题、多选题、判断题、填空题');
      expect(at(8, '题干')).toBe('请填写题干');
      expect(at(8, '难度')).toBe('难度应为：易、中、难');
      expect(at(8, '标签')).toBe('标签最多 5 个');
      expect(at(9, '题干')).toBe('与第 2 行是同一道题（题型和题干相同）');
      expect(body.problems.some((x) => x.row === 2)).toBe(false);
    }
    expect((await bankOf(branch1)).some((q) => q.stem === ROWS[0]!.题干)).toBe(false);
    const report = await upload(zb1, file, `dryRun=true&format=xlsx&orgId=${branch1}`);
    expect((await xlsxRows(report.rawPayload))[0]).toEqual(['行号', '列', '问题']);
  });

  it('imports all rows into the chosen bank; the same file again adds nothing; a changed row updates its question', async () => {
    const file = await sheet(ROWS);
    const before = (await bankOf(branch1)).length;
    const dry = await upload(zb1, file, `dryRun=true&orgId=${branch1}`);
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, total: 4, created: 4, updated: 0, problems: [] });
    expect((await bankOf(branch1)).length).toBe(before);
    const done = await upload(zb1, file, `dryRun=false&orgId=${branch1}`);
    expect(done.json()).toMatchObject({ committed: true, created: 4, updated: 0, unchanged: 0, problems: [] });
    const bank = await bankOf(branch1);
    expect(bank.length).toBe(before + 4);
    const byStem = (s: string) => bank.find((q) => q.stem === s)!;
    expect(byStem(ROWS[1]!.题干!)).toMatchObject({ kind: 'multiple', answer: '["A","B"]', difficulty: 2, tags: '["发展党员"]' });
    expect(byStem(ROWS[2]!.题干!)).toMatchObject({ kind: 'judge', options: '[]', answer: '["T"]' });
    expect(byStem(ROWS[3]!.题干!)).toMatchObject({ kind: 'fill', answer: '["六","6"]', difficulty: 3 });
    const tags = await t.platform.db.selectFrom('training_question_tags').select('tag').where('question_id', '=', byStem(ROWS[0]!.题干!).id).execute();
    expect(tags.map((r) => r.tag).sort()).toEqual(['党章', '组织制度'].sort());

    const again = await upload(zb1, file, `dryRun=false&orgId=${branch1}`);
    expect(again.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 4 });
    const changed = await upload(zb1, await sheet([{ ...ROWS[2]!, 正确答案: '错', 解析: '改为错' }]), `dryRun=false&orgId=${branch1}`);
    expect(changed.json()).toMatchObject({ committed: true, created: 0, updated: 1 });
    expect((await bankOf(branch1)).find((q) => q.stem === ROWS[2]!.题干)).toMatchObject({ answer: '["F"]', explanation: '改为错' });
    expect((await bankOf(branch1)).length).toBe(before + 4);
  });

  it('imports only into an organisation the keeper keeps', async () => {
    const before = (await bankOf(branch2)).length;
    const res = await upload(zb1, await sheet([ROWS[0]!]), `dryRun=false&orgId=${branch2}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.orgId).toBe('导入到的组织不存在或不在您的管理范围内');
    expect((await bankOf(branch2)).length).toBe(before);
    // Without an organisation, the keeper's highest one: the branch for its secretary.
    const own = await upload(zb1, await sheet([{ ...ROWS[0]!, 题干: '党的最高领导机关是？（默认组织）' }]), 'dryRun=false');
    expect(own.json()).toMatchObject({ committed: true, created: 1 });
    expect((await bankOf(branch1)).some((q) => q.stem === '党的最高领导机关是？（默认组织）')).toBe(true);
  });

  it('exports what the list shows, with answers in the import\'s form, and the export imports back unchanged', async () => {
    const res = await t.call('GET', `${API}/export.xlsx?orgId=${branch1}`, { cookie: zb1 });
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(rows[0]!.slice(0, 12)).toEqual(HEADERS);
    const fill = rows.find((r) => r[1] === ROWS[3]!.题干)!;
    expect([fill[0], fill[8], fill[10], fill[11]]).toEqual(['填空题', '六|6', '难', '党费']);
    const judge = rows.find((r) => r[1] === ROWS[2]!.题干)!;
    expect(judge[8]).toBe('错');
    expect(rows.slice(1).every((r) => r[13] === '机关第一党支部')).toBe(true);
    const back = await upload(zb1, res.rawPayload, `dryRun=true&orgId=${branch1}`);
    expect(back.json()).toMatchObject({ problems: [], created: 0, updated: 0, unchanged: rows.length - 1 });
    // The committee's export holds every bank, the list's filters apply.
    const judges = await xlsxRows((await t.call('GET', `${API}?format=xlsx&kind=judge`, { cookie: dw })).rawPayload);
    expect(judges.slice(1).every((r) => r[0] === '判断题')).toBe(true);
    expect(judges.length).toBeGreaterThan(2);
  });
});
