import { fail } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { chineseCollator, translator, type MessageKey } from '$lib/i18n';
import { changeCycleStatus } from '$lib/server/cycles';
import { db } from '$lib/server/db';
import { cycles, cycleStatuses, programmes, units, users } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { formError, formObject, idParam, parseWith } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const database = await db();
  const [userRows, cycleRows] = await Promise.all([
    database
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        active: users.active,
        unitName: units.name,
      })
      .from(users)
      .leftJoin(units, eq(users.unitId, units.id)),
    database
      .select({
        id: cycles.id,
        title: cycles.title,
        titleEn: cycles.titleEn,
        status: cycles.status,
        version: cycles.version,
        programmeTitle: programmes.title,
        programmeTitleEn: programmes.titleEn,
      })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .orderBy(asc(cycles.id)),
  ]);
  userRows.sort((a, b) => chineseCollator.compare(a.displayName, b.displayName));
  return { users: userRows, cycles: cycleRows };
}) satisfies PageServerLoad;

const StatusForm = z.object({
  cycleId: idParam,
  to: z.enum(cycleStatuses),
  version: z.coerce.number().int().positive(),
});

export const actions: Actions = {
  status: async (event) => {
    // actions are not protected by the page's load: check again
    requireRole(event, ['admin']);
    const t = translator(event.locals.lang);
    const parsed = parseWith(StatusForm, formObject(await event.request.formData()), event.locals.lang);
    if (!parsed.ok) return fail(400, { errors: parsed.fieldErrors });
    const result = await changeCycleStatus(await db(), event, {
      cycleId: parsed.data.cycleId,
      to: parsed.data.to,
      expectedVersion: parsed.data.version,
    });
    if (result.ok) {
      return {
        message: t('admin.statusChanged', {
          cycle: String(parsed.data.cycleId),
          status: t(`cycle.status.${result.status}` as MessageKey),
        }),
      };
    }
    if (result.reason === 'notFound') return fail(404, { errors: formError(t('error.notFound')) });
    if (result.reason === 'conflict') return fail(409, { errors: formError(t('admin.conflict')) });
    return fail(422, {
      errors: {
        _: t('admin.invalidTransition', {
          from: t(`cycle.status.${result.from}` as MessageKey),
          to: t(`cycle.status.${result.to}` as MessageKey),
        }),
      },
    });
  },
};
