import { redirect } from '@sveltejs/kit';
import { invalidateSession, sessionCookieName } from '$lib/server/auth/session';
import { recordAudit } from '$lib/server/audit';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    const { locals, cookies } = event;
    if (locals.session) {
      const database = await db();
      // the row goes: the cookie cannot be replayed after logout
      await invalidateSession(database, locals.session.id);
      await recordAudit(database, event, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: String(locals.session.userId),
      });
    }
    cookies.delete(sessionCookieName, { path: '/' });
    redirect(303, '/login');
  },
};
