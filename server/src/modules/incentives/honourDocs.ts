// The Word drafts of a selection: the commendation decision (关于表彰…的决定, with the lists per category) and the
// 公示 notice. Built from a plain structure like volunteer/certificate.ts; the committee edits the draft before issuing.
import { todayIn } from '../../platform/calendar.js';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Platform } from '../../platform/context.js';
import { rootOrgs } from '../org/index.js';
import type { NominationView } from './honourSchema.js';
import { categoryName, HONOUR_CATEGORIES } from './honourSettings.js';
import { rulesOf } from './selections.js';
import type { IncentiveSelectionTable } from './tables.js';

const FONT = 'FangSong';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const para = (s: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { after: 120, line: 480 }, children: [text(s)] });
const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export interface HonourList { name: string; people: { name: string; org: string }[] }

/** The lists per category, in the order of the decision (members with their organisation, organisations alone). */
export async function honourLists(p: Platform, s: IncentiveSelectionTable, rows: Pick<NominationView, 'category' | 'nomineeKind' | 'nomineeName' | 'orgName'>[]): Promise<HonourList[]> {
  const rules = await rulesOf(p, s.tenant_id);
  return HONOUR_CATEGORIES.map((c) => ({
    name: categoryName(rules, c),
    people: rows.filter((r) => r.category === c).map((r) => ({ name: r.nomineeName, org: r.nomineeKind === 'member' ? r.orgName : '' })),
  })).filter((l) => l.people.length > 0);
}

const listParagraphs = (lists: HonourList[]) => lists.flatMap((l, i) => [
  new Paragraph({ spacing: { before: 240, after: 120 }, children: [text(`${['一', '二', '三'][i] ?? i + 1}、${l.name}（${l.people.length}名）`, { bold: true })] }),
  ...l.people.map((x) => new Paragraph({ indent: { firstLine: 640 }, spacing: { after: 60 }, children: [text(x.org ? `${x.name}（${x.org}）` : x.name)] })),
]);

async function pack(title: string, children: Paragraph[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'dangjian', title,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 32 } } } },
    sections: [{ children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 480 }, children: [text(title, { bold: true, size: 40 })] }), ...children] }],
  });
  return Packer.toBuffer(doc);
}

export async function decisionDocx(p: Platform, s: IncentiveSelectionTable, lists: HonourList[]): Promise<{ name: string; docx: Buffer }> {
  const issuer = (await rootOrgs(p.db, s.tenant_id))[0]?.name ?? '中共党委';
  const names = lists.map((l) => l.name).join('、');
  const title = `关于表彰${s.year}年度${names || '优秀共产党员、优秀党务工作者和先进基层党组织'}的决定`;
  const body = [
    ...(s.decision_no ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(s.decision_no)] })] : []),
    new Paragraph({ spacing: { after: 120 }, children: [text('各党支部：')] }),
    para(`${s.year}年，全体党员和各级党组织坚持以习近平新时代中国特色社会主义思想为指导，团结带领广大职工群众真抓实干、担当作为，涌现出一批先进典型。为表彰先进、树立榜样，经党支部推荐、党委审核和公示，党委决定，授予${lists.flatMap((l) => l.people.map((x) => x.name)).join('、') || '（名单）'}等同志和党组织相应荣誉称号。`),
    para('希望受到表彰的先进个人和先进集体珍惜荣誉、再接再厉，充分发挥先锋模范作用和战斗堡垒作用。各党支部和全体党员要以先进为榜样，奋发进取，为推动社区高质量发展作出新的更大贡献。'),
    ...listParagraphs(lists),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720 }, children: [text(issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(s.decided_on ?? todayIn(p.clock)))] }),
  ];
  return { name: `表彰决定-${s.year}`, docx: await pack(title, body) };
}

export async function publicityDocx(p: Platform, s: IncentiveSelectionTable, lists: HonourList[]): Promise<{ name: string; docx: Buffer }> {
  const issuer = (await rootOrgs(p.db, s.tenant_id))[0]?.name ?? '中共党委';
  const from = s.publicity_from ?? todayIn(p.clock);
  const to = s.publicity_to ?? from;
  const body = [
    para(`经党支部推荐、党委审核，拟表彰${s.year}年度${lists.map((l) => l.name).join('、')}，现将名单予以公示。公示时间为${chineseDate(from)}至${chineseDate(to)}。`),
    para('公示期间，如对公示对象有异议，请以书面或当面方式向党委反映。反映情况要实事求是，以单位或个人真实身份提出，并提供必要的调查线索。'),
    ...listParagraphs(lists),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720 }, children: [text(issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(chineseDate(from))] }),
  ];
  return { name: `表彰公示-${s.year}`, docx: await pack(`关于${s.year}年度“两优一先”拟表彰对象的公示`, body) };
}
