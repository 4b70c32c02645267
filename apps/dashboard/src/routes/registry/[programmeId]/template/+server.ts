import { error } from '@sveltejs/kit';
import { builtinRuleSets, type InspectionRuleSet } from '@kaohe/rules';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { newMediaAccounts, websites } from '$lib/server/db/schema';
import { attachment } from '$lib/server/export';
import { measurementsTemplate } from '$lib/server/registry/export';
import { programmeFromParams, requireRegistryReader } from '$lib/server/registry/pages';
import { parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import type { RequestHandler } from './$types';

// The measurements template of an inspection rule set (the programme's by default, or ?ruleSet=…), pre-filled with
// the programme's running websites or accounts: inspectors fill it in and import the results.

const inspectionRuleSets = Object.values(builtinRuleSets).filter(
  (ruleSet): ruleSet is InspectionRuleSet => ruleSet.kind === 'inspection',
);

const query = z.strictObject({ ruleSet: z.string().max(100).optional() });

export const GET = (async (event) => {
  requireRegistryReader(event);
  const lang = event.locals.lang;
  const { ruleSet: requested } = parseOrBadRequest(query, searchParamsObject(event.url), lang);
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const ruleSet = inspectionRuleSets.find((candidate) => candidate.id === (requested ?? programme.ruleSetId));
  if (!ruleSet) error(404, { message: translator(lang)('error.notFound') });
  const targets =
    ruleSet.targetKind === 'website'
      ? await database
          .select({ key: websites.siteCode, name: websites.name })
          .from(websites)
          .where(and(eq(websites.programmeId, programme.id), eq(websites.status, 'running')))
          .orderBy(asc(websites.siteCode))
      : await database
          .select({ key: newMediaAccounts.platform, name: newMediaAccounts.name })
          .from(newMediaAccounts)
          .where(and(eq(newMediaAccounts.programmeId, programme.id), eq(newMediaAccounts.status, 'running')))
          .orderBy(asc(newMediaAccounts.platform), asc(newMediaAccounts.name));
  return new Response(await measurementsTemplate(ruleSet, targets), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment(`检查结果模板-${ruleSet.title}.xlsx`, `template-${ruleSet.id}.xlsx`),
      'cache-control': 'no-store',
    },
  });
}) satisfies RequestHandler;
