import type { Lang } from './i18n';

// A veto clause in words: what was measured against its threshold, e.g. "国办抽查中因其他问题不合格的网站、政务新媒体数
// 6 个（阈值 > 5 个）". Shared by the rankings, the print view and the breakdown (client-safe: no server imports).

export interface ClauseLike {
  title: string;
  titleEn: string | null;
  op: string;
  threshold: string | boolean;
  measured: string | boolean | null;
  unit: string | null;
}

const operators: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

function value(lang: Lang, measured: string | boolean | null, unit: string | null): string {
  if (measured === null) return lang === 'zh' ? '未填报' : 'not entered';
  if (typeof measured === 'boolean')
    return lang === 'zh' ? (measured ? '是' : '否') : measured ? 'yes' : 'no';
  return lang === 'zh' ? `${measured}${unit ? ` ${unit}` : ''}` : measured;
}

/** The threshold that triggers the clause, e.g. "> 5 个" (a flag: "= 是"). */
export function thresholdText(lang: Lang, clause: ClauseLike): string {
  const op = operators[clause.op] ?? clause.op;
  const threshold =
    typeof clause.threshold === 'boolean'
      ? value(lang, clause.threshold, null)
      : value(lang, clause.threshold, clause.unit);
  return `${op} ${threshold}`;
}

export function clauseTitle(lang: Lang, clause: ClauseLike): string {
  return lang === 'en' && clause.titleEn ? clause.titleEn : clause.title;
}

/** "title measured (threshold …)": why a clause triggered. */
export function clauseText(lang: Lang, clause: ClauseLike): string {
  const title = clauseTitle(lang, clause);
  const measured = value(lang, clause.measured, clause.unit);
  return lang === 'zh'
    ? `${title} ${measured}（阈值 ${thresholdText(lang, clause)}）`
    : `${title}: ${measured} (threshold ${thresholdText(lang, clause)})`;
}

/** Why a veto decided a unit: its title and each triggered clause, e.g. "…被单项否决（…数 2 个（阈值 ≥ 2 个））". */
export function vetoReason(
  lang: Lang,
  veto: { title: string; titleEn: string | null; clauses: (ClauseLike & { triggered: boolean | null })[] },
): string {
  const title = lang === 'en' && veto.titleEn ? veto.titleEn : veto.title;
  const clauses = veto.clauses.filter((clause) => clause.triggered).map((clause) => clauseText(lang, clause));
  if (clauses.length === 0) return title;
  return lang === 'zh' ? `${title}（${clauses.join('；')}）` : `${title} (${clauses.join('; ')})`;
}
