// Content sniffing with real minimal files: what each upload really is, and whether its name may say so.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkContent, detectContent, unsupportedMessage, zipEntryNames } from './sniff.js';
import { cleanFileName, contentDisposition } from './index.js';
import { makeZip, sampleBmp, sampleDocx, sampleExe, sampleGif, sampleJpeg, sampleMp4, samplePdf, samplePng, samplePptx, sampleOle, sampleWebm, sampleWebp } from './testing.js';

async function sampleXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('党费').addRow(['姓名', '金额']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const ALL = ['pdf', 'word', 'excel', 'powerpoint', 'image', 'text'] as const;

describe('platform/files: content sniffing', () => {
  it('tells a video by its first bytes: MP4 by its ftyp box, WebM by the EBML magic; a HEIC photo is not a video', () => {
    expect(detectContent(sampleMp4().subarray(0, 16))).toBe('mp4');
    expect(detectContent(sampleWebm().subarray(0, 16))).toBe('webm');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(16)]);
    expect(detectContent(heic)).toBeNull();
    expect(checkContent(sampleMp4(), '党课.mp4', ['video'])).toMatchObject({ ok: true, mime: 'video/mp4', name: '党课.mp4' });
    expect(checkContent(sampleMp4(), '党课.m4v', ['video'])).toMatchObject({ ok: true, mime: 'video/mp4' });
    expect(checkContent(sampleWebm(), '党课.webm', ['video'])).toMatchObject({ ok: true, mime: 'video/webm' });
    // A name without extension gets the detected one.
    expect(checkContent(sampleWebm(), '党课', ['video'])).toMatchObject({ ok: true, name: '党课.webm' });
    // Renamed files are refused, either way round; videos are not among the default attachment kinds.
    expect(checkContent(samplePdf(), '党课.mp4', ['video'])).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleExe(), '党课.webm', ['video'])).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleWebm(), '党课.mp4', ['video'])).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleMp4(), '党课.mp4')).toEqual({ ok: false, problem: 'unsupported' });
    expect(unsupportedMessage(['video'])).toBe('不支持的文件类型：仅支持视频（MP4、WebM）');
  });

  it('recognises each format by its bytes', async () => {
    expect(detectContent(samplePdf())).toBe('pdf');
    expect(detectContent(samplePng())).toBe('png');
    expect(detectContent(sampleJpeg())).toBe('jpeg');
    expect(detectContent(sampleGif())).toBe('gif');
    expect(detectContent(sampleWebp())).toBe('webp');
    expect(detectContent(sampleBmp())).toBe('bmp');
    expect(detectContent(sampleDocx())).toBe('docx');
    expect(detectContent(await sampleXlsx())).toBe('xlsx');
    expect(detectContent(samplePptx())).toBe('pptx');
    expect(detectContent(sampleOle(['WordDocument', '\u0005SummaryInformation']))).toBe('doc');
    expect(detectContent(sampleOle(['Workbook']))).toBe('xls');
    expect(detectContent(sampleOle(['PowerPoint Document']))).toBe('ppt');
    expect(detectContent(sampleOle(['EncryptionInfo', 'EncryptedPackage']))).toBe('encryptedOoxml');
    expect(detectContent(sampleOle(['\u0005SummaryInformation', 'Property']))).toBe('ole');
    expect(detectContent(sampleOle(['Workbook'], { manyFatSectors: true }))).toBe('xls');
    // Only the signature: no readable directory, not a document.
    expect(detectContent(Buffer.concat([sampleOle().subarray(0, 8), Buffer.alloc(1024)]))).toBeNull();
    expect(detectContent(makeZip([{ name: 'a.txt', content: 'x' }]))).toBe('zip');
    expect(detectContent(HTML)).toBeNull();
    expect(detectContent(sampleExe())).toBeNull();
    expect(detectContent(Buffer.from('BM not really a bitmap at all......'))).toBeNull();
  });

  it('reads the zip central directory, also behind a comment that contains a fake end record', () => {
    const fakeEnd = Buffer.alloc(22);
    fakeEnd.writeUInt32LE(0x06054b50, 0);
    const zip = makeZip([{ name: 'word/document.xml', content: '<w/>' }, { name: '[Content_Types].xml', content: '<t/>' }], { comment: `注释${fakeEnd.toString('latin1')}结尾` });
    expect([...zipEntryNames(zip)!]).toEqual(['word/document.xml', '[Content_Types].xml']);
    expect(zipEntryNames(Buffer.from('PK\x03\x04 truncated', 'latin1'))).toBeNull();
    // A truncated central directory is not a zip.
    const ok = sampleDocx();
    expect(zipEntryNames(ok.subarray(0, ok.length - 30))).toBeNull();
  });

  it('accepts files whose extension agrees with their content, with the detected mime', async () => {
    const cases: [string, Buffer, string][] = [
      ['通知.pdf', samplePdf(), 'application/pdf'],
      ['合影.PNG', samplePng(), 'image/png'],
      ['照片.jpeg', sampleJpeg(), 'image/jpeg'],
      ['照片.jpg', sampleJpeg(), 'image/jpeg'],
      ['动图.gif', sampleGif(), 'image/gif'],
      ['图.webp', sampleWebp(), 'image/webp'],
      ['图.bmp', sampleBmp(), 'image/bmp'],
      ['方案.docx', sampleDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['党费.xlsx', await sampleXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['旧方案.doc', sampleOle(['WordDocument']), 'application/msword'],
      ['旧表格.xls', sampleOle(['Workbook']), 'application/vnd.ms-excel'],
      ['加密方案.docx', sampleOle(['EncryptionInfo', 'EncryptedPackage']), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [name, data, mime] of cases) {
      expect(checkContent(data, name), name).toEqual({ ok: true, format: expect.any(String), mime, kind: expect.any(String), name });
    }
  });

  it('refuses a renamed program, a web page named .png, a zip named .docx and crossed Office formats', async () => {
    expect(checkContent(sampleExe(), '红头文件.pdf')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(HTML, '照片.png')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(makeZip([{ name: 'evil.js', content: 'x' }]), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(makeZip([{ name: '[Content_Types].xml', content: '<t/>' }, { name: 'xl/workbook.xml', content: '<w/>' }]), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleDocx(), '表格.xlsx')).toEqual({ ok: false, problem: 'mismatch' });
    // A macro-enabled document (.docm) renamed to .docx.
    const docm = makeZip([{ name: '[Content_Types].xml', content: '<t/>' }, { name: 'word/document.xml', content: '<w/>' }, { name: 'word/vbaProject.bin', content: 'Attribute VB_Name' }]);
    expect(checkContent(docm, '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(await sampleXlsx(), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(samplePdf(), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleOle(), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleOle(['Workbook']), '旧方案.doc')).toEqual({ ok: false, problem: 'mismatch' });
    // An installer (.msi is an OLE file too) renamed to .doc.
    expect(checkContent(sampleOle(['\u0005SummaryInformation', '䡀㬿䏲䐸䖱']), '旧方案.doc')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(sampleDocx(), '旧方案.doc')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(samplePng(), '通知.pdf')).toEqual({ ok: false, problem: 'mismatch' });
    // A self-extracting archive: a program with an Office zip appended is still a program.
    expect(checkContent(makeZip([{ name: '[Content_Types].xml', content: '<t/>' }, { name: 'word/document.xml', content: '<w/>' }], { prefix: sampleExe() }), '方案.docx')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(Buffer.from('就是一段文字'), '通知.pdf')).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('refuses types outside the accepted kinds, by extension, whatever the content', () => {
    expect(checkContent(sampleExe(), 'setup.exe')).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(HTML, 'page.html')).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(makeZip([{ name: 'a', content: 'b' }]), '资料.zip')).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(Buffer.from('姓名,金额\n张三,100\n'), '党费.csv')).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(samplePptx(), '课件.pptx')).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(samplePdf(), '通知.pdf', ['image'])).toEqual({ ok: false, problem: 'unsupported' });
    expect(checkContent(sampleExe(), '无扩展名')).toEqual({ ok: false, problem: 'unsupported' });
  });

  it('optional kinds: PowerPoint and plain text (UTF-8 or GB18030, no binary)', () => {
    expect(checkContent(samplePptx(), '课件.pptx', ALL)).toMatchObject({ ok: true, mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
    expect(checkContent(sampleOle(['PowerPoint Document']), '旧课件.ppt', ALL)).toMatchObject({ ok: true, mime: 'application/vnd.ms-powerpoint' });
    expect(checkContent(Buffer.from('姓名,金额\n张三,100\n'), '党费.csv', ALL)).toMatchObject({ ok: true, mime: 'text/csv' });
    expect(checkContent(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x0a]), '党费.csv', ALL)).toMatchObject({ ok: true }); // "姓名," in GBK
    expect(checkContent(Buffer.from('说明'), '说明.txt', ALL)).toMatchObject({ ok: true, mime: 'text/plain' });
    expect(checkContent(sampleExe(), '说明.txt', ALL)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkContent(samplePdf(), '说明.txt', ALL)).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('an image under another image extension is accepted and renamed; a name without extension gets one', () => {
    expect(checkContent(sampleWebp(), '微信图片.jpg')).toMatchObject({ ok: true, mime: 'image/webp', name: '微信图片.webp' });
    expect(checkContent(samplePng(), '截图.JPG')).toMatchObject({ ok: true, mime: 'image/png', name: '截图.png' });
    expect(checkContent(samplePdf(), '会议纪要')).toMatchObject({ ok: true, mime: 'application/pdf', name: '会议纪要.pdf' });
    expect(checkContent(samplePdf(), '会议纪要', ['image'])).toEqual({ ok: false, problem: 'unsupported' });
  });

  it('says in Chinese which types are accepted', () => {
    expect(unsupportedMessage(['pdf', 'word', 'excel', 'image'])).toBe('不支持的文件类型：仅支持 PDF、Word、Excel 和图片');
    expect(unsupportedMessage(['image'])).toBe('不支持的文件类型：仅支持图片');
    expect(unsupportedMessage(['image', 'pdf'])).toBe('不支持的文件类型：仅支持 PDF 和图片');
  });
});

describe('platform/files: file names and download headers', () => {
  it('strips paths, control and direction characters, keeps Chinese, caps the length with the extension', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\书记\\党建 工作\t 报告.docx')).toBe('党建 工作 报告.docx');
    expect(cleanFileName('发票\u202Efdp.exe')).toBe('发票fdp.exe');
    expect(cleanFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(cleanFileName('  .hidden.pdf  ')).toBe('hidden.pdf');
    expect(cleanFileName('问题?<>|*.pdf')).toBe('问题_____.pdf');
    expect(cleanFileName('...')).toBe('');
    const long = cleanFileName(`${'很长的文件名'.repeat(40)}.docx`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('Content-Disposition carries the UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('支部 名单(1).xlsx', false)).toBe(`attachment; filename="__ __(1).xlsx"; filename*=UTF-8''%E6%94%AF%E9%83%A8%20%E5%90%8D%E5%8D%95%281%29.xlsx`);
    expect(contentDisposition('a"b;c.png', true)).toBe(`inline; filename="a_b_c.png"; filename*=UTF-8''a%22b%3Bc.png`);
  });
});
