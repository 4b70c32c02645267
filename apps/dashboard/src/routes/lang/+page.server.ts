import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { langCookieName, languages } from '$lib/i18n';
import { formObject, parseWith } from '$lib/server/validation';
import { safeNext } from '$lib/server/redirects';
import type { Actions, PageServerLoad } from './$types';

const LangForm = z.object({ lang: z.enum(languages), next: z.string().max(2000).optional() });

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  // anyone may switch the language, signed in or not; it only sets a cookie
  default: async ({ request, cookies, locals, url }) => {
    const parsed = parseWith(LangForm, formObject(await request.formData()), locals.lang);
    const lang = parsed.ok ? parsed.data.lang : locals.lang;
    cookies.set(langCookieName, lang, {
      path: '/',
      httpOnly: false,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 60 * 60 * 24 * 365,
    });
    redirect(303, safeNext(parsed.ok ? parsed.data.next : undefined));
  },
};
