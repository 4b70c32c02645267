import { describe, expect, it } from 'vitest';
import { clauseText, thresholdText, vetoReason } from './veto-text';

// The words for a veto clause: measured against its threshold, in Chinese and English.

const count = {
  title: '国办抽查中因其他问题不合格的网站、政务新媒体数',
  titleEn: 'Sites or accounts failing a national spot check for other reasons',
  op: '>',
  threshold: '5',
  measured: '6',
  unit: '个',
  triggered: true,
};
const flag = {
  title: '发生严重安全事件',
  titleEn: null,
  op: '=',
  threshold: true,
  measured: false,
  unit: null,
  triggered: false,
};

describe('veto clause text', () => {
  it('says what was measured against the threshold', () => {
    expect(clauseText('zh', count)).toBe(
      '国办抽查中因其他问题不合格的网站、政务新媒体数 6 个（阈值 > 5 个）',
    );
    expect(clauseText('en', count)).toBe(
      'Sites or accounts failing a national spot check for other reasons: 6 (threshold > 5)',
    );
    expect(thresholdText('zh', { ...count, op: '>=' })).toBe('≥ 5 个');
  });

  it('reads flags and values not entered', () => {
    expect(clauseText('zh', flag)).toBe('发生严重安全事件 否（阈值 = 是）');
    expect(clauseText('en', { ...flag, measured: null })).toBe(
      '发生严重安全事件: not entered (threshold = yes)',
    );
  });

  it('gives a veto’s reason from its triggered clauses only', () => {
    const veto = { title: '否决', titleEn: 'Veto', clauses: [count, flag] };
    expect(vetoReason('zh', veto)).toBe(
      '否决（国办抽查中因其他问题不合格的网站、政务新媒体数 6 个（阈值 > 5 个））',
    );
    expect(vetoReason('en', { ...veto, clauses: [flag] })).toBe('Veto');
  });
});
