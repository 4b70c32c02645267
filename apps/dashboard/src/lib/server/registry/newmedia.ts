import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open';
import { newMediaAccounts, type TargetLevel, type TargetStatus } from '../db/schema';
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
import { labelLookup, normalizeValue, targetLevelLabels, targetStatusLabels, type Label } from './labels';
import type { ColumnSpec, TableFileOptions, UploadedFile } from './table-file';
import { unitDirectory, unknownSupervisorNotices } from './unit-names';
import { nextSupervising, registryMessages, supervisingColumn, supervisingNameSchema } from './websites';

/** The fields of a new-media account that an import or an edit compares (and audits) to tell a change. */
export const accountFields = [
  'ownerName',
  'ownerUnitId',
  'supervisingName',
  'supervisingUnitId',
  'level',
  'status',
] as const;

// The new-media registry (政务新媒体): accounts keyed by platform + name within a programme.

export type NewMediaField = 'name' | 'platform' | 'ownerName' | 'level' | 'status' | 'supervisingName';

export const newMediaColumns: readonly ColumnSpec<NewMediaField>[] = [
  {
    key: 'name',
    label: '账号名称',
    labelEn: 'Account name',
    aliases: ['名称', '新媒体名称', '政务新媒体名称', '帳號名稱', '账号'],
    required: true,
  },
  {
    key: 'platform',
    label: '平台',
    labelEn: 'Platform',
    aliases: ['平台类型', '所在平台', '类型', '平台名称'],
    required: true,
  },
  {
    key: 'ownerName',
    label: '主办单位',
    labelEn: 'Owner',
    aliases: ['开办主体', '开办单位', '主辦單位', '運營主體', '运营主体'],
    required: true,
  },
  { key: 'level', label: '层级', labelEn: 'Level', aliases: ['级别', '行政级别', '層級'], required: false },
  { key: 'status', label: '运行状态', labelEn: 'Status', aliases: ['状态', '账号状态'], required: false },
  // last, as for websites: files in the earlier column order read the same
  supervisingColumn<NewMediaField>(),
];

export const newMediaIgnoredHeaders = [
  '序号',
  '序號',
  '检查结果',
  '檢查結果',
  '存在的严重问题',
  '存在的问题',
  '备注',
];

/** Platform spellings folded into one name, so that 微信 and 微信公众号 are the same platform. */
const platformAliases: Record<string, string> = {
  微信: '微信公众号',
  微信公众号: '微信公众号',
  公众号: '微信公众号',
  微信公众平台: '微信公众号',
  新浪微博: '微博',
  微博: '微博',
  抖音: '抖音',
  抖音号: '抖音',
  头条: '头条号',
  今日头条: '头条号',
  头条号: '头条号',
  百度贴吧: '百度贴吧',
  贴吧: '百度贴吧',
  快手: '快手',
  视频号: '微信视频号',
  微信视频号: '微信视频号',
};

export function canonicalPlatform(text: string): string {
  const compact = text.normalize('NFKC').replace(/\s+/gu, '');
  return platformAliases[compact] ?? compact;
}

function optionalLabelled<Value extends string>(labels: Record<Value, Label>, code: string) {
  const lookup = labelLookup(labels);
  return z
    .string({ error: code })
    .transform((text, context) => {
      const value = lookup.get(normalizeValue(text));
      if (value === undefined) {
        context.addIssue({ code: 'custom', message: code });
        return z.NEVER;
      }
      return value;
    })
    .optional();
}

export const newMediaRowSchema = z.strictObject({
  name: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(200, { error: 'tooLong' }),
  platform: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(50, { error: 'tooLong' })
    .transform(canonicalPlatform),
  ownerName: z
    .string({ error: 'required' })
    .trim()
    .min(1, { error: 'required' })
    .max(200, { error: 'tooLong' }),
  level: optionalLabelled(targetLevelLabels, 'level'),
  status: optionalLabelled(targetStatusLabels, 'status'),
  supervisingName: supervisingNameSchema,
});

export type NewMediaRow = z.output<typeof newMediaRowSchema>;

/** the identity of an account: platform + name (a tab cannot occur in either after trimming a cell) */
export const accountKey = (platform: string, name: string) => `${platform}\t${name}`;

async function writeAccounts(
  tx: Database,
  programmeId: number,
  rows: NewMediaRow[],
  { present, rowNumbers, headerOf }: WriteContext<NewMediaField>,
): Promise<WriteResult> {
  const existing = await tx
    .select()
    .from(newMediaAccounts)
    .where(eq(newMediaAccounts.programmeId, programmeId))
    .for('update');
  const byKey = new Map(existing.map((row) => [accountKey(row.platform, row.name), row]));
  const directory = await unitDirectory(tx);
  const toWrite: {
    programmeId: number;
    name: string;
    platform: string;
    ownerName: string;
    ownerUnitId: number | null;
    supervisingName: string | null;
    supervisingUnitId: number | null;
    level: TargetLevel | null;
    status: TargetStatus;
  }[] = [];
  const created: string[] = [];
  const updated: RowChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const key = accountKey(row.platform, row.name);
    const previous = byKey.get(key);
    const next = {
      programmeId,
      name: row.name,
      platform: row.platform,
      ownerName: row.ownerName,
      ownerUnitId: directory.resolve(row.ownerName),
      ...nextSupervising(row, previous, present.has('supervisingName'), directory.resolve),
      level: present.has('level') ? (row.level ?? null) : (previous?.level ?? null),
      status: present.has('status') ? (row.status ?? 'running') : (previous?.status ?? 'running'),
    };
    const label = `${row.platform}：${row.name}`;
    if (!previous) {
      created.push(label);
      toWrite.push(next);
      continue;
    }
    const changed = accountFields.filter((field) => previous[field] !== next[field]);
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    updated.push({
      key: label,
      before: Object.fromEntries(changed.map((field) => [field, previous[field]])),
      after: Object.fromEntries(changed.map((field) => [field, next[field]])),
    });
    toWrite.push(next);
  }
  for (const chunk of chunks(toWrite, 5000))
    await tx.execute(sql`
      insert into ${newMediaAccounts} (programme_id, name, platform, owner_name, owner_unit_id, supervising_name,
        supervising_unit_id, level, status)
      select ${programmeId}, * from unnest(
        ${textArray(chunk.map((row) => row.name))}::text[],
        ${textArray(chunk.map((row) => row.platform))}::text[],
        ${textArray(chunk.map((row) => row.ownerName))}::text[],
        ${textArray(chunk.map((row) => (row.ownerUnitId === null ? null : String(row.ownerUnitId))))}::int[],
        ${textArray(chunk.map((row) => row.supervisingName))}::text[],
        ${textArray(chunk.map((row) => (row.supervisingUnitId === null ? null : String(row.supervisingUnitId))))}::int[],
        ${textArray(chunk.map((row) => row.level))}::target_level[],
        ${textArray(chunk.map((row) => row.status))}::target_status[])
      on conflict (programme_id, platform, name) do update set
        owner_name = excluded.owner_name, owner_unit_id = excluded.owner_unit_id,
        supervising_name = excluded.supervising_name, supervising_unit_id = excluded.supervising_unit_id,
        level = excluded.level,
        status = excluded.status, version = ${newMediaAccounts.version} + 1, updated_at = now()`);
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

export const newMediaImportSpec: RegistryImportSpec<NewMediaField, NewMediaRow> = {
  kind: 'newMedia',
  columns: newMediaColumns,
  ignoredHeaders: newMediaIgnoredHeaders,
  schema: newMediaRowSchema,
  messages: registryMessages,
  identity: (row) => accountKey(row.platform, row.name),
  identityColumns: ['platform', 'name'],
  describeIdentity: (row) => ({
    zh: `${row.platform}账号“${row.name}”`,
    en: `The ${row.platform} account “${row.name}”`,
  }),
  write: writeAccounts,
};

export function importNewMediaAccounts(options: {
  db: Database;
  programmeId: number;
  file: UploadedFile;
  actor: ImportActor;
  limits?: TableFileOptions;
}): Promise<ImportOutcome> {
  return runRegistryImport({ ...options, spec: newMediaImportSpec });
}
