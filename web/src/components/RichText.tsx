// Safe display of rich-text bodies (information entries, later manuscripts). The server already sanitises
// every body; as defence in depth the browser never inserts the HTML it receives. It parses it with
// DOMParser (an inert document: no script runs, no image loads) and rebuilds only allow-listed elements and
// attributes as React elements, so nothing can execute even if a stored body were hostile.
import { createElement, Fragment, type CSSProperties, type ReactNode } from 'react';

/** Elements kept as they are; everything else is unwrapped (its text kept) or dropped with its content. */
const ALLOWED = new Set([
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'code', 'pre', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
]);

/** Elements whose content is never text for people: removed together with everything inside. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'link', 'meta', 'base', 'title', 'head', 'form', 'input', 'button', 'select', 'textarea',
  'option', 'audio', 'video', 'source', 'track', 'canvas', 'picture', 'xml',
]);

/** Block-level wrappers from pasted pages (div, section …) become paragraphs rather than vanishing. */
const AS_PARAGRAPH = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'figcaption', 'address', 'center']);

const VOID = new Set(['br', 'hr', 'img']);

/**
 * Images only from our own attachment and photo routes (the server's sanitiser keeps the same, platform/richtext):
 * nothing loads from elsewhere, and no other API GET runs in the reader's name (an export, a list).
 */
const OWN_IMAGE_SRC = /^\/api\/v1\/(?:[A-Za-z0-9\-_~]+\/)+(?:attachments|photos)\/[A-Za-z0-9-]+(?:\?inline=(?:1|true))?$/;

export function safeImageSrc(raw: string | null): string | null {
  if (!raw) return null;
  // eslint-disable-next-line no-control-regex
  const src = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return OWN_IMAGE_SRC.test(src) ? src : null;
}

/**
 * Whether a link leads to one of our API routes other than an attachment or photo download. One click runs such a
 * GET in the reader's name (an unmasked export, say), so those links lose their href. The address is resolved
 * as the browser would follow it first, so `/x/../api/…`, `/api\\v1/…`, `/%61pi/…` and our own https:// origin
 * count too.
 */
function isOtherApiLink(href: string): boolean {
  const origin = window.location.origin;
  let url: URL;
  let path: string;
  try {
    url = new URL(href, origin);
    path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/').toLowerCase();
  } catch {
    return true; // not an address we can read: not one to keep
  }
  if (url.origin !== origin || (path !== '/api' && !path.startsWith('/api/'))) return false;
  return !OWN_IMAGE_SRC.test(url.pathname + url.search);
}

/**
 * http(s), mailto and same-site absolute paths only: no javascript:, data:, vbscript: or protocol-relative links,
 * and of our API only attachment and photo downloads (the server's sanitiser keeps the same, platform/richtext).
 */
export function safeHref(raw: string | null): string | null {
  if (!raw) return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so strip them first.
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const allowed =
    /^(https?:|mailto:)/i.test(href) || (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\')) || href.startsWith('#');
  return allowed && !isOtherApiLink(href) ? href : null;
}

function spanAttr(el: Element, name: string): number | undefined {
  const n = Number(el.getAttribute(name));
  return Number.isInteger(n) && n > 1 && n <= 100 ? n : undefined;
}

/** A clean element tree, independent of React, used by both the renderer and the editor. */
export type CleanNode =
  | { type: 'text'; text: string }
  | { type: 'element'; tag: string; attrs: Record<string, string>; children: CleanNode[] };

function cleanChildren(parent: Node): CleanNode[] {
  const out: CleanNode[] = [];
  parent.childNodes.forEach((child) => out.push(...cleanNode(child)));
  return out;
}

function cleanNode(node: Node): CleanNode[] {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ? [{ type: 'text', text: node.textContent }] : [];
  if (node.nodeType !== Node.ELEMENT_NODE) return []; // comments, processing instructions
  const el = node as Element;
  // Namespaced tags from Word (o:p, w:sdt) have a colon: unwrap them.
  const tag = el.localName.toLowerCase();
  if (DROPPED.has(tag)) return [];
  if (AS_PARAGRAPH.has(tag)) return [{ type: 'element', tag: 'p', attrs: {}, children: cleanChildren(el) }];
  if (tag === 'img') {
    const src = safeImageSrc(el.getAttribute('src'));
    if (!src) return [];
    return [{ type: 'element', tag, attrs: { src, alt: (el.getAttribute('alt') ?? '').slice(0, 200) }, children: [] }];
  }
  if (!ALLOWED.has(tag)) return cleanChildren(el);
  const attrs: Record<string, string> = {};
  if (tag === 'a') {
    const href = safeHref(el.getAttribute('href'));
    if (!href) return cleanChildren(el); // a link to nowhere safe keeps only its text
    attrs.href = href;
  }
  if (tag === 'td' || tag === 'th') {
    const colSpan = spanAttr(el, 'colspan');
    const rowSpan = spanAttr(el, 'rowspan');
    if (colSpan) attrs.colspan = String(colSpan);
    if (rowSpan) attrs.rowspan = String(rowSpan);
  }
  if (tag === 'ol') {
    const start = Number(el.getAttribute('start'));
    if (Number.isInteger(start) && start > 1 && start < 100000) attrs.start = String(start);
  }
  return [{ type: 'element', tag, attrs, children: VOID.has(tag) ? [] : cleanChildren(el) }];
}

/** Parses HTML in an inert document and keeps only the allow-list. */
export function parseRichText(html: string | null | undefined): CleanNode[] {
  if (!html) return [];
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return cleanChildren(doc.body);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function serialize(nodes: CleanNode[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text') return escapeText(n.text);
      const attrs = Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('');
      if (VOID.has(n.tag)) return `<${n.tag}${attrs}>`;
      return `<${n.tag}${attrs}>${serialize(n.children)}</${n.tag}>`;
    })
    .join('');
}

/** The allow-listed HTML of any input (for the editor: pasted content and its value out). */
export function sanitizeHtml(html: string | null | undefined): string {
  return serialize(parseRichText(html));
}

/** The visible text of a body, e.g. to check that something was written. */
export function richTextPlain(html: string | null | undefined): string {
  const walk = (nodes: CleanNode[]): string =>
    nodes.map((n) => (n.type === 'text' ? n.text : n.tag === 'br' ? '\n' : walk(n.children))).join('');
  return walk(parseRichText(html)).replace(/\u00a0/g, ' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive pattern matching any of the terms, longest first; null when there is none. */
export function termsPattern(terms: readonly string[] | undefined): RegExp | null {
  const clean = [...new Set((terms ?? []).map((t) => t.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (clean.length === 0) return null;
  return new RegExp(`(${clean.map(escapeRegExp).join('|')})`, 'gi');
}

const MARK_STYLE: CSSProperties = { padding: 0, background: '#ffe58f' };

function highlightText(text: string, pattern: RegExp | null, keyBase: string): ReactNode {
  if (!pattern) return text;
  const parts = text.split(pattern);
  if (parts.length === 1) return text;
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <mark key={`${keyBase}-${i}`} style={MARK_STYLE}>
        {part}
      </mark>
    ) : (
      <Fragment key={`${keyBase}-${i}`}>{part}</Fragment>
    ),
  );
}

/** Plain text with the search terms marked. */
export function Highlight({ text, terms }: { text: string | null | undefined; terms?: readonly string[] }) {
  return <>{highlightText(text ?? '', termsPattern(terms), 'h')}</>;
}

const REACT_ATTR: Record<string, string> = { colspan: 'colSpan', rowspan: 'rowSpan' };

function toReact(nodes: CleanNode[], pattern: RegExp | null, keyBase: string): ReactNode[] {
  return nodes.map((n, i) => {
    const key = `${keyBase}.${i}`;
    if (n.type === 'text') return <Fragment key={key}>{highlightText(n.text, pattern, key)}</Fragment>;
    const props: Record<string, unknown> = { key };
    for (const [k, v] of Object.entries(n.attrs)) props[REACT_ATTR[k] ?? k] = v;
    if (n.tag === 'a' && /^(https?:)?\/\//i.test(n.attrs.href ?? '')) {
      props.target = '_blank';
      props.rel = 'noopener noreferrer nofollow';
    }
    if (VOID.has(n.tag)) return createElement(n.tag, props);
    return createElement(n.tag, props, ...toReact(n.children, pattern, key));
  });
}

const BODY_CSS = `
.dj-richtext { line-height: 1.8; word-break: break-word; overflow-wrap: anywhere; }
.dj-richtext p { margin: 0 0 0.6em; }
.dj-richtext h1, .dj-richtext h2, .dj-richtext h3, .dj-richtext h4 { margin: 0.8em 0 0.4em; font-weight: 600; line-height: 1.4; }
.dj-richtext h1 { font-size: 1.4em; } .dj-richtext h2 { font-size: 1.25em; } .dj-richtext h3 { font-size: 1.12em; } .dj-richtext h4 { font-size: 1em; }
.dj-richtext ul, .dj-richtext ol { margin: 0 0 0.6em; padding-left: 1.6em; }
.dj-richtext blockquote { margin: 0 0 0.6em; padding: 0.2em 0.9em; border-left: 3px solid #d9d9d9; color: rgba(0,0,0,0.65); }
.dj-richtext table { border-collapse: collapse; margin-bottom: 0.6em; max-width: 100%; display: block; overflow-x: auto; }
.dj-richtext th, .dj-richtext td { border: 1px solid #d9d9d9; padding: 4px 8px; }
.dj-richtext pre { white-space: pre-wrap; background: #fafafa; padding: 8px; }
.dj-richtext img { max-width: 100%; height: auto; }
.dj-richtext > :last-child { margin-bottom: 0; }
`;

/** Shared styles of the rendered body and the editor surface (React 19 hoists and de-duplicates them). */
export function RichTextStyles() {
  return (
    <style href="dj-richtext" precedence="default">
      {BODY_CSS}
    </style>
  );
}

export interface RichTextProps {
  /** Server-sanitised HTML; anything off the allow-list is dropped again here. */
  html: string | null | undefined;
  /** Search terms to mark in the text. */
  highlight?: readonly string[];
  /** Shown when the body has no content. */
  empty?: ReactNode;
  style?: CSSProperties;
}

/** Renders a rich-text body through React elements built from the allow-list: never innerHTML. */
export function RichText({ html, highlight, empty = null, style }: RichTextProps) {
  const nodes = parseRichText(html);
  const hasText = richTextPlain(html).trim() !== '';
  return (
    <>
      <RichTextStyles />
      {hasText ? (
        <div className="dj-richtext" style={style}>
          {toReact(nodes, termsPattern(highlight), 'n')}
        </div>
      ) : (
        empty
      )}
    </>
  );
}
