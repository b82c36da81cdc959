// The plaque's public link as a QR code (SVG for the screen) and the plaque card (挂牌卡) as a Word document on an
// A5 page: title, member, post or area, commitment, period, the QR code and the committee's name. Only a plaque
// with a public code (审核通过 or later) has either.
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import QRCode from 'qrcode';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import { rootOrgs } from '../org/index.js';
import { plaqueFor, toViews } from './plaqueQueries.js';
import { AREA_KIND_NAMES, PLAQUE_KIND_NAMES, type PlaqueView } from './plaqueSchema.js';
import type { IncentivePlaqueTable } from './tables.js';

export const publicUrl = (origin: string, code: string) => `${origin}/plaque/${code}`;

async function withCode(p: Platform, actor: Actor, id: string): Promise<IncentivePlaqueTable & { public_code: string }> {
  const x = await plaqueFor(p, actor, id);
  if (!x.public_code) throw conflict('PLAQUE_NO_CODE', '审核通过后才生成二维码');
  return x as IncentivePlaqueTable & { public_code: string };
}

export async function plaqueLink(p: Platform, actor: Actor, id: string, origin: string) {
  const x = await withCode(p, actor, id);
  const url = publicUrl(origin, x.public_code);
  return { url, svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/** 示范岗: unit · post; 责任区: area kind · name (extent). */
export function placeOf(v: Pick<PlaqueView, 'kind' | 'unitName' | 'postName' | 'areaKind' | 'areaName' | 'extent'>): string {
  if (v.kind === 'post') return [v.unitName, v.postName].filter(Boolean).join(' · ');
  const area = [v.areaKind ? AREA_KIND_NAMES[v.areaKind] : null, v.areaName].filter(Boolean).join(' · ');
  return v.extent ? `${area}（${v.extent}）` : area;
}

const FONT = 'SimSun';
const run = (s: string, o: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...o });
const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function plaqueCard(p: Platform, actor: Actor, id: string, origin: string): Promise<{ name: string; docx: Buffer }> {
  const x = await withCode(p, actor, id);
  const [v] = await toViews(p, actor, [x]);
  const roots = await rootOrgs(p.db, actor.tenantId);
  const png = await QRCode.toBuffer(publicUrl(origin, x.public_code), { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const line = (label: string, value: string) => new Paragraph({ spacing: { after: 120 }, children: [run(`${label}：`, { bold: true }), run(value)] });
  const doc = new Document({
    creator: 'dangjian', title: v!.title,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } } } },
    sections: [{
      // A5 portrait (148 × 210 mm) with 15 mm margins: the card fits a standard plaque frame.
      properties: { page: { size: { width: 8391, height: 11906 }, margin: { top: 850, bottom: 850, left: 850, right: 850 } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(PLAQUE_KIND_NAMES[x.kind], { bold: true, size: 40 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(v!.title, { bold: true, size: 30 })] }),
        line('党员', v!.memberName),
        line(x.kind === 'post' ? '岗位' : '责任区', placeOf(v!)),
        line('期限', `${chineseDate(x.period_from)}至${chineseDate(x.period_to)}`),
        new Paragraph({ spacing: { before: 120, after: 60 }, children: [run('承诺：', { bold: true })] }),
        new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 200, line: 360 }, children: [run(x.commitment)] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: 150, height: 150 } })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run('扫码查看承诺、评价服务', { size: 20 })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(roots[0]?.name ?? '')] }),
      ],
    }],
  });
  return { name: `${v!.title}-挂牌卡`, docx: await Packer.toBuffer(doc) };
}
