import type { TargetType } from '../db/schema';

// A programme's reporting groups are data (programme_groups). Their key says which targets belong to a group:
// conditions joined by "&", each "field:value" with alternatives joined by "+", e.g.
//   "level:province"                      省直部门 (Jiangxi)
//   "level:county+belowCounty"            县及以下
//   "consolidated:false"                  独立运行的政府网站 (Jieyang)
//   "type:newMedia&level:city"            市级政务新媒体
//   "unit:gs-lanzhou"                     兰州市 (its own sites and those it supervises: Gansu's per-city table)
// Fields: type (website / newMedia; website when absent), level, kind (portal / department / other),
// consolidated (true / false), platform, unit (the code of the owner or the supervising unit). A target belongs to
// the first group, by position, that it matches.

export interface GroupableTarget {
  type: TargetType;
  level: string | null;
  kind: string | null;
  consolidated: boolean | null;
  platform: string | null;
  /** codes of the units that own (主办) or supervise (主管) the target */
  units?: readonly string[];
}

const fields = ['type', 'level', 'kind', 'consolidated', 'platform', 'unit'] as const;
type Field = (typeof fields)[number];

export type GroupMatcher = (target: GroupableTarget) => boolean;

/** The matcher a group key describes; null when the key is not in this grammar (a group kept for ranking). */
export function parseGroupKey(key: string): GroupMatcher | null {
  const conditions: [Field, string[]][] = [];
  for (const part of key.split('&')) {
    const [field, values, ...rest] = part.split(':');
    if (rest.length || !values || !(fields as readonly string[]).includes(field ?? '')) return null;
    conditions.push([field as Field, values.split('+')]);
  }
  const type = conditions.find(([field]) => field === 'type')?.[1] ?? ['website'];
  return (target) =>
    type.includes(target.type) &&
    conditions.every(([field, values]) => {
      if (field === 'type') return true;
      if (field === 'unit') return values.some((code) => target.units?.includes(code) ?? false);
      const value = target[field];
      return value !== null && values.includes(String(value));
    });
}

export interface ProgrammeGroup {
  key: string;
  label: string;
  labelEn: string | null;
}

/** Groups of one target type with their matchers, in position order. */
export function targetGroups(groups: readonly ProgrammeGroup[], type: TargetType) {
  return groups.flatMap((group) => {
    const matcher = parseGroupKey(group.key);
    if (!matcher) return [];
    const typeOf = group.key.match(/(?:^|&)type:([^&]+)/)?.[1]?.split('+') ?? ['website'];
    return typeOf.includes(type) ? [{ ...group, matches: matcher }] : [];
  });
}
