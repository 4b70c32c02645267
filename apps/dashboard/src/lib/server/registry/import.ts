import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../db/open';
import { auditLog, imports, programmes } from '../db/schema';
import {
  mapHeaders,
  readTableFile,
  type ColumnSpec,
  type RowProblem,
  type TableFileOptions,
  type UploadedFile,
} from './table-file';

// One registry import, all or nothing: read the file, map its headers, parse every row, check that each key appears
// once; only when there is no problem at all are the rows written, in one transaction. The attempt is recorded in
// `imports` either way (a rejected one with its report, which is not registry data).

export type RegistryImportKind = 'websites' | 'newMedia';

export interface ImportActor {
  userId: number | null;
  clientAddress: string | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A field that changed in an update: the import report keeps before and after, like the audit log. */
export interface RowChange {
  key: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface WriteResult {
  counts: ImportCounts;
  created: string[];
  updated: RowChange[];
  /** what was imported but deserves a look (e.g. a 主管单位 that is no assessed unit): not problems */
  notices?: RowProblem[];
}

/** Where each row came from, for notices: its row number in the file, and the headers the file used. */
export interface WriteContext<Key extends string> {
  present: ReadonlySet<Key>;
  /** the file's row number of rows[i] */
  rowNumbers: readonly number[];
  /** field → the header as written in the file */
  headerOf: Partial<Record<Key, string>>;
}

export interface ImportTimings {
  readMs: number;
  validateMs: number;
  writeMs: number;
}

export type ImportOutcome =
  | {
      status: 'applied';
      importId: number;
      rowCount: number;
      counts: ImportCounts;
      /** known columns that were not imported (e.g. 序号, 检查结果) */
      ignoredColumns: string[];
      /** imported as written, but worth a look (row, column, message like a problem) */
      notices: RowProblem[];
      timings: ImportTimings;
    }
  | {
      status: 'rejected';
      importId: number;
      rowCount: number;
      problems: RowProblem[];
      timings: ImportTimings;
    };

/** How one kind of registry row is read, keyed and written. */
export interface RegistryImportSpec<Key extends string, Row> {
  kind: RegistryImportKind;
  columns: readonly ColumnSpec<Key>[];
  /** headers that are known but not registry data (listed in the report, not imported) */
  ignoredHeaders: readonly string[];
  schema: z.ZodType<Row>;
  /** code → message, for the codes the schema's `error` options give */
  messages: Record<string, (value: string) => { zh: string; en: string }>;
  /** the key that must be unique in the file and is upserted on; with the columns to blame for a repeat */
  identity(row: Row): string;
  identityColumns: readonly Key[];
  describeIdentity(row: Row): { zh: string; en: string };
  write(tx: Database, programmeId: number, rows: Row[], context: WriteContext<Key>): Promise<WriteResult>;
}

/** at most this many problems (or notices) are kept in the stored report (the count says how many there were) */
const storedProblemLimit = 2000;

/** Parses one row's cells with the spec's zod schema; each issue becomes a problem on its column. */
function parseRow<Key extends string, Row>(
  spec: RegistryImportSpec<Key, Row>,
  rowNumber: number,
  input: Partial<Record<Key, string>>,
  headerOf: Partial<Record<Key, string>>,
): { row: Row } | { problems: RowProblem[] } {
  const result = spec.schema.safeParse(input);
  if (result.success) return { row: result.data };
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '') as Key;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = input[key] ?? '';
    const column = spec.columns.find((candidate) => candidate.key === key);
    const message = spec.messages[issue.message]?.(value);
    problems.push({
      row: rowNumber,
      column: headerOf[key] ?? column?.label ?? key,
      message: message?.zh ?? issue.message,
      messageEn: message?.en ?? issue.message,
    });
  }
  return { problems };
}

export async function runRegistryImport<Key extends string, Row>(options: {
  db: Database;
  programmeId: number;
  file: UploadedFile;
  actor: ImportActor;
  spec: RegistryImportSpec<Key, Row>;
  limits?: TableFileOptions;
}): Promise<ImportOutcome> {
  const { db, programmeId, file, actor, spec } = options;
  const started = performance.now();
  const [programme] = await db
    .select({ id: programmes.id, kind: programmes.kind })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw new Error(`no programme ${programmeId}`);
  if (programme.kind !== 'inspection')
    throw new Error(`programme ${programmeId} is not an inspection programme`);

  const read = await readTableFile(file, options.limits);
  const bytesHash =
    read.table || file.size <= (options.limits?.maxBytes ?? 20 * 1024 * 1024) ? await sha256(file) : '';
  const readDone = performance.now();
  const problems: RowProblem[] = [...read.problems];
  const rows: Row[] = [];
  const rowNumbers: number[] = [];
  let ignoredColumns: string[] = [];
  let present = new Set<Key>();
  let headerOf: Partial<Record<Key, string>> = {};
  if (read.table) {
    const mapping = mapHeaders(read.table, spec.columns, spec.ignoredHeaders);
    problems.push(...mapping.problems);
    ignoredColumns = mapping.ignored;
    present = new Set(Object.keys(mapping.columns) as Key[]);
    headerOf = mapping.columns;
    const mapped = Object.entries(mapping.columns) as [Key, string][];
    // rows are checked even when the header has problems, so that one report lists everything it can
    const firstRowOf = new Map<string, number>();
    for (const line of read.table.rows) {
      const input: Partial<Record<Key, string>> = {};
      for (const [key, header] of mapped) {
        const cell = line.cells[header] ?? '';
        if (cell !== '') input[key] = cell;
      }
      const parsed = parseRow(spec, line.row, input, mapping.columns);
      if ('problems' in parsed) {
        problems.push(...parsed.problems);
        continue;
      }
      const identity = spec.identity(parsed.row);
      const first = firstRowOf.get(identity);
      if (first !== undefined) {
        const described = spec.describeIdentity(parsed.row);
        problems.push({
          row: line.row,
          column: spec.identityColumns.map((key) => mapping.columns[key] ?? key).join(' + '),
          message: `${described.zh}与第 ${first} 行重复：每个只能出现一次。`,
          messageEn: `${described.en} repeats row ${first}: each may appear only once.`,
        });
        continue;
      }
      firstRowOf.set(identity, line.row);
      rows.push(parsed.row);
      rowNumbers.push(line.row);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const rowCount = read.table?.rows.length ?? 0;
  const validateDone = performance.now();
  const fileName = file.name.slice(-200);

  if (problems.length > 0 || !read.table) {
    if (!read.table && problems.length === 0)
      problems.push({
        row: 0,
        column: null,
        message: '文件无法读取。',
        messageEn: 'The file cannot be read.',
      });
    const [row] = await db
      .insert(imports)
      .values({
        programmeId,
        kind: spec.kind,
        fileName,
        sha256: bytesHash,
        rowCount,
        status: 'rejected',
        report: { problemCount: problems.length, problems: problems.slice(0, storedProblemLimit) },
        createdBy: actor.userId,
      })
      .returning({ id: imports.id });
    return {
      status: 'rejected',
      importId: row!.id,
      rowCount,
      problems,
      timings: timings(started, readDone, validateDone, performance.now()),
    };
  }

  const table = read.table;
  const outcome = await db.transaction(async (tx) => {
    // one import per programme at a time: the diff below must see what it overwrites
    await tx.execute(sql`select pg_advisory_xact_lock(8000001, ${programmeId})`);
    const written = await spec.write(tx as unknown as Database, programmeId, rows, {
      present,
      rowNumbers,
      headerOf,
    });
    const notices = written.notices ?? [];
    const report = {
      counts: written.counts,
      ignoredColumns,
      noticeCount: notices.length,
      notices: notices.slice(0, storedProblemLimit),
      format: table.format,
      encoding: table.encoding,
      sheetName: table.sheetName,
      created: written.created,
      updated: written.updated,
    };
    const [row] = await tx
      .insert(imports)
      .values({
        programmeId,
        kind: spec.kind,
        fileName,
        sha256: bytesHash,
        rowCount,
        status: 'applied',
        report,
        createdBy: actor.userId,
      })
      .returning({ id: imports.id });
    await tx.insert(auditLog).values({
      actorId: actor.userId,
      action: `registry.import.${spec.kind}`,
      entityType: 'programme',
      entityId: String(programmeId),
      after: { importId: row!.id, fileName, sha256: bytesHash, rowCount, counts: written.counts },
      clientAddress: actor.clientAddress,
    });
    return { importId: row!.id, counts: written.counts, notices };
  });
  return {
    status: 'applied',
    importId: outcome.importId,
    rowCount,
    counts: outcome.counts,
    ignoredColumns,
    notices: outcome.notices,
    timings: timings(started, readDone, validateDone, performance.now()),
  };
}

function timings(started: number, read: number, validated: number, written: number): ImportTimings {
  return {
    readMs: Math.round(read - started),
    validateMs: Math.round(validated - read),
    writeMs: Math.round(written - validated),
  };
}

async function sha256(file: UploadedFile): Promise<string> {
  return createHash('sha256')
    .update(new Uint8Array(await file.arrayBuffer()))
    .digest('hex');
}

/** Rows to write in statements of at most this many (PostgreSQL takes up to 65,535 parameters per statement). */
export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * A PostgreSQL array literal of text (NULL for null), passed as one parameter and cast in SQL (`::text[]`,
 * `::website_kind[]`): the same on node-postgres and PGlite, whatever their own array serialisation does.
 */
export function textArray(values: readonly (string | null)[]): string {
  const items = values.map((value) =>
    value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}
