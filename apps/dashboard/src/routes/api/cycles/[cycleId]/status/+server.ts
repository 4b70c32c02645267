import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { changeCycleStatus } from '$lib/server/cycles';
import { db } from '$lib/server/db';
import { cycleStatuses } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const Body = z.object({ to: z.enum(cycleStatuses), version: z.number().int().positive() });

/** Moves a cycle to its next status (admin only). JSON only: a cross-site form cannot send it without a preflight. */
export const POST: RequestHandler = async (event) => {
  requireRole(event, ['admin']);
  const lang = event.locals.lang;
  const t = translator(lang);
  if (!event.request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    error(415, {
      message: lang === 'zh' ? '请求体须为 application/json。' : 'The body must be application/json.',
    });
  }
  const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
  const body = parseOrBadRequest(Body, await event.request.json().catch(() => null), lang);
  const result = await changeCycleStatus(await db(), event, {
    cycleId,
    to: body.to,
    expectedVersion: body.version,
  });
  if (result.ok) return json(result);
  if (result.reason === 'notFound') error(404, { message: t('error.notFound') });
  if (result.reason === 'conflict') return json({ ...result, message: t('admin.conflict') }, { status: 409 });
  return json(result, { status: 422 });
};
