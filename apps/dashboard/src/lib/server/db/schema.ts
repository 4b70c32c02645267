import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
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

export const roles = ['admin', 'assessor', 'reviewer', 'leader'] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum('role', roles);

/** 地区 (a region's government) or 部门 (a department). */
export const unitKinds = ['region', 'department'] as const;
export const unitKindEnum = pgEnum('unit_kind', unitKinds);

export const programmeLevels = ['national', 'province', 'city', 'county'] as const;
export const programmeLevelEnum = pgEnum('programme_level', programmeLevels);

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
