import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { recordAudit } from '$lib/server/audit';
import type { Database } from '$lib/server/db/open';
import {
  cycles,
  programmeGroups,
  programmeLevels,
  programmes,
  programmeUnits,
  units,
} from '$lib/server/db/schema';
import {
  adminForm,
  assessmentRuleSetIds,
  codeField,
  formFailure,
  formId,
  notFound,
  optionalText,
  parseForm,
  requiredText,
  say,
  writeOrFail,
  type AdminEvent,
} from '../admin.server';

// Programmes (考核方案): title, the built-in rule set they are scored by, level and organiser; the groups they rank
// separately (市州 / 省直部门) with their labels; which unit is in which group; and their cycles (one a round).
//
// Two things are fixed once work depends on them: the rule set once the programme has a cycle (self-evaluations and
// reviews are keyed on its entries), and the units' groups once a cycle is in review or published (a published
// ranking must not change except by a new revision).

function programmeSchema(lang: Lang) {
  return z.strictObject({
    slug: codeField(lang),
    title: requiredText(120),
    titleEn: optionalText(200),
    ruleSetId: z.enum(assessmentRuleSetIds, {
      error: say(lang, '请选择内置的考核规则集。', 'Choose a built-in assessment rule set.'),
    }),
    level: z.enum(programmeLevels),
    organiser: optionalText(120),
  });
}

function groupSchema(lang: Lang) {
  return z.strictObject({ key: codeField(lang, 40), label: requiredText(40), labelEn: optionalText(80) });
}

const GroupLabelForm = z.strictObject({
  groupId: formId,
  label: requiredText(40),
  labelEn: optionalText(80),
});

function assignSchema(lang: Lang) {
  return z.strictObject({
    groupId: formId,
    unitCodes: z
      .string()
      .max(200_000)
      .transform((text) => [...new Set(text.split(/[\s,，;；]+/).map((code) => code.trim().toLowerCase()))])
      .transform((codes) => codes.filter(Boolean))
      .refine((codes) => codes.length > 0, {
        error: say(lang, '请填写至少一个单位代码。', 'Enter at least one unit code.'),
      })
      .refine((codes) => codes.length <= 5000, {
        error: say(lang, '一次最多 5000 个单位。', 'At most 5,000 units at a time.'),
      }),
  });
}

function cycleSchema(lang: Lang) {
  return z.strictObject({ slug: codeField(lang), title: requiredText(120), titleEn: optionalText(200) });
}

function auditView(programme: typeof programmes.$inferSelect) {
  return {
    slug: programme.slug,
    title: programme.title,
    titleEn: programme.titleEn,
    ruleSetId: programme.ruleSetId,
    level: programme.level,
    organiser: programme.organiser,
  };
}

async function lockedProgramme(tx: Database, programmeId: number, lang: Lang) {
  const [programme] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for('update');
  if (!programme) notFound(lang, '考核方案不存在。', 'No such programme.');
  return programme;
}

export async function createProgramme(event: AdminEvent) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(programmeSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'create', parsed.errors, fields);
  return writeOrFail('create', fields, lang, () =>
    database.transaction(async (tx) => {
      const [created] = await tx.insert(programmes).values(parsed.data).returning();
      await recordAudit(tx, event, {
        action: 'programme.create',
        entityType: 'programme',
        entityId: String(created!.id),
        after: auditView(created!),
      });
      return {
        form: 'create',
        programmeId: created!.id,
        message: say(lang, `已创建考核方案“${created!.title}”。`, `Programme “${created!.title}” created.`),
      };
    }),
  );
}

export async function updateProgramme(event: AdminEvent, programmeId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(programmeSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'update', parsed.errors, fields);
  return writeOrFail('update', fields, lang, () =>
    database.transaction(async (tx) => {
      const before = await lockedProgramme(tx, programmeId, lang);
      if (before.ruleSetId !== parsed.data.ruleSetId) {
        const [cycle] = await tx
          .select({ id: cycles.id })
          .from(cycles)
          .where(eq(cycles.programmeId, programmeId))
          .limit(1);
        if (cycle)
          return formFailure(
            409,
            'update',
            {
              ruleSetId: say(
                lang,
                '该方案已有考核周期，规则集不能再更改。',
                'The programme has cycles: its rule set can no longer change.',
              ),
            },
            fields,
          );
      }
      const [after] = await tx
        .update(programmes)
        .set(parsed.data)
        .where(eq(programmes.id, programmeId))
        .returning();
      await recordAudit(tx, event, {
        action: 'programme.update',
        entityType: 'programme',
        entityId: String(programmeId),
        before: auditView(before),
        after: auditView(after!),
      });
      return { form: 'update', message: say(lang, '已保存。', 'Saved.') };
    }),
  );
}

export async function addGroup(event: AdminEvent, programmeId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(groupSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'addGroup', parsed.errors, fields);
  return writeOrFail('addGroup', fields, lang, () =>
    database.transaction(async (tx) => {
      await lockedProgramme(tx, programmeId, lang);
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${programmeGroups.position}), -1)::int` })
        .from(programmeGroups)
        .where(eq(programmeGroups.programmeId, programmeId));
      const [group] = await tx
        .insert(programmeGroups)
        .values({ programmeId, ...parsed.data, position: Number(last?.position ?? -1) + 1 })
        .returning();
      await recordAudit(tx, event, {
        action: 'programme.group.create',
        entityType: 'programme',
        entityId: String(programmeId),
        after: { groupId: group!.id, key: group!.key, label: group!.label, labelEn: group!.labelEn },
      });
      return {
        form: 'addGroup',
        message: say(lang, `已添加分组“${group!.label}”。`, `Group “${group!.label}” added.`),
      };
    }),
  );
}

export async function updateGroup(event: AdminEvent, programmeId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(GroupLabelForm, fields, lang);
  if (!parsed.ok) return formFailure(400, `group-${fields.groupId ?? ''}`, parsed.errors, fields);
  const form = `group-${parsed.data.groupId}`;
  return writeOrFail(form, fields, lang, () =>
    database.transaction(async (tx) => {
      await lockedProgramme(tx, programmeId, lang);
      const where = and(
        eq(programmeGroups.id, parsed.data.groupId),
        eq(programmeGroups.programmeId, programmeId),
      );
      const [before] = await tx.select().from(programmeGroups).where(where);
      if (!before)
        return formFailure(
          404,
          form,
          { groupId: say(lang, '该方案没有此分组。', 'No such group in this programme.') },
          fields,
        );
      await tx
        .update(programmeGroups)
        .set({ label: parsed.data.label, labelEn: parsed.data.labelEn })
        .where(where);
      await recordAudit(tx, event, {
        action: 'programme.group.update',
        entityType: 'programme',
        entityId: String(programmeId),
        before: { groupId: before.id, key: before.key, label: before.label, labelEn: before.labelEn },
        after: {
          groupId: before.id,
          key: before.key,
          label: parsed.data.label,
          labelEn: parsed.data.labelEn,
        },
      });
      return { form, message: say(lang, '已保存。', 'Saved.') };
    }),
  );
}

/** Puts units (by code) into one of the programme's groups: adds them to the programme or moves them. */
export async function assignUnits(event: AdminEvent, programmeId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(assignSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'assign', parsed.errors, fields);
  const { groupId, unitCodes } = parsed.data;
  return writeOrFail('assign', fields, lang, () =>
    database.transaction(async (tx) => {
      await lockedProgramme(tx, programmeId, lang);
      const [group] = await tx
        .select()
        .from(programmeGroups)
        .where(and(eq(programmeGroups.id, groupId), eq(programmeGroups.programmeId, programmeId)));
      if (!group)
        return formFailure(
          400,
          'assign',
          { groupId: say(lang, '该方案没有此分组。', 'No such group in this programme.') },
          fields,
        );
      const [frozen] = await tx
        .select({ id: cycles.id })
        .from(cycles)
        .where(and(eq(cycles.programmeId, programmeId), ne(cycles.status, 'open')))
        .limit(1);
      if (frozen)
        return formFailure(
          409,
          'assign',
          {
            _: say(
              lang,
              '该方案已有复核中或已发布的考核周期，单位分组不能再改动。',
              'The programme has a cycle in review or published: its units’ groups can no longer change.',
            ),
          },
          fields,
        );
      const found = await tx
        .select({ id: units.id, code: units.code })
        .from(units)
        .where(inArray(units.code, unitCodes));
      const known = new Set(found.map((unit) => unit.code));
      const unknown = unitCodes.filter((code) => !known.has(code));
      if (unknown.length)
        return formFailure(
          400,
          'assign',
          {
            unitCodes: say(
              lang,
              `以下单位代码不存在：${unknown.slice(0, 20).join('、')}${unknown.length > 20 ? ' 等' : ''}`,
              `Unknown unit codes: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ' …' : ''}`,
            ),
          },
          fields,
        );
      const ids = found.map((unit) => unit.id);
      const previous = await tx
        .select({ unitId: programmeUnits.unitId, groupKey: programmeGroups.key })
        .from(programmeUnits)
        .innerJoin(programmeGroups, eq(programmeUnits.groupId, programmeGroups.id))
        .where(and(eq(programmeUnits.programmeId, programmeId), inArray(programmeUnits.unitId, ids)));
      const previousGroup = new Map(previous.map((row) => [row.unitId, row.groupKey]));
      await tx
        .insert(programmeUnits)
        .values(ids.map((unitId) => ({ programmeId, unitId, groupId })))
        .onConflictDoUpdate({
          target: [programmeUnits.programmeId, programmeUnits.unitId],
          set: { groupId },
        });
      const codeOf = new Map(found.map((unit) => [unit.id, unit.code]));
      await recordAudit(tx, event, {
        action: 'programme.units.assign',
        entityType: 'programme',
        entityId: String(programmeId),
        before: Object.fromEntries(ids.map((id) => [codeOf.get(id)!, previousGroup.get(id) ?? null])),
        after: Object.fromEntries(ids.map((id) => [codeOf.get(id)!, group.key])),
      });
      return {
        form: 'assign',
        message: say(
          lang,
          `已将 ${ids.length} 个单位分入“${group.label}”。`,
          `${ids.length} units assigned to “${group.labelEn ?? group.label}”.`,
        ),
      };
    }),
  );
}

/** A new round of the programme; it starts open for self-evaluation (publishing is on /publish). */
export async function createCycle(event: AdminEvent, programmeId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(cycleSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'cycle', parsed.errors, fields);
  return writeOrFail('cycle', fields, lang, () =>
    database.transaction(async (tx) => {
      await lockedProgramme(tx, programmeId, lang);
      const [cycle] = await tx
        .insert(cycles)
        .values({ programmeId, ...parsed.data, status: 'open' })
        .returning();
      await recordAudit(tx, event, {
        action: 'cycle.create',
        entityType: 'cycle',
        entityId: String(cycle!.id),
        after: {
          programmeId,
          slug: cycle!.slug,
          title: cycle!.title,
          titleEn: cycle!.titleEn,
          status: cycle!.status,
        },
      });
      return {
        form: 'cycle',
        cycleId: cycle!.id,
        message: say(lang, `已创建考核周期“${cycle!.title}”。`, `Cycle “${cycle!.title}” created.`),
      };
    }),
  );
}
