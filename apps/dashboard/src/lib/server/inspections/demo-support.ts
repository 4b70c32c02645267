import type { MeasuredInputs } from './record';

// Inputs for the demo inspections: what an inspector would have measured. The verdicts come from
// @kaohe/scoring reading these, never from the demo data itself.

/** A website with nothing wrong: reachable, updated, no empty or stale columns, messages answered. */
const cleanWebsiteMeasurements = {
  unreachableShare: '0.01',
  homepageUpdates: '15',
  staleColumns: '0',
  longStaleColumns: '0',
  emptyColumns: '0',
  hasConsultationChannel: true,
  overdueMessages: '0',
  hasOnlineService: true,
  guidesMissingKeyElements: '0',
} as const;

/** Why a demo website fails: the measurement that trips one veto of cn-2019-website-inspection. */
export const websiteProblems = {
  /** 空白栏目 5 or more: 栏目不更新 (columns-stale) */
  emptyColumns: (count: number) => ({ emptyColumns: String(count) }),
  /** 栏目长期未更新 10 or more */
  longStaleColumns: (count: number) => ({ longStaleColumns: String(count) }),
  /** 留言超期未答复: 互动回应差 (interaction-poor) */
  overdueMessages: (count: number) => ({ overdueMessages: String(count) }),
  /** 无在线办事: 服务不实用 (service-impractical) */
  noOnlineService: () => ({ hasOnlineService: false }),
  /** 严重表述错误: 严重错误 (serious-incident) */
  seriousMisstatement: () => ({ seriousMisstatement: true }),
} as const;

export function websiteInputs(options: {
  isPortal: boolean;
  problem?: Record<string, string | boolean>;
  /** broken links found (a small deduction, so the scores differ) */
  brokenLinks?: number;
}): MeasuredInputs {
  const { isPortal, problem = {}, brokenLinks = 0 } = options;
  return {
    kind: 'measured',
    target: { isPortal, hasServiceFunctions: true },
    measurements: { ...cleanWebsiteMeasurements, ...problem },
    findings: brokenLinks > 0 ? [{ criterion: 'design.broken-links', count: brokenLinks }] : [],
    bonus: [],
  };
}

/** A new-media account: updates in the two weeks before the monitoring point, interaction working. */
export function newMediaInputs(options: {
  updatesInTwoWeeks: number;
  misstatement?: boolean;
}): MeasuredInputs {
  return {
    kind: 'measured',
    target: { isPortal: false, hasServiceFunctions: true },
    measurements: {
      updatesInTwoWeeks: String(options.updatesInTwoWeeks),
      hasInteractionFunction: true,
      ...(options.misstatement ? { seriousMisstatement: true } : {}),
    },
    findings: [],
    bonus: [],
  };
}
