import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { inspections, newMediaAccounts, users, websites } from '$lib/server/db/schema';
import { inspectionReaders, loadInspectionCycle } from '$lib/server/inspections/access';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const { db, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const id = z.coerce.number().int().positive().max(2_147_483_647).safeParse(event.params.inspectionId);
  const t = translator(event.locals.lang);
  if (!id.success) error(404, { message: t('inspection.notFound') });
  const [row] = await db
    .select({
      inspection: inspections,
      site: {
        name: websites.name,
        siteCode: websites.siteCode,
        homeUrl: websites.homeUrl,
        owner: websites.ownerName,
      },
      account: {
        name: newMediaAccounts.name,
        platform: newMediaAccounts.platform,
        owner: newMediaAccounts.ownerName,
      },
      inspector: users.displayName,
    })
    .from(inspections)
    .leftJoin(websites, eq(inspections.websiteId, websites.id))
    .leftJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
    .leftJoin(users, eq(inspections.inspectorId, users.id))
    .where(and(eq(inspections.id, id.data), eq(inspections.cycleId, cycle.id)));
  if (!row) error(404, { message: t('inspection.notFound') });
  const { inspection } = row;
  return {
    canWrite: ['admin', 'inspector'].includes(event.locals.user!.role),
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn },
    inspection: {
      id: inspection.id,
      targetType: inspection.targetType,
      source: inspection.source,
      ruleSetId: inspection.ruleSetId,
      inspectedOn: inspection.inspectedOn,
      verdict: inspection.verdict,
      reason: inspection.reason,
      vetoIds: Array.isArray(inspection.vetoIds) ? inspection.vetoIds.map(String) : [],
      score: inspection.score,
      total: inspection.total,
      explanation: (inspection.explanation ?? []) as string[],
      explanationEn: (inspection.explanationEn ?? []) as string[],
      problems: inspection.problems,
      inputs: inspection.inputs,
      computed: (inspection.inputs as { kind?: string } | null)?.kind !== 'reported',
      version: inspection.version,
      inspector: row.inspector ?? inspection.inspectorName,
    },
    target: row.site?.name
      ? { name: row.site.name, code: row.site.siteCode, url: row.site.homeUrl, owner: row.site.owner }
      : {
          name: row.account?.name ?? '',
          code: row.account?.platform ?? '',
          url: null,
          owner: row.account?.owner ?? '',
        },
  };
}) satisfies PageServerLoad;
