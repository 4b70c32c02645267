import { getRuleSet } from '@kaohe/rules';
import { describe, expect, test } from 'vitest';
import { scoreAssessment } from './assessment.js';
import { scoreInspection } from './inspection.js';

// Golden results: one representative input per built-in rule set → the full result JSON, stored in
// src/__golden__/<id>.result.json and diffed. After an intended change, review the diff and run `vitest -u`.

const golden = async (id: string, result: unknown) =>
  expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot(`./__golden__/${id}.result.json`);

const quietWebsite = {
  seriousMisstatement: false,
  stateSecretLeak: false,
  illegalContent: false,
  unhandledAttack: false,
  falsification: false,
  negativeOpinion: false,
  unreachableShare: '0.012',
  homepageUpdates: 14,
  staleColumns: 2,
  longStaleColumns: 3,
  emptyColumns: 1,
  hasConsultationChannel: true,
  overdueMessages: 0,
  hasOnlineService: true,
  guidesMissingKeyElements: 1,
};

describe('golden results of the built-in rule sets', () => {
  test('cn-2019-website-inspection: a city portal above 80, with a capped criterion and a bonus', async () => {
    const result = scoreInspection({
      ruleSet: getRuleSet('cn-2019-website-inspection'),
      target: { isPortal: true, hasServiceFunctions: true, name: '某市人民政府门户网站' },
      measurements: quietWebsite,
      findings: [
        { criterion: 'publish.leader-info-incomplete', count: 2 },
        { criterion: 'publish.typo', count: 12 }, // 6, capped at 5
        { criterion: 'service.guide-inaccurate', count: 1 },
        { criterion: 'interaction.reply-slow', count: 2 },
        { criterion: 'design.sitemap-inconsistent', count: 1 },
      ],
      bonus: [
        { criterion: 'bonus.publish.open-data', count: 1 },
        { criterion: 'bonus.interaction.interviews', count: 6 }, // 6, capped at 4
      ],
    });
    expect(result).toMatchObject({ verdict: 'qualified', score: '88', bonus: '6', total: '94' });
    await golden('cn-2019-website-inspection', result);
  });

  test('cn-2019-website-inspection (English): a ministry site without service functions, ×4/3', async () => {
    const result = scoreInspection({
      ruleSet: getRuleSet('cn-2019-website-inspection'),
      target: { isPortal: false, hasServiceFunctions: false, name: 'Ministry site' },
      measurements: { ...quietWebsite, guidesMissingKeyElements: 0 },
      findings: [
        { criterion: 'publish.policy-column-stale', count: 2 },
        { criterion: 'publish.typo', count: 1 },
        { criterion: 'design.search-fails', count: 2 },
      ],
      locale: 'en',
    });
    expect(result).toMatchObject({ score: '80.67', verdict: 'qualified', bonusStatus: 'notEligible' });
    await golden('cn-2019-website-inspection.no-service.en', result);
  });

  test('cn-2019-newmedia-inspection: an account with no update in two weeks', async () => {
    const result = scoreInspection({
      ruleSet: getRuleSet('cn-2019-newmedia-inspection'),
      target: { isPortal: false, hasServiceFunctions: true, name: '某县政务微信公众号' },
      measurements: {
        seriousMisstatement: false,
        stateSecretLeak: false,
        illegalContent: false,
        falsification: false,
        negativeOpinion: false,
        updatesInTwoWeeks: 0,
        hasInteractionFunction: true,
      },
      findings: [],
    });
    expect(result).toMatchObject({ verdict: 'unqualified', reason: 'veto', score: null });
    await golden('cn-2019-newmedia-inspection', result);
  });

  test('cn-2019-supervision-assessment: a province, one sub-item rescaled, a bonus', async () => {
    const ruleSet = getRuleSet('cn-2019-supervision-assessment');
    const result = scoreAssessment({
      ruleSet,
      inputs: {
        'oversight.spot-checks.quarterly': { counts: { 'oversight.spot-checks.quarterly.missed': 1 } },
        'oversight.spot-checks.published': { counts: {} },
        'oversight.find-error.messages': {
          counts: { 'oversight.find-error.messages.unresolved': 1, 'oversight.find-error.messages.late': 2 },
        },
        'oversight.rectification.fixed': { value: '0.9', note: '整改 27 个，共 30 个' },
        'oversight.rectification.reported': { counts: {} },
        'security.checks.regular': { counts: { 'security.checks.regular.gap': 1 } },
        'security.impersonation.handled': { counts: {} },
        'management.lifecycle.procedure': { counts: {} },
        'management.registry.accurate': { counts: { 'management.registry.accurate.stale': 2 } },
        'management.annual-reports.supervision': { met: true },
        'management.annual-reports.websites': { notApplicable: true, reason: '本年度无新开设网站需发布报表' },
        'support.training.held': { met: true },
        'support.training.coverage': { value: '0.85' },
        'support.organisation.staff': { met: true },
        'support.organisation.budget': { met: false },
      },
      measurements: { seriousMisstatementFailures: 0, otherFailures: 1 },
      bonus: [{ criterion: 'bonus.consolidation.full-migration', count: 1 }],
    });
    expect(result.complete).toBe(true);
    await golden('cn-2019-supervision-assessment', result);
  });

  test('gansu-2019-annual-assessment: a city government, complete', async () => {
    const result = scoreAssessment({
      ruleSet: getRuleSet('gansu-2019-annual-assessment'),
      inputs: {
        'A1.1': { value: '91.5' },
        'A2.1': { value: '0.96' },
        'A3.1': { value: '1' },
        'A4.1': { value: '0.8' },
        'A5.1': { counts: { 'A5.1-unresolved': 1 } },
        'A5.2': { counts: {} },
        'B1.1': { counts: {} },
        'B2.1': { counts: { 'B2.1-not-published': 1 } },
        'B3.1': { value: '0.95' },
        'B3.2': { counts: {} },
        'B4.1': { counts: {} },
        'C1.1': { counts: {} },
        'C2.1': { value: '1' },
        'C3.1': { counts: { 'C3.1-not-reported': 1 } },
        'C4.1': { counts: {} },
        'D1.1': { met: true },
        'D2.1': { met: true },
        'D3.1': { points: '6.5', note: '培训记录齐全，绩效考核未覆盖县区' },
      },
      measurements: { seriousIncident: false, seriousMisstatementFailures: 0 },
    });
    expect(result).toMatchObject({ complete: true, total: '91.25', grade: { id: 'excellent' } });
    await golden('gansu-2019-annual-assessment', result);
  });
});
