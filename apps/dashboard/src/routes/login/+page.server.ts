import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { localeOf, translator } from '$lib/i18n';
import { decoyPasswordHash, verifyPassword } from '$lib/server/auth/password';
import {
  createSession,
  generateSessionToken,
  sessionCookieName,
  sessionCookieOptions,
} from '$lib/server/auth/session';
import { clearFailures, lockedUntil, recordFailure, throttleKey } from '$lib/server/auth/throttle';
import { recordAudit, recordLoginFailure } from '$lib/server/audit';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { safeNext } from '$lib/server/redirects';
import { formError, formObject, parseWith } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const LoginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  next: z.string().max(2000).optional(),
});

export const load = (({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
  return { next: safeNext(url.searchParams.get('next'), '') };
}) satisfies PageServerLoad;

export const actions: Actions = {
  default: async (event) => {
    const { request, locals, cookies, url } = event;
    const t = translator(locals.lang);
    const form = formObject(await request.formData());
    const parsed = parseWith(LoginForm, form, locals.lang);
    if (!parsed.ok) {
      return fail(400, { username: form.username ?? '', errors: parsed.fieldErrors });
    }
    const { username, password, next } = parsed.data;
    const database = await db();
    const key = throttleKey(username, event.getClientAddress());
    const formatTime = (date: Date) =>
      date.toLocaleTimeString(localeOf(locals.lang), {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Asia/Shanghai',
      });

    const locked = await lockedUntil(database, key);
    if (locked) {
      return fail(429, { username, errors: formError(t('auth.locked', { time: formatTime(locked) })) });
    }

    const [user] = await database.select().from(users).where(eq(users.username, username.toLowerCase()));
    // verify against a decoy when the account does not exist: the answer takes as long either way
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || !user.active) {
      const lockEnd = await recordFailure(database, key);
      await recordLoginFailure(database, event, {
        userId: user?.id ?? null,
        username,
        locked: lockEnd !== null,
      });
      if (lockEnd)
        return fail(429, { username, errors: formError(t('auth.locked', { time: formatTime(lockEnd) })) });
      return fail(400, { username, errors: formError(t('auth.invalid')) });
    }

    await clearFailures(database, key);
    const token = generateSessionToken();
    const session = await createSession(database, token, user.id);
    cookies.set(sessionCookieName, token, sessionCookieOptions(url, session.expiresAt));
    await recordAudit(database, event, {
      action: 'auth.login',
      entityType: 'user',
      entityId: String(user.id),
      actorId: user.id,
    });
    redirect(303, safeNext(next));
  },
};
