import { getRuleSet, type AssessmentRuleSet, type InspectionRuleSet } from '@kaohe/rules';
import type { Occurrence, ScoreAssessmentInput, ScoreInspectionInput, SubItemInput } from '../src/index.js';
import { defaultSeed, quarterSize } from './quarter-size.js';
import { seeded, type Random } from './random.js';

// One national quarter, generated from a seed: website inspections, new-media inspections, unit assessments.
// Proportions are plausible, not official: about 1 in 5 websites is a portal, 1 in 20 department sites has no
// service functions, and a few percent of targets trip each veto.

export { defaultSeed, quarterSize };

export interface NationalQuarter {
  websites: ScoreInspectionInput[];
  newMedia: ScoreInspectionInput[];
  units: UnitInput[];
}

/** A unit assessed under the Gansu 2019 table, in a ranking group (省份·市州 or 省份·省直部门). */
export interface UnitInput {
  id: string;
  name: string;
  group: string;
  assessment: ScoreAssessmentInput;
}

export function generateQuarter(
  seed = defaultSeed,
  size: { websites: number; newMedia: number; units: number } = quarterSize,
): NationalQuarter {
  const random = seeded(seed);
  const website = getRuleSet('cn-2019-website-inspection');
  const newMedia = getRuleSet('cn-2019-newmedia-inspection');
  const assessment = getRuleSet('gansu-2019-annual-assessment');
  return {
    websites: Array.from({ length: size.websites }, () => websiteInspection(website, random)),
    newMedia: Array.from({ length: size.newMedia }, () => newMediaInspection(newMedia, random)),
    units: Array.from({ length: size.units }, (_, i) => unitAssessment(assessment, i, random)),
  };
}

function websiteInspection(ruleSet: InspectionRuleSet, random: Random): ScoreInspectionInput {
  const isPortal = random.chance(0.2);
  const hasServiceFunctions = isPortal || !random.chance(0.05);
  const serviceIndicator = ruleSet.policy.withoutServiceFunctions?.indicator;
  const criteria = (ruleSet.deductions?.indicators ?? [])
    .filter((indicator) => hasServiceFunctions || indicator.id !== serviceIndicator)
    .flatMap((indicator) => indicator.criteria.map((c) => c.id));
  const bonusCriteria = (ruleSet.bonus?.indicators ?? []).flatMap((indicator) =>
    indicator.criteria.map((c) => c.id),
  );
  return {
    ruleSet,
    target: { isPortal, hasServiceFunctions },
    measurements: {
      seriousMisstatement: random.chance(0.01),
      stateSecretLeak: random.chance(0.001),
      illegalContent: random.chance(0.001),
      unhandledAttack: random.chance(0.002),
      falsification: random.chance(0.002),
      negativeOpinion: random.chance(0.001),
      // ratios as decimal strings, as a monitoring export would give them
      unreachableShare: random.chance(0.02)
        ? `0.0${random.int(5, 9)}`
        : `0.0${random.int(0, 4)}${random.int(0, 9)}`,
      homepageUpdates: random.chance(0.01) ? 0 : random.int(1, 60),
      staleColumns: random.chance(0.02) ? random.int(5, 9) : random.int(0, 4),
      longStaleColumns: random.chance(0.01) ? random.int(10, 14) : random.int(0, 9),
      emptyColumns: random.chance(0.02) ? random.int(5, 8) : random.int(0, 4),
      hasConsultationChannel: !random.chance(0.005),
      overdueMessages: random.chance(0.02) ? random.int(1, 3) : 0,
      hasOnlineService: !hasServiceFunctions || !random.chance(0.005),
      guidesMissingKeyElements:
        hasServiceFunctions && random.chance(0.01) ? random.int(5, 8) : random.int(0, 4),
    },
    findings: occurrences(criteria, random.int(0, 10), 4, random),
    ...(isPortal ? { bonus: occurrences(bonusCriteria, random.int(0, 6), 3, random) } : {}),
  };
}

function newMediaInspection(ruleSet: InspectionRuleSet, random: Random): ScoreInspectionInput {
  return {
    ruleSet,
    target: { isPortal: false, hasServiceFunctions: true },
    measurements: {
      seriousMisstatement: random.chance(0.004),
      stateSecretLeak: random.chance(0.0005),
      illegalContent: random.chance(0.0005),
      falsification: random.chance(0.002),
      negativeOpinion: random.chance(0.0005),
      updatesInTwoWeeks: random.chance(0.03) ? 0 : random.int(1, 40),
      hasInteractionFunction: !random.chance(0.01),
    },
    findings: [],
  };
}

/** `n` findings on distinct criteria, each seen 1 to maxCount times. */
function occurrences(criteria: readonly string[], n: number, maxCount: number, random: Random): Occurrence[] {
  const chosen = new Set<string>();
  while (chosen.size < Math.min(n, criteria.length)) chosen.add(random.pick(criteria));
  return [...chosen].map((criterion) => ({ criterion, count: random.int(1, maxCount) }));
}

const provinces = 31;

function unitAssessment(ruleSet: AssessmentRuleSet, index: number, random: Random): UnitInput {
  const province = index % provinces;
  const isCity = random.chance(0.35);
  const inputs: Record<string, SubItemInput> = {};
  for (const area of ruleSet.areas) {
    for (const item of area.items) {
      for (const subItem of item.subItems) {
        if (subItem.whenNotApplicable === 'rescale' && random.chance(0.03)) {
          inputs[subItem.id] = { notApplicable: true, reason: '本年度无此项' };
          continue;
        }
        const method = subItem.method;
        switch (method.kind) {
          case 'check':
            inputs[subItem.id] = { met: !random.chance(0.1) };
            break;
          case 'manual':
            inputs[subItem.id] = {
              points: `${random.int(Math.floor(Number(subItem.points) / 2), Number(subItem.points) - 1)}.${random.pick(['0', '5'])}`,
            };
            break;
          case 'ratio':
            inputs[subItem.id] = { value: random.chance(0.5) ? '1' : `0.${random.int(60, 99)}` };
            break;
          case 'bands':
            inputs[subItem.id] = {
              value:
                method.measure.unit === 'ratio'
                  ? random.chance(0.4)
                    ? '1'
                    : `0.${random.int(70, 99)}`
                  : `${random.int(50, 125)}.${random.int(0, 99)}`,
            };
            break;
          case 'deduct': {
            const counts: Record<string, number> = {};
            for (const criterion of method.criteria)
              if (random.chance(0.3)) counts[criterion.id] = random.int(1, 2);
            inputs[subItem.id] = { counts };
            break;
          }
        }
      }
    }
  }
  const group = `${String(province + 1).padStart(2, '0')}·${isCity ? '市州' : '省直部门'}`;
  return {
    id: `unit-${index}`,
    name: `${isCity ? '市' : '厅'}${index}`,
    group,
    assessment: {
      ruleSet,
      inputs,
      measurements: {
        seriousIncident: random.chance(0.005),
        seriousMisstatementFailures: random.chance(0.005) ? 2 : random.int(0, 1),
      },
    },
  };
}
