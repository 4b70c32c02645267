import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open';
import { websites, type TargetLevel, type TargetStatus, type WebsiteKind } from '../db/schema';
import {
  chunks,
  runRegistryImport,
  textArray,
  type ImportActor,
  type ImportOutcome,
  type RegistryImportSpec,
  type RowChange,
  type WriteContext,
  type WriteResult,
} from './import';
import {
  hasNoneLabels,
  labelList,
  labelLookup,
  normalizeValue,
  targetLevelLabels,
  targetStatusLabels,
  websiteKindLabels,
  yesNoLabels,
  type Label,
} from './labels';
import type { ColumnSpec, TableFileOptions, UploadedFile } from './table-file';
import { unitDirectory, unknownSupervisorNotices } from './unit-names';

// The website registry (政府网站名录) of an inspection programme: the columns a registry file has, the row schema, and
// the import (upsert by 网站标识码).

export type WebsiteField =
  | 'siteCode'
  | 'name'
  | 'homeUrl'
  | 'ownerName'
  | 'kind'
  | 'level'
  | 'consolidated'
  | 'hasExternalServices'
  | 'status'
  | 'supervisingName';

/**
 * In the order the export writes them; the first three are the seeds' appendix columns. 主管单位 came later and is
 * last, so that files laid out by the earlier column order still read the same.
 */
export const websiteColumns: readonly ColumnSpec<WebsiteField>[] = [
  {
    key: 'siteCode',
    label: '网站标识码',
    labelEn: 'Site code',
    aliases: ['标识码', '網站標識碼', '标识代码'],
    required: true,
  },
  {
    key: 'name',
    label: '网站名称',
    labelEn: 'Website name',
    aliases: ['名称', '網站名稱', '网站名'],
    required: true,
  },
  {
    key: 'homeUrl',
    label: '首页网址',
    labelEn: 'Home URL',
    aliases: ['网址', 'URL', '首页网址(主域名)', '首頁網址', '首頁網址(主域名)', '网站地址', '域名'],
    required: true,
  },
  {
    key: 'ownerName',
    label: '主办单位',
    labelEn: 'Owner',
    aliases: ['主办单位名称', '開辦單位', '开办单位', '主辦單位'],
    required: false,
  },
  {
    key: 'kind',
    label: '网站类别',
    labelEn: 'Kind',
    aliases: ['类别', '网站类型', '类型', '網站類別'],
    required: true,
  },
  { key: 'level', label: '层级', labelEn: 'Level', aliases: ['级别', '行政级别', '層級'], required: true },
  {
    key: 'consolidated',
    label: '集约化',
    labelEn: 'Consolidated',
    aliases: ['是否集约化', '集约化平台', '是否在集约化平台'],
    required: false,
  },
  {
    key: 'hasExternalServices',
    label: '办事服务',
    labelEn: 'External services',
    aliases: ['有无办事服务', '是否有办事服务', '对外服务'],
    required: false,
  },
  {
    key: 'status',
    label: '运行状态',
    labelEn: 'Status',
    aliases: ['状态', '網站狀態', '网站状态'],
    required: false,
  },
  supervisingColumn<WebsiteField>(),
];

/** 主管单位: optional in both registries; resolved to an assessed unit by name like the owner (unit-names.ts). */
export function supervisingColumn<Key extends string>(): ColumnSpec<Key> {
  return {
    key: 'supervisingName' as Key,
    label: '主管单位',
    labelEn: 'Supervising unit',
    aliases: ['主管单位名称', '主管單位', '主管單位名稱'],
    required: false,
  };
}

/** 主管单位 as read from a cell: empty means none. */
export const supervisingNameSchema = z.string().trim().max(200, { error: 'tooLong' }).optional();

/** Columns of the seeds' appendix tables that are not registry data (a results import reads them). */
export const websiteIgnoredHeaders = [
  '序号',
  '序號',
  '检查结果',
  '檢查結果',
  '存在的严重问题',
  '存在的嚴重問題',
  '存在的问题',
  '备注',
];

function labelledEnum<Value extends string>(labels: Record<Value, Label>, code: string) {
  const lookup = labelLookup(labels);
  return z.string({ error: code }).transform((text, context) => {
    const value = lookup.get(normalizeValue(text));
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: code });
      return z.NEVER;
    }
    return value;
  });
}

const yesNo = (labels: Record<'yes' | 'no', Label>, code: string) =>
  labelledEnum(labels, code).transform((value) => value === 'yes');

export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** One registry row as read from a file: required fields always, optional ones when their column was there. */
export const websiteRowSchema = z.strictObject({
  siteCode: z
    .string({ error: 'siteCode' })
    .transform((text) => text.normalize('NFKC').trim())
    .pipe(z.string().regex(/^[0-9]{10}$/, { error: 'siteCode' })),
  name: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(200, { error: 'tooLong' }),
  homeUrl: z
    .string({ error: 'required' })
    .trim()
    .max(2000, { error: 'tooLong' })
    .refine(isHttpUrl, { error: 'url' }),
  ownerName: z.string().trim().max(200, { error: 'tooLong' }).optional(),
  kind: labelledEnum(websiteKindLabels, 'kind'),
  level: labelledEnum(targetLevelLabels, 'level'),
  consolidated: yesNo(yesNoLabels, 'consolidated').optional(),
  hasExternalServices: yesNo(hasNoneLabels, 'services').optional(),
  status: labelledEnum(targetStatusLabels, 'status').optional(),
  supervisingName: supervisingNameSchema,
});

export type WebsiteRow = z.output<typeof websiteRowSchema>;

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

export const registryMessages: Record<string, (value: string) => { zh: string; en: string }> = {
  required: () => ({ zh: '必填，不能为空。', en: 'Required; must not be empty.' }),
  tooLong: (value) => ({
    zh: `内容过长（${value.length} 个字符）。`,
    en: `Too long (${value.length} characters).`,
  }),
  siteCode: (value) =>
    value === ''
      ? { zh: '必填：网站标识码为 10 位数字。', en: 'Required: the site code is 10 digits.' }
      : {
          zh: `网站标识码应为 10 位数字，实际为“${shown(value)}”。`,
          en: `The site code must be 10 digits, not “${shown(value)}”.`,
        },
  url: (value) => ({
    zh: `首页网址应以 http:// 或 https:// 开头的完整网址，实际为“${shown(value)}”。`,
    en: `The home URL must be a full address starting with http:// or https://, not “${shown(value)}”.`,
  }),
  kind: (value) => enumMessage(websiteKindLabels, value),
  level: (value) => enumMessage(targetLevelLabels, value),
  status: (value) => enumMessage(targetStatusLabels, value),
  consolidated: (value) => enumMessage(yesNoLabels, value),
  services: (value) => enumMessage(hasNoneLabels, value),
};

function enumMessage<Value extends string>(labels: Record<Value, Label>, value: string) {
  return value === ''
    ? { zh: `必填：${labelList(labels, 'zh')}。`, en: `Required: ${labelList(labels, 'en')}.` }
    : {
        zh: `应为${labelList(labels, 'zh')}之一，实际为“${shown(value)}”。`,
        en: `Must be one of ${labelList(labels, 'en')}, not “${shown(value)}”.`,
      };
}

interface StoredWebsite {
  siteCode: string;
  name: string;
  homeUrl: string;
  ownerName: string;
  ownerUnitId: number | null;
  supervisingName: string | null;
  supervisingUnitId: number | null;
  kind: WebsiteKind;
  level: TargetLevel;
  consolidated: boolean;
  hasExternalServices: boolean;
  status: TargetStatus;
}

/** The fields of a website that an import or an edit compares (and audits) to tell a change. */
export const websiteFields = [
  'name',
  'homeUrl',
  'ownerName',
  'ownerUnitId',
  'supervisingName',
  'supervisingUnitId',
  'kind',
  'level',
  'consolidated',
  'hasExternalServices',
  'status',
] as const;

/**
 * The 主管单位 of a row as stored: a file without the column keeps what was stored (re-resolved, in case the unit
 * was added since); an empty cell means none.
 */
export function nextSupervising(
  row: { supervisingName?: string | undefined },
  previous: { supervisingName: string | null; supervisingUnitId: number | null } | undefined,
  present: boolean,
  resolve: (name: string | null) => number | null,
): { supervisingName: string | null; supervisingUnitId: number | null } {
  if (!present) {
    const name = previous?.supervisingName ?? null;
    return { supervisingName: name, supervisingUnitId: resolve(name) ?? previous?.supervisingUnitId ?? null };
  }
  const name = row.supervisingName ? row.supervisingName : null;
  return { supervisingName: name, supervisingUnitId: resolve(name) };
}

async function writeWebsites(
  tx: Database,
  programmeId: number,
  rows: WebsiteRow[],
  { present, rowNumbers, headerOf }: WriteContext<WebsiteField>,
): Promise<WriteResult> {
  const existing = await tx
    .select()
    .from(websites)
    .where(eq(websites.programmeId, programmeId))
    .for('update');
  const bySiteCode = new Map(existing.map((row) => [row.siteCode, row]));
  const directory = await unitDirectory(tx);
  const toWrite: StoredWebsite[] = [];
  const created: string[] = [];
  const updated: RowChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const previous = bySiteCode.get(row.siteCode);
    // a column the file does not have keeps the stored value (or the default for a new site)
    const ownerName = present.has('ownerName') ? (row.ownerName ?? '') : (previous?.ownerName ?? '');
    const next: StoredWebsite = {
      siteCode: row.siteCode,
      name: row.name,
      homeUrl: row.homeUrl,
      ownerName,
      ownerUnitId:
        directory.resolve(ownerName) ?? (present.has('ownerName') ? null : (previous?.ownerUnitId ?? null)),
      ...nextSupervising(row, previous, present.has('supervisingName'), directory.resolve),
      kind: row.kind,
      level: row.level,
      consolidated: present.has('consolidated')
        ? (row.consolidated ?? false)
        : (previous?.consolidated ?? false),
      hasExternalServices: present.has('hasExternalServices')
        ? (row.hasExternalServices ?? true)
        : (previous?.hasExternalServices ?? true),
      status: present.has('status') ? (row.status ?? 'running') : (previous?.status ?? 'running'),
    };
    if (!previous) {
      created.push(row.siteCode);
      toWrite.push(next);
      continue;
    }
    const changed = websiteFields.filter((field) => previous[field] !== next[field]);
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    updated.push({
      key: row.siteCode,
      before: Object.fromEntries(changed.map((field) => [field, previous[field]])),
      after: Object.fromEntries(changed.map((field) => [field, next[field]])),
    });
    toWrite.push(next);
  }
  // one statement per 5,000 rows, the columns as arrays (unnest): far fewer parameters and round trips than VALUES
  for (const chunk of chunks(toWrite, 5000))
    await tx.execute(sql`
      insert into ${websites} (programme_id, site_code, name, home_url, owner_name, owner_unit_id,
        supervising_name, supervising_unit_id, kind, level, consolidated, has_external_services, status)
      select ${programmeId}, * from unnest(
        ${textArray(chunk.map((row) => row.siteCode))}::text[],
        ${textArray(chunk.map((row) => row.name))}::text[],
        ${textArray(chunk.map((row) => row.homeUrl))}::text[],
        ${textArray(chunk.map((row) => row.ownerName))}::text[],
        ${textArray(chunk.map((row) => (row.ownerUnitId === null ? null : String(row.ownerUnitId))))}::int[],
        ${textArray(chunk.map((row) => row.supervisingName))}::text[],
        ${textArray(chunk.map((row) => (row.supervisingUnitId === null ? null : String(row.supervisingUnitId))))}::int[],
        ${textArray(chunk.map((row) => row.kind))}::website_kind[],
        ${textArray(chunk.map((row) => row.level))}::target_level[],
        ${textArray(chunk.map((row) => String(row.consolidated)))}::boolean[],
        ${textArray(chunk.map((row) => String(row.hasExternalServices)))}::boolean[],
        ${textArray(chunk.map((row) => row.status))}::target_status[])
      on conflict (programme_id, site_code) do update set
        name = excluded.name, home_url = excluded.home_url, owner_name = excluded.owner_name,
        owner_unit_id = excluded.owner_unit_id, supervising_name = excluded.supervising_name,
        supervising_unit_id = excluded.supervising_unit_id, kind = excluded.kind, level = excluded.level,
        consolidated = excluded.consolidated, has_external_services = excluded.has_external_services,
        status = excluded.status, version = ${websites.version} + 1, updated_at = now()`);
  const notices = present.has('supervisingName')
    ? unknownSupervisorNotices(
        rows.map((row, index) => ({ row: rowNumbers[index]!, name: row.supervisingName })),
        directory,
        headerOf.supervisingName ?? '主管单位',
      )
    : [];
  return {
    counts: { created: created.length, updated: updated.length, unchanged },
    created,
    updated,
    notices,
  };
}

export const websiteImportSpec: RegistryImportSpec<WebsiteField, WebsiteRow> = {
  kind: 'websites',
  columns: websiteColumns,
  ignoredHeaders: websiteIgnoredHeaders,
  schema: websiteRowSchema,
  messages: registryMessages,
  identity: (row) => row.siteCode,
  identityColumns: ['siteCode'],
  describeIdentity: (row) => ({ zh: `网站标识码 ${row.siteCode} `, en: `The site code ${row.siteCode}` }),
  write: writeWebsites,
};

export function importWebsites(options: {
  db: Database;
  programmeId: number;
  file: UploadedFile;
  actor: ImportActor;
  limits?: TableFileOptions;
}): Promise<ImportOutcome> {
  return runRegistryImport({ ...options, spec: websiteImportSpec });
}
