import { getRuleSet } from '@kaohe/rules';
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from './assessment.js';
import { checkPublishedFigures, type PublishedFigure } from './figures.js';
import { rank } from './rank.js';
import {
  countAtLeast,
  rate,
  remediationRate,
  summarizeInspections,
  type InspectionRecord,
} from './statistics.js';
import { gansu2019Units } from './test-support/gansu-2019-units.js';

// Every figure of the domain guide, section 8, reproduced from item-level data built here, and every printed
// figure checked against that data. Seeds: /work/shared/seeds/000…003.

const oneHalfUp = { places: 1, mode: 'halfUp' } as const;

/** `count` records of one group, the first failures with the given reasons (each [reason, how many]). */
function records(
  prefix: string,
  group: string,
  count: number,
  failures: [string, number][] = [],
): InspectionRecord[] {
  const failing = failures.flatMap(([reason, n]) => Array.from({ length: n }, () => reason));
  if (failing.length > count) throw new Error(`${prefix}: more failures than records`);
  return Array.from({ length: count }, (_, i) => ({
    targetId: `${prefix}-${i + 1}`,
    group,
    qualified: i >= failing.length,
    reasons: i < failing.length ? [failing[i]!] : [],
  }));
}

function checkAll(
  figures: PublishedFigure[],
  rounding: { mode: 'halfUp'; places?: number } = { mode: 'halfUp' },
) {
  const report = checkPublishedFigures({ figures, rounding });
  return Object.fromEntries(report.figures.map((f) => [f.id, f]));
}

describe('seed 000: Jiangxi 2018 Q1 (赣府厅函〔2018〕21号)', () => {
  // sites running on 2018-02-09, by level; the provincial portal is counted with the provincial departments
  const running = {
    provincialPortal: 1,
    provincialDepartments: 65,
    cityPortals: 11,
    cityDepartments: 472,
    countyPortals: 100,
    belowCounty: 48,
  };
  const population = {
    省直部门: running.provincialPortal + running.provincialDepartments,
    设区市及市直部门: running.cityPortals + running.cityDepartments,
    县及以下: running.countyPortals + running.belowCounty,
  };
  // 41 failures split 3 / 11 / 27; 34 of them vetoed for empty columns (空白栏目), the others for other reasons
  const results = [
    ...records('prov', '省直部门', 27, [
      ['columns-stale', 2],
      ['interaction-poor', 1],
    ]),
    ...records('city', '设区市及市直部门', 193, [
      ['columns-stale', 9],
      ['service-impractical', 2],
    ]),
    ...records('county', '县及以下', 59, [
      ['columns-stale', 23],
      ['serious-incident', 2],
      ['interaction-poor', 2],
    ]),
  ];
  const summary = summarizeInspections({ results, population, rounding: oneHalfUp });

  it('697 sites running, 279 sampled (40%), 41 with serious problems, pass rate 85.3%', () => {
    expect(Object.values(running).reduce((a, b) => a + b, 0)).toBe(697);
    expect(summary.overall).toMatchObject({ running: 697, checked: 279, failed: 41, qualified: 238 });
    expect(summary.overall.samplingRatio).toMatchObject({ numerator: 279, denominator: 697, text: '40.0%' });
    expect(rate({ numerator: 279, denominator: 697, rounding: { places: 0, mode: 'halfUp' } }).text).toBe(
      '40%',
    );
    expect(summary.overall.passRate).toMatchObject({ numerator: 238, denominator: 279, text: '85.3%' });
  });

  it('省直部门 27 sampled 88.9%; 设区市及市直部门 193 sampled 94.3%; 县及以下 59 sampled 54.2%', () => {
    expect(summary.byGroup.map((g) => [g.group, g.checked, g.failed, g.passRate.text])).toEqual([
      ['省直部门', 27, 3, '88.9%'],
      ['设区市及市直部门', 193, 11, '94.3%'],
      ['县及以下', 59, 27, '54.2%'],
    ]);
    // every level sampled at least the 30% the province asks of the cities
    expect(summary.byGroup.map((g) => g.samplingRatio?.text)).toEqual(['40.9%', '40.0%', '39.9%']);
  });

  it('34 of the 41 failures vetoed for empty columns: 82.9% of the failures', () => {
    expect(summary.reasons[0]).toMatchObject({
      reason: 'columns-stale',
      count: 34,
      shareOfFailures: { numerator: 34, denominator: 41, text: '82.9%' },
    });
  });

  it('31 of the 35 unqualified sites of 2017 Q4 fixed or properly closed', () => {
    const recheck = [
      ...Array.from({ length: 27 }, () => 'fixed'),
      ...Array.from({ length: 4 }, () => 'closedProperly'),
      ...Array.from({ length: 4 }, () => 'stillFailing'), // e.g. 中国·湘东 still has long-stale columns
    ];
    const fixedOrClosed = recheck.filter((status) => status !== 'stillFailing').length;
    expect(
      remediationRate({ previousFailures: recheck.length, fixedOrClosed, rounding: oneHalfUp }),
    ).toMatchObject({
      numerator: 31,
      denominator: 35,
      text: '88.6%',
    });
  });

  it('the checker confirms the printed rates and flags "80.5%", which should read 82.9% (80.5% would be 33/41)', () => {
    const figure = (id: string, published: string, r: { numerator: number; denominator: number }) => ({
      id,
      published,
      numerator: r.numerator,
      denominator: r.denominator,
    });
    const [prov, city, county] = summary.byGroup;
    const checked = checkAll([
      figure('sampling', '40%', summary.overall.samplingRatio!),
      figure('pass', '85.3%', summary.overall.passRate),
      figure('pass-prov', '88.9%', prov!.passRate),
      figure('pass-city', '94.3%', city!.passRate),
      figure('pass-county', '54.2%', county!.passRate),
      figure('empty-columns', '80.5%', summary.reasons[0]!.shareOfFailures),
    ]);
    expect(Object.values(checked).map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['sampling', true, '40%'],
      ['pass', true, '85.3%'],
      ['pass-prov', true, '88.9%'],
      ['pass-city', true, '94.3%'],
      ['pass-county', true, '54.2%'],
      ['empty-columns', false, '82.9%'],
    ]);
    expect(checked['empty-columns']!.explanations).toEqual([
      { kind: 'numerator', numerator: '33', exact: '80.4878048780…' },
    ]);
  });
});

describe('seed 001: Gansu 2019 annual assessment (14 市州, 37 省直部门)', () => {
  const ruleSet = getRuleSet('gansu-2019-annual-assessment');
  const scored = gansu2019Units.map((unit) => {
    const result = scoreAssessment({ ruleSet, inputs: unit.inputs, measurements: unit.measurements });
    return {
      ...unit,
      result,
      score: result.total,
      vetoed: result.verdict === 'unqualified' && result.reason === 'veto',
    };
  });
  const ranking = rank({ entries: scored, groupOrder: ['市州', '省直部门'] });
  const [cities, departments] = ranking.groups;

  it('scores every unit completely, as the sum of what it lost says', () => {
    expect(scored.map((u) => [u.name, u.result.complete, u.result.total])).toEqual(
      gansu2019Units.map((u) => [u.name, true, u.expectedTotal]),
    );
    expect(scored.filter((u) => u.group === '市州')).toHaveLength(14);
    expect(scored.filter((u) => u.group === '省直部门')).toHaveLength(37);
  });

  it('兰州、金昌、张掖、天水 100, tied first among the cities (并列第一), the rest ranked from 5', () => {
    expect(cities!.group).toBe('市州');
    const first = cities!.ranked.filter((r) => r.rank === 1);
    expect(first.map((r) => [r.entry.name, r.score, r.tied])).toEqual([
      ['金昌', '100', true],
      ['兰州', '100', true],
      ['天水', '100', true],
      ['张掖', '100', true],
    ]);
    expect(cities!.ranked.slice(4).map((r) => [r.rank, r.entry.name, r.score])).toEqual([
      [5, '嘉峪关', '96.5'],
      [6, '酒泉', '92'],
      [7, '庆阳', '89.5'],
      [8, '白银', '88'],
      [9, '定西', '87'],
      [10, '武威', '86.5'],
      [11, '陇南', '85'],
      [12, '平凉', '84'],
      [13, '临夏州', '82'],
      [14, '甘南州', '79.5'],
    ]);
    expect(cities!.unranked).toEqual([]);
  });

  it('省科技厅、省自然资源厅、省住建厅、省林草局 100, tied first among the departments', () => {
    const first = departments!.ranked.filter((r) => r.rank === 1);
    // pinyin: ke, lin, zhu, zi
    expect(first.map((r) => r.entry.name)).toEqual(['省科技厅', '省林草局', '省住建厅', '省自然资源厅']);
    expect(first.every((r) => r.tied && r.score === '100')).toBe(true);
    expect(departments!.ranked[4]).toMatchObject({ rank: 5, tied: false, score: '99.7' });
    // 省林草局 has no new-media account: A3.1 is left out and the rest scaled up to 100
    const forestry = scored.find((u) => u.name === '省林草局')!;
    expect(forestry.result.rescale?.subItems).toEqual(['A3.1']);
  });

  it('6 市州 and 35 省直部门 at 90 or above', () => {
    const atLeast90 = countAtLeast({ entries: scored, atLeast: '90' });
    expect(atLeast90.byGroup).toEqual([
      { group: '市州', count: 6, of: 14 },
      { group: '省直部门', count: 35, of: 37 },
    ]);
  });
});

describe('seed 001: Gansu 2020 Q1 inspection', () => {
  const cities = [
    '兰州',
    '嘉峪关',
    '金昌',
    '白银',
    '天水',
    '武威',
    '张掖',
    '平凉',
    '酒泉',
    '庆阳',
    '定西',
    '陇南',
    '临夏州',
    '甘南州',
  ];
  const allPassed = ['兰州', '嘉峪关', '金昌', '天水', '庆阳', '定西'];
  // 310 city-level and 172 county-level sites spread over the 14 cities; 24 of the 26 failures there, none in
  // the six cities the bulletin names; 44 provincial sites with 2 failures
  const levelOf = (i: number) => (i < 44 ? '省级' : i < 354 ? '市级' : '县级');
  const cityOf = (i: number) => (i < 44 ? null : cities[(i - 44) % cities.length]!);
  const failing = new Set<number>([0, 1]);
  for (let i = 44; failing.size < 26; i += 1) if (!allPassed.includes(cityOf(i)!)) failing.add(i);
  const sites = Array.from({ length: 526 }, (_, i) => ({
    targetId: `gs-${i}`,
    level: levelOf(i),
    city: cityOf(i),
    qualified: !failing.has(i),
    reasons: failing.has(i) ? ['columns-stale'] : [],
  }));

  it('526 sites (44 provincial, 310 city, 172 county), 26 unqualified, pass rate 95.1%', () => {
    const summary = summarizeInspections({
      results: sites.map((s) => ({ ...s, group: s.level })),
      population: { 省级: 44, 市级: 310, 县级: 172 },
      rounding: oneHalfUp,
    });
    expect(summary.byGroup.map((g) => [g.group, g.running, g.checked])).toEqual([
      ['省级', 44, 44],
      ['市级', 310, 310],
      ['县级', 172, 172],
    ]);
    expect(summary.overall).toMatchObject({ running: 526, checked: 526, failed: 26 });
    expect(summary.overall.passRate.text).toBe('95.1%');
    expect(
      checkAll([{ id: 'pass', published: '95.1%', numerator: 500, denominator: 526 }]).pass!.follows,
    ).toBe(true);
  });

  it('兰州、嘉峪关、金昌、天水、庆阳、定西 at 100%', () => {
    const byCity = summarizeInspections({
      results: sites.filter((s) => s.city !== null).map((s) => ({ ...s, group: s.city })),
      rounding: oneHalfUp,
      groupOrder: cities,
    });
    expect(byCity.groupsAllPassed).toEqual(allPassed);
  });

  it('807 valid 省长信箱 messages, 792 closed; 446 人民网 messages, 423 closed', () => {
    const messages = (count: number, closed: number) =>
      Array.from({ length: count }, (_, i) => ({ closed: i < closed }));
    for (const [count, closed, text] of [
      [807, 792, '98.1%'],
      [446, 423, '94.8%'],
    ] as const) {
      const list = messages(count, closed);
      const closure = rate({
        numerator: list.filter((m) => m.closed).length,
        denominator: list.length,
        rounding: oneHalfUp,
      });
      expect(closure).toMatchObject({ numerator: closed, denominator: count, text });
    }
  });
});

describe('seed 002: Hanzhong 2022 Q3', () => {
  const websites = [
    ...records('portal', '市级门户网站', 1),
    // 5 vetoed: four for 固定表述错误, one for 一般性错别字较多 (both serious errors)
    ...records('dept', '市级部门网站', 41, [['serious-incident', 5]]),
    ...records('county', '县区级门户网站', 11),
  ];
  const newMedia = [
    ...records('nm-city', '市级政府', 2),
    ...records('nm-county', '县区政府', 6),
    ...records('nm-dept', '市级部门', 89, [['content-stale', 3]]), // 两周内无更新
    ...records('nm-town', '县区镇(街道办)及县级部门', 69),
  ];

  it('53 sites all checked, 5 with serious problems: 9.43% (printed with 2 places)', () => {
    const summary = summarizeInspections({
      results: websites,
      population: { 市级门户网站: 1, 市级部门网站: 41, 县区级门户网站: 11 },
      rounding: { places: 2, mode: 'halfUp' },
    });
    expect(summary.overall).toMatchObject({ running: 53, checked: 53, failed: 5 });
    expect(summary.overall.samplingRatio!.text).toBe('100.00%');
    expect(summary.overall.failureRate).toMatchObject({ numerator: 5, denominator: 53, text: '9.43%' });
    expect(summary.reasons).toMatchObject([{ reason: 'serious-incident', count: 5 }]);
  });

  it('166 new-media accounts sampled, 3 failed: 1.8%', () => {
    const summary = summarizeInspections({ results: newMedia, rounding: oneHalfUp });
    expect(summary.overall).toMatchObject({ checked: 166, failed: 3 });
    expect(summary.overall.failureRate.text).toBe('1.8%');
  });

  it('the checker confirms both printed shares, each at the places it is printed with', () => {
    const checked = checkAll([
      { id: 'websites', published: '9.43%', numerator: 5, denominator: 53 },
      { id: 'newMedia', published: '1.8%', numerator: 3, denominator: 166 },
    ]);
    expect(
      [checked.websites, checked.newMedia].map((f) => [f!.follows, f!.rounding.places, f!.computed]),
    ).toEqual([
      [true, 2, '9.43%'],
      [true, 1, '1.8%'],
    ]);
  });

  it('489 county-level accounts: 15 being closed, 464 qualified, 10 unqualified', () => {
    const statuses = [
      ...Array.from({ length: 15 }, () => 'closing'),
      ...Array.from({ length: 464 }, () => 'qualified'),
      ...Array.from({ length: 10 }, () => 'unqualified'),
    ];
    expect(statuses).toHaveLength(489);
    const checked = statuses.filter((s) => s !== 'closing');
    const qualified = checked.filter((s) => s === 'qualified').length;
    expect(rate({ numerator: qualified, denominator: checked.length, rounding: oneHalfUp }).text).toBe(
      '97.9%',
    );
  });
});

describe('seed 003: Jieyang 2019 Q1 (揭政数局函〔2019〕23号)', () => {
  const results = [
    // 大南海石化工业区: 7 个栏目更新不及时、5 个栏目空白
    ...records('independent', '独立运行的政府网站', 14, [['columns-stale', 1]]),
    ...records('consolidated', '已集约化的政府网站', 40),
  ];
  const summary = summarizeInspections({ results, rounding: oneHalfUp });

  it('14 independent sites (1 failed, 7.1%) + 40 consolidated (0 failed) = 54 checked, 1 failed', () => {
    expect(summary.byGroup.map((g) => [g.group, g.checked, g.failed, g.failureRate.text])).toEqual([
      ['独立运行的政府网站', 14, 1, '7.1%'],
      ['已集约化的政府网站', 40, 0, '0.0%'],
    ]);
    expect(summary.overall).toMatchObject({ checked: 54, failed: 1 });
    expect(summary.groupsAllPassed).toEqual(['已集约化的政府网站']); // 集约化部门子站合格率达100%
    // what follows under half-up rounding to 1 place
    expect([summary.overall.failureRate.text, summary.overall.passRate.text]).toEqual(['1.9%', '98.1%']);
  });

  it('the checker: 7.1% and 0 follow; the printed 1.8% is truncated, and 98.2% is 100% − 1.8%', () => {
    const [independent, consolidated] = summary.byGroup;
    const checked = checkAll([
      { id: 'independent', published: '7.1%', ...counts(independent!.failureRate) },
      { id: 'consolidated', published: '0', kind: 'percent', ...counts(consolidated!.failureRate) },
      { id: 'failed', label: '不合格比例', published: '1.8%', ...counts(summary.overall.failureRate) },
      { id: 'passed', label: '总体合格率', published: '98.2%', ...counts(summary.overall.passRate) },
    ]);
    expect(Object.values(checked).map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['independent', true, '7.1%'],
      ['consolidated', true, '0'],
      ['failed', false, '1.9%'],
      ['passed', false, '98.1%'],
    ]);
    expect(checked.failed!.explanations).toEqual([
      { kind: 'roundingMode', mode: 'down', computed: '1.8%' },
      { kind: 'complement', of: 'passed', ofPublished: '98.2%' },
    ]);
    expect(checked.passed!.explanations).toEqual([
      { kind: 'roundingMode', mode: 'up', computed: '98.2%' },
      { kind: 'complement', of: 'failed', ofPublished: '1.8%' },
    ]);
    expect(checked.passed!.messageZh).toBe(
      '总体合格率（98.2%）与数据不符：53/54 = 98.1481481481…%，按四舍五入保留1位小数应为 98.1%；' +
        '若向上进位（进一法）则为 98.2%；它等于 100% − 1.8%（数据项 failed）',
    );
  });

  it('under a declared truncation the printed 1.8% follows, and 98.2% still does not', () => {
    const checked = checkPublishedFigures({
      rounding: { mode: 'down', places: 1 },
      figures: [
        { id: 'failed', published: '1.8%', ...counts(summary.overall.failureRate) },
        { id: 'passed', published: '98.2%', ...counts(summary.overall.passRate) },
      ],
    }).figures;
    expect(checked.map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['failed', true, '1.8%'],
      ['passed', false, '98.1%'],
    ]);
  });
});

function counts(r: { numerator: number; denominator: number }) {
  return { numerator: r.numerator, denominator: r.denominator };
}
