import { builtinRuleSets } from '@kaohe/rules';
import { requireRole, readerRoles } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load = ((event) => {
  requireRole(event, readerRoles);
  return {
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
