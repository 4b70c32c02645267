import { createHash } from 'node:crypto';
import { Decimal } from '@kaohe/scoring';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/open';
import { auditLog, imports, inspections, websites, type InspectionSource } from '../db/schema';
import { templateColumns, templateIdsOf } from '../registry/export';
import {
  mapHeaders,
  readTableFile,
  type ColumnSpec,
  type RowProblem,
  type TableFile,
  type UploadedFile,
} from '../registry/table-file';
import { inspectionValues, ruleSetFor, scoreInputs } from './record';

// Importing a quarter's website results, all or nothing, from either layout offices use:
// - the seeds' appendix (网站名称 / 首页网址 / 网站标识码 / 检查结果 / 存在的严重问题): a verdict without measurements,
//   stored as reported and marked as not computed by Kaohe;
// - the measurements template (H6a's export): every row scored by @kaohe/scoring like an entry made by hand.
// Every problem names its row and column; nothing is written unless every row is good. Re-importing the same
// file changes nothing (rows whose inputs and problems are unchanged are left alone).

export type ResultsLayout = 'appendix' | 'template';

export type ResultsImportOutcome =
  | {
      ok: true;
      layout: ResultsLayout;
      importId: number;
      created: number;
      updated: number;
      unchanged: number;
    }
  | { ok: false; layout: ResultsLayout | null; importId: number; problems: RowProblem[] };

type AppendixKey = 'name' | 'homeUrl' | 'siteCode' | 'result' | 'problems';
const appendixColumns: ColumnSpec<AppendixKey>[] = [
  { key: 'name', label: '网站名称', labelEn: 'Site name', required: false },
  {
    key: 'homeUrl',
    label: '首页网址',
    labelEn: 'Home page',
    aliases: ['首页网址（主域名）', '网址'],
    required: false,
  },
  { key: 'siteCode', label: '网站标识码', labelEn: 'Site code', aliases: ['标识码'], required: true },
  { key: 'result', label: '检查结果', labelEn: 'Result', aliases: ['检查结论'], required: true },
  {
    key: 'problems',
    label: '存在的严重问题',
    labelEn: 'Serious problems',
    aliases: ['存在的问题', '存在问题', '主要问题'],
    required: false,
  },
];

const verdictOf: Record<string, 'qualified' | 'unqualified'> = {
  合格: 'qualified',
  不合格: 'unqualified',
  单项否决: 'unqualified',
};

interface ParsedRow {
  row: number;
  siteCode: string;
  inputs: unknown;
  problems: string | null;
}

/** A template cell as a scoring value: 是/否 for flags, "25%" as 0.25, numbers as written. */
function templateValue(kind: string, text: string): string | boolean | null {
  if (kind === 'flag') {
    if (['是', 'true', 'TRUE', '1', 'Y', 'y'].includes(text)) return true;
    if (['否', 'false', 'FALSE', '0', 'N', 'n'].includes(text)) return false;
    return null;
  }
  const percent = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
  if (percent) return new Decimal(percent[1]!).div(100).toString();
  return text;
}

function parseTemplate(table: TableFile, problems: RowProblem[]): ParsedRow[] {
  const ruleSet = ruleSetFor('website');
  const ids = templateIdsOf(table);
  const byHeader = new Map<string, { kind: string; id: string }>();
  if (ids) for (const [header, column] of ids) byHeader.set(header, column);
  else for (const column of templateColumns(ruleSet)) byHeader.set(column.header, column);
  const measurementKinds = new Map(
    ruleSet.measurements.map((m) => [m.id, m.kind === 'boolean' ? 'flag' : 'number']),
  );
  const siteHeader = [...byHeader].find(([, c]) => c.kind === 'target' && c.id === 'siteCode')?.[0];
  if (!siteHeader) {
    problems.push({
      row: table.headerRow,
      column: '网站标识码',
      message: '缺少必需的列“网站标识码”。',
      messageEn: 'The required column “网站标识码” (site code) is missing.',
    });
    return [];
  }
  for (const header of table.headers)
    if (!byHeader.has(header))
      problems.push({
        row: table.headerRow,
        column: header,
        message: `未知的列“${header}”：请使用导出的检查数据模板。`,
        messageEn: `Unknown column “${header}”: use the exported measurements template.`,
      });
  const parsed: ParsedRow[] = [];
  for (const line of ids ? table.rows.slice(1) : table.rows) {
    const measurements: Record<string, string | boolean> = {};
    const findings: { criterion: string; count: number }[] = [];
    const bonus: { criterion: string; count: number }[] = [];
    const rowProblems: RowProblem[] = [];
    for (const [header, column] of byHeader) {
      const text = line.cells[header] ?? '';
      if (text === '' || column.kind === 'target') continue;
      if (column.kind === 'measurement') {
        const value = templateValue(measurementKinds.get(column.id) ?? 'number', text);
        if (value === null)
          rowProblems.push({
            row: line.row,
            column: header,
            message: `“${text}”不是“是”或“否”。`,
            messageEn: `“${text}” is not yes (是) or no (否).`,
          });
        else measurements[column.id] = value;
      } else {
        if (!/^[0-9]{1,4}$/.test(text)) {
          rowProblems.push({
            row: line.row,
            column: header,
            message: `次数应为非负整数，实际为“${text}”。`,
            messageEn: `The count must be a whole number, got “${text}”.`,
          });
          continue;
        }
        if (text !== '0')
          (column.kind === 'bonus' ? bonus : findings).push({ criterion: column.id, count: Number(text) });
      }
    }
    problems.push(...rowProblems);
    if (rowProblems.length) continue;
    const inputs = {
      kind: 'measured' as const,
      // the registry says whether the site is a portal and has service functions: filled in when writing
      target: { isPortal: false, hasServiceFunctions: true },
      measurements,
      findings,
      bonus,
    };
    parsed.push({ row: line.row, siteCode: line.cells[siteHeader] ?? '', inputs, problems: null });
  }
  return parsed;
}

function parseAppendix(table: TableFile, problems: RowProblem[]): ParsedRow[] {
  const mapping = mapHeaders(table, appendixColumns, ['序号']);
  problems.push(...mapping.problems);
  const { columns } = mapping;
  const parsed: ParsedRow[] = [];
  for (const line of table.rows) {
    const cell = (key: AppendixKey) => (columns[key] ? (line.cells[columns[key]] ?? '') : '');
    const resultText = cell('result').replace(/\s+/g, '');
    const verdict = verdictOf[resultText];
    if (!verdict) {
      problems.push({
        row: line.row,
        column: columns.result ?? '检查结果',
        message: `检查结果应为“合格”“不合格”或“单项否决”，实际为“${resultText}”。`,
        messageEn: `The result must be 合格, 不合格 or 单项否决, got “${resultText}”.`,
      });
      continue;
    }
    parsed.push({
      row: line.row,
      siteCode: cell('siteCode'),
      inputs: { kind: 'reported', verdict, resultText },
      problems: cell('problems') || null,
    });
  }
  return parsed;
}

/** Reads, checks and (when every row is good) writes a results file for one cycle of an inspection programme. */
export async function importResults(options: {
  db: Database;
  programmeId: number;
  cycleId: number;
  file: UploadedFile;
  source: InspectionSource;
  inspectedOn: string;
  actor: { userId: number | null; clientAddress?: string | null };
}): Promise<ResultsImportOutcome> {
  const { db, programmeId, cycleId, file, source, inspectedOn, actor } = options;
  const read = await readTableFile(file);
  const problems: RowProblem[] = [...read.problems];
  let layout: ResultsLayout | null = null;
  let parsed: ParsedRow[] = [];
  if (read.table) {
    const headers = new Set(read.table.headers.map((h) => h.replace(/^[*＊]/, '')));
    layout = headers.has('检查结果') ? 'appendix' : 'template';
    parsed =
      layout === 'appendix' ? parseAppendix(read.table, problems) : parseTemplate(read.table, problems);
  } else if (problems.length === 0) {
    problems.push({ row: 0, column: null, message: '文件无法读取。', messageEn: 'The file cannot be read.' });
  }
  if (read.table && read.table.rows.length === 0)
    problems.push({
      row: 0,
      column: null,
      message: '文件中没有数据行。',
      messageEn: 'The file has no data rows.',
    });

  // the registry: every 标识码 must be a site of this programme, once per file
  const codes = [...new Set(parsed.map((row) => row.siteCode).filter((code) => /^[0-9]{10}$/.test(code)))];
  const sites = codes.length
    ? await db
        .select({
          id: websites.id,
          siteCode: websites.siteCode,
          kind: websites.kind,
          services: websites.hasExternalServices,
        })
        .from(websites)
        .where(and(eq(websites.programmeId, programmeId), inArray(websites.siteCode, codes)))
    : [];
  const siteByCode = new Map(sites.map((site) => [site.siteCode, site]));
  const firstRow = new Map<string, number>();
  const values: (typeof inspections.$inferInsert)[] = [];
  for (const row of parsed) {
    const column = '网站标识码';
    if (!/^[0-9]{10}$/.test(row.siteCode)) {
      problems.push({
        row: row.row,
        column,
        message: `网站标识码应为10位数字，实际为“${row.siteCode}”。`,
        messageEn: `The site code must be 10 digits, got “${row.siteCode}”.`,
      });
      continue;
    }
    const site = siteByCode.get(row.siteCode);
    if (!site) {
      problems.push({
        row: row.row,
        column,
        message: `名录中没有网站标识码 ${row.siteCode}：请先导入或登记该网站。`,
        messageEn: `No site with code ${row.siteCode} in the registry: import or add it first.`,
      });
      continue;
    }
    const first = firstRow.get(row.siteCode);
    if (first !== undefined) {
      problems.push({
        row: row.row,
        column,
        message: `网站标识码 ${row.siteCode} 与第 ${first} 行重复。`,
        messageEn: `Site code ${row.siteCode} repeats row ${first}.`,
      });
      continue;
    }
    firstRow.set(row.siteCode, row.row);
    const inputs =
      (row.inputs as { kind: string }).kind === 'measured'
        ? {
            ...(row.inputs as object),
            target: { isPortal: site.kind === 'portal', hasServiceFunctions: site.services },
          }
        : row.inputs;
    const scored = scoreInputs('website', inputs);
    if (!scored.ok) {
      for (const problem of scored.problems)
        problems.push({
          row: row.row,
          column: problem.path || null,
          message: problem.message,
          messageEn: problem.messageEn,
        });
      continue;
    }
    values.push(
      inspectionValues({
        cycleId,
        target: { type: 'website', websiteId: site.id },
        inputs,
        source,
        inspectorId: actor.userId,
        inspectorName: null,
        inspectedOn,
        problems: row.problems,
      }),
    );
  }
  problems.sort((a, b) => a.row - b.row);
  const bytes = new Uint8Array(await file.arrayBuffer().catch(() => new ArrayBuffer(0)));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const record = {
    programmeId,
    cycleId,
    kind: 'results',
    fileName: file.name.slice(-200),
    sha256,
    rowCount: read.table?.rows.length ?? 0,
    createdBy: actor.userId,
  };
  if (problems.length) {
    const [row] = await db
      .insert(imports)
      .values({
        ...record,
        status: 'rejected',
        report: { layout, problemCount: problems.length, problems: problems.slice(0, 500) },
      })
      .returning({ id: imports.id });
    return { ok: false, layout, importId: row!.id, problems };
  }
  return db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(inspections)
      .where(
        and(
          eq(inspections.cycleId, cycleId),
          eq(inspections.source, source),
          eq(inspections.targetType, 'website'),
        ),
      );
    const byWebsite = new Map(existing.map((row) => [row.websiteId, row]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const toInsert: (typeof inspections.$inferInsert)[] = [];
    for (const value of values) {
      const current = byWebsite.get(value.websiteId ?? null);
      if (!current) {
        toInsert.push(value);
        created += 1;
        continue;
      }
      const same =
        JSON.stringify(current.inputs) === JSON.stringify(value.inputs) &&
        current.problems === (value.problems ?? null) &&
        current.verdict === value.verdict;
      if (same) {
        unchanged += 1;
        continue;
      }
      await tx
        .update(inspections)
        .set({ ...value, version: current.version + 1, updatedAt: new Date() })
        .where(eq(inspections.id, current.id));
      updated += 1;
    }
    for (let i = 0; i < toInsert.length; i += 500)
      await tx.insert(inspections).values(toInsert.slice(i, i + 500));
    const [row] = await tx
      .insert(imports)
      .values({ ...record, status: 'applied', report: { layout, created, updated, unchanged } })
      .returning({ id: imports.id });
    await tx.insert(auditLog).values({
      action: 'inspection.import',
      entityType: 'import',
      entityId: String(row!.id),
      actorId: actor.userId,
      after: { layout, created, updated, unchanged, cycleId },
      clientAddress: actor.clientAddress ?? null,
    });
    return { ok: true as const, layout: layout!, importId: row!.id, created, updated, unchanged };
  });
}
