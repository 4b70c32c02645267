import type { ComparisonOperator, MeasurementKind, Rounding } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import type { Locale } from './checks.js';
import type { BonusBreakdown } from './bonus.js';
import type { AssessmentResult, MatchedBand, SubItemResult } from './assessment.js';
import type { CompiledAssessment, CompiledInspection } from './compile.js';
import type { VetoClause, VetoResult } from './conditions.js';
import type { InspectionResult } from './inspection.js';
import { lazyField, stampLazy } from './lazy.js';
import { fractionText } from './points.js';

// The readable lines of a result, in Chinese (default) or English. Each line is derived from the result's own
// data, so what is read out is exactly what was computed.

type Titled = { title: string; titleEn: string | null };

export const titleOf = (node: Titled, locale: Locale): string =>
  locale === 'en' ? (node.titleEn ?? node.title) : node.title;

/** "0.0499" → "4.99%", by moving the decimal point (a canonical decimal string in, no arithmetic). */
export function percent(ratio: string): string {
  const negative = ratio[0] === '-';
  const digits = negative ? ratio.slice(1) : ratio;
  const dot = digits.indexOf('.');
  const int = dot === -1 ? digits : digits.slice(0, dot);
  const frac = dot === -1 ? '' : digits.slice(dot + 1);
  const moved = frac.length >= 2 ? frac.slice(0, 2) : frac.length === 1 ? `${frac}0` : '00';
  let whole = int === '0' ? moved : int + moved;
  while (whole.length > 1 && whole[0] === '0') whole = whole.slice(1);
  let rest = frac.slice(2);
  while (rest.length > 0 && rest[rest.length - 1] === '0') rest = rest.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${rest === '' ? '' : `.${rest}`}%`;
}

export function valueText(
  value: string,
  kind: MeasurementKind | 'ratio' | 'score',
  unit: string | null,
  locale: Locale,
): string {
  if (kind === 'ratio') return percent(value);
  return locale === 'zh' && unit !== null ? `${value} ${unit}` : value;
}

const opSymbol: Record<ComparisonOperator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
const opZh: Record<ComparisonOperator, string> = {
  '>=': '达到',
  '>': '超过',
  '<=': '不高于',
  '<': '低于',
  '=': '等于',
};
const opEn: Record<ComparisonOperator, string> = {
  '>=': 'reaches',
  '>': 'exceeds',
  '<=': 'is at or below',
  '<': 'is below',
  '=': 'equals',
};

const thresholdText = (clause: VetoClause, locale: Locale): string => {
  const threshold =
    clause.measurementKind === 'ratio' ? percent(String(clause.threshold)) : String(clause.threshold);
  return locale === 'zh' ? `${opSymbol[clause.op]}${threshold}` : `${opSymbol[clause.op]} ${threshold}`;
};

/** A triggered clause: "空白栏目 5 个，达到单项否决阈值（≥5）". */
export function clauseLine(clause: VetoClause, locale: Locale): string {
  const title = titleOf(clause, locale);
  if (clause.kind === 'flag') {
    return locale === 'zh'
      ? `${title}：${clause.measured === true ? '是' : '否'}，触发单项否决`
      : `${title}: ${clause.measured === true ? 'yes' : 'no'}, which triggers the veto`;
  }
  const value = valueText(String(clause.measured), clause.measurementKind, clause.unit, locale);
  return locale === 'zh'
    ? `${title} ${value}，${opZh[clause.op]}单项否决阈值（${thresholdText(clause, locale)}）`
    : `${title}: ${value}, ${opEn[clause.op]} the veto threshold (${thresholdText(clause, locale)})`;
}

/** Lines for the vetoes: each triggered one with its triggered clauses, undecided ones, or one line for none. */
export function vetoLines(vetoes: readonly VetoResult[], locale: Locale): string[] {
  const lines: string[] = [];
  pushVetoLines(lines, vetoes, locale);
  return lines;
}

const noneTriggered = (count: number, locale: Locale): string =>
  locale === 'zh'
    ? `单项否决 ${count} 项${count === 1 ? '' : '均'}未触发`
    : count === 1
      ? 'The veto is not triggered'
      : `None of the ${count} vetoes is triggered`;

// the line most explanations share: built once per locale and number of vetoes
const noneTriggeredLines = { zh: [] as string[], en: [] as string[] };

/** Appends vetoLines(vetoes, locale) to `lines`. */
function pushVetoLines(lines: string[], vetoes: readonly VetoResult[], locale: Locale): void {
  if (vetoes.length === 0) return;
  const start = lines.length;
  for (const veto of vetoes) {
    if (veto.triggered === true) {
      lines.push(
        locale === 'zh' ? `单项否决「${veto.title}」触发` : `Veto “${titleOf(veto, locale)}” triggered`,
      );
      for (const clause of veto.clauses)
        if (clause.triggered === true) lines.push(clauseLine(clause, locale));
    } else if (veto.triggered === null) {
      const missing = veto.clauses
        .filter((clause) => clause.triggered === null)
        .map((clause) => titleOf(clause, locale));
      lines.push(
        locale === 'zh'
          ? `单项否决「${veto.title}」尚待填报：${missing.join('、')}`
          : `Veto “${titleOf(veto, locale)}” awaits measurements: ${missing.join(', ')}`,
      );
    }
  }
  if (lines.length > start) return;
  // the measured values of every clause are in `vetoes`; one short line keeps the hot path cheap
  const cached = noneTriggeredLines[locale];
  lines.push((cached[vetoes.length] ??= noneTriggered(vetoes.length, locale)));
}

/** count × per occurrence, before a criterion's cap (only needed when the cap applied) */
const product = (row: { count: number; perOccurrence: string }): string =>
  new Decimal(row.perOccurrence).times(row.count).toFixed();

const modeZh: Record<Rounding['mode'], string> = {
  halfUp: '四舍五入',
  halfEven: '四舍六入五成双',
  down: '舍去',
  up: '进一',
};
const modeEn: Record<Rounding['mode'], string> = {
  halfUp: 'half up',
  halfEven: 'half even',
  down: 'down',
  up: 'up',
};

/** "67.333…" for a long exact value, the value itself otherwise. */
export function approximate(value: Decimal, places: number): string {
  const shown = value.toFixed();
  if (value.decimalPlaces() <= places + 4) return shown;
  return `${value.toFixed(places + 3, Decimal.ROUND_DOWN)}…`;
}

/** ", rounded to 2 places (half up): 67.33" when rounding changed the value, '' otherwise. */
export function roundingNote(exactValue: Decimal, shown: string, rounding: Rounding, locale: Locale): string {
  if (exactValue.decimalPlaces() <= rounding.places) return ''; // rounding changed nothing
  const value = approximate(exactValue, rounding.places);
  return locale === 'zh'
    ? ` ${value}，保留 ${rounding.places} 位小数（${modeZh[rounding.mode]}）为 ${shown}`
    : ` ${value}, rounded to ${rounding.places} places (${modeEn[rounding.mode]}): ${shown}`;
}

export function bonusAwardsText(breakdown: BonusBreakdown, locale: Locale): string {
  const rows = breakdown.indicators.flatMap((indicator) =>
    indicator.awards.map((award) =>
      locale === 'zh'
        ? `${award.title} ${award.count} 项 × ${award.perOccurrence} 分 = ${award.capped ? `${product(award)} 分，按本细则上限计 ${award.awarded}` : award.awarded} 分`
        : `${titleOf(award, locale)} ${award.count} × ${award.perOccurrence} = ${award.capped ? `${product(award)}, capped at ${award.awarded}` : award.awarded}`,
    ),
  );
  const capped = breakdown.indicators
    .filter((indicator) => indicator.capped)
    .map((indicator) => titleOf(indicator, locale));
  if (locale === 'zh') {
    const parts = rows.length === 0 ? ['无加分项'] : rows;
    if (capped.length > 0) parts.push(`${capped.join('、')} 按指标分值封顶`);
    if (breakdown.capped) parts.push(`加分合计按上限 ${breakdown.max} 分封顶`);
    return parts.join('；');
  }
  const parts = rows.length === 0 ? ['no bonus criterion met'] : rows;
  if (capped.length > 0) parts.push(`${capped.join(', ')} capped at the indicator’s points`);
  if (breakdown.capped) parts.push(`the bonus is capped at ${breakdown.max}`);
  return parts.join('; ');
}

// --- built on first read --------------------------------------------------------------------------------------
// Where the lines take real work (a target with deductions, an assessment's sub-items), `explanation` is a lazy
// field (see lazy.ts): an enumerable own accessor, built when something first reads it.

/** Adds `explanation` as the result's last field, built by `build` on first read. */
export function explainOnRead<T extends object>(result: T, build: () => string[]): T {
  stampLazy(result, { build });
  return Object.defineProperty(result, 'explanation', lazyField('explanation'));
}

// --- inspections -------------------------------------------------------------------------------------------

const headerText = (compiled: CompiledInspection, name: string | null, locale: Locale): string => {
  const { ruleSet } = compiled;
  return locale === 'zh'
    ? `${name ?? '检查对象'}：按「${ruleSet.title}」（${ruleSet.version}）评分`
    : `${name ?? 'Target'}: scored with “${ruleSet.titleEn ?? ruleSet.title}” (${ruleSet.version})`;
};

// the header of a target without a name, per compiled rule set and locale
const unnamedHeaders = new WeakMap<CompiledInspection, { zh?: string; en?: string }>();

/**
 * The first line of an inspection's explanation after the target's name: the line is the name followed by this
 * (both header texts begin with the name), so a named target's line is the name joined to a shared string.
 */
export const headerAfterName = (compiled: CompiledInspection, locale: Locale): string =>
  headerText(compiled, '', locale);

function inspectionHeader(compiled: CompiledInspection, name: string | null, locale: Locale): string {
  if (name !== null) return headerText(compiled, name, locale);
  let headers = unnamedHeaders.get(compiled);
  if (headers === undefined) unnamedHeaders.set(compiled, (headers = {}));
  return (headers[locale] ??= headerText(compiled, null, locale));
}

export function explainInspection(
  result: Omit<InspectionResult, 'explanation'>,
  compiled: CompiledInspection,
  locale: Locale,
  /** the score before rounding */
  scaled: Decimal | null,
): string[] {
  const zh = locale === 'zh';
  const lines: string[] = [inspectionHeader(compiled, result.target.name, locale)];
  pushVetoLines(lines, result.vetoes, locale);

  if (result.reason === 'veto') {
    const recorded = result.vetoedScoreApplied
      ? zh
        ? `；按规则记 ${result.score} 分`
        : `; recorded as ${result.score} points per the rules`
      : '';
    lines.push(
      zh
        ? `单项否决，不合格，其他指标不再评分${recorded}`
        : `Vetoed: unqualified; no other indicator is scored${recorded}`,
    );
    return lines;
  }
  const breakdown = result.breakdown;
  if (breakdown === null) {
    lines.push(
      zh ? '无扣分指标，仅按单项否决判定：合格' : 'No deduction table: judged on the vetoes alone: qualified',
    );
    return lines;
  }

  const service = compiled.service;
  if (service !== null && breakdown.treatment !== 'none') {
    const indicator = service.indicator.indicator;
    const title = zh ? indicator.title : (indicator.titleEn ?? indicator.title);
    if (breakdown.treatment === 'scale') {
      const factor = fractionText(breakdown.factor!);
      lines.push(
        zh
          ? `${title} 不适用：无对外服务功能，扣分部分按 ${breakdown.applicableMax} 分计算后乘以 ${factor}`
          : `${title} not applicable: no external service functions; the deduction part is scored out of ${breakdown.applicableMax} and multiplied by ${factor}`,
      );
    } else {
      const others = breakdown.indicators.length - 1;
      const share = breakdown.indicators.find((node) => node.addedPoints !== null)?.addedPoints ?? '0';
      lines.push(
        zh
          ? `${title} 不适用：无对外服务功能，其 ${indicator.points} 分平均分配给其他 ${others} 个指标（每个加 ${share} 分）`
          : `${title} not applicable: no external service functions; its ${indicator.points} points are spread evenly over the other ${others} indicators (+${share} each)`,
      );
    }
  }

  let anyDeduction = false;
  for (const node of breakdown.indicators) {
    if (node.status !== 'scored' || node.findings.length === 0) continue;
    anyDeduction = true;
    const rows = node.findings.map((finding) =>
      zh
        ? `${finding.title} ${finding.count} 处 × ${finding.perOccurrence} 分 = ${finding.capped ? `${product(finding)} 分，按本细则上限扣 ${finding.deducted}` : finding.deducted} 分`
        : `${titleOf(finding, locale)} ${finding.count} × ${finding.perOccurrence} = ${finding.capped ? `${product(finding)}, capped at ${finding.deducted}` : finding.deducted}`,
    );
    const capped = node.capped
      ? zh
        ? `；扣分超过本指标分值，按 ${node.max} 分封顶`
        : `; the deductions exceed the indicator’s points and stop at ${node.max}`
      : '';
    lines.push(
      zh
        ? `${node.title}：${rows.join('；')}${capped}；共扣 ${node.deducted} 分，得 ${node.awarded} 分（满分 ${node.max}）`
        : `${titleOf(node, locale)}: ${rows.join('; ')}${capped}; ${node.deducted} deducted, ${node.awarded} of ${node.max}`,
    );
  }
  if (!anyDeduction) lines.push(zh ? '各扣分指标均未扣分' : 'No deductions');
  if (breakdown.floored)
    lines.push(
      zh ? '扣分合计超过满分，得分按 0 分计' : 'The deductions exceed the full score: the score is 0',
    );

  const score = result.score!;
  const { rounding } = result;
  if (breakdown.treatment === 'scale') {
    const factor = fractionText(breakdown.factor!);
    const note = scaled === null ? '' : roundingNote(scaled, score, rounding, locale);
    lines.push(
      zh
        ? `扣分部分得分 ${breakdown.awarded}（按 ${breakdown.applicableMax} 分计），乘以 ${factor} 后为${note === '' ? ` ${score}` : note}`
        : `Deduction part ${breakdown.awarded} out of ${breakdown.applicableMax}, × ${factor} =${note === '' ? ` ${score}` : note}`,
    );
  }
  const passMark = result.passMark!;
  lines.push(
    result.verdict === 'qualified'
      ? zh
        ? `扣分得分 ${score} 达到合格分 ${passMark}，合格`
        : `Deduction score ${score} reaches the pass mark ${passMark}: qualified`
      : zh
        ? `扣分得分 ${score} 低于合格分 ${passMark}，不合格`
        : `Deduction score ${score} is below the pass mark ${passMark}: unqualified`,
  );

  const gate = result.bonusGate;
  if (result.bonusStatus === 'notEligible') {
    lines.push(
      zh ? '仅门户网站计加分，本对象不计加分' : 'Only portal websites earn the bonus; this target does not',
    );
  } else if (result.bonusStatus === 'belowGate') {
    lines.push(
      zh
        ? `扣分得分 ${score} 未超过 ${gate}，不计加分`
        : `Deduction score ${score} is not above ${gate}: no bonus`,
    );
  } else if (result.bonusStatus === 'scored') {
    const awards = bonusAwardsText(result.bonusBreakdown!, locale);
    lines.push(
      zh
        ? `扣分得分 ${score} 超过 ${gate}，计加分：${awards}；加分 ${result.bonus} 分`
        : `Deduction score ${score} is above ${gate}, so the bonus counts: ${awards}; bonus ${result.bonus}`,
    );
    lines.push(
      zh
        ? `总分 ${result.total} = 扣分得分 ${score} + 加分 ${result.bonus}`
        : `Total ${result.total} = deduction score ${score} + bonus ${result.bonus}`,
    );
  }
  return lines;
}

// --- assessments -------------------------------------------------------------------------------------------

const bandLabel = (band: MatchedBand, unit: string, locale: Locale): string => {
  if (band.title !== null) return band.title;
  const show = (value: string) => (unit === 'ratio' ? percent(value) : value);
  const parts: string[] = [];
  if (band.atLeast !== null) parts.push(`≥${show(band.atLeast)}`);
  if (band.below !== null) parts.push(`<${show(band.below)}`);
  return parts.join(locale === 'zh' ? ' 且 ' : ' and ');
};

function subItemLine(sub: SubItemResult, locale: Locale): string | null {
  const zh = locale === 'zh';
  const detail = sub.detail;
  if (detail === null) return null;
  const head = `${sub.id} ${titleOf(sub, locale)}${zh ? '：' : ': '}`;
  const of = zh ? `，得 ${sub.awarded} 分（满分 ${sub.max}）` : `: ${sub.awarded} of ${sub.max}`;
  const note = sub.note === null ? '' : zh ? `（备注：${sub.note}）` : ` (note: ${sub.note})`;
  let body: string;
  switch (detail.kind) {
    case 'check':
      body = detail.met
        ? zh
          ? `达到要求${of}`
          : `requirement met${of}`
        : zh
          ? `未达到要求${of}`
          : `requirement not met${of}`;
      break;
    case 'deduct': {
      if (detail.deductions.length === 0 || detail.deducted === '0') {
        body = zh ? `未扣分${of}` : `nothing deducted${of}`;
        break;
      }
      const rows = detail.deductions.map((row) =>
        zh
          ? `${row.title} ${row.count} 次 × ${row.perOccurrence} 分 = ${row.capped ? `${product(row)} 分，按本细则上限扣 ${row.deducted}` : row.deducted} 分`
          : `${titleOf(row, locale)} ${row.count} × ${row.perOccurrence} = ${row.capped ? `${product(row)}, capped at ${row.deducted}` : row.deducted}`,
      );
      const floored = detail.floored
        ? zh
          ? '，扣分超过分值，按 0 分计'
          : ', more than the points: held at 0'
        : '';
      body = zh
        ? `${rows.join('；')}；共扣 ${detail.deducted} 分${floored}${of}`
        : `${rows.join('; ')}; ${detail.deducted} deducted${floored}${of}`;
      break;
    }
    case 'bands': {
      const measure = zh ? detail.measure : (detail.measureEn ?? detail.measure);
      const value = valueText(detail.value, detail.unit, null, locale);
      const label = bandLabel(detail.band, detail.unit, locale);
      body = zh
        ? `${measure} ${value}，落在「${label}」档${of}`
        : `${measure} ${value}, in the band “${label}”${of}`;
      break;
    }
    case 'ratio': {
      const measure = zh ? detail.measure : (detail.measureEn ?? detail.measure);
      const value = percent(detail.value);
      body = zh
        ? `${measure} ${value}，得 ${sub.max} × ${value} = ${sub.awarded} 分`
        : `${measure} ${value}: ${sub.max} × ${value} = ${sub.awarded}`;
      break;
    }
    case 'manual':
      body = zh ? `评审给分${of}` : `awarded on review${of}`;
      break;
    case 'notApplicable':
      body =
        detail.treatment === 'fullMarks'
          ? zh
            ? `不适用（${detail.reason}），按满分计 ${sub.max} 分`
            : `not applicable (${detail.reason}): full marks, ${sub.max}`
          : detail.treatment === 'zero'
            ? zh
              ? `不适用（${detail.reason}），计 0 分`
              : `not applicable (${detail.reason}): 0`
            : zh
              ? `不适用（${detail.reason}），不计入满分，总分按比例折算`
              : `not applicable (${detail.reason}): left out of the full score, the total is scaled up`;
      break;
  }
  return `${head}${body}${note}`;
}

export function explainAssessment(
  result: Omit<AssessmentResult, 'explanation'>,
  compiled: CompiledAssessment,
  locale: Locale,
  /** the score before rounding */
  scaled: Decimal,
): string[] {
  const zh = locale === 'zh';
  const { ruleSet } = compiled;
  const lines: string[] = [
    zh
      ? `按「${ruleSet.title}」（${ruleSet.version}）考核，满分 ${result.max}`
      : `Assessed with “${ruleSet.titleEn ?? ruleSet.title}” (${ruleSet.version}), out of ${result.max}`,
  ];
  pushVetoLines(lines, result.vetoes, locale);
  if (result.reason === 'veto') {
    const grade = result.grade!;
    lines.push(
      zh
        ? `单项否决，等次为「${grade.title}」，总分不计（各项合计本为 ${result.scoreWithoutVeto} 分）`
        : `Vetoed: graded “${grade.titleEn ?? grade.title}”, no total (the items would have added up to ${result.scoreWithoutVeto})`,
    );
    return lines;
  }

  const subItems = result.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
  for (const sub of subItems) {
    const line = subItemLine(sub, locale);
    if (line !== null) lines.push(line);
  }
  if (result.awaitingInput.length > 0) {
    const waiting = subItems
      .filter((sub) => sub.status === 'awaitingInput')
      .map((sub) => `${sub.id} ${titleOf(sub, locale)}`);
    lines.push(
      zh
        ? `尚有 ${result.awaitingInput.length} 个子项待填报，总分为暂计`
        : `${result.awaitingInput.length} sub-item${result.awaitingInput.length === 1 ? ' awaits' : 's await'} input; the total is provisional`,
    );
    lines.push(zh ? `待填报子项：${waiting.join('、')}` : `Awaiting input: ${waiting.join('; ')}`);
  }
  const score = result.score!;
  const rescale = result.rescale;
  if (rescale !== null) {
    const factor = fractionText(rescale.factor);
    const note = roundingNote(scaled, score, result.rounding, locale);
    lines.push(
      zh
        ? `不适用子项 ${rescale.subItems.join('、')} 共 ${rescale.excluded} 分不计入满分：适用满分 ${rescale.applicableMax}，得分 ${rescale.awarded} × ${factor} =${note === '' ? ` ${score}` : note}`
        : `Not applicable ${rescale.subItems.join(', ')} (${rescale.excluded} points) left out: ${rescale.awarded} of ${rescale.applicableMax} × ${factor} =${note === '' ? ` ${score}` : note}`,
    );
  }

  const gate = result.bonusGate;
  if (result.bonusStatus === 'belowGate') {
    lines.push(
      zh ? `得分 ${score} 未超过 ${gate}，不计加分` : `Score ${score} is not above ${gate}: no bonus`,
    );
  } else if (result.bonusStatus === 'awaitingInput') {
    lines.push(
      zh
        ? `暂计得分 ${score} 未超过 ${gate}，加分待定`
        : `Provisional score ${score} is not above ${gate}: the bonus is undecided`,
    );
  } else if (result.bonusStatus === 'scored') {
    const awards = bonusAwardsText(result.bonusBreakdown!, locale);
    lines.push(
      zh
        ? `得分 ${score} 超过 ${gate}，计加分：${awards}；加分 ${result.bonus} 分`
        : `Score ${score} is above ${gate}, so the bonus counts: ${awards}; bonus ${result.bonus}`,
    );
  }

  const total = result.total!;
  const sumText =
    result.bonus === null
      ? ''
      : zh
        ? `；得分 ${score} + 加分 ${result.bonus}`
        : `; score ${score} + bonus ${result.bonus}`;
  if (!result.complete) {
    lines.push(
      zh
        ? `暂计总分 ${total}（满分 ${result.max}${sumText}），等次待定`
        : `Provisional total ${total} (of ${result.max}${sumText}); grade pending`,
    );
    return lines;
  }
  if (result.reason === 'belowPassMark') {
    lines.push(
      zh
        ? `得分 ${score} 低于合格分 ${result.passMark}，不合格`
        : `Score ${score} is below the pass mark ${result.passMark}: unqualified`,
    );
  }
  const grade = result.grade;
  const gradeText =
    grade === null
      ? zh
        ? '无对应等次'
        : 'no grade'
      : zh
        ? `等次：${grade.title}`
        : `grade: ${grade.titleEn ?? grade.title}`;
  lines.push(
    zh
      ? `总分 ${total}（满分 ${result.max}${sumText}），${gradeText}`
      : `Total ${total} (of ${result.max}${sumText}), ${gradeText}`,
  );
  return lines;
}
