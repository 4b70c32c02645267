import type { LayoutServerLoad } from './$types';

// only what every page shows (who is signed in, the language); each page checks access itself
export const load: LayoutServerLoad = ({ locals }) => ({
  lang: locals.lang,
  user: locals.user
    ? {
        displayName: locals.user.displayName,
        username: locals.user.username,
        role: locals.user.role,
        unitId: locals.user.unitId,
        unitName: locals.user.unitName,
      }
    : null,
});
