import { describe, expect, it } from 'vitest';
import {
  docxFile,
  elfFile,
  fileOf,
  gifFile,
  jpegFile,
  oleWordFile,
  pdfFile,
  pngFile,
  webpFile,
  xlsxFile,
  zipFile,
} from '../../../test/files';
import { checkBytes, checkUpload, cleanFileName, maxUploadBytes, uploadProblemMessage } from './uploads';

describe('evidence uploads are typed from their bytes', () => {
  it.each([
    ['report.pdf', pdfFile(), 'application/pdf'],
    ['screenshot.png', pngFile(), 'image/png'],
    ['photo.JPG', jpegFile, 'image/jpeg'],
    ['photo.jpeg', jpegFile, 'image/jpeg'],
    ['banner.gif', gifFile, 'image/gif'],
    ['banner.webp', webpFile, 'image/webp'],
    [
      '自查自评报告.docx',
      docxFile(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['old.doc', oleWordFile(), 'application/msword'],
  ])('accepts %s as %s', (name, bytes, mediaType) => {
    const checked = checkBytes(name, bytes);
    expect(checked).toMatchObject({ ok: true, mediaType });
  });

  it('accepts a workbook written by exceljs', async () => {
    const checked = checkBytes('抽查情况.xlsx', await xlsxFile());
    expect(checked).toMatchObject({
      ok: true,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('ignores the declared type: a PDF sent as image/png is still a PDF', async () => {
    const checked = await checkUpload(fileOf(pdfFile(), 'a.pdf', 'image/png'));
    expect(checked).toMatchObject({ ok: true, mediaType: 'application/pdf' });
  });

  it.each([
    ['a renamed executable', 'report.pdf', elfFile(), 'unknownType'],
    [
      'HTML posing as an image',
      'chart.png',
      new TextEncoder().encode('<html><script>alert(1)</script>'),
      'unknownType',
    ],
    ['a plain zip posing as Word', 'report.docx', zipFile({ 'payload.exe': 'MZ' }), 'unknownType'],
    ['a PNG named .pdf', 'report.pdf', pngFile(), 'mismatch'],
    ['a Word document named .xlsx', 'table.xlsx', docxFile(), 'mismatch'],
    ['a .doc named .xls', 'table.xls', oleWordFile(), 'mismatch'],
    [
      'a PDF header glued onto something else',
      'x.pdf',
      new TextEncoder().encode('%PDF-1.4\n' + 'x'.repeat(2000)),
      'unknownType',
    ],
    ['an empty file', 'empty.pdf', new Uint8Array(0), 'empty'],
  ])('refuses %s', (_label, name, bytes, code) => {
    const checked = checkBytes(name, bytes);
    expect(checked).toMatchObject({ ok: false, problem: { code } });
  });

  it('refuses a file over 20 MB before reading it', async () => {
    const big = new File([new Uint8Array(maxUploadBytes + 1)], 'big.pdf');
    const checked = await checkUpload(big);
    expect(checked).toMatchObject({ ok: false, problem: { code: 'tooLarge' } });
    if (!checked.ok)
      expect(uploadProblemMessage(checked.problem, 'zh')).toBe(
        '文件过大（20.0 MB），单个文件不得超过 20 MB。',
      );
  });

  it('explains a mismatch in Chinese', () => {
    const checked = checkBytes('report.pdf', pngFile());
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(uploadProblemMessage(checked.problem, 'zh')).toBe(
        '文件内容是PNG 图片，与扩展名“.pdf”不符，未保存。',
      );
  });

  it('keeps only the base name, without control characters', () => {
    expect(cleanFileName('C:\\Users\\a\\报告\u0000.pdf')).toBe('报告.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('"\u202e')).toBe('evidence');
  });
});
