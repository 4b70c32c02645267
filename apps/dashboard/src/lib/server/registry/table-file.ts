import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sniff } from '../uploads';

// Reads an uploaded table (XLSX or CSV) into header names and rows of text cells, exactly as a person sees them in a
// spreadsheet. The format comes from the bytes, never from the name. Nothing is evaluated: a formula cell is a
// problem for its row and column, not a value. Every problem names the row (as the spreadsheet numbers it; 0 for the
// whole file) and the column (the header, or the column letter when there is none).

/** One problem of an import: Chinese for the UI, English beside it. */
export interface RowProblem {
  /** the row as the spreadsheet shows it (header = its own row number); 0 for the whole file */
  row: number;
  /** the header as written in the file, or a column letter; null for the whole row or file */
  column: string | null;
  message: string;
  messageEn: string;
}

export interface TableRow {
  row: number;
  /** header → cell text (trimmed); missing cells are "" */
  cells: Record<string, string>;
}

export type TableFormat = 'xlsx' | 'csv';

export interface TableFile {
  format: TableFormat;
  /** for CSV: how the text was decoded */
  encoding: 'utf-8' | 'gb18030' | null;
  /** for XLSX: the sheet that was read (the first visible one) */
  sheetName: string | null;
  headers: string[];
  /** the row number of the header row */
  headerRow: number;
  rows: TableRow[];
}

export interface TableFileRead {
  /** null when the file as a whole cannot be read (then `problems` says why) */
  table: TableFile | null;
  problems: RowProblem[];
}

/** Anything with a name, a size and bytes: a File from a form, or a test's Blob. */
export interface UploadedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface TableFileOptions {
  /** refused before a byte is read; default 20 MiB */
  maxBytes?: number;
  /** data rows; default 50,000 */
  maxRows?: number;
  /** columns; default 200 */
  maxColumns?: number;
}

export const defaultMaxTableBytes = 20 * 1024 * 1024;
export const defaultMaxTableRows = 50_000;
const defaultMaxColumns = 200;
/** an XLSX is a zip: refuse one whose parts would unpack to more than this (a zip bomb) */
const maxUnpackedBytes = 400 * 1024 * 1024;
/** the header is the first row with two or more filled cells among the first rows; rows above it are titles */
const headerSearchRows = 10;

export function fileProblem(message: string, messageEn: string): RowProblem {
  return { row: 0, column: null, message, messageEn };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export async function readTableFile(
  file: UploadedFile,
  options: TableFileOptions = {},
): Promise<TableFileRead> {
  const maxBytes = options.maxBytes ?? defaultMaxTableBytes;
  const fail = (message: string, messageEn: string): TableFileRead => ({
    table: null,
    problems: [fileProblem(message, messageEn)],
  });
  if (file.size === 0) return fail('文件为空。', 'The file is empty.');
  if (file.size > maxBytes)
    return fail(
      `文件过大（${megabytes(file.size)} MB），不得超过 ${megabytes(maxBytes)} MB。`,
      `The file is too large (${megabytes(file.size)} MB); at most ${megabytes(maxBytes)} MB.`,
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  return readTableBytes(file.name, bytes, options);
}

export async function readTableBytes(
  fileName: string,
  bytes: Uint8Array,
  options: TableFileOptions = {},
): Promise<TableFileRead> {
  const fail = (message: string, messageEn: string): TableFileRead => ({
    table: null,
    problems: [fileProblem(message, messageEn)],
  });
  if (bytes.byteLength === 0) return fail('文件为空。', 'The file is empty.');
  const maxBytes = options.maxBytes ?? defaultMaxTableBytes;
  if (bytes.byteLength > maxBytes)
    return fail(
      `文件过大（${megabytes(bytes.byteLength)} MB），不得超过 ${megabytes(maxBytes)} MB。`,
      `The file is too large (${megabytes(bytes.byteLength)} MB); at most ${megabytes(maxBytes)} MB.`,
    );
  const extension = extensionOf(fileName);
  const sniffed = sniff(bytes);
  if (sniffed?.type.kind === 'xlsx') {
    if (extension !== 'xlsx')
      return fail(
        `文件内容是 Excel 表格（.xlsx），与扩展名“.${extension || '（无）'}”不符。`,
        `The file’s content is an Excel workbook (.xlsx), which does not match its extension “.${extension || '(none)'}”.`,
      );
    return readXlsx(bytes, options);
  }
  if (sniffed?.type.kind === 'ole' && sniffed.mediaType === 'application/vnd.ms-excel')
    return fail(
      '不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入。',
      'Old Excel (.xls) files are not supported; save the file as .xlsx or CSV in Excel and import that.',
    );
  if (sniffed)
    return fail(
      `文件内容是${sniffed.type.label.zh}，不是表格（只接受 .xlsx 或 .csv）。`,
      `The file’s content is a ${sniffed.type.label.en}, not a table (only .xlsx or .csv).`,
    );
  const decoded = decodeText(bytes);
  if (!decoded)
    return fail(
      '文件既不是 Excel 表格，也不是 UTF-8 或 GB18030 编码的 CSV 文本，无法读取。',
      'The file is neither an Excel workbook nor CSV text in UTF-8 or GB18030; it cannot be read.',
    );
  if (extension !== 'csv' && extension !== 'txt')
    return fail(
      `文件内容是 CSV 文本，与扩展名“.${extension || '（无）'}”不符。`,
      `The file’s content is CSV text, which does not match its extension “.${extension || '(none)'}”.`,
    );
  return readCsv(decoded.text, decoded.encoding, options);
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

// ——— text and CSV ———

/** Control characters other than tab, CR and LF: text that has them is a binary file with a new name. */
// eslint-disable-next-line no-control-regex
const binaryCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Valid UTF-8 (with or without BOM) is UTF-8; otherwise GB18030 if it decodes; otherwise null. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | null {
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    let text: string;
    try {
      // ignoreBOM: false strips a leading UTF-8 BOM
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    if (binaryCharacters.test(text)) return null;
    return { text, encoding };
  }
  return null;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsv(text: string): { records: string[][]; problems: RowProblem[] } {
  const records: string[][] = [];
  const problems: RowProblem[] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  const length = text.length;
  while (index < length) {
    const char = text[index]!;
    if (char === '"' && field === '') {
      // quoted field
      let end = index + 1;
      let value = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) {
          problems.push({
            row: records.length + 1,
            column: columnLetter(record.length + 1),
            message: '引号未闭合：从此单元格开始到文件末尾都在一对引号内。',
            messageEn:
              'An unclosed quote: everything from this cell to the end of the file is inside quotes.',
          });
          return { records, problems };
        }
        value += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          end = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      field = value;
      const next = text[index];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        problems.push({
          row: records.length + 1,
          column: columnLetter(record.length + 1),
          message: '引号后有多余字符：含引号的单元格应整体用引号括起，内部引号写作两个引号（""）。',
          messageEn:
            'Characters after a closing quote: a quoted cell must be quoted whole, with inner quotes doubled ("").',
        });
        // keep reading the rest of the field as text so the row still lines up
        const stop = nextDelimiter(text, index);
        field += text.slice(index, stop);
        index = stop;
      }
      continue;
    }
    if (char === ',') {
      record.push(field);
      field = '';
      index++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      continue;
    }
    const stop = nextDelimiter(text, index);
    field += text.slice(index, stop);
    index = stop;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records, problems };
}

function nextDelimiter(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 44 || char === 13 || char === 10) return index;
  }
  return text.length;
}

const formulaEscaped = /^'[=+\-@\t\r]/;

function readCsv(text: string, encoding: 'utf-8' | 'gb18030', options: TableFileOptions): TableFileRead {
  const parsed = parseCsv(text);
  // a leading ' is how exports escape text a spreadsheet would run as a formula: read it back as the text
  const grid = parsed.records.map((cells, index) => ({
    row: index + 1,
    cells: cells.map((cell) => (formulaEscaped.test(cell) ? cell.slice(1) : cell)),
  }));
  return buildTable(grid, { format: 'csv', encoding, sheetName: null }, options, parsed.problems);
}

// ——— XLSX ———

/** The sum of the uncompressed sizes in a zip's central directory; null when it cannot be read. */
function unpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let index = bytes.length - 22; index >= Math.max(0, bytes.length - 65_557); index--) {
    if (view.getUint32(index, true) === 0x06054b50) {
      end = index;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    total += view.getUint32(offset + 24, true);
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

async function readXlsx(bytes: Uint8Array, options: TableFileOptions): Promise<TableFileRead> {
  const fail = (message: string, messageEn: string): TableFileRead => ({
    table: null,
    problems: [fileProblem(message, messageEn)],
  });
  const unpacked = unpackedSize(bytes);
  if (unpacked === null || unpacked > maxUnpackedBytes)
    return fail(
      unpacked === null ? 'Excel 文件已损坏，无法读取。' : 'Excel 文件解压后过大，无法读取。',
      unpacked === null
        ? 'The Excel file is damaged and cannot be read.'
        : 'The Excel file unpacks to too much data.',
    );
  const maxRows = options.maxRows ?? defaultMaxTableRows;
  const problems: RowProblem[] = [];
  const grid: { row: number; cells: string[] }[] = [];
  /** formula or error cells, by row and column, reported once the header names the columns */
  const badCells: { row: number; col: number; message: string; messageEn: string }[] = [];
  let sheetName: string | null = null;
  let tooManyRows = false;
  // the streaming reader: about twice as fast as loading the whole workbook model, and it can stop early
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      // the first sheet is the table; the others are not read
      sheetName = (worksheet as unknown as { name?: string }).name ?? null;
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (grid.length >= maxRows + headerSearchRows) {
          tooManyRows = true;
          break;
        }
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const read = cellText(cell);
          if ('problem' in read) {
            badCells.push({ row: row.number, col, ...read.problem });
            cells[col - 1] = '';
          } else cells[col - 1] = read.text;
        });
        for (let index = 0; index < cells.length; index++) cells[index] ??= '';
        grid.push({ row: row.number, cells });
      }
      break;
    }
  } catch {
    return fail('Excel 文件已损坏，无法读取。', 'The Excel file is damaged and cannot be read.');
  }
  if (tooManyRows)
    return fail(
      `行数过多，一次最多导入 ${maxRows} 行。`,
      `Too many rows; at most ${maxRows} rows per import.`,
    );
  if (sheetName === null && grid.length === 0)
    return fail('Excel 文件中没有工作表。', 'The Excel file has no worksheet.');
  const read = buildTable(grid, { format: 'xlsx', encoding: null, sheetName }, options, problems);
  const headers = read.table?.headers ?? [];
  for (const bad of badCells)
    read.problems.push({
      row: bad.row,
      column: headers[bad.col - 1] || columnLetter(bad.col),
      message: bad.message,
      messageEn: bad.messageEn,
    });
  read.problems.sort((a, b) => a.row - b.row);
  return read;
}

type CellRead = { text: string } | { problem: { message: string; messageEn: string } };

function cellText(cell: ExcelJS.Cell): CellRead {
  const value = cell.value;
  // a merged cell other than the top-left one is empty (the streaming reader does not know the merges)
  if (cell.type === ExcelJS.ValueType.Merge) return { text: '' };
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') return { text: formatNumber(value, cell.numFmt) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: formatDate(value, cell.numFmt) };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return {
      problem: {
        message: `单元格是公式（=${String(formula).slice(0, 60)}），不计算公式：请复制后“粘贴为数值”再导入。`,
        messageEn: `The cell is a formula (=${String(formula).slice(0, 60)}); formulas are not evaluated: paste the values instead.`,
      },
    };
  }
  if ('error' in value)
    return {
      problem: {
        message: `单元格是错误值 ${value.error}。`,
        messageEn: `The cell holds the error value ${value.error}.`,
      },
    };
  if ('richText' in value)
    return {
      text: value.richText
        .map((part) => part.text)
        .join('')
        .trim(),
    };
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return { text: text.trim() };
    if (text && typeof text === 'object' && 'richText' in text)
      return {
        text: (text as ExcelJS.CellRichTextValue).richText
          .map((part) => part.text)
          .join('')
          .trim(),
      };
    return { text: value.hyperlink.trim() };
  }
  return {
    problem: { message: '无法识别的单元格内容。', messageEn: 'An unrecognised cell value.' },
  };
}

/**
 * A number as Excel shows it for the formats tables use: General (all significant digits, no exponent for whole
 * numbers), zero-padded codes ("0000000000"), fixed decimals with or without thousands separators, percentages.
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  const format = (numFmt ?? 'General').split(';')[0]!.replace(/"[^"]*"|\\./g, '');
  const percent = format.includes('%');
  const body = format.replace(/[^0#,.]/g, '');
  const shown = percent ? value * 100 : value;
  if (!body || format === 'General' || format === '@') return plainNumber(value);
  const [integerPart = '', fraction = ''] = body.split('.');
  const decimals = (fraction.match(/[0#]/g) ?? []).length;
  let text = shown.toFixed(decimals);
  const minDigits = (integerPart.match(/0/g) ?? []).length;
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const [digits = '', rest] = text.split('.');
  let whole = digits.padStart(minDigits, '0');
  if (integerPart.includes(',')) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}${rest !== undefined ? `.${rest}` : ''}${percent ? '%' : ''}`;
}

function plainNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** exceljs gives the wall-clock time as UTC: a date as yyyy-mm-dd, with hh:mm(:ss) when the format or value has it. */
export function formatDate(value: Date, numFmt: string | undefined): string {
  if (Number.isNaN(value.getTime())) return '';
  const pad = (number: number) => String(number).padStart(2, '0');
  const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  const hasTime =
    /[hs]/i.test(numFmt ?? '') || value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
  if (!hasTime) return date;
  const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  return value.getUTCSeconds() > 0 ? `${date} ${time}:${pad(value.getUTCSeconds())}` : `${date} ${time}`;
}

// ——— the grid → header and rows ———

export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** A header as compared: surrounding and inner spaces (also full-width ones) removed, NFKC (full-width → ASCII). */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/gu, '').trim();
}

function buildTable(
  grid: { row: number; cells: string[] }[],
  meta: Pick<TableFile, 'format' | 'encoding' | 'sheetName'>,
  options: TableFileOptions,
  problems: RowProblem[],
): TableFileRead {
  const maxRows = options.maxRows ?? defaultMaxTableRows;
  const maxColumns = options.maxColumns ?? defaultMaxColumns;
  const filled = (cells: string[]) => cells.filter((cell) => cell.trim() !== '').length;
  const nonEmpty = grid.filter((line) => filled(line.cells) > 0);
  if (nonEmpty.length === 0)
    return {
      table: null,
      problems: [fileProblem('文件中没有任何内容。', 'The file has no content.'), ...problems],
    };
  const headerLine =
    nonEmpty.slice(0, headerSearchRows).find((line) => filled(line.cells) >= 2) ?? nonEmpty[0]!;
  const headerCells = headerLine.cells.map((cell) => cell.trim().replace(/\s+/gu, ' '));
  while (headerCells.length > 0 && headerCells[headerCells.length - 1] === '') headerCells.pop();
  if (headerCells.length > maxColumns)
    return {
      table: null,
      problems: [
        fileProblem(
          `列数过多（${headerCells.length} 列），最多 ${maxColumns} 列。`,
          `Too many columns (${headerCells.length}); at most ${maxColumns}.`,
        ),
      ],
    };
  const dataLines = nonEmpty.filter((line) => line.row > headerLine.row);
  if (dataLines.length > maxRows)
    return {
      table: null,
      problems: [
        fileProblem(
          `行数过多（${dataLines.length} 行），一次最多导入 ${maxRows} 行。`,
          `Too many rows (${dataLines.length}); at most ${maxRows} rows per import.`,
        ),
      ],
    };
  const seen = new Map<string, number>();
  const headers = headerCells.map((header, index) => {
    const name = header === '' ? columnLetter(index + 1) : header;
    if (header === '')
      problems.push({
        row: headerLine.row,
        column: name,
        message: `表头第 ${name} 列为空：每一列都要有列名。`,
        messageEn: `Column ${name} of the header is empty: every column needs a name.`,
      });
    const key = normalizeHeader(name);
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        row: headerLine.row,
        column: name,
        message: `列名“${name}”重复（第 ${columnLetter(first + 1)} 列和第 ${columnLetter(index + 1)} 列）。`,
        messageEn: `The column name “${name}” appears twice (columns ${columnLetter(first + 1)} and ${columnLetter(index + 1)}).`,
      });
    else seen.set(key, index);
    return name;
  });
  const rows: TableRow[] = [];
  for (const line of dataLines) {
    const cells: Record<string, string> = {};
    for (let index = 0; index < headers.length; index++) {
      const cell = (line.cells[index] ?? '').trim();
      if (binaryCharacters.test(cell)) {
        problems.push({
          row: line.row,
          column: headers[index]!,
          message: '单元格含有不可见的控制字符，请删除后再导入。',
          messageEn: 'The cell contains invisible control characters; remove them and import again.',
        });
        cells[headers[index]!] = '';
      } else cells[headers[index]!] = cell;
    }
    for (let index = headers.length; index < line.cells.length; index++) {
      if ((line.cells[index] ?? '').trim() === '') continue;
      problems.push({
        row: line.row,
        column: columnLetter(index + 1),
        message: `第 ${columnLetter(index + 1)} 列有内容，但该列没有列名。`,
        messageEn: `Column ${columnLetter(index + 1)} has a value but no header.`,
      });
    }
    rows.push({ row: line.row, cells });
  }
  return { table: { ...meta, headers, headerRow: headerLine.row, rows }, problems };
}

// ——— mapping headers to fields ———

export interface ColumnSpec<Key extends string = string> {
  key: Key;
  /** the header the export writes */
  label: string;
  labelEn: string;
  /** other headers offices use for the same column (compared after normalizeHeader, case-insensitive) */
  aliases?: readonly string[];
  required: boolean;
}

export interface HeaderMapping<Key extends string = string> {
  /** field → the header in the file */
  columns: Partial<Record<Key, string>>;
  /** headers in the file that are known but not imported (e.g. 序号), listed in the report */
  ignored: string[];
  problems: RowProblem[];
}

/**
 * Matches the file's headers to the fields: each field by its label or an alias; a missing required column, a
 * column given twice, and a column nobody knows are problems (never silently dropped).
 */
export function mapHeaders<Key extends string>(
  table: Pick<TableFile, 'headers' | 'headerRow'>,
  specs: readonly ColumnSpec<Key>[],
  ignoredHeaders: readonly string[] = [],
): HeaderMapping<Key> {
  const byName = new Map<string, ColumnSpec<Key>>();
  for (const spec of specs)
    for (const name of [spec.label, spec.labelEn, ...(spec.aliases ?? [])])
      byName.set(normalizeHeader(name).toLowerCase(), spec);
  const ignoredSet = new Set(ignoredHeaders.map((name) => normalizeHeader(name).toLowerCase()));
  const columns: Partial<Record<Key, string>> = {};
  const ignored: string[] = [];
  const problems: RowProblem[] = [];
  for (const header of table.headers) {
    // a leading * marks a required column in many templates
    const key = normalizeHeader(header)
      .replace(/^[*＊]/, '')
      .toLowerCase();
    const spec = byName.get(key);
    if (spec) {
      const already = columns[spec.key];
      if (already !== undefined)
        problems.push({
          row: table.headerRow,
          column: header,
          message: `“${header}”与“${already}”是同一列（${spec.label}），只能有一列。`,
          messageEn: `“${header}” and “${already}” are the same column (${spec.labelEn}); keep one.`,
        });
      else columns[spec.key] = header;
    } else if (ignoredSet.has(key)) ignored.push(header);
    else
      problems.push({
        row: table.headerRow,
        column: header,
        message: `未知的列“${header}”。可用的列：${specs.map((item) => item.label).join('、')}。`,
        messageEn: `Unknown column “${header}”. Known columns: ${specs.map((item) => item.labelEn).join(', ')}.`,
      });
  }
  for (const spec of specs)
    if (spec.required && columns[spec.key] === undefined)
      problems.push({
        row: table.headerRow,
        column: spec.label,
        message: `缺少必需的列“${spec.label}”${spec.aliases?.length ? `（也可写作：${spec.aliases.join('、')}）` : ''}。`,
        messageEn: `The required column “${spec.labelEn}” (${spec.label}) is missing.`,
      });
  return { columns, ignored, problems };
}
