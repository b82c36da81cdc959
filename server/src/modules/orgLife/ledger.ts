// 台账: one branch's 组织生活 records of a year as a printable Word document (cover, contents by kind, each
// record with its attendance table). `buildLedgerDocx` works from a plain structure; `loadLedger` fills it.
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';
import { beijingTime } from '../../platform/export/xlsx.js';
import { inSlices } from '../../db/batch.js';
import { quorumOf, voteResult } from './kinds.js';
import { peopleNames, personName, sheetCounts, withMembers } from './queries.js';

export const ATTENDANCE_NAMES: Record<string, string> = { present: '出席', leave: '请假', absent: '缺席', visitor: '列席', unmarked: '未标记' };

export interface LedgerVote { motion: string; yes: number; no: number; abstain: number; entitled: number; passed: boolean }

export interface LedgerRecord {
  id: string;
  title: string;
  kindName: string;
  startsAt: string;
  endsAt: string;
  place: string;
  host: string;
  recorder: string;
  lecturer: string;
  theme: string;
  agenda: string;
  minutes: string;
  decisions: string;
  /** Only for kinds with a quorum (党员大会, 支委会). */
  quorum: { expected: number; present: number; met: boolean } | null;
  votes: LedgerVote[];
  attendance: { name: string; status: string; reason: string; makeup: string }[];
}

export interface LedgerData {
  orgName: string;
  year: string;
  generatedOn: string;
  /** Kinds in catalogue order, each with its records in time order. */
  kinds: { name: string; records: LedgerRecord[] }[];
}

const FONT = 'SimSun';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const para = (s: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [text(s, opts)] });
/** Multi-line text kept as separate paragraphs (Word ignores \n inside a run). */
const lines = (s: string) => (s.trim() ? s.split(/\r?\n/).map((l) => para(l)) : [para('（无）')]);
const field = (label: string, value: string) => new Paragraph({ children: [text(`${label}：`, { bold: true }), text(value || '（无）')] });

function cell(s: string, header = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [text(s, { bold: header })] })] });
}

function attendanceTable(rows: LedgerRecord['attendance']): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: ['姓名', '出勤', '原因', '补课'].map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: [cell(r.name), cell(r.status), cell(r.reason), cell(r.makeup)] })),
    ],
  });
}

function recordBlock(r: LedgerRecord, first: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: !first, children: [text(r.title)] }),
    field('类型', r.kindName),
    field('时间', `${beijingTime(r.startsAt).slice(0, 16)} 至 ${beijingTime(r.endsAt).slice(0, 16)}`),
    field('地点', r.place), field('主持人', r.host), field('记录人', r.recorder),
  ];
  if (r.lecturer) out.push(field('授课人', r.lecturer));
  if (r.theme) out.push(field('活动主题', r.theme));
  if (r.quorum) {
    out.push(field('到会情况', `应到 ${r.quorum.expected} 人，实到 ${r.quorum.present} 人，${r.quorum.met ? '超过半数，符合法定人数' : '未超过半数，不足法定人数'}`));
  }
  out.push(new Paragraph({ children: [text('议程：', { bold: true })] }), ...lines(r.agenda));
  out.push(new Paragraph({ children: [text('会议记录：', { bold: true })] }), ...lines(r.minutes));
  out.push(new Paragraph({ children: [text('决定事项：', { bold: true })] }), ...lines(r.decisions));
  if (r.votes.length) {
    out.push(new Paragraph({ children: [text('表决：', { bold: true })] }));
    for (const v of r.votes) {
      out.push(para(`${v.motion}：有表决权 ${v.entitled} 人，赞成 ${v.yes}，反对 ${v.no}，弃权 ${v.abstain}，${v.passed ? '通过' : '未通过'}`));
    }
  }
  out.push(new Paragraph({ spacing: { before: 120 }, children: [text('签到表', { bold: true })] }));
  out.push(r.attendance.length ? attendanceTable(r.attendance) : para('（无签到记录）'));
  return out;
}

/** The 台账 as .docx bytes. */
export async function buildLedgerDocx(d: LedgerData): Promise<Buffer> {
  const cover = [
    new Paragraph({ spacing: { before: 3000 }, alignment: AlignmentType.CENTER, children: [text(d.orgName, { bold: true, size: 44 })] }),
    new Paragraph({ spacing: { before: 600 }, alignment: AlignmentType.CENTER, children: [text(`${d.year}年度`, { size: 36 })] }),
    new Paragraph({ spacing: { before: 600 }, alignment: AlignmentType.CENTER, children: [text('组织生活台账', { bold: true, size: 56 })] }),
    new Paragraph({ spacing: { before: 3000 }, alignment: AlignmentType.CENTER, children: [text(`生成日期：${d.generatedOn}`, { size: 24 })] }),
  ];
  const contents: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [text('目录')] })];
  for (const k of d.kinds) {
    contents.push(new Paragraph({ spacing: { before: 120 }, children: [text(`${k.name}（${k.records.length} 次）`, { bold: true })] }));
    k.records.forEach((r, i) => contents.push(new Paragraph({ indent: { left: 420 }, children: [text(`${i + 1}. ${beijingTime(r.startsAt).slice(0, 10)}  ${r.title}`)] })));
  }
  if (d.kinds.length === 0) contents.push(para('本年度没有已召开的组织生活记录。'));
  const body: (Paragraph | Table)[] = [];
  for (const k of d.kinds) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [text(k.name)] }));
    k.records.forEach((r, i) => body.push(...recordBlock(r, i === 0)));
  }
  const doc = new Document({
    creator: 'dangjian',
    title: `${d.orgName}${d.year}年度组织生活台账`,
    styles: {
      default: {
        document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } },
        heading1: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 36, bold: true } },
        heading2: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 30, bold: true } },
      },
    },
    sections: [{ children: [...cover, ...contents, ...body] }],
  });
  return Packer.toBuffer(doc);
}

// ---------- loading ----------

export interface LedgerKind { code: string; name: string; quorum: boolean }

/** The held/archived records of the organisation's subtree whose start lies in the year (Shanghai dates). */
export async function loadLedger(db: DbOrTx, tenantId: string, org: { name: string; path: string }, year: string, kinds: LedgerKind[], generatedOn: string): Promise<LedgerData> {
  const acts = await db.selectFrom('org_life_activities as a')
    .leftJoin('org_life_themes as th', (j) => j.onRef('th.tenant_id', '=', 'a.tenant_id').onRef('th.id', '=', 'a.theme_id'))
    .select(['a.id', 'a.kind', 'a.title', 'a.starts_at', 'a.ends_at', 'a.place', 'a.host_member_id', 'a.recorder_member_id', 'a.host_name', 'a.recorder_name', 'a.lecturer_name', 'a.agenda', 'a.minutes', 'a.decisions', 'a.votes', 'th.title as theme_title'])
    .where('a.tenant_id', '=', tenantId).where('a.deleted_at', 'is', null).where('a.status', 'in', ['held', 'archived'])
    .where(inSubtree(sql.ref<string>('a.org_path'), org.path))
    .where('a.starts_on', '>=', `${year}-01-01`).where('a.starts_on', '<=', `${year}-12-31`)
    .orderBy('a.starts_at').orderBy('a.id')
    .execute();
  const ids = acts.map((a) => a.id);
  // The sheets with the members' names, expected first, then by name.
  const att = ids.length === 0 ? [] : await withMembers(db, tenantId, await inSlices(ids, (slice) => db.selectFrom('org_life_attendance')
    .select(['activity_id', 'member_id', 'expected', 'status', 'reason', 'makeup_on', 'makeup_note'])
    .where('tenant_id', '=', tenantId).where('activity_id', 'in', slice)
    .execute()));
  const people = await peopleNames(db, tenantId, acts);
  const byAct = new Map<string, typeof att>();
  for (const r of att) byAct.set(r.activity_id, [...(byAct.get(r.activity_id) ?? []), r]);
  const kinds2 = new Map(kinds.map((k) => [k.code, k]));
  const out = new Map<string, LedgerRecord[]>();
  for (const a of acts) {
    const rows = byAct.get(a.id) ?? [];
    // 预备党员 have no vote: the pass rule counts the expected full members.
    const c = sheetCounts(rows);
    const k = kinds2.get(a.kind);
    const votes = parseVotes(a.votes).map((v) => voteResult(v, c.entitledVoters));
    const rec: LedgerRecord = {
      id: a.id, title: a.title, kindName: k?.name ?? a.kind, startsAt: a.starts_at, endsAt: a.ends_at, place: a.place, host: personName(people, a.host_member_id, a.host_name),
      recorder: personName(people, a.recorder_member_id, a.recorder_name), lecturer: a.lecturer_name, theme: a.theme_title ?? '', agenda: a.agenda, minutes: a.minutes, decisions: a.decisions,
      quorum: k?.quorum ? (({ expected: e, present: pr, reached }) => ({ expected: e, present: pr, met: reached }))(quorumOf(c.expected, c.present)) : null,
      votes,
      attendance: rows.map((r) => ({
        name: r.name, status: ATTENDANCE_NAMES[r.status] ?? r.status, reason: r.reason ?? '',
        makeup: r.makeup_on ? `${r.makeup_on}${r.makeup_note ? ` ${r.makeup_note}` : ''}` : '',
      })),
    };
    out.set(a.kind, [...(out.get(a.kind) ?? []), rec]);
  }
  const order = [...kinds.map((k) => k.code), ...[...out.keys()].filter((c) => !kinds2.has(c))];
  return {
    orgName: org.name, year, generatedOn,
    kinds: order.filter((c) => out.has(c)).map((c) => ({ name: kinds2.get(c)?.name ?? c, records: out.get(c)! })),
  };
}

function parseVotes(json: string): { motion: string; yes: number; no: number; abstain: number }[] {
  try {
    const v: unknown = JSON.parse(json || '[]');
    if (!Array.isArray(v)) return [];
    return v.map((x: Record<string, unknown>) => ({ motion: String(x.motion ?? ''), yes: Number(x.yes) || 0, no: Number(x.no) || 0, abstain: Number(x.abstain) || 0 }));
  } catch {
    return [];
  }
}
