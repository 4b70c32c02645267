import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The one schema of the dashboard. `pnpm --filter @kaohe/dashboard db:generate` turns it into SQL migrations
// (./drizzle) that run unchanged on PGlite and on PostgreSQL.

/** Raw bytes: node-postgres gives a Buffer, PGlite a Uint8Array; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** inspector: records quarterly inspections (季度检查) of websites and new-media accounts. */
export const roles = ['admin', 'assessor', 'reviewer', 'leader', 'inspector'] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum('role', roles);

/** 地区 (a region's government) or 部门 (a department). */
export const unitKinds = ['region', 'department'] as const;
export const unitKindEnum = pgEnum('unit_kind', unitKinds);

export const programmeLevels = ['national', 'province', 'city', 'county'] as const;
export type ProgrammeLevel = (typeof programmeLevels)[number];
export const programmeLevelEnum = pgEnum('programme_level', programmeLevels);

/** assessment: 年度考核 of units (self-evaluation → review → ranking); inspection: 季度检查 of websites and accounts. */
export const programmeKinds = ['assessment', 'inspection'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];
export const programmeKindEnum = pgEnum('programme_kind', programmeKinds);

/** open: assessors fill in 自查自评; review: reviewers verify (复核查验); published: results frozen. */
export const cycleStatuses = ['open', 'review', 'published'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];
export const cycleStatusEnum = pgEnum('cycle_status', cycleStatuses);

export const submissionStatuses = ['draft', 'submitted', 'verified'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const submissionStatusEnum = pgEnum('submission_status', submissionStatuses);

/**
 * What an entry fills in: a sub-item (子项), a veto measurement (单项否决), a bonus criterion (加分); evidence may
 * also concern the whole unit (e.g. its 自查自评报告), with entry id "unit".
 */
export const entryKinds = ['subItem', 'measurement', 'bonus', 'unit'] as const;
export type EntryKind = (typeof entryKinds)[number];
export const entryKindEnum = pgEnum('entry_kind', entryKinds);

export const reviewDecisions = ['accepted', 'adjusted'] as const;
export const reviewDecisionEnum = pgEnum('review_decision', reviewDecisions);

export const evidenceKinds = ['file', 'link'] as const;
export const evidenceKindEnum = pgEnum('evidence_kind', evidenceKinds);

export const units = pgTable('units', {
  id: serial('id').primaryKey(),
  /** stable code used in URLs and imports, e.g. "gs-lanzhou" */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  kind: unitKindEnum('kind').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** stored lower-case; login compares lower-case */
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull(),
    /** the one unit an assessor works for (填报单位); null for the other roles */
    unitId: integer('unit_id').references(() => units.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('users_assessor_has_unit', sql`${table.role} <> 'assessor' or ${table.unitId} is not null`),
    index('users_unit_idx').on(table.unitId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** hex SHA-256 of the cookie token: a leaked table does not give usable cookies */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** Failed logins per account + client address; kept in the db so a restart or a second app server does not reset it. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** A supervision programme (考核方案): who is assessed, under which rule set. */
export const programmes = pgTable('programmes', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  titleEn: text('title_en'),
  /** id of a rule set from @kaohe/rules, e.g. "gansu-2019-annual-assessment" */
  ruleSetId: text('rule_set_id').notNull(),
  level: programmeLevelEnum('level').notNull(),
  kind: programmeKindEnum('kind').notNull().default('assessment'),
  /** who runs it, e.g. 甘肃省人民政府办公厅 */
  organiser: text('organiser'),
  createdAt: createdAt(),
});

/** The groups a programme ranks separately (市州 / 省直部门); their labels are data, not code. */
export const programmeGroups = pgTable(
  'programme_groups',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en'),
    position: integer('position').notNull().default(0),
  },
  (table) => [uniqueIndex('programme_groups_key_idx').on(table.programmeId, table.key)],
);

export const programmeUnits = pgTable(
  'programme_units',
  {
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => programmeGroups.id),
  },
  (table) => [
    primaryKey({ columns: [table.programmeId, table.unitId] }),
    index('programme_units_group_idx').on(table.groupId),
  ],
);

/** One round of a programme (e.g. 2019年度). */
export const cycles = pgTable(
  'cycles',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    status: cycleStatusEnum('status').notNull().default('open'),
    /** the period a cycle covers (a quarter for inspections); orders cycles and finds "last quarter" */
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('cycles_slug_idx').on(table.programmeId, table.slug)],
);

/** Where one unit stands in one cycle: draft → submitted → verified. */
export const unitSubmissions = pgTable(
  'unit_submissions',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    status: submissionStatusEnum('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: integer('verified_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.cycleId, table.unitId] })],
);

/** 自查自评: a unit's own inputs for one entry of the rule set. */
export const selfEvaluations = pgTable(
  'self_evaluations',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    entryKind: entryKindEnum('entry_kind').notNull(),
    entryId: text('entry_id').notNull(),
    /** the scoring input for this entry, in the shape @kaohe/scoring reads */
    inputs: jsonb('inputs').notNull(),
    note: text('note'),
    /** optimistic locking: a save names the version it edited */
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('self_evaluations_entry_idx').on(table.cycleId, table.unitId, table.entryKind, table.entryId),
  ],
);

/** 复核查验: the reviewer's verified inputs for one entry; an adjustment needs its reason. */
export const reviews = pgTable(
  'reviews',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    entryKind: entryKindEnum('entry_kind').notNull(),
    entryId: text('entry_id').notNull(),
    inputs: jsonb('inputs').notNull(),
    decision: reviewDecisionEnum('decision').notNull(),
    reason: text('reason'),
    reviewerId: integer('reviewer_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('reviews_entry_idx').on(table.cycleId, table.unitId, table.entryKind, table.entryId),
    check(
      'reviews_adjustment_has_reason',
      sql`${table.decision} <> 'adjusted' or length(${table.reason}) > 0`,
    ),
  ],
);

/** Evidence metadata; file bytes live under the data dir, keyed by storage_key. */
export const evidence = pgTable(
  'evidence',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    entryKind: entryKindEnum('entry_kind').notNull(),
    entryId: text('entry_id').notNull(),
    kind: evidenceKindEnum('kind').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    storageKey: text('storage_key'),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [index('evidence_entry_idx').on(table.cycleId, table.unitId, table.entryId)],
);

/**
 * Evidence file contents, addressed by their SHA-256 (the same file uploaded twice is stored once). In the database
 * rather than on a local disk, so that several app servers on one PostgreSQL all see every file.
 */
export const evidenceFiles = pgTable('evidence_files', {
  sha256: text('sha256').primaryKey(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  content: bytea('content').notNull(),
  createdAt: createdAt(),
});

/** A published (frozen) result set of a cycle; a later correction is a new revision with a reason. */
export const resultRevisions = pgTable(
  'result_revisions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    reason: text('reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('result_revisions_idx').on(table.cycleId, table.revision)],
);

/** One unit's frozen result in a revision, exactly as @kaohe/scoring returned it. */
export const unitResults = pgTable(
  'unit_results',
  {
    revisionId: integer('revision_id')
      .notNull()
      .references(() => resultRevisions.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** the displayed (rounded) total as a decimal string; null when the unit was not scored */
    total: numeric('total'),
    grade: text('grade'),
    vetoed: boolean('vetoed').notNull().default(false),
    /** the AssessmentResult of @kaohe/scoring (explanation in Chinese) */
    result: jsonb('result').notNull(),
    /** the same explanation lines in English */
    explanationEn: jsonb('explanation_en'),
    /** the verified inputs the result was computed from, so a frozen result can be re-derived and audited */
    inputs: jsonb('inputs'),
  },
  (table) => [primaryKey({ columns: [table.revisionId, table.unitId] })],
);

/** Who changed what, when, before and after. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    clientAddress: text('client_address'),
  },
  (table) => [
    index('audit_log_entity_idx').on(table.entityType, table.entityId),
    index('audit_log_at_idx').on(table.at),
  ],
);

// ——— Quarterly inspections (季度检查): the registry of websites and new-media accounts, and their inspections ———

/** 网站类别: 门户网站 / 部门网站 / 其他 */
export const websiteKinds = ['portal', 'department', 'other'] as const;
export type WebsiteKind = (typeof websiteKinds)[number];
export const websiteKindEnum = pgEnum('website_kind', websiteKinds);

/** 层级: 省 / 市 / 县 / 县以下 */
export const targetLevels = ['province', 'city', 'county', 'belowCounty'] as const;
export type TargetLevel = (typeof targetLevels)[number];
export const targetLevelEnum = pgEnum('target_level', targetLevels);

/** 运行状态: 正常运行 / 临时下线 / 关停 / 迁移 */
export const targetStatuses = ['running', 'offline', 'closed', 'migrated'] as const;
export type TargetStatus = (typeof targetStatuses)[number];
export const targetStatusEnum = pgEnum('target_status', targetStatuses);

export const targetTypes = ['website', 'newMedia'] as const;
export type TargetType = (typeof targetTypes)[number];
export const targetTypeEnum = pgEnum('target_type', targetTypes);

/**
 * Why a target was inspected: sample (抽查, drawn at random), recheck (整改复查 of last quarter's failures),
 * reported (a lower office's reported result), provinceRecheck (the province re-checking a reported result).
 */
export const inspectionSources = ['sample', 'recheck', 'reported', 'provinceRecheck'] as const;
export type InspectionSource = (typeof inspectionSources)[number];
export const inspectionSourceEnum = pgEnum('inspection_source', inspectionSources);

/** A website in a programme's registry (the jurisdiction's 政府网站名录). */
export const websites = pgTable(
  'websites',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    /** 网站标识码: 10 digits, unique in the registry */
    siteCode: text('site_code').notNull(),
    name: text('name').notNull(),
    homeUrl: text('home_url').notNull(),
    /** 主办单位 as written in the registry; ownerUnitId when it is an assessed unit */
    ownerName: text('owner_name').notNull(),
    ownerUnitId: integer('owner_unit_id').references(() => units.id),
    /** 主管单位 (e.g. the city over a county's portal), when it differs from the owner; counted in its 所辖 rates */
    supervisingName: text('supervising_name'),
    supervisingUnitId: integer('supervising_unit_id').references(() => units.id),
    kind: websiteKindEnum('kind').notNull(),
    level: targetLevelEnum('level').notNull(),
    /** a sub-site on the consolidated (集约化) platform rather than an independent site */
    consolidated: boolean('consolidated').notNull().default(false),
    /** has external service functions (办事服务): decides how the service indicator is scored */
    hasExternalServices: boolean('has_external_services').notNull().default(true),
    status: targetStatusEnum('status').notNull().default('running'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('websites_site_code_idx').on(table.programmeId, table.siteCode),
    check('websites_site_code_format', sql`${table.siteCode} ~ '^[0-9]{10}$'`),
    index('websites_level_idx').on(table.programmeId, table.level),
  ],
);

/** A government new-media account (政务新媒体) in a programme's registry. */
export const newMediaAccounts = pgTable(
  'new_media_accounts',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 微信公众号, 微博, 抖音, 头条号, 百度贴吧, … (free text: platforms come and go) */
    platform: text('platform').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerUnitId: integer('owner_unit_id').references(() => units.id),
    /** 主管单位, when it differs from the owner (as for websites) */
    supervisingName: text('supervising_name'),
    supervisingUnitId: integer('supervising_unit_id').references(() => units.id),
    level: targetLevelEnum('level'),
    status: targetStatusEnum('status').notNull().default('running'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('new_media_accounts_name_idx').on(table.programmeId, table.platform, table.name)],
);

/** A reproducible draw of what to inspect in a cycle (抽查): the seed, the ratio and the drawn targets. */
export const inspectionSamples = pgTable(
  'inspection_samples',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    targetType: targetTypeEnum('target_type').notNull(),
    /** what was sampled, e.g. "全省" or a city's name */
    scope: text('scope').notNull(),
    seed: text('seed').notNull(),
    /** the required share per level, a decimal string such as "0.3" */
    ratio: numeric('ratio').notNull(),
    /** the drawn targets with why each was drawn (random / recheck), as the sampling function returned them */
    plan: jsonb('plan').notNull(),
    drawnBy: integer('drawn_by').references(() => users.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('inspection_samples_cycle_idx').on(table.cycleId)],
);

/** One target inspected once in a cycle under an inspection rule set; verdict and score come from @kaohe/scoring. */
export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    targetType: targetTypeEnum('target_type').notNull(),
    websiteId: integer('website_id').references(() => websites.id),
    accountId: integer('account_id').references(() => newMediaAccounts.id),
    source: inspectionSourceEnum('source').notNull().default('sample'),
    /** id of an inspection rule set from @kaohe/rules */
    ruleSetId: text('rule_set_id').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    inspectorId: integer('inspector_id').references(() => users.id),
    /** who inspected when not an account here (e.g. an imported city report) */
    inspectorName: text('inspector_name'),
    /** the scoring inputs in the shape scoreInspection reads: target, measurements, findings, bonus */
    inputs: jsonb('inputs').notNull(),
    /** 合格 / 不合格 as computed by @kaohe/scoring */
    verdict: text('verdict').notNull(),
    /** 'veto' | 'belowPassMark' | null */
    reason: text('reason'),
    /** ids of the vetoes that tripped (e.g. empty columns), for the bulletin's share of each reason */
    vetoIds: jsonb('veto_ids').notNull().default([]),
    score: numeric('score'),
    total: numeric('total'),
    /** the explanation lines in Chinese and English, as @kaohe/scoring wrote them */
    explanation: jsonb('explanation').notNull(),
    explanationEn: jsonb('explanation_en'),
    /** 存在的严重问题 in the bulletin's words (imported or written from the explanation) */
    problems: text('problems'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'inspections_one_target',
      sql`(${table.targetType} = 'website' and ${table.websiteId} is not null and ${table.accountId} is null) or (${table.targetType} = 'newMedia' and ${table.accountId} is not null and ${table.websiteId} is null)`,
    ),
    uniqueIndex('inspections_website_idx').on(table.cycleId, table.websiteId, table.source),
    uniqueIndex('inspections_account_idx').on(table.cycleId, table.accountId, table.source),
    index('inspections_cycle_idx').on(table.cycleId, table.targetType),
  ],
);

/** One import of a registry or results file: all or nothing; the report lists every problem by row and column. */
export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    cycleId: integer('cycle_id').references(() => cycles.id, { onDelete: 'cascade' }),
    /** websites / newMedia / results / measurements */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    /** applied: written; rejected: nothing written */
    status: text('status').notNull(),
    /** counts of created / updated / unchanged rows, or the row-by-row problems */
    report: jsonb('report').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index('imports_programme_idx').on(table.programmeId, table.createdAt)],
);

/**
 * The counts a programme publishes from its inspections when the individual results are not kept here (e.g. the
 * State Council's 2020 spot checks: 328 websites, 153 of them portals, 91.8% passed). Rates are computed from the
 * counts by @kaohe/scoring; the printed rate is kept to be checked against them.
 */
export const inspectionSummaries = pgTable(
  'inspection_summaries',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    targetType: targetTypeEnum('target_type').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en'),
    checked: integer('checked').notNull(),
    failed: integer('failed').notNull(),
    /** of the websites checked, how many were portals (门户网站) */
    portalsChecked: integer('portals_checked'),
    /** the pass rate as the bulletin printed it, e.g. "91.8%" */
    publishedPassRate: text('published_pass_rate'),
    source: text('source'),
    position: integer('position').notNull().default(0),
  },
  (table) => [
    uniqueIndex('inspection_summaries_label_idx').on(table.cycleId, table.targetType, table.label),
    check(
      'inspection_summaries_counts',
      sql`${table.checked} >= 0 and ${table.failed} >= 0 and ${table.failed} <= ${table.checked} and (${table.portalsChecked} is null or (${table.portalsChecked} >= 0 and ${table.portalsChecked} <= ${table.checked}))`,
    ),
  ],
);
