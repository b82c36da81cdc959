// The 月度党建工作报告 and the 党内统计年报 through the API: the Word file read back holds the month's figures equal to
// the modules' own pages and the secretary's saved words (kept across reloads and generations); the Excel file read
// back holds the roster's counts; another branch's secretary gets 404, a 党员 403, too-long words a Chinese 400.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftMonth } from '../../platform/calendar.js';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { unzip } from '../../test/unzip.js';
import type { MonthlyView, WordsView, YearlyView } from './schema.js';

let t: TestApp;
let dangwei: string;
let zb1: string;
let zb2: string;
let dy1: string;
let weiyuan: string;
let branch1: string;
let committee: string;
let month: string;

const get = async <T>(url: string, cookie: string): Promise<T> => {
  const res = await t.call('GET', url, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const report = (cookie: string, orgId: string, m = month) => get<MonthlyView>(`/api/v1/reports/monthly?orgId=${orgId}&month=${m}`, cookie);
const figure = (v: MonthlyView, key: string, label: string) => {
  const s = v.sections.find((x) => x.key === key);
  expect(s, `section ${key}`).toBeDefined();
  expect(s!.unavailable).toBe(false);
  return s!.figures.find((f) => f.label === label)!.value;
};
const docText = (buf: Buffer) => unzip(buf).get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');
const docx = async (cookie: string, orgId: string) => {
  const res = await t.call('GET', `/api/v1/reports/monthly.docx?orgId=${orgId}&month=${month}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  return docText(res.rawPayload);
};

beforeAll(async () => {
  t = await createTestApp();
  [dangwei, zb1, zb2, dy1, weiyuan] = await Promise.all([t.login('dangwei'), t.login('zb1'), t.login('zb2'), t.login('dy1'), t.login('weiyuan')]);
  [branch1, committee] = await Promise.all([t.orgId('机关第一党支部'), t.orgId('社区党委')]);
  // Last month: a whole month of the demo's records.
  month = shiftMonth((await get<MonthlyView>('/api/v1/reports/monthly', dangwei)).month, -1);
});
afterAll(async () => t?.close());

describe(`月度党建工作报告 ${dialectLabel()}`, () => {
  it('each section’s figures equal the module page for the same organisation and month', async () => {
    const v = await report(dangwei, committee);
    expect(v.org.id).toBe(committee);
    expect(v.sections.map((s) => s.key)).toEqual(['orgLife.held', 'info.monthly', 'tasks.monthly', 'assessment.ranking', 'training.hours', 'publicity.monthly', 'volunteer.monthly', 'recruit.steps', 'dues.monthly']);
    const from = `${month}-01`;
    const to = `${month}-${new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate()}`;
    const held = await get<{ total: number }>(`/api/v1/org-life/activities?orgId=${committee}&from=${from}&to=${to}&status=held,archived&pageSize=1`, dangwei);
    expect(held.total).toBeGreaterThan(0);
    expect(figure(v, 'orgLife.held', '开展组织生活')).toBe(held.total);
    const info = await get<{ series: { newTotal: number }[]; totals: { atEnd: number } }>(`/api/v1/info-entries/stats?orgId=${committee}&from=${month}&to=${month}`, dangwei);
    expect(figure(v, 'info.monthly', '本月新增')).toBe(info.series[0]!.newTotal);
    expect(figure(v, 'info.monthly', '累计')).toBe(info.totals.atEnd);
    const tasks = await get<{ summary: { red: number } }>(`/api/v1/tasks?orgId=${committee}&pageSize=1`, dangwei);
    expect(figure(v, 'tasks.monthly', '当前逾期')).toBe(tasks.summary.red);
    const dues = await get<{ totals: { months: { month: string; receivedFen: number; dueFen: number }[] } }>(`/api/v1/dues/collection?orgId=${committee}&year=${month.slice(0, 4)}`, dangwei);
    const m = dues.totals.months.find((x) => x.month === month)!;
    expect([figure(v, 'dues.monthly', '本月应交'), figure(v, 'dues.monthly', '本月实收')]).toEqual([m.dueFen / 100, m.receivedFen / 100]);
    expect(v.sections.find((s) => s.key === 'orgLife.held')!.tables[0]!.rows.length).toBe(held.total);
    const service = await get<{ months: { month: string; visitMinutes: number; activityMinutes: number; visits: number }[] }>(`/api/v1/volunteer/hours?orgId=${committee}&year=${month.slice(0, 4)}`, dangwei);
    const sm = service.months.find((x) => x.month === month)!;
    expect([figure(v, 'volunteer.monthly', '服务时长'), figure(v, 'volunteer.monthly', '走访')]).toEqual([Math.round((sm.visitMinutes + sm.activityMinutes) / 6) / 10, sm.visits]);
    const pub = await get<{ orgs: { submitted: number; adopted: number }[] }>(`/api/v1/publicity/stats?orgId=${committee}&from=${from}&to=${to}`, dangwei);
    expect([figure(v, 'publicity.monthly', '投稿'), figure(v, 'publicity.monthly', '采用')])
      .toEqual([pub.orgs.reduce((n, o) => n + o.submitted, 0), pub.orgs.reduce((n, o) => n + o.adopted, 0)]);
    // The month's steps are among the year's.
    const recruit = await get<{ total: Record<string, number> }>(`/api/v1/recruitment/stats?orgId=${committee}&year=${month.slice(0, 4)}`, dangwei);
    expect(figure(v, 'recruit.steps', '递交入党申请书')).toBeLessThanOrEqual(recruit.total.applied!);
    // 量化考核: the latest round published by the month's end, its ranking as the results page shows it.
    const rounds = await get<{ items: { id: string; status: string; publishedAt: string | null; targetType: string }[] }>('/api/v1/assessment/rounds?status=published', dangwei);
    // The rounds page lists the latest period first.
    const latest = rounds.items.find((r) => r.targetType !== 'member' && r.publishedAt && new Date(r.publishedAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) <= to);
    const ranking = v.sections.find((s) => s.key === 'assessment.ranking')!;
    if (latest) {
      const results = await get<{ items: { rank: number; targetName: string; total: number }[] }>(`/api/v1/assessment/rounds/${latest.id}/results`, dangwei);
      expect(figure(v, 'assessment.ranking', '参评组织')).toBe(results.items.length);
      expect(ranking.tables[0]!.rows.map((r) => r.slice(0, 3))).toEqual(results.items.map((i) => [i.rank, i.targetName, i.total]));
    } else {
      expect(figure(v, 'assessment.ranking', '参评组织')).toBe(0);
      expect(ranking.sentences).toEqual(['截至本月底尚无公布的量化考核结果。']);
    }
    // This month (the demo's round published in it or before) names the round in a sentence.
    const now = await get<MonthlyView>(`/api/v1/reports/monthly?orgId=${committee}`, dangwei);
    expect(now.sections.find((s) => s.key === 'assessment.ranking')!.sentences[0]).toMatch(/^最近一次公布的量化考核为“.+”/);
    // A branch secretary's report: every section answers for their branch.
    expect((await report(zb1, branch1)).sections.every((s) => !s.unavailable)).toBe(true);
  });

  it('the secretary’s words are saved, survive a reload and appear in the Word file with the month’s figures, twice', async () => {
    const words = { orgId: branch1, month, overview: '本月支部围绕中心工作开展学习。\n第二段：组织党员参加志愿服务。', problems: '个别党员学习积极性不高。', plans: '下月召开专题组织生活会。' };
    const res = await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: zb1, body: words });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as WordsView).updatedByName).toMatch(/\S/);
    const v = await report(zb1, branch1);
    expect(v.canWrite).toBe(true);
    expect(v.words).toMatchObject({ overview: words.overview, problems: words.problems, plans: words.plans });
    const held = figure(v, 'orgLife.held', '开展组织生活');
    for (let i = 0; i < 2; i++) {
      const doc = await docx(zb1, branch1);
      expect(doc).toContain(`机关第一党支部${Number(month.slice(0, 4))}年${Number(month.slice(5))}月党建工作报告`);
      expect(doc).toContain('本月支部围绕中心工作开展学习。');
      expect(doc).toContain('第二段：组织党员参加志愿服务。');
      expect(doc).toContain(words.problems);
      expect(doc).toContain(words.plans);
      expect(doc).toContain(held > 0 ? `本月共开展组织生活${held}次` : '本月未开展组织生活');
      expect(doc).toContain(`本月新增管控信息${figure(v, 'info.monthly', '本月新增')}条`);
      expect(doc).toContain(`本月新交办督办事项${figure(v, 'tasks.monthly', '本月新交办')}项`);
    }
    // Saving one part leaves the others as they were.
    expect((await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: zb1, body: { orgId: branch1, month, plans: '改后的计划' } })).statusCode).toBe(200);
    expect((await report(zb1, branch1)).words).toMatchObject({ overview: words.overview, plans: '改后的计划' });
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('action', '=', 'report.words').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('another branch’s secretary gets 404 for the organisation, its words and its file', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/reports/monthly?orgId=${branch1}&month=${month}`, undefined],
      ['GET', `/api/v1/reports/monthly.docx?orgId=${branch1}&month=${month}`, undefined],
      ['PUT', '/api/v1/reports/monthly/words', { orgId: branch1, month, overview: '不该保存' }],
      ['GET', `/api/v1/reports/yearly.xlsx?orgId=${branch1}`, undefined],
    ] as const) {
      const res = await t.call(method, url, { cookie: zb2, body });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('本月支部');
    }
    expect((await report(zb1, branch1)).words.overview).not.toBe('不该保存');
  });

  it('a 党员 is refused (403) and a 委员 may read but not write the words', async () => {
    expect((await t.call('GET', `/api/v1/reports/monthly?orgId=${branch1}`, { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/reports/monthly.docx?orgId=${branch1}`, { cookie: dy1 })).statusCode).toBe(403);
    expect((await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: dy1, body: { orgId: branch1, month, overview: 'x' } })).statusCode).toBe(403);
    const v = await report(weiyuan, branch1);
    expect(v.canWrite).toBe(false);
    const res = await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: weiyuan, body: { orgId: branch1, month, overview: '委员不能写' } });
    expect(res.statusCode).toBe(403);
    expect((await report(zb1, branch1)).words.overview).not.toBe('委员不能写');
  });

  it('words over 5000 characters or a future month are a Chinese 400 and nothing is saved', async () => {
    const before = (await report(zb1, branch1)).words;
    const long = await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: zb1, body: { orgId: branch1, month, overview: '新', problems: '字'.repeat(5001) } });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('存在问题最多 5000 个字');
    expect((await report(zb1, branch1)).words).toEqual(before);
    const next = shiftMonth(month, 2);
    const future = await t.call('PUT', '/api/v1/reports/monthly/words', { cookie: zb1, body: { orgId: branch1, month: next, overview: '未来' } });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('不能选择未来的月份');
    expect((await t.call('GET', `/api/v1/reports/monthly?orgId=${branch1}&month=2026-13`, { cookie: zb1 })).statusCode).toBe(400);
  });
});

describe(`党内统计年报 ${dialectLabel()}`, () => {
  const sheetRows = (sheet: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };
  it('the Excel file has a sheet per table whose totals equal the member roster, and a 说明 sheet defining each figure', async () => {
    const year = Number(month.slice(0, 4));
    const res = await t.call('GET', `/api/v1/reports/yearly.xlsx?orgId=${committee}&year=${year}`, { cookie: dangwei });
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(['党员类别', '性别', '年龄', '学历', '入党时间', '党员减少', '民主评议', '党员学时', '发展党员', '说明']);
    const stats = await get<{ total: number; byType: Record<string, number>; byGender: Record<string, number> }>(`/api/v1/orgs/${committee}/stats`, dangwei);
    expect(stats.total).toBeGreaterThan(100);
    const value = (sheet: string, label: string) => sheetRows(book.getWorksheet(sheet)!).find((r) => r[0] === label)![1];
    expect(value('党员类别', '合计')).toBe(stats.total);
    expect(value('党员类别', '正式党员')).toBe(stats.byType.full);
    expect(value('党员类别', '预备党员')).toBe(stats.byType.probationary);
    expect([value('性别', '男'), value('性别', '女')]).toEqual([stats.byGender.male, stats.byGender.female]);
    for (const sheet of ['性别', '年龄', '学历', '入党时间']) {
      const rows = sheetRows(book.getWorksheet(sheet)!).slice(2);
      const body = rows.filter((r) => r[0] !== '合计').reduce((n, r) => n + Number(r[1]), 0);
      expect(body, sheet).toBe(stats.total);
      expect(value(sheet, '合计')).toBe(stats.total);
    }
    const recruit = await get<{ total: Record<string, number> }>(`/api/v1/recruitment/stats?orgId=${committee}&year=${year}`, dangwei);
    const recruitTotal = sheetRows(book.getWorksheet('发展党员')!).find((r) => r[0] === '合计')!.slice(1);
    expect(recruitTotal).toEqual(['applied', 'activists', 'candidates', 'admitted', 'confirmed', 'extended'].map((k) => recruit.total[k]));
    const grades = sheetRows(book.getWorksheet('民主评议')!).slice(2);
    const gradeTotal = grades.find((r) => r[0] === '合计')!;
    expect(Number(gradeTotal[1])).toBe([2, 3, 4, 5].reduce((n, i) => n + Number(gradeTotal[i]), 0));
    const about = sheetRows(book.getWorksheet('说明')!).map((r) => r.join('|')).join('\n');
    expect(about).toContain('党员总数（合计）');
    expect(about).toContain('不含已转出、出党和去世的党员');
    expect(about).toContain('接收为预备党员');
  });

  it('last year’s 民主评议 table counts the grades of the published appraisals, as the 民主评议 list does', async () => {
    const year = Number(month.slice(0, 4)) - 1;
    const v = await get<YearlyView>(`/api/v1/reports/yearly?orgId=${committee}&year=${year}`, dangwei);
    expect(v.asOf).toBe(`${year}-12-31`);
    const total = v.tables.find((x) => x.title === '民主评议')!.rows.find((r) => r[0] === '合计')!;
    const list = await get<{ items: { status: string; gradedCount: number; excellentCount: number }[] }>(`/api/v1/appraisals?year=${year}`, dangwei);
    const published = list.items.filter((a) => a.status === 'published');
    expect(published.length).toBeGreaterThan(0);
    expect(total[1]).toBe(published.reduce((n, a) => n + a.gradedCount, 0));
    expect(total[2]).toBe(published.reduce((n, a) => n + a.excellentCount, 0));
    expect(Number(total[1])).toBeGreaterThan(0);
  });

  it('the JSON view lists the same tables, and a branch secretary gets their own branch only', async () => {
    const v = await get<YearlyView>(`/api/v1/reports/yearly?orgId=${branch1}`, zb1);
    const stats = await get<{ total: number }>(`/api/v1/orgs/${branch1}/stats`, zb1);
    const kinds = v.tables.find((x) => x.title === '党员类别')!;
    expect(kinds.rows.find((r) => r[0] === '合计')![1]).toBe(stats.total);
    expect((await get<YearlyView>('/api/v1/reports/yearly', zb1)).org.id).toBe(branch1);
    expect((await t.call('GET', `/api/v1/reports/yearly?orgId=${committee}`, { cookie: zb1 })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/reports/yearly.xlsx', { cookie: dy1 })).statusCode).toBe(403);
  });
});
