// Real minimal files and multipart bodies for tests (this module's and the modules that take attachments).
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip built the way Office writes one (deflated entries, central directory, end record). */
export function makeZip(entries: { name: string; content: string | Buffer }[], opts: { prefix?: Buffer; comment?: string } = {}): Buffer {
  const prefix = opts.prefix ?? Buffer.alloc(0);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = prefix.length;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8');
    const packed = deflateRawSync(raw);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const comment = Buffer.from(opts.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([prefix, ...locals, cd, end, comment]);
}

const CT = (main: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`
  + `<Override PartName="/${main}" ContentType="${type}"/></Types>`;
const RELS = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
  + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`;

/** A minimal Word document that Word opens: one paragraph. */
export function sampleDocx(text = '关于开展主题党日活动的通知'): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', content: CT('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') },
    { name: '_rels/.rels', content: RELS('word/document.xml') },
    { name: 'word/document.xml', content: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>` },
  ]);
}

/** The container of a PowerPoint file (enough for sniffing). */
export function samplePptx(): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', content: CT('ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml') },
    { name: '_rels/.rels', content: RELS('ppt/presentation.xml') },
    { name: 'ppt/presentation.xml', content: '<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>' },
  ]);
}

/** A complete one-page PDF (header, objects, xref, trailer). */
export function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** 1×1 pixel images in each format we accept. */
export const samplePng = () => Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const sampleGif = () => Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
export const sampleWebp = () => Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
export const sampleJpeg = () => Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
export function sampleBmp(): Buffer {
  const b = Buffer.alloc(58);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(58, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(1, 18);
  b.writeInt32LE(1, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(4, 34);
  return b;
}
/**
 * A real (tiny) OLE compound file, the container of legacy .doc/.xls/.ppt, with the named streams in its
 * directory: 'WordDocument' makes a .doc, 'Workbook' an .xls, 'PowerPoint Document' a .ppt. With manyFatSectors
 * the FAT has 110 sectors, one more than the header lists, so the last one is found through a DIFAT sector
 * (the layout of files over about 7 MB).
 */
export function sampleOle(streams: string[] = ['WordDocument'], opts: { manyFatSectors?: boolean } = {}): Buffer {
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const fatCount = opts.manyFatSectors ? 110 : 1;
  const difatSector = opts.manyFatSectors ? fatCount : -1;
  const dirSector = opts.manyFatSectors ? fatCount + 1 : fatCount;
  const b = Buffer.alloc(512 * (dirSector + 2), 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x3e, 24);
  b.writeUInt16LE(3, 26);
  b.writeUInt16LE(0xfffe, 28);
  b.writeUInt16LE(9, 30);
  b.writeUInt16LE(6, 32);
  b.writeUInt32LE(fatCount, 44);
  b.writeUInt32LE(dirSector, 48);
  b.writeUInt32LE(4096, 56);
  b.writeUInt32LE(END, 60);
  b.writeUInt32LE(difatSector >= 0 ? difatSector : END, 68);
  b.writeUInt32LE(difatSector >= 0 ? 1 : 0, 72);
  for (let i = 0; i < 109; i++) b.writeUInt32LE(i < fatCount ? i : FREE, 76 + i * 4);
  const sector = (n: number) => 512 * (n + 1);
  // The FAT: its own sectors, the DIFAT sector, and the directory as a one-sector chain; the rest free.
  const fat = (n: number, v: number) => b.writeUInt32LE(v, sector(Math.floor(n / 128)) + (n % 128) * 4);
  for (let n = 0; n < fatCount * 128; n++) fat(n, FREE);
  for (let n = 0; n < fatCount; n++) fat(n, 0xfffffffd);
  if (difatSector >= 0) {
    fat(difatSector, 0xfffffffc);
    for (let i = 0; i < 128; i++) b.writeUInt32LE(FREE, sector(difatSector) + i * 4);
    for (let n = 109; n < fatCount; n++) b.writeUInt32LE(n, sector(difatSector) + (n - 109) * 4);
    b.writeUInt32LE(END, sector(difatSector) + 508);
  }
  fat(dirSector, END);
  // Directory: the root, whose child is the first stream; each stream's right sibling is the next one.
  const names = ['Root Entry', ...streams];
  for (let i = 0; i < 4; i++) {
    const at = sector(dirSector) + i * 128;
    b.writeUInt32LE(FREE, at + 68);
    b.writeUInt32LE(FREE, at + 72);
    b.writeUInt32LE(FREE, at + 76);
    if (i >= names.length) continue;
    b.write(names[i]!, at, 'utf16le');
    b.writeUInt16LE((names[i]!.length + 1) * 2, at + 64);
    b[at + 66] = i === 0 ? 5 : 2;
    b[at + 67] = 1; // black
    if (i > 0 && i + 1 < names.length) b.writeUInt32LE(i + 1, at + 72);
    if (i === 0 && streams.length) b.writeUInt32LE(1, at + 76);
    b.writeUInt32LE(END, at + 116);
  }
  return b;
}
/** Filler after a video's header: a pattern that repeats every 251 bytes, so a misplaced byte range shows. */
function filler(size: number): Buffer {
  return Buffer.from(Array.from({ length: Math.max(size, 0) }, (_, i) => i % 251));
}
/** An MP4 as far as its type goes: the 'ftyp' box (brand isom) at the start, then `size` bytes in all. */
export function sampleMp4(size = 4096): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\x00\x00\x02\x00isomiso2', 'latin1')]);
  return Buffer.concat([ftyp, filler(size - ftyp.length)]);
}
/** A WebM as far as its type goes: the EBML magic, then `size` bytes in all. */
export function sampleWebm(size = 4096): Buffer {
  const head = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81]);
  return Buffer.concat([head, filler(size - head.length)]);
}

/** The start of a Windows program (what a renamed .exe looks like). */
export const sampleExe = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)]);

/** A multipart/form-data body with one file (or none), as a browser sends it. */
export function multipart(file: { name: string; data: Buffer; field?: string; type?: string } | null, fields: Record<string, string> = {}): { payload: Buffer; contentType: string } {
  const boundary = `----djfiles${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
