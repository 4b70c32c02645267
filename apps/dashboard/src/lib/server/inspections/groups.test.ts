import { describe, expect, it } from 'vitest';
import { parseGroupKey, targetGroups, type GroupableTarget } from './groups';

// Group keys are data: Jiangxi groups by level, Jieyang by independent / consolidated, Hanzhong by level and kind.

const site = (overrides: Partial<GroupableTarget>): GroupableTarget => ({
  type: 'website',
  level: 'county',
  kind: 'portal',
  consolidated: false,
  platform: null,
  ...overrides,
});

describe('group keys', () => {
  it('match by level alternatives, by consolidation and by level and kind together', () => {
    expect(parseGroupKey('level:county+belowCounty')!(site({ level: 'belowCounty' }))).toBe(true);
    expect(parseGroupKey('level:county+belowCounty')!(site({ level: 'city' }))).toBe(false);
    expect(parseGroupKey('consolidated:true')!(site({ consolidated: true }))).toBe(true);
    expect(parseGroupKey('consolidated:true')!(site({ consolidated: false }))).toBe(false);
    expect(parseGroupKey('level:city&kind:department')!(site({ level: 'city', kind: 'department' }))).toBe(
      true,
    );
    expect(parseGroupKey('level:city&kind:department')!(site({ level: 'city', kind: 'portal' }))).toBe(false);
  });

  it('match by the owning or supervising unit (Gansu: a city with the county sites it supervises)', () => {
    const countyPortal = site({ units: ['gs-longnan'] });
    expect(parseGroupKey('unit:gs-longnan')!(countyPortal)).toBe(true);
    expect(parseGroupKey('unit:gs-lanzhou+gs-longnan')!(countyPortal)).toBe(true);
    expect(parseGroupKey('unit:gs-lanzhou')!(countyPortal)).toBe(false);
    expect(parseGroupKey('unit:gs-lanzhou')!(site({}))).toBe(false);
    expect(parseGroupKey('level:city&unit:gs-longnan')!(countyPortal)).toBe(false);
  });

  it('a key without a type is for websites; type:newMedia for accounts only', () => {
    const account = site({ type: 'newMedia', kind: null, consolidated: null, level: 'city' });
    expect(parseGroupKey('level:city')!(account)).toBe(false);
    expect(parseGroupKey('type:newMedia&level:city')!(account)).toBe(true);
    expect(parseGroupKey('type:newMedia&level:city')!(site({ level: 'city' }))).toBe(false);
  });

  it('keys of assessment groups (cities, departments) and malformed keys match nothing', () => {
    for (const key of ['cities', 'departments', 'level', 'colour:red', 'level:a:b', ''])
      expect(parseGroupKey(key)).toBeNull();
    const groups = targetGroups(
      [
        { key: 'cities', label: '市州', labelEn: null },
        { key: 'consolidated:false', label: '独立运行的政府网站', labelEn: null },
        { key: 'consolidated:true', label: '已集约化的政府网站', labelEn: null },
        { key: 'type:newMedia', label: '政务新媒体', labelEn: null },
      ],
      'website',
    );
    expect(groups.map((group) => group.label)).toEqual(['独立运行的政府网站', '已集约化的政府网站']);
  });
});
