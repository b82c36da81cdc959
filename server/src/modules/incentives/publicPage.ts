// The HTML of the public plaque page (/plaque/<code>): a small server-rendered document that works without
// JavaScript on a phone. It shows only what the public may see — the plaque's title, the member's name, the post or
// area, the commitment, the period, the rating figures and the approved comments — and the rating form. Every value
// is escaped; the only style is the inline <style> the page's own CSP allows.
import { AREA_KIND_NAMES, PLAQUE_KIND_NAMES } from './plaqueSchema.js';
import type { AreaKind, PlaqueKind } from './tables.js';

/** The page's CSP: nothing but its own inline style and a form posting back to itself. */
export const PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface PublicPlaque {
  kind: PlaqueKind;
  title: string;
  memberName: string;
  unitName: string | null;
  postName: string | null;
  areaKind: AreaKind | null;
  areaName: string | null;
  extent: string;
  commitment: string;
  periodFrom: string;
  periodTo: string;
  ratingCount: number;
  ratingAverage: number | null;
  comments: { text: string; on: string }[];
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f6f1ee}
main{max-width:640px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:10px;padding:16px 18px;margin:0 0 14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.badge{display:inline-block;background:#c8102e;color:#fff;border-radius:4px;padding:1px 8px;font-size:13px}
h1{font-size:21px;margin:8px 0 6px;color:#a50d25;word-break:break-word}h2{font-size:17px;margin:0 0 10px}
dl{margin:0}dt{color:#888;font-size:13px;margin-top:8px}dd{margin:0;word-break:break-word}
.commit{white-space:pre-wrap;word-break:break-word}
.score{font-size:28px;color:#c8102e;font-weight:600}.muted{color:#888;font-size:13px}
ul{list-style:none;margin:0;padding:0}li{border-top:1px solid #eee;padding:8px 0;word-break:break-word}li:first-child{border-top:0}
.stars{display:flex;flex-direction:row-reverse;justify-content:flex-end;gap:4px;margin:4px 0 12px}
.stars input{position:absolute;opacity:0;width:1px;height:1px}
.stars label{font-size:34px;line-height:1;color:#ccc;cursor:pointer;padding:2px}
.stars input:checked~label,.stars label:hover,.stars label:hover~label{color:#f5a623}
.stars input:focus-visible+label{outline:2px solid #c8102e}
textarea{width:100%;min-height:88px;font:inherit;padding:8px;border:1px solid #ccc;border-radius:6px}
button{width:100%;margin-top:12px;padding:12px;font-size:17px;border:0;border-radius:6px;background:#c8102e;color:#fff}
.err{color:#c8102e;margin:0 0 8px}.center{text-align:center;padding:40px 18px}
`;

function doc(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><meta name="referrer" content="same-origin"><title>${esc(title)}</title><style>${STYLE}</style></head>`
    + `<body><main>${body}</main></body></html>`;
}

function placeLines(x: PublicPlaque): string {
  if (x.kind === 'post') {
    return (x.unitName ? `<dt>单位</dt><dd>${esc(x.unitName)}</dd>` : '') + (x.postName ? `<dt>岗位</dt><dd>${esc(x.postName)}</dd>` : '');
  }
  const area = [x.areaKind ? AREA_KIND_NAMES[x.areaKind] : null, x.areaName].filter(Boolean).join(' · ');
  return `<dt>责任区</dt><dd>${esc(area)}</dd>` + (x.extent ? `<dt>范围</dt><dd>${esc(x.extent)}</dd>` : '');
}

export interface FormState { score?: string; comment?: string; error?: string }

export function plaquePage(x: PublicPlaque, action: string, commentMax: number, form: FormState = {}): string {
  const avg = x.ratingAverage === null ? '<span class="muted">暂无评价</span>' : `<span class="score">${x.ratingAverage.toFixed(1)}</span> <span class="muted">/ 5 分，${x.ratingCount} 人评价</span>`;
  const comments = x.comments.length
    ? `<ul>${x.comments.map((c) => `<li>${esc(c.text)}<div class="muted">${esc(c.on)}</div></li>`).join('')}</ul>`
    : '<p class="muted">暂无公开留言</p>';
  // Radios in reverse order so that the CSS sibling rule lights the chosen star and those before it.
  const stars = [5, 4, 3, 2, 1].map((n) => `<input type="radio" id="s${n}" name="score" value="${n}"${form.score === String(n) ? ' checked' : ''} required>`
    + `<label for="s${n}" title="${n} 星" aria-label="${n} 星">★</label>`).join('');
  return doc(x.title, `
<section class="card"><span class="badge">${PLAQUE_KIND_NAMES[x.kind]}</span><h1>${esc(x.title)}</h1>
<dl><dt>党员</dt><dd>${esc(x.memberName)}</dd>${placeLines(x)}<dt>期限</dt><dd>${esc(x.periodFrom)} 至 ${esc(x.periodTo)}</dd></dl></section>
<section class="card"><h2>服务承诺</h2><div class="commit">${esc(x.commitment)}</div></section>
<section class="card"><h2>群众评价</h2><p>${avg}</p>${comments}</section>
<section class="card"><h2>我来评价</h2>${form.error ? `<p class="err" role="alert">${esc(form.error)}</p>` : ''}
<form method="post" action="${esc(action)}" accept-charset="utf-8"><div class="stars" role="radiogroup" aria-label="评分（1–5 星）">${stars}</div>
<label for="comment">留言（选填，${commentMax} 字以内，经审核后公开）</label>
<textarea id="comment" name="comment" maxlength="${commentMax}">${esc(form.comment ?? '')}</textarea>
<button type="submit">提交评价</button></form></section>`);
}

/** A page with a heading and one line: 此岗位已撤销, the thank-you, 今天已评价过, the limits. */
export function messagePage(heading: string, line: string, back?: string): string {
  return doc(heading, `<section class="card center"><h1>${esc(heading)}</h1><p>${esc(line)}</p>${back ? `<p><a href="${esc(back)}">返回</a></p>` : ''}</section>`);
}

export const GONE_HEADING = '此岗位已撤销';
export const goneText = () => messagePage(GONE_HEADING, '该示范岗或责任区不存在或已撤销，感谢您的关注。');
