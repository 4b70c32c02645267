import { error } from '@sveltejs/kit';
import { getRuleSet, isBuiltinRuleSetId } from '@kaohe/rules';
import { z } from 'zod';
import { listProgrammes } from '$lib/server/assessment/context';
import { db } from '$lib/server/db';
import { requireRole, readerRoles } from '$lib/server/guard';
import { parseOrBadRequest } from '$lib/server/validation';
import type { PageServerLoad } from './$types';

const RuleSetId = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,80}$/);

export const load = (async (event) => {
  requireRole(event, readerRoles);
  const lang = event.locals.lang;
  const id = parseOrBadRequest(RuleSetId, event.params.ruleSetId, lang);
  if (!isBuiltinRuleSetId(id)) {
    error(404, { message: lang === 'zh' ? `规则集“${id}”不存在。` : `There is no rule set “${id}”.` });
  }
  // the rule set is data: the page renders it as it is
  const programmes = (await listProgrammes(await db())).filter((programme) => programme.ruleSetId === id);
  return { ruleSet: getRuleSet(id), programmes };
}) satisfies PageServerLoad;
