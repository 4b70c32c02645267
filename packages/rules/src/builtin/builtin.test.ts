import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { parseRuleSet } from '../parse.js';
import type {
  AssessmentRuleSet,
  Band,
  Condition,
  InspectionRuleSet,
  Provenance,
  RuleSet,
  RuleSetInput,
  SubItem,
} from '../schema.js';
import newMediaData from './cn-2019-newmedia-inspection.js';
import supervisionData from './cn-2019-supervision-assessment.js';
import websiteData from './cn-2019-website-inspection.js';
import gansuData from './gansu-2019-annual-assessment.js';
import { builtinRuleSets, builtinRuleSetIds } from './index.js';

const data: Record<string, RuleSetInput> = {
  'cn-2019-website-inspection': websiteData,
  'cn-2019-newmedia-inspection': newMediaData,
  'cn-2019-supervision-assessment': supervisionData,
  'gansu-2019-annual-assessment': gansuData,
};

const website = builtinRuleSets['cn-2019-website-inspection'];
const newMedia = builtinRuleSets['cn-2019-newmedia-inspection'];
const supervision = builtinRuleSets['cn-2019-supervision-assessment'];
const gansu = builtinRuleSets['gansu-2019-annual-assessment'];
const all: RuleSet[] = [website, newMedia, supervision, gansu];

// --- helpers -------------------------------------------------------------------------------------------------

type Leaf = Extract<Condition, { measurement: string }>;

function leaves(condition: Condition): Leaf[] {
  return 'measurement' in condition ? [condition] : condition.of.flatMap(leaves);
}

/** A minimal reading of a condition, enough to check the thresholds at their boundaries. */
function holds(condition: Condition, values: Record<string, string | boolean>): boolean {
  if (!('measurement' in condition)) {
    return condition.kind === 'any'
      ? condition.of.some((c) => holds(c, values))
      : condition.of.every((c) => holds(c, values));
  }
  const value = values[condition.measurement];
  if (value === undefined) return false;
  if (condition.kind === 'flag') return value === condition.is;
  const v = new Decimal(value as string);
  switch (condition.op) {
    case '>=':
      return v.gte(condition.value);
    case '>':
      return v.gt(condition.value);
    case '<=':
      return v.lte(condition.value);
    case '<':
      return v.lt(condition.value);
    case '=':
      return v.eq(condition.value);
  }
}

function veto(ruleSet: RuleSet, id: string) {
  const found = ruleSet.vetoes.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no veto ${id} in ${ruleSet.id}`);
  return found;
}

interface Visited {
  path: string;
  node: Record<string, unknown>;
}

/** Every object in the rule set, with its path. */
function walk(value: unknown, path = ''): Visited[] {
  if (Array.isArray(value)) return value.flatMap((child, i) => walk(child, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  return [
    { path, node },
    ...Object.entries(node).flatMap(([key, child]) => walk(child, path === '' ? key : `${path}.${key}`)),
  ];
}

/** Identified rule nodes: objects with an id inside an array, except the source list. */
function ruleNodes(ruleSet: RuleSet): Visited[] {
  return walk(ruleSet).filter(
    ({ path, node }) => typeof node.id === 'string' && /\]$/.test(path) && !path.startsWith('sources'),
  );
}

function provenances(ruleSet: RuleSet): { path: string; provenance: Provenance }[] {
  return walk(ruleSet).flatMap(({ path, node }) =>
    node.provenance !== undefined ? [{ path, provenance: node.provenance as Provenance }] : [],
  );
}

function subItems(ruleSet: AssessmentRuleSet): SubItem[] {
  return ruleSet.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
}

function subItem(ruleSet: AssessmentRuleSet, id: string): SubItem {
  const found = subItems(ruleSet).find((s) => s.id === id);
  if (found === undefined) throw new Error(`no sub-item ${id}`);
  return found;
}

const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), new Decimal(0));

function bandFor(bands: Band[], value: string): Band[] {
  return bands.filter(
    (b) =>
      (b.atLeast === undefined || new Decimal(value).gte(b.atLeast)) &&
      (b.below === undefined || new Decimal(value).lt(b.below)),
  );
}

function criterion(ruleSet: InspectionRuleSet, id: string) {
  const found = ruleSet.deductions?.indicators.flatMap((i) => i.criteria).find((c) => c.id === id);
  if (found === undefined) throw new Error(`no criterion ${id}`);
  return found;
}

// --- all four sets -------------------------------------------------------------------------------------------

describe('built-in rule sets', () => {
  it.each(Object.entries(data))('%s parses and validates', (id, input) => {
    const parsed = parseRuleSet(input);
    expect(parsed.id).toBe(id);
  });

  it('registers exactly the four sets under their own ids', () => {
    expect([...builtinRuleSetIds].sort()).toEqual(Object.keys(data).sort());
    for (const id of builtinRuleSetIds) expect(builtinRuleSets[id].id).toBe(id);
    expect(website.kind).toBe('inspection');
    expect(newMedia.kind).toBe('inspection');
    expect(supervision.kind).toBe('assessment');
    expect(gansu.kind).toBe('assessment');
  });

  it.each(all.map((r) => [r.id, r] as const))(
    '%s: every rule node has a title, an English title and a provenance with a declared source',
    (_id, ruleSet) => {
      const declared = new Set(ruleSet.sources.map((s) => s.id));
      const nodes = ruleNodes(ruleSet);
      expect(nodes.length).toBeGreaterThan(5);
      for (const { path, node } of nodes) {
        expect(node.title, path).toEqual(expect.any(String));
        expect(node.titleEn, path).toEqual(expect.any(String));
        const provenance = node.provenance as Provenance | undefined;
        expect(provenance, path).toBeDefined();
        expect(declared.has(provenance!.source), `${path}: ${provenance!.source}`).toBe(true);
      }
      // and every other provenance (the set, the trees, the policy, single conditions)
      for (const { path, provenance } of provenances(ruleSet)) {
        expect(declared.has(provenance.source), `${path}: ${provenance.source}`).toBe(true);
      }
      expect(ruleSet.titleEn).toEqual(expect.any(String));
    },
  );

  it.each(all.map((r) => [r.id, r] as const))(
    '%s: every reconstructed rule says what it assumes',
    (_id, ruleSet) => {
      const reconstructed = provenances(ruleSet).filter((p) => p.provenance.confidence === 'reconstructed');
      expect(reconstructed.length).toBeGreaterThan(0);
      for (const { path, provenance } of reconstructed)
        expect(provenance.note?.length ?? 0, path).toBeGreaterThan(5);
    },
  );

  it.each(all.map((r) => [r.id, r] as const))(
    '%s declares its reconstruction source and the 2019 document',
    (_id, ruleSet) => {
      const byId = new Map(ruleSet.sources.map((s) => [s.id, s]));
      expect(byId.get('kaohe-reconstruction')?.title).toBe('Kaohe 重构（非官方）');
      expect(byId.get('gbmh-2019-19')?.title).toContain('国办秘函〔2019〕19号');
      expect(byId.get('gbmh-2019-19-inspection')?.title).toContain('政府网站与政务新媒体检查指标');
      expect(byId.get('gbmh-2019-19-assessment')?.title).toContain('监管工作年度考核指标');
    },
  );
});

// --- national website inspection -----------------------------------------------------------------------------

describe('cn-2019-website-inspection', () => {
  it('targets websites and declares exactly the measurements of the domain guide', () => {
    expect(website.targetKind).toBe('website');
    const kinds = Object.fromEntries(website.measurements.map((m) => [m.id, m.kind]));
    expect(kinds).toEqual({
      seriousMisstatement: 'boolean',
      stateSecretLeak: 'boolean',
      illegalContent: 'boolean',
      unhandledAttack: 'boolean',
      falsification: 'boolean',
      negativeOpinion: 'boolean',
      unreachableShare: 'ratio',
      homepageUpdates: 'count',
      staleColumns: 'count',
      longStaleColumns: 'count',
      emptyColumns: 'count',
      hasConsultationChannel: 'boolean',
      overdueMessages: 'count',
      hasOnlineService: 'boolean',
      guidesMissingKeyElements: 'count',
    });
    const units = Object.fromEntries(website.measurements.filter((m) => m.unit).map((m) => [m.id, m.unit]));
    expect(units).toMatchObject({
      emptyColumns: '个',
      staleColumns: '个',
      longStaleColumns: '个',
      overdueMessages: '条',
    });
  });

  it('has the six vetoes, in the guide’s order, all official', () => {
    expect(website.vetoes.map((v) => v.id)).toEqual([
      'serious-incident',
      'unreachable',
      'homepage-stale',
      'columns-stale',
      'interaction-poor',
      'service-impractical',
    ]);
    expect(website.vetoes.map((v) => v.title)).toEqual([
      '安全、泄密事故等严重问题',
      '站点无法访问',
      '首页不更新',
      '栏目不更新',
      '互动回应差',
      '服务不实用',
    ]);
    for (const v of website.vetoes) expect(v.provenance.confidence).toBe('official');
  });

  it('serious-incident: any of the six serious problems', () => {
    const when = veto(website, 'serious-incident').when;
    expect(when.kind).toBe('any');
    expect(leaves(when)).toEqual(
      [
        'seriousMisstatement',
        'stateSecretLeak',
        'illegalContent',
        'unhandledAttack',
        'falsification',
        'negativeOpinion',
      ].map((measurement) => ({ kind: 'flag', measurement, is: true })),
    );
  });

  it('unreachable: 5% of probes or more, exactly 5% included', () => {
    const when = veto(website, 'unreachable').when;
    expect(when).toEqual({ kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.05' });
    expect(holds(when, { unreachableShare: '0.05' })).toBe(true);
    expect(holds(when, { unreachableShare: '0.0499' })).toBe(false);
  });

  it('homepage-stale: no update in the two-week window', () => {
    const when = veto(website, 'homepage-stale').when;
    expect(when).toEqual({ kind: 'compare', measurement: 'homepageUpdates', op: '<=', value: '0' });
    expect(holds(when, { homepageUpdates: '0' })).toBe(true);
    expect(holds(when, { homepageUpdates: '1' })).toBe(false);
  });

  it('columns-stale: stale ≥ 5, long stale ≥ 10 or empty ≥ 5', () => {
    const when = veto(website, 'columns-stale').when;
    expect(when.kind).toBe('any');
    expect(leaves(when)).toEqual([
      { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '5' },
      { kind: 'compare', measurement: 'longStaleColumns', op: '>=', value: '10' },
      { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
    ]);
    const none = { staleColumns: '0', longStaleColumns: '0', emptyColumns: '0' };
    expect(holds(when, { ...none, staleColumns: '4', longStaleColumns: '9', emptyColumns: '4' })).toBe(false);
    expect(holds(when, { ...none, staleColumns: '5' })).toBe(true);
    expect(holds(when, { ...none, longStaleColumns: '10' })).toBe(true);
    // Jieyang 2019 Q1: "7 个栏目更新不及时、5 个栏目空白" failed
    expect(holds(when, { ...none, staleColumns: '7', emptyColumns: '5' })).toBe(true);
  });

  it('interaction-poor: no consultation channel, or a message unanswered over 3 months', () => {
    const when = veto(website, 'interaction-poor').when;
    expect(leaves(when)).toEqual([
      { kind: 'flag', measurement: 'hasConsultationChannel', is: false },
      { kind: 'compare', measurement: 'overdueMessages', op: '>', value: '0' },
    ]);
    expect(holds(when, { hasConsultationChannel: true, overdueMessages: '0' })).toBe(false);
    expect(holds(when, { hasConsultationChannel: true, overdueMessages: '1' })).toBe(true);
    expect(holds(when, { hasConsultationChannel: false, overdueMessages: '0' })).toBe(true);
  });

  it('service-impractical: no online service, or ≥ 5 deficient guides (that threshold marked reconstructed)', () => {
    const [noService, guides] = leaves(veto(website, 'service-impractical').when);
    expect(noService).toEqual({ kind: 'flag', measurement: 'hasOnlineService', is: false });
    expect(guides).toMatchObject({
      kind: 'compare',
      measurement: 'guidesMissingKeyElements',
      op: '>=',
      value: '5',
    });
    expect(guides?.provenance?.confidence).toBe('reconstructed');
    expect(guides?.provenance?.note).toBeTruthy();
    expect(website.measurements.find((m) => m.id === 'guidesMissingKeyElements')?.provenance.confidence).toBe(
      'reconstructed',
    );
  });

  it('deductions: 100 points over 发布解读 40, 办事服务 25 (official), 互动交流 15, 功能设计 20', () => {
    const tree = website.deductions!;
    expect(tree.points).toBe('100');
    expect(tree.indicators.map((i) => [i.id, i.title, i.points])).toEqual([
      ['publish', '发布解读', '40'],
      ['service', '办事服务', '25'],
      ['interaction', '互动交流', '15'],
      ['design', '功能设计', '20'],
    ]);
    expect(sum(tree.indicators.map((i) => i.points)).toString()).toBe('100');
    const confidence = Object.fromEntries(tree.indicators.map((i) => [i.id, i.provenance.confidence]));
    expect(confidence).toEqual({
      publish: 'reconstructed',
      service: 'official',
      interaction: 'reconstructed',
      design: 'reconstructed',
    });
  });

  it('has the known criteria with their amounts, and labels every other criterion reconstructed', () => {
    const known: Record<string, string> = {
      'publish.leader-column-missing': '2',
      'publish.leader-info-incomplete': '1',
      'publish.policy-column-stale': '5',
      'service.statistics-stale': '2',
      'interaction.reply-stale': '3',
    };
    for (const [id, amount] of Object.entries(known)) {
      expect(criterion(website, id).deduct, id).toBe(amount);
      expect(criterion(website, id).provenance.confidence, id).not.toBe('reconstructed');
    }
    expect(criterion(website, 'publish.leader-column-missing').title).toContain('负责人信息');
    expect(criterion(website, 'publish.policy-column-stale').title).toContain('6个月');
    expect(criterion(website, 'service.statistics-stale').title).toContain('3个月');
    expect(criterion(website, 'interaction.reply-stale').title).toContain('2个月');

    const others = website.deductions!.indicators.flatMap((i) => i.criteria).filter((c) => !(c.id in known));
    expect(others.length).toBeGreaterThan(15);
    for (const c of others) expect(c.provenance.confidence, c.id).toBe('reconstructed');
  });

  it('maps every deduction-level problem the seeds report to a criterion', () => {
    const ids = website.deductions!.indicators.flatMap((i) => i.criteria.map((c) => c.id));
    expect(ids).toEqual(
      expect.arrayContaining([
        'publish.dynamics-column-stale', // 动态新闻类栏目更新不及时 (Hanzhong)
        'publish.empty-column', // 空白栏目, below the veto (Hanzhong)
        'publish.interpretation-column-missing', // 未开设解读栏目 (Hanzhong)
        'publish.interpretation-missing', // 未见对应解读稿 (Hanzhong)
        'publish.interpretation-not-linked', // 解读未与原文关联 (Hanzhong)
        'publish.state-council-policy-not-reposted', // 未转载国务院重要政策文件 (Jiangxi)
        'service.guide-inaccurate', // 要素不准确 (Hanzhong)
        'service.guide-vague', // 表述含糊 (Hanzhong)
        'service.forms-unavailable', // 未提供规范表格获取渠道 (Hanzhong)
        'design.find-error-entry-missing', // 我为政府网站找错入口 (Jiangxi, Jieyang)
        'design.sitemap-inconsistent', // 网站地图不一致 (Hanzhong)
        'design.gov-label-revoked', // 标识“已撤销” (Hanzhong)
        'design.gov-label-domain-mismatch', // 域名与标识证书不符 (Hanzhong)
        'design.search-fails', // 站内搜索 (Hanzhong)
      ]),
    );
    // a per-occurrence criterion never deducts more than its indicator, and capped ones stop below it
    for (const indicator of website.deductions!.indicators) {
      for (const c of indicator.criteria) {
        expect(new Decimal(c.deduct).lte(indicator.points), c.id).toBe(true);
        if (c.maxDeduction !== undefined) expect(new Decimal(c.maxDeduction).gte(c.deduct), c.id).toBe(true);
      }
    }
  });

  it('bonus: 30 points for portals, indicators summing to 30, all reconstructed', () => {
    const bonus = website.bonus!;
    expect(bonus.points).toBe('30');
    expect(sum(bonus.indicators.map((i) => i.points)).toString()).toBe('30');
    for (const i of bonus.indicators) {
      expect(i.provenance.confidence).toBe('reconstructed');
      for (const c of i.criteria) expect(c.provenance.confidence, c.id).toBe('reconstructed');
    }
  });

  it('policy: pass at 60, bonus above 80 for portals, capped indicators, ×4/3 without services, rounding declared', () => {
    const policy = website.policy;
    expect(policy.passMark).toBe('60');
    expect(policy.bonusGate).toEqual({ above: '80' });
    expect(policy.bonusFor).toBe('portals');
    expect(policy.capPerIndicator).toBe(true);
    expect(policy.vetoedScore).toBeNull();
    expect(policy.withoutServiceFunctions).toEqual({ indicator: 'service', treatment: 'scale' });
    const service = website.deductions!.indicators.find(
      (i) => i.id === policy.withoutServiceFunctions!.indicator,
    )!;
    // scored out of 75, multiplied by 4/3
    const total = new Decimal(website.deductions!.points);
    expect(total.div(total.minus(service.points)).eq(new Decimal(4).div(3))).toBe(true);
    expect(policy.rounding).toEqual({ places: 2, mode: 'halfUp', stage: 'total' });
    expect(policy.provenance.confidence).toBe('reconstructed');
    expect(policy.provenance.note).toMatch(/no rounding/);
  });
});

// --- national new-media inspection ---------------------------------------------------------------------------

describe('cn-2019-newmedia-inspection', () => {
  it('is veto-only, with a consistent policy', () => {
    expect(newMedia.targetKind).toBe('newMedia');
    expect(newMedia.deductions).toBeNull();
    expect(newMedia.bonus).toBeNull();
    expect(newMedia.policy).toMatchObject({
      passMark: null,
      bonusGate: null,
      withoutServiceFunctions: null,
      vetoedScore: null,
    });
  });

  it('has the three vetoes with their thresholds', () => {
    expect(newMedia.vetoes.map((v) => [v.id, v.title])).toEqual([
      ['serious-incident', '安全、泄密事故等严重问题'],
      ['content-stale', '内容不更新'],
      ['interaction-poor', '互动回应差'],
    ]);
    const serious = leaves(veto(newMedia, 'serious-incident').when).map((l) => l.measurement);
    expect(serious).toContain('falsification');
    expect(newMedia.measurements.find((m) => m.id === 'falsification')?.description).toContain('买卖粉丝');

    const stale = veto(newMedia, 'content-stale').when;
    expect(stale).toMatchObject({ kind: 'compare', measurement: 'updatesInTwoWeeks', op: '<=', value: '0' });
    expect(holds(stale, { updatesInTwoWeeks: '0' })).toBe(true);
    expect(holds(stale, { updatesInTwoWeeks: '1' })).toBe(false);

    expect(veto(newMedia, 'interaction-poor').when).toEqual({
      kind: 'flag',
      measurement: 'hasInteractionFunction',
      is: false,
    });
  });
});

// --- national supervision assessment -------------------------------------------------------------------------

describe('cn-2019-supervision-assessment', () => {
  it('has 100 deduction points that add up at every level', () => {
    expect(supervision.total).toBe('100');
    expect(sum(supervision.areas.map((a) => a.points)).toString()).toBe('100');
    for (const area of supervision.areas) {
      expect(sum(area.items.map((i) => i.points)).eq(area.points), area.id).toBe(true);
      for (const item of area.items)
        expect(sum(item.subItems.map((s) => s.points)).eq(item.points), item.id).toBe(true);
    }
  });

  it('deducts 3 per unresolved and 2 per late “我为政府网站找错” message', () => {
    const method = subItem(supervision, 'oversight.find-error.messages').method;
    expect(method.kind).toBe('deduct');
    if (method.kind !== 'deduct') return;
    expect(method.criteria.map((c) => [c.id, c.deduct, c.provenance.confidence])).toEqual([
      ['oversight.find-error.messages.unresolved', '3', 'paraphrased'],
      ['oversight.find-error.messages.late', '2', 'paraphrased'],
    ]);
  });

  it('covers the topics of the national report form', () => {
    const ids = subItems(supervision).map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'oversight.spot-checks.quarterly',
        'oversight.spot-checks.published',
        'security.checks.regular',
        'security.impersonation.handled',
        'management.lifecycle.procedure',
        'management.annual-reports.supervision',
        'support.training.held',
      ]),
    );
    const methods = subItems(supervision).map((s) => s.method.kind);
    expect(methods.filter((k) => k === 'deduct').length).toBeGreaterThan(methods.length / 2);
  });

  it('vetoes on national spot-check failures, with reconstructed counts', () => {
    const misstatement = veto(supervision, 'veto-misstatement').when;
    expect(misstatement).toMatchObject({ measurement: 'seriousMisstatementFailures', op: '>=', value: '2' });
    expect((misstatement as Leaf).provenance?.confidence).toBe('reconstructed');
    const other = veto(supervision, 'veto-failures').when as Leaf;
    expect(other).toMatchObject({ measurement: 'otherFailures', op: '>' });
    expect(other.provenance?.confidence).toBe('reconstructed');
    expect(other.provenance?.note).toMatch(/unknown/);
  });

  it('bonus: 20 points, including +5 (official) for full migration to the consolidated platform', () => {
    const bonus = supervision.bonus!;
    expect(bonus.points).toBe('20');
    expect(sum(bonus.indicators.map((i) => i.points)).toString()).toBe('20');
    const criteria = bonus.indicators.flatMap((i) => i.criteria);
    const consolidation = criteria.find((c) => c.id === 'bonus.consolidation.full-migration')!;
    expect(consolidation.award).toBe('5');
    expect(consolidation.title).toContain('集约化平台');
    expect(consolidation.provenance.confidence).toBe('official');
    for (const c of criteria.filter((c) => c !== consolidation))
      expect(c.provenance.confidence, c.id).toBe('reconstructed');
  });

  it('grades 优秀 ≥ 90 / 良好 ≥ 80 / 合格 ≥ 60 / 不合格 ≥ 0, reconstructed; vetoed → 不合格', () => {
    expect(supervision.grades.map((g) => [g.title, g.atLeast])).toEqual([
      ['优秀', '90'],
      ['良好', '80'],
      ['合格', '60'],
      ['不合格', '0'],
    ]);
    for (const g of supervision.grades) expect(g.provenance.confidence).toBe('reconstructed');
    expect(supervision.grades.find((g) => g.id === supervision.policy.vetoedGrade)?.title).toBe('不合格');
    expect(supervision.policy).toMatchObject({
      passMark: '60',
      bonusGate: { above: '80' },
      rounding: { places: 2, mode: 'halfUp' },
    });
  });
});

// --- Gansu 2019 annual assessment ----------------------------------------------------------------------------

describe('gansu-2019-annual-assessment', () => {
  // the reconstruction table of gansu-2019-reconstruction.md: sub-item → [item, points, method]
  const table: Record<string, [string, string, SubItem['method']['kind']]> = {
    'A1.1': ['A1', '10', 'bands'],
    'A2.1': ['A2', '10', 'bands'],
    'A3.1': ['A3', '5', 'bands'],
    'A4.1': ['A4', '5', 'ratio'],
    'A5.1': ['A5', '6', 'deduct'],
    'A5.2': ['A5', '4', 'deduct'],
    'B1.1': ['B1', '8', 'deduct'],
    'B2.1': ['B2', '4', 'deduct'],
    'B3.1': ['B3', '5', 'ratio'],
    'B3.2': ['B3', '3', 'deduct'],
    'B4.1': ['B4', '5', 'deduct'],
    'C1.1': ['C1', '6', 'deduct'],
    'C2.1': ['C2', '6', 'ratio'],
    'C3.1': ['C3', '4', 'deduct'],
    'C4.1': ['C4', '4', 'deduct'],
    'D1.1': ['D1', '4', 'check'],
    'D2.1': ['D2', '4', 'check'],
    'D3.1': ['D3', '7', 'manual'],
  };

  it('has exactly 4 areas, 16 items and 18 sub-items adding up to 100', () => {
    expect(gansu.total).toBe('100');
    expect(gansu.areas.map((a) => [a.id, a.title, a.points])).toEqual([
      ['A', '政府网站建设运行', '40'],
      ['B', '常态化监管', '25'],
      ['C', '网站管理', '20'],
      ['D', '保障监督', '15'],
    ]);
    const items = gansu.areas.flatMap((a) => a.items);
    expect(items).toHaveLength(16);
    expect(items.map((i) => i.id)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'B1',
      'B2',
      'B3',
      'B4',
      'C1',
      'C2',
      'C3',
      'C4',
      'D1',
      'D2',
      'D3',
    ]);
    expect(subItems(gansu)).toHaveLength(18);
    expect(sum(subItems(gansu).map((s) => s.points)).toString()).toBe('100');
    expect(sum(gansu.areas.map((a) => a.points)).toString()).toBe('100');
  });

  it('follows the reconstruction table for every sub-item', () => {
    const actual = Object.fromEntries(
      gansu.areas.flatMap((a) =>
        a.items.flatMap((i) => i.subItems.map((s) => [s.id, [i.id, s.points, s.method.kind]])),
      ),
    );
    expect(actual).toEqual(table);
  });

  it('cites the official structure and labels everything below it reconstructed', () => {
    expect(gansu.provenance).toMatchObject({ source: 'gansu-2019-2020q1', confidence: 'official' });
    expect(gansu.provenance.clause).toContain('4個方面的16個分項18個子項');
    expect(gansu.provenance.clause).toContain('總分值為100分');
    for (const area of gansu.areas) {
      // the name is official, the points are not: the note says which is which
      expect(area.provenance.source).toBe('gansu-2019-2020q1');
      expect(area.provenance.confidence).toBe('reconstructed');
      for (const item of area.items) {
        expect(item.provenance.confidence, item.id).toBe('reconstructed');
        for (const s of item.subItems) expect(s.provenance.confidence, s.id).toBe('reconstructed');
      }
    }
  });

  it('feeds A1.1, A2.1 and A3.1 from the quarterly inspections', () => {
    expect(subItem(gansu, 'A1.1').fedByInspections).toMatchObject({
      targetKind: 'website',
      statistic: 'portalAverageScore',
    });
    expect(subItem(gansu, 'A2.1').fedByInspections).toMatchObject({
      targetKind: 'website',
      statistic: 'passRate',
    });
    expect(subItem(gansu, 'A3.1').fedByInspections).toMatchObject({
      targetKind: 'newMedia',
      statistic: 'passRate',
    });
    expect(subItems(gansu).filter((s) => s.fedByInspections !== undefined)).toHaveLength(3);
  });

  it('A2.1 bands: 100% → 10, ≥ 95% → 8, ≥ 90% → 6, ≥ 80% → 3, else 0', () => {
    const method = subItem(gansu, 'A2.1').method;
    if (method.kind !== 'bands') throw new Error('A2.1 is not banded');
    expect(method.measure.unit).toBe('ratio');
    expect(method.bands.map(({ atLeast, below, points }) => ({ atLeast, below, points }))).toEqual([
      { atLeast: undefined, below: '0.8', points: '0' },
      { atLeast: '0.8', below: '0.9', points: '3' },
      { atLeast: '0.9', below: '0.95', points: '6' },
      { atLeast: '0.95', below: '1', points: '8' },
      { atLeast: '1', below: undefined, points: '10' },
    ]);
    const at = (v: string) => bandFor(method.bands, v).map((b) => b.points);
    expect(at('1')).toEqual(['10']);
    expect(at('0.95')).toEqual(['8']);
    expect(at('0.9499')).toEqual(['6']);
    expect(at('0.8')).toEqual(['3']);
    expect(at('0.7999')).toEqual(['0']);
  });

  it('A1.1 and A3.1 bands cover their whole range exactly once', () => {
    const a1 = subItem(gansu, 'A1.1').method;
    if (a1.kind !== 'bands') throw new Error('A1.1 is not banded');
    expect(a1.measure.unit).toBe('score');
    // the average inspection score runs from 0 to 130 (100 deductions + 30 bonus for portals)
    for (const v of ['0', '59.99', '60', '79.99', '89.99', '90', '100', '115.5', '130']) {
      expect(bandFor(a1.bands, v), v).toHaveLength(1);
    }
    expect(bandFor(a1.bands, '130')[0]?.points).toBe('10');
    expect(bandFor(a1.bands, '59.99')[0]?.points).toBe('0');

    const a3 = subItem(gansu, 'A3.1').method;
    if (a3.kind !== 'bands') throw new Error('A3.1 is not banded');
    expect(a3.measure.unit).toBe('ratio');
    for (const v of ['0', '0.5', '0.8', '0.9', '0.95', '0.99', '1'])
      expect(bandFor(a3.bands, v), v).toHaveLength(1);
    expect(bandFor(a3.bands, '1')[0]?.points).toBe('5');
  });

  it('deducts as the table says', () => {
    const deductions = Object.fromEntries(
      subItems(gansu).flatMap((s) =>
        s.method.kind === 'deduct' ? s.method.criteria.map((c) => [s.id, c.deduct]) : [],
      ),
    );
    expect(deductions).toEqual({
      'A5.1': '3',
      'A5.2': '2',
      'B1.1': '2',
      'B2.1': '1',
      'B3.2': '1',
      'B4.1': '2.5',
      'C1.1': '2',
      'C3.1': '1',
      'C4.1': '2',
    });
  });

  it('asks for evidence on every sub-item and decides what “not applicable” means', () => {
    for (const s of subItems(gansu)) {
      expect(s.evidence?.length ?? 0, s.id).toBeGreaterThan(4);
      expect(['rescale', 'fullMarks', 'zero'], s.id).toContain(s.whenNotApplicable);
    }
    expect(subItem(gansu, 'A1.1').whenNotApplicable).toBe('rescale');
    expect(subItem(gansu, 'D1.1').whenNotApplicable).toBe('zero');
  });

  it('vetoes, grades and policy', () => {
    expect(gansu.vetoes.length).toBeGreaterThan(0);
    expect(gansu.grades.map((g) => [g.title, g.atLeast])).toEqual([
      ['优秀', '90'],
      ['良好', '80'],
      ['合格', '60'],
      ['不合格', '0'],
    ]);
    expect(gansu.grades.find((g) => g.id === gansu.policy.vetoedGrade)?.title).toBe('不合格');
    expect(gansu.bonus).toBeNull();
    expect(gansu.policy).toMatchObject({
      passMark: '60',
      bonusGate: null,
      rounding: { places: 2, mode: 'halfUp', stage: 'leaf' },
    });
  });
});
