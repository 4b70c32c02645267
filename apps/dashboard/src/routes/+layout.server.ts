import { nameMarker, rendersTemplate, usernameMarker } from '$lib/server/page-cache';
import type { LayoutServerLoad } from './$types';

// only what every page shows (who is signed in, the language); each page checks access itself. A page rendered for
// the shared cache gets markers for the viewer's name and username, which the hook fills in per viewer.
export const load: LayoutServerLoad = ({ locals }) => {
  const shared = rendersTemplate(locals);
  return {
    lang: locals.lang,
    user: locals.user
      ? {
          displayName: shared ? nameMarker : locals.user.displayName,
          username: shared ? usernameMarker : locals.user.username,
          role: locals.user.role,
          unitId: locals.user.unitId,
          unitName: locals.user.unitName,
        }
      : null,
  };
};
