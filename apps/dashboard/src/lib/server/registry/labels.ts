import type { TargetLevel, TargetStatus, WebsiteKind } from '../db/schema';

// The Chinese labels registry files use for the enum values kept in the database, and the other spellings offices
// write for them. Export writes the first label; import accepts every spelling (after NFKC, spaces removed).

export interface Label {
  zh: string;
  en: string;
  /** other spellings accepted on import */
  aliases?: readonly string[];
}

export const websiteKindLabels: Record<WebsiteKind, Label> = {
  portal: { zh: '门户网站', en: 'Portal', aliases: ['门户', '政府门户网站', '門戶網站'] },
  department: { zh: '部门网站', en: 'Department site', aliases: ['部门', '部門網站'] },
  other: { zh: '其他', en: 'Other', aliases: ['其它', '其他网站'] },
};

export const targetLevelLabels: Record<TargetLevel, Label> = {
  province: { zh: '省', en: 'Province', aliases: ['省级', '省級', '省直'] },
  city: { zh: '市', en: 'City', aliases: ['市级', '市級', '设区市', '地市'] },
  county: { zh: '县', en: 'County', aliases: ['县级', '縣', '縣級', '县区', '区县', '县(市、区)'] },
  belowCounty: { zh: '县以下', en: 'Below county', aliases: ['乡镇', '县以下级', '縣以下'] },
};

export const targetStatusLabels: Record<TargetStatus, Label> = {
  running: { zh: '正常运行', en: 'Running', aliases: ['正常', '运行', '運行'] },
  offline: { zh: '临时下线', en: 'Temporarily offline', aliases: ['下线', '临时关闭'] },
  closed: { zh: '关停', en: 'Closed', aliases: ['已关停', '关闭', '注销', '已注销'] },
  migrated: { zh: '迁移', en: 'Migrated', aliases: ['已迁移', '整合迁移', '迁移整合'] },
};

export const yesNoLabels: Record<'yes' | 'no', Label> = {
  yes: { zh: '是', en: 'Yes', aliases: ['Y', 'TRUE', '1'] },
  no: { zh: '否', en: 'No', aliases: ['N', 'FALSE', '0'] },
};

export const hasNoneLabels: Record<'yes' | 'no', Label> = {
  yes: { zh: '有', en: 'Yes', aliases: ['是', 'Y', 'TRUE', '1'] },
  no: { zh: '无', en: 'No', aliases: ['否', '没有', 'N', 'FALSE', '0'] },
};

export function normalizeValue(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** spelling → value, for one label table */
export function labelLookup<Value extends string>(labels: Record<Value, Label>): Map<string, Value> {
  const lookup = new Map<string, Value>();
  for (const [value, label] of Object.entries(labels) as [Value, Label][])
    for (const spelling of [label.zh, label.en, value, ...(label.aliases ?? [])])
      lookup.set(normalizeValue(spelling), value);
  return lookup;
}

export function labelOf<Value extends string>(
  labels: Record<Value, Label>,
  value: Value,
  lang: 'zh' | 'en',
): string {
  return labels[value][lang];
}

export function labelList<Value extends string>(labels: Record<Value, Label>, lang: 'zh' | 'en'): string {
  const names = Object.values<Label>(labels).map((label) => label[lang]);
  return lang === 'zh' ? names.join('、') : names.join(', ');
}
