import type { InspectionRuleSet } from '@kaohe/rules';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../db/open';
import { newMediaAccounts, websites } from '../db/schema';
import { csvField } from '../export';
import {
  hasNoneLabels,
  targetLevelLabels,
  targetStatusLabels,
  websiteKindLabels,
  yesNoLabels,
} from './labels';
import { newMediaColumns } from './newmedia';
import type { TableFile } from './table-file';
import { websiteColumns } from './websites';

// Registry exports in the layout the import reads (header in row 1, Chinese labels for enum values), as CSV (UTF-8
// with BOM; text that a spreadsheet would run as a formula escaped with a leading ', which the import strips again)
// and XLSX (strings stay strings). And the measurements template of an inspection rule set.

export interface SimpleTable {
  sheetName: string;
  header: string[];
  rows: string[][];
}

export async function websiteRegistryTable(db: Database, programmeId: number): Promise<SimpleTable> {
  const rows = await db
    .select()
    .from(websites)
    .where(eq(websites.programmeId, programmeId))
    .orderBy(asc(websites.siteCode));
  return {
    sheetName: '网站名录',
    header: websiteColumns.map((column) => column.label),
    rows: rows.map((row) => [
      row.siteCode,
      row.name,
      row.homeUrl,
      row.ownerName,
      websiteKindLabels[row.kind].zh,
      targetLevelLabels[row.level].zh,
      yesNoLabels[row.consolidated ? 'yes' : 'no'].zh,
      hasNoneLabels[row.hasExternalServices ? 'yes' : 'no'].zh,
      targetStatusLabels[row.status].zh,
      row.supervisingName ?? '',
    ]),
  };
}

export async function newMediaRegistryTable(db: Database, programmeId: number): Promise<SimpleTable> {
  const rows = await db
    .select()
    .from(newMediaAccounts)
    .where(eq(newMediaAccounts.programmeId, programmeId))
    .orderBy(asc(newMediaAccounts.platform), asc(newMediaAccounts.name));
  return {
    sheetName: '政务新媒体名录',
    header: newMediaColumns.map((column) => column.label),
    rows: rows.map((row) => [
      row.name,
      row.platform,
      row.ownerName,
      row.level ? targetLevelLabels[row.level].zh : '',
      targetStatusLabels[row.status].zh,
      row.supervisingName ?? '',
    ]),
  };
}

export function simpleCsv(table: SimpleTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function simpleXlsx(
  table: SimpleTable,
  idRow?: string[],
  notes?: (string | null)[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaohe';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.sheetName);
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  notes?.forEach((note, index) => {
    if (note) header.getCell(index + 1).note = note;
  });
  if (idRow) {
    const ids = sheet.addRow(idRow);
    ids.font = { color: { argb: 'FF808080' }, size: 9 };
  }
  for (const row of table.rows) sheet.addRow(row);
  // text cells: a 网站标识码 stays text (no 3.601E+09) and a value is never read as a formula
  sheet.columns.forEach((column, index) => {
    column.numFmt = '@';
    column.width = Math.min(40, Math.max(10, (table.header[index]?.length ?? 4) * 2 + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: idRow ? 2 : 1 }];
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

// ——— the measurements template of an inspection rule set ———

export type TemplateColumnKind = 'target' | 'measurement' | 'deduction' | 'bonus';

export interface TemplateColumn {
  kind: TemplateColumnKind;
  /** the rule set's id of the measurement or criterion; for target columns: siteCode, name, platform */
  id: string;
  header: string;
  note: string | null;
}

/** The template's second row holds the column ids ("kind:id"); its first cell starts with this (not data). */
export const templateIdPrefix = 'id:';

/**
 * The columns of a measurements template: the target (网站标识码 + 网站名称, or 平台 + 账号名称), one per measurement
 * (the vetoes read them), one per deduction criterion (occurrences), one per bonus criterion (occurrences). Headers
 * are the Chinese titles; a repeated title gets its id in brackets so that every header is unique.
 */
export function templateColumns(ruleSet: InspectionRuleSet): TemplateColumn[] {
  const columns: TemplateColumn[] =
    ruleSet.targetKind === 'website'
      ? [
          { kind: 'target', id: 'siteCode', header: '网站标识码', note: null },
          { kind: 'target', id: 'name', header: '网站名称', note: null },
        ]
      : [
          { kind: 'target', id: 'platform', header: '平台', note: null },
          { kind: 'target', id: 'name', header: '账号名称', note: null },
        ];
  const kindNotes: Record<string, string> = {
    boolean: '是/否',
    count: '个数（整数）',
    ratio: '比例（如 0.25 或 25%）',
    number: '数值',
  };
  for (const measurement of ruleSet.measurements)
    columns.push({
      kind: 'measurement',
      id: measurement.id,
      header: measurement.title,
      note: `单项否决指标：${kindNotes[measurement.kind]}${measurement.unit ? `，单位：${measurement.unit}` : ''}`,
    });
  for (const indicator of ruleSet.deductions?.indicators ?? [])
    for (const criterion of indicator.criteria)
      columns.push({
        kind: 'deduction',
        id: criterion.id,
        header: criterion.title,
        note: `扣分指标“${indicator.title}”：发生次数，每次扣 ${criterion.deduct} 分`,
      });
  for (const indicator of ruleSet.bonus?.indicators ?? [])
    for (const criterion of indicator.criteria)
      columns.push({
        kind: 'bonus',
        id: criterion.id,
        header: criterion.title,
        note: `加分指标“${indicator.title}”：次数，每次加 ${criterion.award} 分`,
      });
  const counts = new Map<string, number>();
  for (const column of columns) counts.set(column.header, (counts.get(column.header) ?? 0) + 1);
  for (const column of columns)
    if ((counts.get(column.header) ?? 0) > 1) column.header = `${column.header}（${column.id}）`;
  return columns;
}

/** The id row's cell for a column: "kind:id" (e.g. "measurement:emptyColumns"). */
export function templateColumnId(column: TemplateColumn): string {
  return `${column.kind === 'target' ? 'id' : column.kind}:${column.id}`;
}

/** An XLSX template, with the programme's targets pre-filled when given (running websites or accounts). */
export async function measurementsTemplate(
  ruleSet: InspectionRuleSet,
  targets: { key: string; name: string }[] = [],
): Promise<Uint8Array<ArrayBuffer>> {
  const columns = templateColumns(ruleSet);
  const table: SimpleTable = {
    sheetName: '检查结果',
    header: columns.map((column) => column.header),
    rows: targets.map((target) => [target.key, target.name]),
  };
  return simpleXlsx(
    table,
    columns.map(templateColumnId),
    columns.map((column) => column.note),
  );
}

/**
 * Reads the id row of a filled template (read with readTableFile): header → column. Null when the first data row is
 * not the id row (then the headers are the titles alone). The id row itself is not data: skip `rows[0]`.
 */
export function templateIdsOf(
  table: Pick<TableFile, 'headers' | 'rows'>,
): Map<string, { kind: TemplateColumnKind; id: string }> | null {
  const first = table.rows[0];
  if (!first || !(first.cells[table.headers[0]!] ?? '').startsWith(templateIdPrefix)) return null;
  const ids = new Map<string, { kind: TemplateColumnKind; id: string }>();
  for (const header of table.headers) {
    const [prefix = '', ...rest] = (first.cells[header] ?? '').split(':');
    const kind = prefix === 'id' ? 'target' : prefix;
    if (kind === 'target' || kind === 'measurement' || kind === 'deduction' || kind === 'bonus')
      ids.set(header, { kind, id: rest.join(':') });
  }
  return ids;
}
