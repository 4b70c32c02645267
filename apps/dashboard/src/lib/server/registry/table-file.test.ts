import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  formatNumber,
  mapHeaders,
  parseCsv,
  readTableBytes,
  readTableFile,
  type ColumnSpec,
} from './table-file';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** GB18030 bytes of 网站名称,首页网址 / 测试网站,https://a.gov.cn (built by hand: Node has no GB18030 encoder) */
const gbkHeader = [0xcd, 0xf8, 0xd5, 0xbe, 0xc3, 0xfb, 0xb3, 0xc6]; // 网站名称
const gbkHome = [0xca, 0xd7, 0xd2, 0xb3, 0xcd, 0xf8, 0xd6, 0xb7]; // 首页网址

async function xlsx(rows: unknown[][], prepare?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  for (const row of rows) sheet.addRow(row);
  prepare?.(sheet);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('CSV', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', () => {
    const { records, problems } = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('reports an unclosed quote with its row and column', () => {
    const { problems } = parseCsv('a,b\n1,"oops\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 2, column: 'B' });
    expect(problems[0]!.message).toContain('引号未闭合');
  });

  it('decodes UTF-8 with and without BOM, and GB18030', async () => {
    for (const bytes of [
      utf8('\uFEFF网站名称,首页网址\n测试,https://a.gov.cn\n'),
      utf8('网站名称,首页网址\n测试,https://a.gov.cn\n'),
    ]) {
      const read = await readTableBytes('名录.csv', bytes);
      expect(read.problems).toEqual([]);
      expect(read.table).toMatchObject({
        format: 'csv',
        encoding: 'utf-8',
        headers: ['网站名称', '首页网址'],
      });
      expect(read.table!.rows).toEqual([
        { row: 2, cells: { 网站名称: '测试', 首页网址: 'https://a.gov.cn' } },
      ]);
    }
    const gb = new Uint8Array([...gbkHeader, 0x2c, ...gbkHome, 0x0a, ...utf8('x,https://a.gov.cn\n')]);
    const read = await readTableBytes('名录.csv', gb);
    expect(read.table).toMatchObject({ encoding: 'gb18030', headers: ['网站名称', '首页网址'] });
    expect(decodeText(gb)?.encoding).toBe('gb18030');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 text', async () => {
    const read = await readTableBytes(
      '名录.csv',
      new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x80, 0xff, 0x00, 0x01]),
    );
    expect(read.table).toBeNull();
    expect(read.problems[0]).toMatchObject({ row: 0, column: null });
    expect(read.problems[0]!.message).toContain('GB18030');
  });
});

describe('file checks', () => {
  it('refuses an empty file and a file over the limit before reading it', async () => {
    const empty = await readTableFile(new File([], 'a.csv'));
    expect(empty.problems[0]!.message).toBe('文件为空。');
    let read = false;
    const huge = {
      name: 'big.csv',
      size: 50 * 1024 * 1024,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    const result = await readTableFile(huge);
    expect(read).toBe(false);
    expect(result.table).toBeNull();
    expect(result.problems[0]!.message).toContain('文件过大（50.0 MB）');
  });

  it('refuses a renamed binary and a workbook with a CSV name, from the bytes', async () => {
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      13,
      ...utf8('IHDR'),
      0,
      0,
      0,
      1,
    ]);
    const asCsv = await readTableBytes('名录.csv', png);
    expect(asCsv.problems[0]!.message).toContain('PNG 图片');
    const book = await xlsx([['网站名称', '首页网址']]);
    const misnamed = await readTableBytes('名录.csv', book);
    expect(misnamed.problems[0]!.message).toContain('与扩展名“.csv”不符');
    const text = await readTableBytes('名录.xlsx', utf8('a,b\n1,2\n'));
    expect(text.problems[0]!.message).toContain('与扩展名“.xlsx”不符');
  });

  it('refuses too many rows', async () => {
    const read = await readTableBytes('a.csv', utf8('a,b\n1,2\n3,4\n5,6\n'), { maxRows: 2 });
    expect(read.table).toBeNull();
    expect(read.problems[0]!.message).toContain('行数过多（3 行）');
  });

  it('reports headerless values, empty and duplicate header cells', async () => {
    const read = await readTableBytes('a.csv', utf8('名称,,名称\n1,2,3,4\n'));
    expect(read.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [1, 'B'],
      [1, '名称'],
      [2, 'D'],
    ]);
  });
});

describe('XLSX', () => {
  it('reads text, numbers and dates as shown, skipping a title row', async () => {
    const bytes = await xlsx(
      [
        ['2022年第三季度网站名录'],
        ['网站标识码', '网站名称', '日期', '比例'],
        [3601000001, '江西省人民政府', new Date(Date.UTC(2018, 2, 31)), 0.853],
      ],
      (sheet) => {
        sheet.mergeCells('A1:D1');
        sheet.getCell('D3').numFmt = '0.0%';
      },
    );
    const read = await readTableBytes('名录.xlsx', bytes);
    expect(read.problems).toEqual([]);
    expect(read.table).toMatchObject({ format: 'xlsx', sheetName: '名录', headerRow: 2 });
    expect(read.table!.rows).toEqual([
      {
        row: 3,
        cells: { 网站标识码: '3601000001', 网站名称: '江西省人民政府', 日期: '2018-03-31', 比例: '85.3%' },
      },
    ]);
  });

  it('refuses formula and error cells by row and column, without evaluating them', async () => {
    const bytes = await xlsx([
      ['网站标识码', '网站名称'],
      ['3601000001', { formula: 'CONCAT("a","b")', result: 'ab' }],
      [{ error: '#N/A' }, '名称'],
    ]);
    const read = await readTableBytes('名录.xlsx', bytes);
    expect(read.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [2, '网站名称'],
      [3, '网站标识码'],
    ]);
    expect(read.problems[0]!.message).toContain('公式');
    expect(read.table!.rows[0]!.cells['网站名称']).toBe('');
  });

  it('formats numbers as Excel shows them', () => {
    expect(formatNumber(36010001, '0000000000')).toBe('0036010001');
    expect(formatNumber(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(formatNumber(3601000001, undefined)).toBe('3601000001');
    expect(formatNumber(0.1, 'General')).toBe('0.1');
  });
});

describe('header mapping', () => {
  const specs: ColumnSpec<'code' | 'name' | 'url' | 'owner'>[] = [
    { key: 'code', label: '网站标识码', labelEn: 'Site code', aliases: ['标识码'], required: true },
    { key: 'name', label: '网站名称', labelEn: 'Name', aliases: ['名称'], required: true },
    { key: 'url', label: '首页网址', labelEn: 'Home URL', aliases: ['网址', 'URL'], required: true },
    { key: 'owner', label: '主办单位', labelEn: 'Owner', required: false },
  ];

  it('maps labels and aliases (spaces, full-width letters, a leading *) and lists ignored columns', () => {
    const mapping = mapHeaders({ headers: ['序号', '*标识码', '名 称', 'ＵＲＬ'], headerRow: 1 }, specs, [
      '序号',
    ]);
    expect(mapping.problems).toEqual([]);
    expect(mapping.columns).toEqual({ code: '*标识码', name: '名 称', url: 'ＵＲＬ' });
    expect(mapping.ignored).toEqual(['序号']);
  });

  it('reports a missing required column, an unknown one and one given twice', () => {
    const mapping = mapHeaders({ headers: ['网站名称', '名称', '备注'], headerRow: 3 }, specs);
    expect(mapping.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [3, '名称'],
      [3, '备注'],
      [3, '网站标识码'],
      [3, '首页网址'],
    ]);
  });
});
