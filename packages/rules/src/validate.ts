import { Decimal } from './decimal.js';
import type {
  AssessmentRuleSet,
  Band,
  BonusTree,
  Condition,
  DeductionTree,
  InspectionRuleSet,
  Measurement,
  Provenance,
  RuleSet,
} from './schema.js';

// Semantic checks that the shape alone cannot express. Each finding names its path and reads in English and
// Chinese; all findings are collected, never just the first.

export type PathSegment = string | number;

export interface RuleSetFinding {
  path: PathSegment[];
  code: RuleSetIssueCode;
  message: string;
  messageZh: string;
}

export type RuleSetIssueCode =
  | 'shape'
  | 'duplicateId'
  | 'pointsSum'
  | 'unknownSource'
  | 'unknownMeasurement'
  | 'measurementKind'
  | 'thresholdRange'
  | 'unusedMeasurement'
  | 'unreachableVeto'
  | 'unreachableCriterion'
  | 'bandOrder'
  | 'bandRange'
  | 'bandPoints'
  | 'gradeOrder'
  | 'unknownGrade'
  | 'policy';

type Report = (path: PathSegment[], code: RuleSetIssueCode, message: string, messageZh: string) => void;

const sum = (values: string[]): Decimal => values.reduce((acc, v) => acc.plus(v), new Decimal(0));

export function checkRuleSet(ruleSet: RuleSet): RuleSetFinding[] {
  const findings: RuleSetFinding[] = [];
  const report: Report = (path, code, message, messageZh) =>
    findings.push({ path, code, message, messageZh });

  checkUniqueIds(ruleSet, report);
  checkSources(ruleSet, report);
  checkMeasurementsAndVetoes(ruleSet.measurements, ruleSet.vetoes, report);
  if (ruleSet.kind === 'inspection') checkInspection(ruleSet, report);
  else checkAssessment(ruleSet, report);
  return findings;
}

function checkUniqueIds(ruleSet: RuleSet, report: Report): void {
  const seen = new Map<string, string>();
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => visit(child, [...path, index]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    // provenance objects carry a `source` reference, not an id; only nodes in arrays are identified nodes
    if (typeof record.id === 'string' && typeof path.at(-1) === 'number') {
      const where = formatPath(path);
      const first = seen.get(record.id);
      if (first !== undefined) {
        report(
          [...path, 'id'],
          'duplicateId',
          `id "${record.id}" is already used at ${first}`,
          `编号“${record.id}”重复，已在 ${first} 使用`,
        );
      } else seen.set(record.id, where);
    }
    for (const [key, child] of Object.entries(record)) visit(child, [...path, key]);
  };
  visit(ruleSet, []);
}

function checkSources(ruleSet: RuleSet, report: Report): void {
  const known = new Set(ruleSet.sources.map((source) => source.id));
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) return value.forEach((child, index) => visit(child, [...path, index]));
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'provenance' && child !== null && typeof child === 'object') {
        const source = (child as Provenance).source;
        if (!known.has(source)) {
          report(
            [...path, key, 'source'],
            'unknownSource',
            `source "${source}" is not declared in sources`,
            `来源“${source}”未在 sources 中声明`,
          );
        }
      } else visit(child, [...path, key]);
    }
  };
  visit(ruleSet, []);
}

function checkMeasurementsAndVetoes(
  measurements: Measurement[],
  vetoes: { when: Condition }[],
  report: Report,
): void {
  const byId = new Map(measurements.map((m) => [m.id, m]));
  const read = new Set<string>();

  const visit = (condition: Condition, path: PathSegment[], vetoPath: PathSegment[]): number => {
    if (!('measurement' in condition)) {
      if (condition.of.length === 0) {
        report(
          [...path, 'of'],
          'unreachableVeto',
          `an empty "${condition.kind}" group can never be decided`,
          `空的“${condition.kind === 'any' ? '任一' : '全部'}”条件组无法判定`,
        );
        return 0;
      }
      return condition.of.reduce(
        (leaves, child, index) => leaves + visit(child, [...path, 'of', index], vetoPath),
        0,
      );
    }
    read.add(condition.measurement);
    const measurement = byId.get(condition.measurement);
    if (measurement === undefined) {
      report(
        [...path, 'measurement'],
        'unknownMeasurement',
        `measurement "${condition.measurement}" is not declared in measurements`,
        `测量项“${condition.measurement}”未在 measurements 中声明`,
      );
      return 1;
    }
    if (condition.kind === 'flag' && measurement.kind !== 'boolean') {
      report(
        [...path, 'kind'],
        'measurementKind',
        `"flag" reads a boolean, but "${measurement.id}" is a ${measurement.kind}`,
        `“flag”条件只能读取布尔测量项，而“${measurement.id}”的类型是 ${measurement.kind}`,
      );
    }
    if (condition.kind === 'compare') {
      if (measurement.kind === 'boolean') {
        report(
          [...path, 'kind'],
          'measurementKind',
          `"${measurement.id}" is a boolean: use a "flag" condition`,
          `“${measurement.id}”是布尔测量项，应使用“flag”条件`,
        );
      }
      const value = new Decimal(condition.value);
      if (measurement.kind === 'ratio' && (value.lt(0) || value.gt(1))) {
        report(
          [...path, 'value'],
          'thresholdRange',
          `a ratio threshold must lie in [0, 1]; got ${condition.value}`,
          `比例阈值必须在 [0, 1] 之间，实际为 ${condition.value}`,
        );
      }
      if (measurement.kind === 'count' && (value.lt(0) || !value.isInteger())) {
        report(
          [...path, 'value'],
          'thresholdRange',
          `a count threshold must be a whole number ≥ 0; got ${condition.value}`,
          `计数阈值必须是不小于 0 的整数，实际为 ${condition.value}`,
        );
      }
    }
    return 1;
  };

  vetoes.forEach((veto, index) => {
    const path: PathSegment[] = ['vetoes', index];
    const leaves = visit(veto.when, [...path, 'when'], path);
    if (leaves === 0) {
      report(
        [...path, 'when'],
        'unreachableVeto',
        'the veto has no condition that can trigger it',
        '该单项否决没有可触发的条件',
      );
    }
  });

  measurements.forEach((measurement, index) => {
    if (!read.has(measurement.id)) {
      report(
        ['measurements', index, 'id'],
        'unusedMeasurement',
        `measurement "${measurement.id}" is declared but no veto reads it`,
        `测量项“${measurement.id}”已声明但没有任何单项否决使用`,
      );
    }
  });
}

function checkPointsSum(
  children: { points: string }[],
  expected: string,
  path: PathSegment[],
  what: { en: string; zh: string },
  report: Report,
): void {
  const total = sum(children.map((child) => child.points));
  if (!total.eq(expected)) {
    report(
      path,
      'pointsSum',
      `${what.en} add up to ${total.toString()}, but ${expected} is declared`,
      `${what.zh}分值合计 ${total.toString()}，与声明的 ${expected} 不符`,
    );
  }
}

function checkCriteria(
  criteria: { deduct: string; maxDeduction?: string | undefined }[],
  parentPoints: string,
  path: PathSegment[],
  report: Report,
): void {
  criteria.forEach((criterion, index) => {
    const at = [...path, index];
    if (new Decimal(criterion.deduct).lte(0)) {
      report(
        [...at, 'deduct'],
        'unreachableCriterion',
        'a criterion that deducts 0 points can never change a score',
        '扣分为 0 的扣分细则不会影响得分',
      );
    } else if (new Decimal(criterion.deduct).gt(parentPoints)) {
      report(
        [...at, 'deduct'],
        'unreachableCriterion',
        `deducts ${criterion.deduct} per occurrence, more than the ${parentPoints} points it belongs to`,
        `每次扣 ${criterion.deduct} 分，超过所属指标的 ${parentPoints} 分`,
      );
    }
    if (criterion.maxDeduction !== undefined && new Decimal(criterion.maxDeduction).gt(parentPoints)) {
      report(
        [...at, 'maxDeduction'],
        'unreachableCriterion',
        `maxDeduction ${criterion.maxDeduction} exceeds the ${parentPoints} points it belongs to`,
        `扣分上限 ${criterion.maxDeduction} 超过所属指标的 ${parentPoints} 分`,
      );
    }
  });
}

function checkDeductionTree(tree: DeductionTree, report: Report): void {
  checkPointsSum(
    tree.indicators,
    tree.points,
    ['deductions', 'points'],
    { en: 'the deduction indicators', zh: '扣分指标' },
    report,
  );
  tree.indicators.forEach((indicator, index) => {
    const path: PathSegment[] = ['deductions', 'indicators', index];
    if (new Decimal(indicator.points).lte(0)) {
      report(
        [...path, 'points'],
        'unreachableCriterion',
        'an indicator worth 0 points can never deduct anything',
        '分值为 0 的指标无法扣分',
      );
    }
    checkCriteria(indicator.criteria, indicator.points, [...path, 'criteria'], report);
  });
}

function checkBonusTree(tree: BonusTree, report: Report): void {
  checkPointsSum(
    tree.indicators,
    tree.points,
    ['bonus', 'points'],
    { en: 'the bonus indicators', zh: '加分指标' },
    report,
  );
  tree.indicators.forEach((indicator, index) => {
    indicator.criteria.forEach((criterion, criterionIndex) => {
      const path: PathSegment[] = ['bonus', 'indicators', index, 'criteria', criterionIndex];
      if (new Decimal(criterion.award).lte(0) || new Decimal(criterion.award).gt(indicator.points)) {
        report(
          [...path, 'award'],
          'unreachableCriterion',
          `a bonus criterion must award more than 0 and at most the indicator's ${indicator.points} points`,
          `加分细则的加分必须大于 0 且不超过所属指标的 ${indicator.points} 分`,
        );
      }
    });
  });
}

function checkInspection(ruleSet: InspectionRuleSet, report: Report): void {
  const { deductions, bonus, policy } = ruleSet;
  if (deductions !== null) checkDeductionTree(deductions, report);
  if (bonus !== null) checkBonusTree(bonus, report);

  const policyIssue = (key: string, en: string, zh: string) => report(['policy', key], 'policy', en, zh);
  if (deductions === null) {
    if (policy.passMark !== null)
      policyIssue('passMark', 'a pass mark needs a deduction table', '没有扣分指标时不能设置合格分');
    if (policy.bonusGate !== null || bonus !== null)
      policyIssue('bonusGate', 'a bonus needs a deduction table to gate it', '没有扣分指标时不能设置加分');
    if (policy.withoutServiceFunctions !== null)
      policyIssue('withoutServiceFunctions', 'needs a deduction table', '没有扣分指标时不适用');
    return;
  }
  if (policy.passMark === null) {
    policyIssue('passMark', 'a deduction table needs a pass mark', '设置了扣分指标时必须设置合格分');
  } else if (new Decimal(policy.passMark).gt(deductions.points)) {
    policyIssue(
      'passMark',
      `the pass mark exceeds the ${deductions.points} points`,
      `合格分超过满分 ${deductions.points}`,
    );
  }
  if ((bonus === null) !== (policy.bonusGate === null)) {
    policyIssue('bonusGate', 'a bonus tree and a bonus gate go together', '加分指标与加分门槛必须同时设置');
  } else if (policy.bonusGate !== null && new Decimal(policy.bonusGate.above).gte(deductions.points)) {
    policyIssue('bonusGate', 'the bonus gate must be below the full score', '加分门槛必须低于满分');
  }
  if (policy.withoutServiceFunctions !== null) {
    const serviceId = policy.withoutServiceFunctions.indicator;
    const service = deductions.indicators.find((indicator) => indicator.id === serviceId);
    if (service === undefined) {
      report(
        ['policy', 'withoutServiceFunctions', 'indicator'],
        'policy',
        `indicator "${serviceId}" is not a deduction indicator`,
        `指标“${serviceId}”不是扣分指标`,
      );
    } else if (new Decimal(service.points).gte(deductions.points)) {
      report(
        ['policy', 'withoutServiceFunctions', 'indicator'],
        'policy',
        'the service indicator cannot be the whole score',
        '办事服务指标不能占全部分值',
      );
    }
  }
  if (
    policy.vetoedScore !== null &&
    policy.passMark !== null &&
    new Decimal(policy.vetoedScore).gte(policy.passMark)
  ) {
    policyIssue(
      'vetoedScore',
      'a vetoed target must be recorded below the pass mark',
      '单项否决对象的记录分必须低于合格分',
    );
  }
}

function checkBands(bands: Band[], points: string, unit: string, path: PathSegment[], report: Report): void {
  let reachesFull = false;
  bands.forEach((band, index) => {
    const at = [...path, index];
    if (band.atLeast !== undefined && band.below !== undefined && new Decimal(band.atLeast).gte(band.below)) {
      report(
        at,
        'bandRange',
        `atLeast ${band.atLeast} must be below ${band.below}`,
        `下限 ${band.atLeast} 必须小于上限 ${band.below}`,
      );
    }
    if (unit === 'ratio') {
      for (const key of ['atLeast', 'below'] as const) {
        const bound = band[key];
        if (bound !== undefined && (new Decimal(bound).lt(0) || new Decimal(bound).gt(1))) {
          report(
            [...at, key],
            'bandRange',
            `a ratio bound must lie in [0, 1]; got ${bound}`,
            `比例边界必须在 [0, 1] 之间，实际为 ${bound}`,
          );
        }
      }
    }
    if (new Decimal(band.points).gt(points)) {
      report(
        [...at, 'points'],
        'bandPoints',
        `awards ${band.points}, more than the sub-item's ${points}`,
        `该档得分 ${band.points} 超过子项分值 ${points}`,
      );
    }
    if (new Decimal(band.points).eq(points)) reachesFull = true;
    if (index > 0) {
      const previous = bands[index - 1]!;
      if (previous.below === undefined || band.atLeast === undefined) {
        report(
          at,
          'bandOrder',
          'only the first band may omit atLeast and only the last may omit below',
          '只有第一档可以省略下限，只有最后一档可以省略上限',
        );
      } else if (new Decimal(band.atLeast).lt(previous.below)) {
        report(
          [...at, 'atLeast'],
          'bandOrder',
          `bands must be in ascending order without overlap: ${band.atLeast} is below the previous band's upper bound ${previous.below}`,
          `分档必须从低到高且互不重叠：下限 ${band.atLeast} 低于上一档的上限 ${previous.below}`,
        );
      }
    }
  });
  if (!reachesFull) {
    report(
      path,
      'bandPoints',
      `no band awards the full ${points} points`,
      `没有任何一档能得到满分 ${points}`,
    );
  }
}

function checkAssessment(ruleSet: AssessmentRuleSet, report: Report): void {
  checkPointsSum(ruleSet.areas, ruleSet.total, ['total'], { en: 'the areas', zh: '各方面' }, report);
  ruleSet.areas.forEach((area, areaIndex) => {
    const areaPath: PathSegment[] = ['areas', areaIndex];
    checkPointsSum(
      area.items,
      area.points,
      [...areaPath, 'points'],
      { en: 'the items', zh: '各分项' },
      report,
    );
    area.items.forEach((item, itemIndex) => {
      const itemPath: PathSegment[] = [...areaPath, 'items', itemIndex];
      checkPointsSum(
        item.subItems,
        item.points,
        [...itemPath, 'points'],
        { en: 'the sub-items', zh: '各子项' },
        report,
      );
      item.subItems.forEach((subItem, subIndex) => {
        const methodPath: PathSegment[] = [...itemPath, 'subItems', subIndex, 'method'];
        const method = subItem.method;
        if (method.kind === 'deduct')
          checkCriteria(method.criteria, subItem.points, [...methodPath, 'criteria'], report);
        if (method.kind === 'bands')
          checkBands(method.bands, subItem.points, method.measure.unit, [...methodPath, 'bands'], report);
      });
    });
  });
  if (ruleSet.bonus !== null) checkBonusTree(ruleSet.bonus, report);

  const { policy, grades, total } = ruleSet;
  if (new Decimal(policy.passMark).gt(total)) {
    report(
      ['policy', 'passMark'],
      'policy',
      `the pass mark exceeds the total ${total}`,
      `合格分超过总分 ${total}`,
    );
  }
  if ((ruleSet.bonus === null) !== (policy.bonusGate === null)) {
    report(
      ['policy', 'bonusGate'],
      'policy',
      'a bonus tree and a bonus gate go together',
      '加分指标与加分门槛必须同时设置',
    );
  }

  let previousBound: Decimal | null = null;
  grades.forEach((grade, index) => {
    const at: PathSegment[] = ['grades', index];
    const bounds = [grade.atLeast, grade.above].filter((bound) => bound !== undefined);
    if (bounds.length !== 1) {
      report(
        at,
        'gradeOrder',
        'a grade needs exactly one of atLeast or above',
        '每个等次必须且只能设置 atLeast 或 above 之一',
      );
      return;
    }
    const bound = new Decimal(bounds[0]!);
    if (bound.gt(total)) {
      report(at, 'gradeOrder', `the grade starts above the total ${total}`, `该等次下限超过总分 ${total}`);
    }
    if (previousBound !== null && bound.gte(previousBound)) {
      report(
        at,
        'gradeOrder',
        'grades must be listed from highest to lowest without overlap',
        '等次必须从高到低排列且互不重叠',
      );
    }
    previousBound = bound;
  });
  const lowest = grades.at(-1);
  if (lowest !== undefined && !(lowest.atLeast !== undefined && new Decimal(lowest.atLeast).eq(0))) {
    report(
      ['grades', grades.length - 1],
      'gradeOrder',
      'the lowest grade must start at atLeast "0"',
      '最低等次必须从 0 分（atLeast "0"）开始',
    );
  }
  if (!grades.some((grade) => grade.id === policy.vetoedGrade)) {
    report(
      ['policy', 'vetoedGrade'],
      'unknownGrade',
      `grade "${policy.vetoedGrade}" is not declared in grades`,
      `等次“${policy.vetoedGrade}”未在 grades 中声明`,
    );
  }
}

export function formatPath(path: PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}
