// What an uploaded file really is, from its bytes: magic numbers, and for Office Open XML the entries
// listed in the zip's central directory (read here directly: a few dozen lines, no dependency). The name's
// extension must agree with the content, so a renamed program or web page is refused.
import { inflateRawSync } from 'node:zlib';

/** Families a module may accept for its attachments. */
export type AttachmentKind = 'pdf' | 'word' | 'excel' | 'powerpoint' | 'image' | 'text' | 'video';

export const DEFAULT_KINDS: AttachmentKind[] = ['pdf', 'word', 'excel', 'image'];

const KIND_LABELS: Record<AttachmentKind, string> = { pdf: 'PDF', word: 'Word', excel: 'Excel', powerpoint: 'PPT', image: '图片', text: '文本（TXT、CSV）', video: '视频（MP4、WebM）' };

/** The formats we recognise; doc/xls/ppt share the OLE compound-file container. */
export type FileFormat = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt' | 'txt' | 'csv' | 'mp4' | 'webm';

interface FormatInfo { mime: string; exts: string[]; kind: AttachmentKind }

export const FORMATS: Record<FileFormat, FormatInfo> = {
  pdf: { mime: 'application/pdf', exts: ['pdf'], kind: 'pdf' },
  png: { mime: 'image/png', exts: ['png'], kind: 'image' },
  jpeg: { mime: 'image/jpeg', exts: ['jpg', 'jpeg', 'jpe'], kind: 'image' },
  gif: { mime: 'image/gif', exts: ['gif'], kind: 'image' },
  webp: { mime: 'image/webp', exts: ['webp'], kind: 'image' },
  bmp: { mime: 'image/bmp', exts: ['bmp'], kind: 'image' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'], kind: 'word' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'], kind: 'excel' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', exts: ['pptx'], kind: 'powerpoint' },
  doc: { mime: 'application/msword', exts: ['doc'], kind: 'word' },
  xls: { mime: 'application/vnd.ms-excel', exts: ['xls'], kind: 'excel' },
  ppt: { mime: 'application/vnd.ms-powerpoint', exts: ['ppt'], kind: 'powerpoint' },
  txt: { mime: 'text/plain', exts: ['txt'], kind: 'text' },
  csv: { mime: 'text/csv', exts: ['csv'], kind: 'text' },
  mp4: { mime: 'video/mp4', exts: ['mp4', 'm4v'], kind: 'video' },
  webm: { mime: 'video/webm', exts: ['webm'], kind: 'video' },
};

const TEXT_FORMATS = new Set<FileFormat>(['txt', 'csv']);

/**
 * What the bytes are, as far as magic numbers, zip entries and OLE streams tell. 'ole' and 'zip' are
 * containers with nothing we accept inside; 'encryptedOoxml' is a password-protected .docx/.xlsx/.pptx.
 */
export type Detected = Exclude<FileFormat, 'txt' | 'csv'> | 'ole' | 'zip' | 'encryptedOoxml';

const startsWith = (data: Buffer, bytes: number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
const ascii = (data: Buffer, from: number, to: number) => data.subarray(from, to).toString('latin1');

export function detectContent(data: Buffer): Detected | null {
  if (ascii(data, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return 'webp';
  if (isBmp(data)) return 'bmp';
  if (isMp4(data)) return 'mp4';
  // WebM (like Matroska) starts with the EBML header's magic; a video's first bytes are enough to tell.
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Legacy Office files and installers (.msi) share this container: the stream names tell them apart.
    const streams = oleStreamNames(data);
    if (!streams) return null;
    if (streams.has('WordDocument')) return 'doc';
    if (streams.has('Workbook') || streams.has('Book')) return 'xls';
    if (streams.has('PowerPoint Document')) return 'ppt';
    // A password-protected .docx/.xlsx/.pptx is an OLE file holding the encrypted package.
    if (streams.has('EncryptedPackage') && streams.has('EncryptionInfo')) return 'encryptedOoxml';
    return 'ole';
  }
  // A zip must start with a local header: an executable with a zip appended (self-extracting) is not one.
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(data);
    if (!names) return null;
    const has = (n: string) => names.has(n);
    // Macros belong in .docm/.xlsm/.pptm, which we do not take; Office refuses such a file named .docx anyway.
    const macros = [...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
    if (has('[Content_Types].xml') && !macros) {
      if (has('word/document.xml')) return 'docx';
      if (has('xl/workbook.xml')) return 'xlsx';
      if (has('ppt/presentation.xml')) return 'pptx';
    }
    return 'zip';
  }
  // PDF readers accept the header anywhere in the first KiB (some generators write a preamble).
  if (data.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') !== -1) return 'pdf';
  return null;
}

/** HEIF and AVIF photos share the ISO box layout: their brands are images, not videos. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** An ISO base media file (MP4, M4V, MOV): the first box is 'ftyp' (at byte 4), its major brand follows. */
function isMp4(data: Buffer): boolean {
  return data.length >= 12 && ascii(data, 4, 8) === 'ftyp' && !IMAGE_BRANDS.has(ascii(data, 8, 12));
}

function isBmp(data: Buffer): boolean {
  if (data.length < 26 || ascii(data, 0, 2) !== 'BM') return false;
  // 'BM' alone is too weak: also require a known DIB header size and a plausible pixel offset.
  const dib = data.readUInt32LE(14);
  const offset = data.readUInt32LE(10);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib) && offset >= 14 + dib && offset <= data.length;
}

const FREE_OR_END = 0xfffffffa; // sector ids from here up are markers (free, end of chain, FAT, DIFAT)

/**
 * Names of the entries in an OLE compound file's directory (MS-CFB): the FAT is collected from the header's
 * DIFAT and its chain, then the directory's sector chain is followed. null when the structure is broken.
 */
export function oleStreamNames(data: Buffer): Set<string> | null {
  if (data.length < 512 || data.readUInt16LE(28) !== 0xfffe) return null;
  const shift = data.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectors = Math.floor((data.length - size) / size) + (data.length % size ? 1 : 0);
  const sectorAt = (id: number) => (id < sectors ? data.subarray((id + 1) * size, Math.min((id + 2) * size, data.length)) : null);

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const id = data.readUInt32LE(76 + i * 4);
    if (id < FREE_OR_END) fatSectors.push(id);
  }
  let difat = data.readUInt32LE(68);
  for (let guard = 0; difat < FREE_OR_END && guard <= sectors; guard++) {
    const sec = sectorAt(difat);
    if (!sec || sec.length < size) return null;
    for (let i = 0; i < size / 4 - 1; i++) {
      const id = sec.readUInt32LE(i * 4);
      if (id < FREE_OR_END) fatSectors.push(id);
    }
    difat = sec.readUInt32LE(size - 4);
  }
  const fat: number[] = [];
  for (const id of fatSectors) {
    const sec = sectorAt(id);
    if (!sec) return null;
    for (let i = 0; i + 4 <= sec.length; i += 4) fat.push(sec.readUInt32LE(i));
  }

  const names = new Set<string>();
  let dir = data.readUInt32LE(48);
  for (let guard = 0; dir < FREE_OR_END; guard++) {
    const sec = sectorAt(dir);
    if (!sec || guard > sectors) return null;
    for (let at = 0; at + 128 <= sec.length; at += 128) {
      const len = sec.readUInt16LE(at + 64);
      const type = sec[at + 66];
      if ((type === 1 || type === 2) && len >= 2 && len <= 64) names.add(sec.subarray(at, at + len - 2).toString('utf16le'));
    }
    dir = fat[dir] ?? 0xfffffffe;
  }
  return names.size ? names : null;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;

/** One entry of a zip's central directory: where its data starts (its local header) and how it is stored. */
interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  localHeader: number;
}

/**
 * Names in a zip's central directory, found through the end-of-central-directory record (zip64 too);
 * null when the structure is not a readable zip.
 */
export function zipEntryNames(data: Buffer): Set<string> | null {
  const entries = zipEntries(data);
  return entries && new Set(entries.map((e) => e.name));
}

/**
 * Whether the entries of a zip inflate to at most `maxBytes` in all, found by inflating them (never trusting the
 * sizes the zip declares) with a cap on the output: a small upload that inflates to hundreds of megabytes (an
 * expansion bomb) is refused before a parser holds it in memory. 'unreadable' when it is not a zip we can read.
 */
export function zipInflatedSize(data: Buffer, maxBytes: number): 'within' | 'tooLarge' | 'unreadable' {
  const entries = zipEntries(data);
  if (!entries) return 'unreadable';
  let budget = maxBytes;
  for (const e of entries) {
    if (e.localHeader + 30 > data.length || data.readUInt32LE(e.localHeader) !== LOCAL) return 'unreadable';
    const start = e.localHeader + 30 + data.readUInt16LE(e.localHeader + 26) + data.readUInt16LE(e.localHeader + 28);
    if (start + e.compressedSize > data.length) return 'unreadable';
    const raw = data.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = raw.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(raw, { maxOutputLength: budget + 1 }).length;
      } catch (err) {
        return err instanceof RangeError ? 'tooLarge' : 'unreadable';
      }
    } else return 'unreadable';
    budget -= size;
    if (budget < 0) return 'tooLarge';
  }
  return 'within';
}

function zipEntries(data: Buffer): ZipEntry[] | null {
  const minEocd = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= minEocd; i--) {
    // The comment length must reach exactly to the end, which rules out the signature inside a comment.
    if (data.readUInt32LE(i) === EOCD && i + 22 + data.readUInt16LE(i + 20) === data.length) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  let entries = data.readUInt16LE(eocd + 10);
  let size = data.readUInt32LE(eocd + 12);
  let offset = data.readUInt32LE(eocd + 16);
  if ((entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) && eocd >= 20 && data.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = Number(data.readBigUInt64LE(eocd - 20 + 8));
    if (at + 56 > data.length || data.readUInt32LE(at) !== EOCD64) return null;
    entries = Number(data.readBigUInt64LE(at + 32));
    size = Number(data.readBigUInt64LE(at + 40));
    offset = Number(data.readBigUInt64LE(at + 48));
  }
  if (entries > MAX_ENTRIES || offset + size > data.length) return null;
  const out: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > offset + size || data.readUInt32LE(p) !== CENTRAL) return null;
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    if (p + 46 + nameLen > data.length) return null;
    out.push({
      name: data.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      method: data.readUInt16LE(p + 10),
      compressedSize: data.readUInt32LE(p + 20),
      localHeader: data.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Text we accept for .txt/.csv: UTF-8 (or GB18030, which Chinese Excel writes) without binary control bytes. */
function looksLikeText(data: Buffer): boolean {
  // eslint-disable-next-line no-control-regex -- binary content shows as control bytes
  if (/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/.test(data.toString('latin1'))) return false;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(data);
      return true;
    } catch {
      // try the next encoding
    }
  }
  return false;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function formatOfExtension(ext: string): FileFormat | undefined {
  return (Object.keys(FORMATS) as FileFormat[]).find((f) => FORMATS[f].exts.includes(ext));
}

export type CheckResult =
  | { ok: true; format: FileFormat; mime: string; kind: AttachmentKind; name: string }
  | { ok: false; problem: 'unsupported' | 'mismatch' };

/**
 * Checks the content against the name's extension and the accepted kinds. An image whose extension names
 * another image format (a phone's .jpg that is really WebP) is accepted and its name corrected; a name
 * without extension gets the detected one. Anything else that disagrees is a mismatch.
 */
export function checkContent(data: Buffer, name: string, kinds: readonly AttachmentKind[] = DEFAULT_KINDS): CheckResult {
  const ext = extensionOf(name);
  const detected = detectContent(data);
  const accept = (format: FileFormat, fixName = false): CheckResult => {
    const info = FORMATS[format];
    if (!kinds.includes(info.kind)) return { ok: false, problem: 'unsupported' };
    const base = fixName && ext ? name.slice(0, name.length - ext.length - 1) : name;
    return { ok: true, format, mime: info.mime, kind: info.kind, name: fixName ? `${base}.${info.exts[0]}` : name };
  };

  if (!ext) {
    // No extension at all (common for files saved from chat apps): trust a definite content type.
    if (detected && detected !== 'ole' && detected !== 'zip' && detected !== 'encryptedOoxml') return accept(detected, true);
    return { ok: false, problem: 'unsupported' };
  }
  const claimed = formatOfExtension(ext);
  if (!claimed || !kinds.includes(FORMATS[claimed].kind)) return { ok: false, problem: 'unsupported' };
  if (detected === 'encryptedOoxml' && (claimed === 'docx' || claimed === 'xlsx' || claimed === 'pptx')) return accept(claimed);
  if (TEXT_FORMATS.has(claimed)) return detected === null && looksLikeText(data) ? accept(claimed) : { ok: false, problem: 'mismatch' };
  if (detected === claimed) return accept(claimed);
  if (FORMATS[claimed].kind === 'image' && detected && detected !== 'ole' && detected !== 'zip' && detected !== 'encryptedOoxml' && FORMATS[detected].kind === 'image') {
    return accept(detected, true);
  }
  return { ok: false, problem: 'mismatch' };
}

/** "不支持的文件类型：仅支持 PDF、Word、Excel 和图片" for the accepted kinds, spaced as Chinese text spaces Latin words. */
export function unsupportedMessage(kinds: readonly AttachmentKind[]): string {
  const labels = (Object.keys(KIND_LABELS) as AttachmentKind[]).filter((k) => kinds.includes(k)).map((k) => KIND_LABELS[k]);
  const joined = labels.length > 1 ? `${labels.slice(0, -1).join('、')}和${labels[labels.length - 1]}` : (labels[0] ?? '');
  return `不支持的文件类型：仅支持${joined}`.replace(/([A-Za-z])([\u4e00-\u9fff])/g, '$1 $2').replace(/([\u4e00-\u9fff])([A-Za-z])/g, '$1 $2');
}
