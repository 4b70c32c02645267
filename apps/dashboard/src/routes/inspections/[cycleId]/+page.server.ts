import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inspections, newMediaAccounts, websites } from '$lib/server/db/schema';
import { inspectionReaders, loadInspectionCycle } from '$lib/server/inspections/access';
import { ruleSetFor } from '$lib/server/inspections/record';
import { parseOrBadRequest } from '$lib/server/validation';
import type { PageServerLoad } from './$types';

const pageSize = 200;

/** The list's filters live in the URL, so a filtered list can be bookmarked and shared. */
const filtersSchema = z.strictObject({
  type: z.enum(['website', 'newMedia']).optional(),
  verdict: z.enum(['qualified', 'unqualified']).optional(),
  reason: z.string().max(80).optional(),
  source: z.enum(['sample', 'recheck', 'reported', 'provinceRecheck']).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const load = (async (event) => {
  const { db, programme, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const raw = Object.fromEntries([...event.url.searchParams].filter(([, value]) => value !== ''));
  const filters = parseOrBadRequest(filtersSchema, raw, event.locals.lang);
  const rows = await db
    .select({
      id: inspections.id,
      targetType: inspections.targetType,
      source: inspections.source,
      verdict: inspections.verdict,
      reason: inspections.reason,
      vetoIds: inspections.vetoIds,
      total: inspections.total,
      inputs: inspections.inputs,
      problems: inspections.problems,
      inspectedOn: inspections.inspectedOn,
      siteName: websites.name,
      siteCode: websites.siteCode,
      accountName: newMediaAccounts.name,
      platform: newMediaAccounts.platform,
    })
    .from(inspections)
    .leftJoin(websites, eq(inspections.websiteId, websites.id))
    .leftJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
    .where(eq(inspections.cycleId, cycle.id))
    .orderBy(asc(inspections.id));
  const q = filters.q?.trim();
  const listed = rows
    .map((row) => ({
      id: row.id,
      targetType: row.targetType,
      source: row.source,
      verdict: row.verdict,
      reason: row.reason,
      vetoIds: Array.isArray(row.vetoIds) ? row.vetoIds.map(String) : [],
      total: row.total,
      computed: (row.inputs as { kind?: string } | null)?.kind !== 'reported',
      problems: row.problems,
      inspectedOn: row.inspectedOn,
      name: row.siteName ?? row.accountName ?? '',
      code: row.siteCode ?? row.platform ?? '',
    }))
    .filter(
      (row) =>
        (!filters.type || row.targetType === filters.type) &&
        (!filters.verdict || row.verdict === filters.verdict) &&
        (!filters.source || row.source === filters.source) &&
        (!filters.reason ||
          row.vetoIds.includes(filters.reason) ||
          (filters.reason === 'belowPassMark' && row.reason === 'belowPassMark') ||
          (filters.reason === 'reported' && !row.computed)) &&
        (!q || row.name.includes(q) || row.code.includes(q)),
    );
  const vetoTitles = Object.fromEntries(
    [...ruleSetFor('website').vetoes, ...ruleSetFor('newMedia').vetoes].map((veto) => [veto.id, veto.title]),
  );
  return {
    programme: { id: programme.id, title: programme.title, titleEn: programme.titleEn },
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn, status: cycle.status },
    filters,
    total: listed.length,
    pages: Math.max(1, Math.ceil(listed.length / pageSize)),
    rows: listed.slice((filters.page - 1) * pageSize, filters.page * pageSize),
    vetoTitles,
    canWrite: ['admin', 'inspector'].includes(event.locals.user!.role),
  };
}) satisfies PageServerLoad;
