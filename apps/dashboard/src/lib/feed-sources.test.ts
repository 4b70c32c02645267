import { describe, expect, it } from 'vitest';
import { feedSourceTitle } from './feed-sources';

describe('feedSourceTitle', () => {
  const source = { cycleTitle: '2019年第一季度检查', cycleTitleEn: '2019 Q1 inspection' };

  it('names the cycle in the page language', () => {
    expect(feedSourceTitle(source, 'zh')).toBe('2019年第一季度检查');
    expect(feedSourceTitle(source, 'en')).toBe('2019 Q1 inspection');
  });

  it('falls back to the Chinese title when there is no English one', () => {
    for (const cycleTitleEn of [null, undefined, '']) {
      expect(feedSourceTitle({ cycleTitle: '2019年第一季度检查', cycleTitleEn }, 'en')).toBe(
        '2019年第一季度检查',
      );
    }
  });
});
