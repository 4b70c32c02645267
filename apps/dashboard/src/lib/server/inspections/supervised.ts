import { rate, type DisplayRounding, type Rate } from '@kaohe/scoring';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../db/open';
import { inspections, newMediaAccounts } from '../db/schema';

// The checks a supervising office (主管单位) reports on the new-media accounts it oversees — e.g. Hanzhong's counties
// on their towns' and departments' accounts (督促各县区检查…489个). They are that office's checks, not the bulletin
// office's own: the bulletin counts them apart, against every account that names a 主管单位 in the registry.
// Accounts listed as closed (关停) with no report are the ones being cancelled (not cancelled yet, so still listed).

export interface SupervisedChecks {
  /** accounts in the registry that name a 主管单位 */
  accounts: number;
  /** of them listed as closed (关停) and not reported on: being cancelled */
  closed: number;
  reported: number;
  qualified: number;
  failed: number;
  /** running accounts no office reported on */
  notReported: number;
  /** qualified ÷ reported, by @kaohe/scoring */
  passRate: Rate;
  /** how many offices reported (by the name recorded with the result) */
  offices: number;
}

export interface SupervisedReports {
  figures: SupervisedChecks;
  /** the inspections counted here, to leave out of the office's own figures */
  reportIds: ReadonlySet<number>;
}

/** Null when no account of the programme names a 主管单位. */
export async function supervisedChecks(
  db: Database,
  programmeId: number,
  cycleId: number,
  rounding: DisplayRounding,
): Promise<SupervisedReports | null> {
  const accounts = await db
    .select({ id: newMediaAccounts.id, status: newMediaAccounts.status })
    .from(newMediaAccounts)
    .where(and(eq(newMediaAccounts.programmeId, programmeId), isNotNull(newMediaAccounts.supervisingName)));
  if (accounts.length === 0) return null;
  const reports = await db
    .select({
      id: inspections.id,
      accountId: inspections.accountId,
      verdict: inspections.verdict,
      office: inspections.inspectorName,
    })
    .from(inspections)
    .innerJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
    .where(
      and(
        eq(inspections.cycleId, cycleId),
        eq(inspections.source, 'reported'),
        isNotNull(newMediaAccounts.supervisingName),
      ),
    );
  // one reported result per account and cycle (unique index inspections_account_idx)
  const verdicts = new Map(reports.map((row) => [row.accountId, row.verdict]));
  let closed = 0;
  let qualified = 0;
  let failed = 0;
  let notReported = 0;
  for (const account of accounts) {
    const verdict = verdicts.get(account.id);
    if (verdict === undefined) {
      if (account.status === 'closed') closed += 1;
      else notReported += 1;
    } else if (verdict === 'qualified') qualified += 1;
    else failed += 1;
  }
  return {
    figures: {
      accounts: accounts.length,
      closed,
      reported: qualified + failed,
      qualified,
      failed,
      notReported,
      passRate: rate({ numerator: qualified, denominator: qualified + failed, rounding }),
      offices: new Set(reports.map((row) => row.office ?? '')).size,
    },
    reportIds: new Set(reports.map((row) => row.id)),
  };
}
