import type { Lang } from './i18n';

/** A fed sub-item's source cycle as FeedSources.svelte names it. */
export interface FeedSourceTitles {
  cycleTitle: string;
  /** absent or empty: the cycle has no English title */
  cycleTitleEn?: string | null;
}

/** The cycle's title in the page language: English when there is one, otherwise the Chinese title. */
export function feedSourceTitle(source: FeedSourceTitles, lang: Lang): string {
  return lang === 'en' && source.cycleTitleEn ? source.cycleTitleEn : source.cycleTitle;
}
