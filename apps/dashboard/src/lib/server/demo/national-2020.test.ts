import { getRuleSet } from '@kaohe/rules';
import {
  Decimal,
  passRate,
  rank,
  scoreAssessment,
  summarizeCounts,
  type AssessmentResult,
} from '@kaohe/scoring';
import { describe, expect, it } from 'vitest';
import { inspectionFigures } from '../inspection-summary';
import {
  national2020Assessments,
  national2020Groups,
  national2020Inspection,
  national2020Programme,
  national2020Units,
  nationalBonuses,
  nationalLosses,
  nationalProvinces,
  nationalScoringInput,
  nationalUnitEntries,
  stateCouncilDepartments,
  type NationalUnitAssessment,
} from './national-2020';

// The national demo programme scored and ranked by @kaohe/scoring alone, from the entries the seed stores.

const ruleSet = getRuleSet('cn-2019-supervision-assessment');
const oneHalfUp = { places: 1, mode: 'halfUp' } as const;

const unitByCode = new Map(national2020Units.map((unit) => [unit.code, unit]));
const groupLabel = new Map(national2020Groups.map((group) => [group.key, group.label]));

interface Scored {
  id: string;
  name: string;
  group: string;
  score: string | null;
  vetoed: boolean;
  self: AssessmentResult;
  verified: AssessmentResult;
  assessment: NationalUnitAssessment;
}

const scored: Scored[] = national2020Assessments.map((assessment) => {
  const unit = unitByCode.get(assessment.code);
  if (!unit) throw new Error(`unknown unit ${assessment.code}`);
  const entries = nationalUnitEntries(ruleSet, assessment);
  const self = scoreAssessment({ ruleSet, ...nationalScoringInput(entries.self) });
  const verified = scoreAssessment({ ruleSet, ...nationalScoringInput(entries.verified) });
  return {
    id: unit.code,
    name: unit.name,
    group: groupLabel.get(unit.group) as string,
    score: verified.total,
    vetoed: verified.reason === 'veto',
    self,
    verified,
    assessment,
  };
});

const ranking = rank({ entries: scored, groupOrder: ['省级政府', '国务院部门'] });
const [provinceRanking, departmentRanking] = ranking.groups;

const names = (entries: readonly { entry: Scored }[]) => entries.map(({ entry }) => entry.name).sort();

describe('the national demo programme (2020)', () => {
  it('is a national programme under cn-2019-supervision-assessment with its two groups', () => {
    expect(national2020Programme.level).toBe('national');
    expect(national2020Programme.ruleSetId).toBe(ruleSet.id);
    expect(national2020Groups.map((group) => group.label)).toEqual(['省级政府', '国务院部门']);
  });

  it('assesses the 31 provincial-level governments and ~40 State Council departments, each once', () => {
    expect(nationalProvinces).toHaveLength(31);
    expect(nationalProvinces.map((unit) => unit.name)).toContain('新疆维吾尔自治区');
    expect(stateCouncilDepartments.length).toBeGreaterThanOrEqual(40);
    expect(new Set(national2020Units.map((unit) => unit.code)).size).toBe(national2020Units.length);
    expect(new Set(national2020Units.map((unit) => unit.name)).size).toBe(national2020Units.length);
    expect(national2020Assessments.map((a) => a.code).sort()).toEqual(
      national2020Units.map((u) => u.code).sort(),
    );
  });

  it('gives every unit an input for every sub-item, veto measurement and bonus criterion, all valid', () => {
    const subItems = ruleSet.areas.flatMap((area) =>
      area.items.flatMap((item) => item.subItems.map((s) => s.id)),
    );
    const bonusCriteria = (ruleSet.bonus?.indicators ?? []).flatMap((i) => i.criteria.map((c) => c.id));
    for (const { self, verified, assessment } of scored) {
      const entries = nationalUnitEntries(ruleSet, assessment);
      for (const side of [entries.self, entries.verified]) {
        expect(side.filter((e) => e.entryKind === 'subItem').map((e) => e.entryId)).toEqual(subItems);
        expect(side.filter((e) => e.entryKind === 'measurement').map((e) => e.entryId)).toEqual(
          ruleSet.measurements.map((m) => m.id),
        );
        expect(side.filter((e) => e.entryKind === 'bonus').map((e) => e.entryId)).toEqual(bonusCriteria);
      }
      // complete: nothing awaiting input, every veto decided
      for (const result of [self, verified]) {
        expect(result.complete, assessment.code).toBe(true);
        expect(result.awaitingInput).toEqual([]);
        expect(result.awaitingMeasurements).toEqual([]);
      }
    }
  });

  it('scores every unit as the data says: 100 − losses, plus the bonus above 80', () => {
    for (const { verified, assessment } of scored) {
      if ('vetoedBy' in assessment.expected) continue;
      const lost = assessment.verified.reduce(
        (sum, key) => sum.plus(nationalLosses[key].lost),
        new Decimal(0),
      );
      const bonus = (assessment.bonus ?? []).reduce(
        (sum, key) => sum.plus(nationalBonuses[key].award),
        new Decimal(0),
      );
      expect(verified.total, assessment.code).toBe(assessment.expected.total);
      if (assessment.notApplicable === undefined) {
        const score = new Decimal(100).minus(lost);
        expect(verified.score, assessment.code).toBe(score.toFixed());
        expect(verified.total, assessment.code).toBe(
          score.gt(80) ? score.plus(bonus).toFixed() : score.toFixed(),
        );
      }
    }
  });

  it('ranks the provinces with four tied first at 117 and Hainan vetoed apart', () => {
    expect(provinceRanking?.group).toBe('省级政府');
    const ranked = provinceRanking?.ranked ?? [];
    expect(ranked.length + (provinceRanking?.unranked.length ?? 0)).toBe(31);
    const first = ranked.filter((entry) => entry.rank === 1);
    expect(names(first)).toEqual(['北京市', '上海市', '浙江省', '广东省'].sort());
    expect(first.every((entry) => entry.tied && entry.score === '117')).toBe(true);
    // competition ranking: the next unit is fifth
    expect(ranked[4]).toMatchObject({ rank: 5, tied: false, score: '115.75' });
    expect(ranked[4]?.entry.name).toBe('江苏省');
    // further ties down the table
    expect(names(ranked.filter((entry) => entry.score === '113'))).toEqual(['安徽省', '山东省'].sort());
    expect(names(ranked.filter((entry) => entry.score === '104.5'))).toEqual(['河南省', '江西省'].sort());
    expect(provinceRanking?.unranked.map(({ entry, why }) => [entry.name, why])).toEqual([
      ['海南省', 'vetoed'],
    ]);
  });

  it('ranks the departments with four tied first at 116 and one vetoed apart', () => {
    expect(departmentRanking?.group).toBe('国务院部门');
    const ranked = departmentRanking?.ranked ?? [];
    expect(ranked.length + (departmentRanking?.unranked.length ?? 0)).toBe(stateCouncilDepartments.length);
    const first = ranked.filter((entry) => entry.rank === 1);
    expect(names(first)).toEqual(['国家税务总局', '商务部', '海关总署', '国家市场监督管理总局'].sort());
    expect(first.every((entry) => entry.tied && entry.score === '116')).toBe(true);
    expect(ranked[4]).toMatchObject({ rank: 5, score: '111.75' });
    expect(names(ranked.filter((entry) => entry.score === '106'))).toEqual(
      ['工业和信息化部', '自然资源部', '中国气象局'].sort(),
    );
    expect(departmentRanking?.unranked.map(({ entry, why }) => [entry.name, why])).toEqual([
      ['国家粮食和物资储备局', 'vetoed'],
    ]);
  });

  it('lists each vetoed unit as 不合格 with the veto that decided it and no points', () => {
    const vetoed = scored.filter((unit) => unit.vetoed);
    expect(vetoed.map((unit) => unit.name)).toEqual(['海南省', '国家粮食和物资储备局']);
    for (const unit of vetoed) {
      const { verified, assessment } = unit;
      expect(verified.verdict).toBe('unqualified');
      expect(verified.grade?.title).toBe('不合格');
      expect(verified.total).toBeNull();
      expect(verified.bonusStatus).toBe('vetoed');
      const triggered = verified.vetoes.filter((veto) => veto.triggered).map((veto) => veto.id);
      expect(triggered).toEqual(['vetoedBy' in assessment.expected ? assessment.expected.vetoedBy : '']);
      expect(verified.explanation.join('\n')).toContain('单项否决');
      // the self-evaluation did not trigger the veto: the reviewer's adjustment, with its reason, did
      expect(unit.self.reason).not.toBe('veto');
      const adjusted = nationalUnitEntries(ruleSet, assessment).verified.filter(
        (e) => e.decision === 'adjusted',
      );
      expect(adjusted.map((e) => e.entryKind)).toEqual(['measurement']);
      expect(adjusted[0]?.reason).toMatch(/触发单项否决/);
    }
  });

  it('counts the bonus only above 80: 国家机关事务管理局 at exactly 80 keeps 80', () => {
    const ggj = scored.find((unit) => unit.id === 'cn-dept-ggj');
    expect(ggj?.verified).toMatchObject({
      score: '80',
      total: '80',
      bonusStatus: 'belowGate',
      bonusGate: '80',
    });
    const withBonus = scored.filter(
      (unit) => unit.verified.bonusStatus === 'scored' && unit.verified.bonus !== '0',
    );
    expect(withBonus.length).toBeGreaterThan(40);
    expect(scored.find((unit) => unit.id === 'cn-zhejiang')?.verified).toMatchObject({
      score: '97',
      bonus: '20',
      total: '117',
    });
  });

  it('rescales a department with nothing to train or report on beyond its own portal', () => {
    const cidca = scored.find((unit) => unit.id === 'cn-dept-cidca')?.verified;
    expect(cidca?.rescale?.subItems.sort()).toEqual(
      ['management.annual-reports.websites', 'support.training.coverage'].sort(),
    );
    expect(cidca?.total).toBe('98.61');
  });

  it('records reviewer adjustments with reasons, and the self-evaluated scores differ where they do', () => {
    const adjustedUnits = scored.filter((unit) =>
      nationalUnitEntries(ruleSet, unit.assessment).verified.some((entry) => entry.decision === 'adjusted'),
    );
    expect(adjustedUnits.length).toBeGreaterThanOrEqual(8);
    for (const unit of adjustedUnits) {
      for (const entry of nationalUnitEntries(ruleSet, unit.assessment).verified) {
        if (entry.decision === 'adjusted') expect(entry.reason?.length ?? 0).toBeGreaterThan(5);
        else expect(entry.reason).toBeNull();
      }
    }
    const jiangsu = scored.find((unit) => unit.id === 'cn-jiangsu');
    expect([jiangsu?.self.total, jiangsu?.verified.total]).toEqual(['118.75', '115.75']);
    const hebei = scored.find((unit) => unit.id === 'cn-hebei');
    expect([hebei?.self.total, hebei?.verified.total]).toEqual(['102.5', '99.5']);
  });

  it('reproduces the national figures of 2020 from the stored counts', () => {
    const [websites, newMedia] = national2020Inspection.rows;
    expect(websites).toMatchObject({ checked: 328, portalsChecked: 153 });
    expect(newMedia).toMatchObject({ checked: 728 });
    expect(passRate({ checked: 328, failed: websites.failed, rounding: oneHalfUp }).text).toBe('91.8%');
    expect(passRate({ checked: 728, failed: newMedia.failed, rounding: oneHalfUp }).text).toBe('91.9%');
    // the failure counts are the only ones that give the printed rates
    for (const [checked, failed, printed] of [
      [328, websites.failed, '91.8%'],
      [728, newMedia.failed, '91.9%'],
    ] as const) {
      const matching = Array.from({ length: checked + 1 }, (_, n) => n).filter(
        (n) => passRate({ checked, failed: n, rounding: oneHalfUp }).text === printed,
      );
      expect(matching).toEqual([failed]);
    }

    const summary = summarizeCounts({
      groups: national2020Inspection.rows.map((row) => ({
        group: row.label,
        checked: row.checked,
        failed: row.failed,
      })),
      rounding: national2020Inspection.rounding,
    });
    expect(summary.byGroup.map((g) => [g.group, g.checked, g.passRate.text])).toEqual([
      ['政府网站', 328, '91.8%'],
      ['政务新媒体', 728, '91.9%'],
    ]);

    const figures = inspectionFigures(national2020Inspection.rows, national2020Inspection.rounding);
    expect(figures.map((row) => [row.label, row.checked, row.portalsChecked, row.passRate.text])).toEqual([
      ['政府网站', 328, 153, '91.8%'],
      ['政务新媒体', 728, null, '91.9%'],
    ]);
    expect(figures[0]?.portalShare?.text).toBe('46.6%');
    expect(figures.every((row) => row.publishedCheck?.follows)).toBe(true);
  });
});
