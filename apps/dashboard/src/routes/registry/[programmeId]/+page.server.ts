import { getRuleSet, isBuiltinRuleSetId } from '@kaohe/rules';
import { db } from '$lib/server/db';
import {
  filtersFromUrl,
  listWebsites,
  programmeFromParams,
  registryWriters,
  requireRegistryReader,
  websiteFilterSchema,
} from '$lib/server/registry/pages';
import { registryOptions } from '../options.server';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = requireRegistryReader(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const filters = filtersFromUrl(websiteFilterSchema, event.url, lang);
  const list = await listWebsites(database, programme.id, filters);
  const ruleSet = isBuiltinRuleSetId(programme.ruleSetId) ? getRuleSet(programme.ruleSetId) : null;
  return {
    programme,
    filters: { ...filters, q: filters.q ?? '' },
    ...list,
    options: registryOptions(lang),
    canWrite: registryWriters.includes(user.role),
    template:
      ruleSet?.kind === 'inspection'
        ? { id: ruleSet.id, title: lang === 'en' && ruleSet.titleEn ? ruleSet.titleEn : ruleSet.title }
        : null,
  };
}) satisfies PageServerLoad;
