import type { Lang } from '$lib/i18n';
import {
  hasNoneLabels,
  targetLevelLabels,
  targetStatusLabels,
  websiteKindLabels,
  yesNoLabels,
  type Label,
} from '$lib/server/registry/labels';

// The enum values of the registry with their labels in the reader's language, for selects and table cells.

function options<Value extends string>(labels: Record<Value, Label>, lang: Lang) {
  return (Object.entries(labels) as [Value, Label][]).map(([value, label]) => ({
    value,
    label: label[lang],
  }));
}

export function registryOptions(lang: Lang) {
  return {
    level: options(targetLevelLabels, lang),
    kind: options(websiteKindLabels, lang),
    status: options(targetStatusLabels, lang),
    yesNo: options(yesNoLabels, lang),
    hasNone: options(hasNoneLabels, lang),
  };
}

export type RegistryOptions = ReturnType<typeof registryOptions>;
