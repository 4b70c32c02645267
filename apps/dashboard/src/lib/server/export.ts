import ExcelJS from 'exceljs';
import { translator, type Lang } from '$lib/i18n';
import type { RankingView } from './assessment/ranking-view';

// Ranking exports. CSV: UTF-8 with a BOM (Excel on zh-CN Windows shows mojibake without it), CRLF, and string cells
// that a spreadsheet would run as a formula (= + - @ tab CR) escaped with a leading ' (ASVS 5.0 V1.2.10).
// XLSX: exceljs writes strings as strings, never formulas.

/** A number cell is written as a number (never escaped); a decimal is a score kept exact as text of digits. */
export type Cell = string | number | { decimal: string } | null;

export interface ExportTable {
  title: string;
  header: string[];
  rows: Cell[][];
}

export function rankingTable(view: RankingView, lang: Lang): ExportTable {
  const t = translator(lang);
  const en = lang === 'en';
  const label = (zh: string, english: string | null | undefined) => (en && english ? english : zh);
  const rows: Cell[][] = [];
  for (const group of view.groups) {
    const groupLabel = label(group.group.label, group.group.labelEn);
    for (const row of group.rows) {
      rows.push([
        groupLabel,
        row.rank,
        row.tied ? t('rank.tied') : '',
        label(row.name, row.nameEn),
        { decimal: row.total },
        row.grade ? label(row.grade.title, row.grade.titleEn) : '',
        '',
      ]);
    }
    for (const row of group.apart) {
      const note =
        row.why === 'vetoed'
          ? `${t('rank.veto')}：${row.vetoes.map((veto) => label(veto.title, veto.titleEn)).join('；')}`
          : t('rank.notVerified');
      rows.push([
        groupLabel,
        null,
        '',
        label(row.name, row.nameEn),
        null,
        row.grade ? label(row.grade.title, row.grade.titleEn) : '',
        note,
      ]);
    }
  }
  const { programme, cycle } = view.context;
  return {
    title: `${label(programme.title, programme.titleEn)} ${label(cycle.title, cycle.titleEn)}`,
    header: [
      t('rank.group'),
      t('rank.rank'),
      t('rank.tied'),
      t('rank.unit'),
      t('rank.score'),
      t('rank.grade'),
      t('rank.apart'),
    ],
    rows,
  };
}

const formulaStart = /^[=+\-@\t\r]/;

/** One CSV field: escaped against formula injection when it is text, quoted when it needs to be. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object')
    return /^-?\d+(\.\d+)?$/.test(cell.decimal) ? cell.decimal : csvField(cell.decimal);
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaohe';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('排名 Ranking');
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((cell) => (cell === null ? null : typeof cell === 'object' ? Number(cell.decimal) : cell)),
    );
  }
  sheet.columns.forEach((column, index) => {
    column.width = [12, 8, 8, 22, 10, 10, 40][index] ?? 12;
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
