import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { recordAudit } from '$lib/server/audit';
import type { Database } from '$lib/server/db/open';
import { unitKinds, units } from '$lib/server/db/schema';
import {
  adminForm,
  codeField,
  formFailure,
  notFound,
  optionalText,
  parseForm,
  requiredText,
  say,
  writeOrFail,
  type AdminEvent,
} from '../admin.server';

// Units (被考核单位): a stable code (used in URLs and imports), the Chinese name, an English name, and whether it
// is a region's government or a department. Renaming shows everywhere at once; results stay with the unit's id.

function unitSchema(lang: Lang) {
  return z.strictObject({
    code: codeField(lang),
    name: requiredText(80),
    nameEn: optionalText(160),
    kind: z.enum(unitKinds),
  });
}

function auditView(unit: typeof units.$inferSelect) {
  return { code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind };
}

export async function createUnit(event: AdminEvent) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(unitSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'create', parsed.errors, fields);
  return writeOrFail('create', fields, lang, () =>
    database.transaction(async (tx) => {
      const [created] = await tx.insert(units).values(parsed.data).returning();
      await recordAudit(tx, event, {
        action: 'unit.create',
        entityType: 'unit',
        entityId: String(created!.id),
        after: auditView(created!),
      });
      return {
        form: 'create',
        unitId: created!.id,
        message: say(lang, `已创建单位 ${created!.name}。`, `Unit ${created!.name} created.`),
      };
    }),
  );
}

export async function updateUnit(event: AdminEvent, unitId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(unitSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'update', parsed.errors, fields);
  return writeOrFail('update', fields, lang, () =>
    database.transaction(async (tx: Database) => {
      const [before] = await tx.select().from(units).where(eq(units.id, unitId)).for('update');
      if (!before) notFound(lang, '单位不存在。', 'No such unit.');
      const [after] = await tx.update(units).set(parsed.data).where(eq(units.id, unitId)).returning();
      await recordAudit(tx, event, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: String(unitId),
        before: auditView(before),
        after: auditView(after!),
      });
      return { form: 'update', message: say(lang, '已保存。', 'Saved.') };
    }),
  );
}
