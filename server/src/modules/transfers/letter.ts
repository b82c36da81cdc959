// 中国共产党党员组织关系介绍信: our letter for a transfer out of the server, as a printable Word document — the letter
// with its number, the person, where to, dues paid up to and validity, and below the cut the 回执 the receiving
// organisation returns. `buildLetterDocx` works from a plain structure (tested without a database); `letterOf` fills it.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { maskIdNumber } from '../../platform/crypto/mask.js';
import { carriedPerson, memberForTransfer } from '../members/index.js';
import { orgNames, rootOrgs } from '../org/index.js';
import { printsLetter, revealsIdNumber } from './policy.js';
import { transferFor } from './queries.js';

export interface LetterData {
  letterNo: string;
  destination: string;
  name: string;
  gender: string;
  age: number;
  ethnicity: string;
  memberType: string;
  idNumber: string;
  fromOrg: string;
  duesPaidTo: string;
  validityMonths: number;
  issuer: string;
  issuedOn: string;
  validUntil: string;
}

const FONT = 'SimSun';
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: s, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const chineseMonth = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const line = (s: string, indent = true) => new Paragraph({ indent: indent ? { firstLine: 480 } : undefined, spacing: { after: 160, line: 400 }, children: [text(s)] });

/** The letter as .docx bytes. */
export async function buildLetterDocx(d: LetterData): Promise<Buffer> {
  const doc = new Document({
    creator: 'dangjian',
    title: `党员组织关系介绍信 ${d.letterNo}`,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } } } },
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text('中国共产党党员组织关系介绍信', { bold: true, size: 40 })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [text(`编号：${d.letterNo}`)] }),
        line(`${d.destination}：`, false),
        line(`${d.name}同志（${d.gender}，${d.age}岁，${d.ethnicity}），系中共${d.memberType}，身份证号码 ${d.idNumber}，由${d.fromOrg}转去你处，请接洽。`),
        line(`该同志党费已交到${chineseMonth(d.duesPaidTo)}。`),
        line(`本介绍信有效期 ${d.validityMonths} 个月（至${chineseDate(d.validUntil)}）。`),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [text(`中共${d.issuer}（盖章）`)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 480 }, children: [text(chineseDate(d.issuedOn))] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text('------------------------------------（沿此线剪下）------------------------------------')] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text('回    执', { bold: true, size: 32 })] }),
        line(`中共${d.issuer}：`, false),
        line(`${d.name}同志的党员组织关系已转达我处，特此回执。（介绍信编号：${d.letterNo}）`),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [text('接收党组织（盖章）')] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [text('    年    月    日')] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/**
 * The letter of a transfer out of the server: the sending side only (else 403; out of sight 404). The 身份证号 is in
 * clear only for whoever holds member.sensitive over the member, and that view is audited; masked otherwise.
 */
export async function letterOf(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<{ name: string; docx: Buffer }> {
  const t = await transferFor(p.db, actor, id);
  if (!printsLetter(actor, t)) throw forbidden('只有转往平台外的转接有介绍信，由转出党支部或党委打印');
  const m = await memberForTransfer(p.db, actor.tenantId, t.member_id!);
  if (!m) throw notFound('党员');
  const person = carriedPerson(p, m);
  const reveal = revealsIdNumber(actor, { tenantId: m.tenant_id, orgPath: m.org_path });
  if (reveal) await p.audit.sensitiveView(ctx, { entity: 'member', entityId: m.id, fields: ['idNumber'] });
  const [roots, names] = await Promise.all([rootOrgs(p.db, actor.tenantId), orgNames(p.db, [actor.tenantId], [t.from_org_id!])]);
  const age = Number(t.started_on.slice(0, 4)) - Number(person.identity.birthDate.slice(0, 4)) - (t.started_on.slice(5) < person.identity.birthDate.slice(5) ? 1 : 0);
  const docx = await buildLetterDocx({
    letterNo: t.letter_no!, destination: t.counterpart, name: m.name, gender: m.gender === 'male' ? '男' : '女', age, ethnicity: m.ethnicity,
    memberType: m.type === 'full' ? '正式党员' : '预备党员', idNumber: reveal ? person.identity.idNumber : maskIdNumber(person.identity.idNumber),
    fromOrg: names.get(`${actor.tenantId}/${t.from_org_id}`) ?? '', duesPaidTo: t.dues_paid_to!, validityMonths: t.validity_months!,
    issuer: roots[0]?.name ?? '', issuedOn: t.started_on, validUntil: t.valid_until!,
  });
  return { name: `党员组织关系介绍信-${m.name}-${t.letter_no}`, docx };
}
