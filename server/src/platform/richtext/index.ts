// Rich-text bodies written in the web editor: an allow-list sanitiser (everything not listed is dropped,
// never escaped-and-kept) and the plain text of a body for search indexing, previews and exports.
import sanitizeHtml from 'sanitize-html';

const BLOCK_TAGS = ['p', 'div', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'];
const INLINE_TAGS = ['br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'img', 'span'];

/** Tags whose whole content goes with them: raw text, foreign content (svg/math) and active content. */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed', 'noframes', 'plaintext', 'template',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'form', 'button', 'input', 'meta', 'link',
  'base', 'head', 'title',
];

const ALIGN = [/^(left|right|center|justify)$/];

/**
 * Images may only show our own attachments: a same-origin path ending in `/attachments/<id>` or `/photos/<id>`, which
 * the owner's file route serves with its access check. Never an external address (tracking, mixed content), a
 * data: URL, or any other API GET: a reader's browser would run it in the reader's name (an export, say), forging
 * the reader's trail in the audit log. web/src/components/RichText.tsx applies the same rule when drawing.
 */
const OWN_IMAGE_SRC = /^\/api\/v1\/(?:[A-Za-z0-9\-_~]+\/)+(?:attachments|photos)\/[A-Za-z0-9-]+(?:\?inline=(?:1|true))?$/;

export function isOwnAttachmentPath(src: string): boolean {
  return OWN_IMAGE_SRC.test(src) && !src.split(/[/?]/).some((seg) => seg === '..' || seg === '.' || /%2e|%2f|%5c/i.test(seg));
}

/**
 * A link's href as kept, or undefined: one that leads into our API (on any host, however spelled: dot segments,
 * backslashes, percent-escapes, case) survives only as an attachment or photo download, because a click runs that
 * GET in the reader's name just as an image would. Schemes are sanitize-html's allow-list above.
 */
export function keptHref(raw: string): string | undefined {
  const href = raw.trim();
  if (/^mailto:/i.test(href)) return href;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(href, 'http://relative.invalid').pathname);
  } catch {
    return undefined;
  }
  if (/^\/+api(?:[/\\]|$)/i.test(pathname)) return isOwnAttachmentPath(href) ? href : undefined;
  return href;
}

const SPAN = /^[1-9][0-9]?$/; // 1..99 rows/columns

function cellTransform(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const a of ['colspan', 'rowspan']) {
    const v = attribs[a]?.trim();
    if (v && SPAN.test(v)) out[a] = v;
  }
  if (attribs.style !== undefined) out.style = attribs.style;
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...BLOCK_TAGS, ...INLINE_TAGS],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    p: ['style'],
    div: ['style'],
    h1: ['style'],
    h2: ['style'],
    h3: ['style'],
    h4: ['style'],
  },
  allowedStyles: { '*': { 'text-align': ALIGN } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'formaction', 'xlink:href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  parseStyleAttributes: true,
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    // Our own rel/target replace whatever came in: a link opens in a new tab without access to this window.
    a: (tagName, attribs) => {
      const href = attribs.href === undefined ? undefined : keptHref(attribs.href);
      return { tagName, attribs: { ...(href !== undefined ? { href } : {}), rel: 'noopener noreferrer', target: '_blank' } };
    },
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      // An image that is not one of ours loses its src, and exclusiveFilter then drops it. (Renaming it to a
      // disallowed tag instead would make sanitize-html close the parent with that name.)
      if (!isOwnAttachmentPath(src)) return { tagName, attribs: {} };
      const out: sanitizeHtml.Attributes = { src };
      if (attribs.alt) out.alt = attribs.alt;
      for (const d of ['width', 'height']) if (/^[0-9]{1,4}$/.test(attribs[d] ?? '')) out[d] = attribs[d]!;
      return { tagName, attribs: out };
    },
    td: cellTransform,
    th: cellTransform,
  },
};

/** Allow-list sanitiser for bodies written in the rich-text editor: no scripts, event handlers, javascript:/data: links, styles that hide content. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html ?? '', OPTIONS).trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const LINE_BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'hr']);

/**
 * Plain text of a body (sanitised first, so any input is safe): block elements become line breaks,
 * list items get a bullet or their number, table cells are separated by tabs, entities are decoded.
 */
export function richTextToPlain(html: string): string {
  const clean = sanitizeRichText(html);
  // In sanitised output every '<' starts a real tag (text '<' is escaped as &lt;).
  const tokens = clean.split(/(<[^>]*>)/);
  const lists: { ordered: boolean; n: number }[] = [];
  let out = '';
  let cellInRow = 0;
  for (const tok of tokens) {
    if (!tok) continue;
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(tok);
    if (!tag) {
      out += decodeEntities(tok.replace(/\s+/g, ' ')).replace(/\u00a0/g, ' ');
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (name === 'br') out += '\n';
    else if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', n: 0 });
      out += '\n';
    } else if (name === 'li') {
      if (closing) out += '\n';
      else {
        const list = lists[lists.length - 1];
        out += `\n${list?.ordered ? `${++list.n}. ` : '• '}`;
      }
    } else if (name === 'tr') {
      cellInRow = 0;
      out += '\n';
    } else if (name === 'td' || name === 'th') {
      if (!closing && cellInRow++ > 0) out += '\t';
    } else if (LINE_BLOCKS.has(name)) out += '\n';
  }
  return out
    .split('\n')
    .map((line) => line.replace(/ +/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
