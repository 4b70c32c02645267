import { builtinRuleSets } from '@kaohe/rules';
import { listProgrammes } from '$lib/server/assessment/context';
import { db } from '$lib/server/db';
import { requireRole, readerRoles } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, readerRoles);
  const programmes = await listProgrammes(await db());
  return {
    programmes,
    ruleSets: Object.values(builtinRuleSets).map((ruleSet) => ({
      id: ruleSet.id,
      title: ruleSet.title,
      titleEn: ruleSet.titleEn ?? null,
      kind: ruleSet.kind,
      version: ruleSet.version,
      confidence: ruleSet.provenance.confidence,
    })),
  };
}) satisfies PageServerLoad;
