// A person's checklist of materials (Word): for each step that leaves a document, the material that should exist
// — 入党申请书, 谈话记录, a 思想汇报 each quarter from 积极分子 until 转正, 政审材料, 入党志愿书, 转正申请书 … — and
// whether it was uploaded, when. `checklistItems` is pure (tested without a database); `buildChecklistDocx` prints it.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { addDays, quarterOf, shanghaiDateOf } from '../../platform/calendar.js';
import { STAGE_NAMES, stepDef } from './steps.js';
import type { RecruitStage } from './tables.js';

/** The material each step leaves: the step it belongs to and the document kind that holds it (documents.ts). */
export const STEP_MATERIALS: readonly { step: number; kind: string; label?: string }[] = [
  { step: 1, kind: '入党申请书' },
  { step: 2, kind: '谈话记录' },
  { step: 6, kind: '培养考察材料' },
  { step: 10, kind: '政审材料' },
  { step: 11, kind: '培训结业证明' },
  { step: 14, kind: '入党志愿书' },
  { step: 22, kind: '转正申请书' },
];

export interface ChecklistItem {
  step: number;
  stepName: string;
  material: string;
  /** The step is done (or, for a quarter's 思想汇报, the quarter has begun while the reports were due). */
  due: boolean;
  /** Upload dates (Asia/Shanghai) of the documents that answer it. */
  uploaded: string[];
}

/**
 * What should exist for a person who has done steps up to `lastStep` (dates in `done`), against their documents.
 * 思想汇报 are due each quarter from the quarter of step 3 to the quarter of step 22 (or today's, before that),
 * under step 6 (培养教育考察) before 发展对象 and step 21 (继续教育考察) after the vote.
 */
export function checklistItems(lastStep: number, done: ReadonlyMap<number, string>, docs: readonly { kind: string; createdAt: string }[], today: string): ChecklistItem[] {
  const datesOf = (kind: string, from = '0000-01-01', to = '9999-12-31') =>
    docs.filter((d) => d.kind === kind).map((d) => shanghaiDateOf(d.createdAt)).filter((d) => d >= from && d <= to).sort();
  const items: ChecklistItem[] = STEP_MATERIALS.map((m) => ({ step: m.step, stepName: stepDef(m.step)!.name, material: m.kind, due: lastStep >= m.step, uploaded: datesOf(m.kind) }));
  const since = done.get(3);
  if (since) {
    const until = done.get(22) ?? today;
    for (let q = quarterOf(since); q.from <= until; q = quarterOf(addDays(q.to, 1))) {
      const step = done.get(15) && q.to >= done.get(15)! ? 21 : 6;
      items.push({ step, stepName: stepDef(step)!.name, material: `思想汇报（${q.label}）`, due: true, uploaded: datesOf('思想汇报', q.from, q.to) });
    }
  }
  const other = datesOf('其他材料');
  if (other.length) items.push({ step: 0, stepName: '其他', material: '其他材料', due: false, uploaded: other });
  return items.sort((a, b) => (a.step || 99) - (b.step || 99));
}

export interface ChecklistData {
  name: string;
  orgName: string;
  stage: RecruitStage;
  lastStep: number;
  today: string;
  items: ChecklistItem[];
}

const FONT = 'SimSun';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const cell = (s: string, header = false) => new TableCell({ children: [new Paragraph({ children: [text(s, { bold: header })] })] });

/** The state of one item as the 台账 clerk reads it. */
export function itemState(i: ChecklistItem): string {
  if (i.uploaded.length) return `已上传（${i.uploaded.join('、')}）`;
  return i.due ? '未上传' : '尚未到该步骤';
}

export async function buildChecklistDocx(d: ChecklistData): Promise<Buffer> {
  const missing = d.items.filter((i) => i.due && i.uploaded.length === 0).length;
  const doc = new Document({
    creator: 'dangjian',
    title: `发展党员材料清单 ${d.name}`,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 21 } } } },
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text('发展党员材料清单', { bold: true, size: 36 })] }),
        new Paragraph({ spacing: { after: 120 }, children: [text(`姓名：${d.name}    党支部：${d.orgName}    阶段：${STAGE_NAMES[d.stage]}（已办至第 ${d.lastStep} 步）`)] }),
        new Paragraph({ spacing: { after: 240 }, children: [text(`截至 ${d.today}，应有材料 ${d.items.filter((i) => i.due).length} 项，未上传 ${missing} 项。`)] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: ['步骤', '材料', '情况'].map((h) => cell(h, true)) }),
            ...d.items.map((i) => new TableRow({ children: [cell(i.step ? `${i.step}. ${i.stepName}` : i.stepName), cell(i.material), cell(itemState(i))] })),
          ],
        }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
