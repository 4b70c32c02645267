import { z } from 'zod';
import { Decimal } from './decimal.js';
import { RuleSetError } from './errors.js';
import { checkShape, sealValidated } from './parse.js';
import {
  Area,
  AssessmentPolicy,
  BonusCriterion,
  BonusIndicator,
  BonusTree,
  ComparisonOperator,
  DecimalString,
  DeductionCriterion,
  DeductionIndicator,
  DeductionTree,
  GradeBand,
  InspectionPolicy,
  Item,
  Measurement,
  NodeId,
  PointsString,
  Provenance,
  RuleSetShape,
  ScoringMethod,
  Source,
  SubItem,
  Veto,
  type Condition,
  type RuleSet,
} from './schema.js';
import { checkRuleSet, formatPath, type PathSegment, type RuleSetFinding } from './validate.js';

// A province derives its rule set from a built-in one by listing what it changes, as plain JSON data.
// The changes are applied to a deep copy in a fixed order and the result is validated again as a whole.

const wholeNode = z.record(z.string(), z.unknown()).meta({
  description: 'A whole node, written exactly as in a rule set; checked against the list it goes into.',
});

const nullableText = z.string().min(1).nullable().optional();

export const SetChange = z
  .strictObject({
    node: NodeId.meta({
      description: 'Id of the node to change, or "deductions" / "bonus" for those tables.',
    }),
    title: z.string().min(1).optional(),
    titleEn: nullableText,
    description: nullableText,
    points: PointsString.optional(),
    deduct: PointsString.optional(),
    maxDeduction: PointsString.nullable().optional(),
    award: PointsString.optional(),
    maxAward: PointsString.nullable().optional(),
    method: ScoringMethod.optional(),
    whenNotApplicable: SubItem.shape.whenNotApplicable.optional(),
    evidence: nullableText,
    provenance: Provenance.optional(),
  })
  .meta({ description: 'Overwrites fields of one node; null removes an optional field.' });

export const ThresholdChange = z
  .strictObject({
    veto: NodeId,
    measurement: NodeId,
    value: DecimalString,
    op: ComparisonOperator.optional().meta({ description: 'Also change the comparison, e.g. ">=" to ">".' }),
  })
  .meta({ description: 'Sets every comparison on `measurement` inside veto `veto`.' });

export const AddChange = z
  .strictObject({
    to: NodeId.meta({
      description:
        'Where to add: a list name ("vetoes", "measurements", "areas", "deductions", "bonus", "grades") or the id of the parent node (an area gets items, an item sub-items, an indicator or a deducting sub-item criteria).',
    }),
    node: wholeNode,
    before: NodeId.optional().meta({ description: 'Insert before this sibling; at the end when omitted.' }),
  })
  .meta({ description: 'Adds one node.' });

export const ReplaceChange = z
  .strictObject({
    node: NodeId.meta({
      description: 'Id of the node to replace, or "deductions" / "bonus" for a whole table.',
    }),
    with: wholeNode
      .nullable()
      .meta({ description: 'The new node; null only to drop a deductions or bonus table.' }),
  })
  .meta({ description: 'Replaces one node as a whole, in place.' });

export const RuleSetChanges = z
  .strictObject({
    id: NodeId.meta({ description: 'Id of the derived rule set (it must differ from the base).' }),
    title: z.string().min(1).optional(),
    titleEn: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    jurisdiction: z.string().min(1).optional(),
    provenance: Provenance.optional().meta({
      description: 'Where the derived rule set as a whole comes from.',
    }),
    sources: z.array(Source).optional().meta({ description: 'Sources to add to the base’s sources.' }),
    rescale: PointsString.optional().meta({
      description:
        'Applied first: multiplies every points value, deduction, award, band points, grade bound, pass mark, bonus gate and vetoed score so that the total becomes this value. Thresholds on measurements and band bounds are not points and stay. Every other change is written in the new scale.',
    }),
    remove: z.array(NodeId).optional().meta({
      description:
        'Ids of nodes to remove with everything under them. Measurements that no veto reads any more are removed too.',
    }),
    replace: z.array(ReplaceChange).optional(),
    add: z.array(AddChange).optional(),
    set: z.array(SetChange).optional(),
    thresholds: z.array(ThresholdChange).optional(),
    policy: z.record(z.string(), z.unknown()).optional().meta({
      description: 'Merged into the base policy key by key (objects deeply; null and values replace).',
    }),
    grades: z.array(GradeBand).min(1).optional().meta({ description: 'Replaces all grades (assessments).' }),
    total: PointsString.optional().meta({
      description: 'The new total (assessments), e.g. after adding an area.',
    }),
  })
  .meta({
    description: 'What a derived rule set changes in its base. Applied in the order of the keys listed here.',
  });

/** The changes that derive a rule set from another, as plain JSON-able data. */
export type RuleSetChanges = z.input<typeof RuleSetChanges>;
type ParsedChanges = z.output<typeof RuleSetChanges>;

/**
 * Derives a new rule set from `base`: applies `changes` to a deep copy and validates the result again.
 * `base` is never modified. Throws a `RuleSetError` naming the change that broke the rule set: problems with a
 * change itself are reported at the change (`set[2].node`); problems of the result at their place in the
 * result, with the change that introduced them in the message.
 */
export function extendRuleSet<R extends RuleSet>(base: R, changes: RuleSetChanges): R {
  return applyRuleSetChanges({ base, changes, changesPath: [] }) as R;
}

type RecordNode = Record<string, unknown>;
type NodeSchema = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

interface NodeKind {
  en: string;
  zh: string;
  schema: NodeSchema;
}

const nodeKinds = {
  source: { en: 'source', zh: '来源', schema: Source },
  measurement: { en: 'measurement', zh: '测量项', schema: Measurement },
  veto: { en: 'veto', zh: '单项否决', schema: Veto },
  deductionIndicator: { en: 'deduction indicator', zh: '扣分指标', schema: DeductionIndicator },
  deductionCriterion: { en: 'deduction criterion', zh: '扣分细则', schema: DeductionCriterion },
  bonusIndicator: { en: 'bonus indicator', zh: '加分指标', schema: BonusIndicator },
  bonusCriterion: { en: 'bonus criterion', zh: '加分细则', schema: BonusCriterion },
  area: { en: 'area', zh: '考核方面', schema: Area },
  item: { en: 'item', zh: '分项', schema: Item },
  subItem: { en: 'sub-item', zh: '子项', schema: SubItem },
  grade: { en: 'grade', zh: '等次', schema: GradeBand },
  deductionTree: { en: 'deduction table', zh: '扣分指标表', schema: DeductionTree },
  bonusTree: { en: 'bonus table', zh: '加分指标表', schema: BonusTree },
} satisfies Record<string, NodeKind>;

interface NodeList {
  items: RecordNode[];
  kind: NodeKind;
}

/** A node found by id: what it is, the list holding it, and where `add` puts its children. */
interface LocatedNode {
  node: RecordNode;
  kind: NodeKind;
  list: RecordNode[];
  children: NodeList | { none: { en: string; zh: string } };
}

const treeNames = ['deductions', 'bonus'] as const;
type TreeName = (typeof treeNames)[number];
const isTreeName = (name: string): name is TreeName => (treeNames as readonly string[]).includes(name);

const noChildren = (kind: NodeKind) => ({
  none: { en: `a ${kind.en} has no child nodes`, zh: `${kind.zh}没有下级节点` },
});

function locateNodes(ruleSet: RuleSet): Map<string, LocatedNode> {
  const found = new Map<string, LocatedNode>();
  const visit = (
    list: RecordNode[],
    kind: NodeKind,
    children: (node: RecordNode) => LocatedNode['children'],
  ) => {
    for (const node of list) {
      const id = node.id;
      if (typeof id === 'string' && !found.has(id))
        found.set(id, { node, kind, list, children: children(node) });
    }
  };
  const asRecords = (list: object[]) => list as RecordNode[];
  visit(asRecords(ruleSet.sources), nodeKinds.source, () => noChildren(nodeKinds.source));
  visit(asRecords(ruleSet.measurements), nodeKinds.measurement, () => noChildren(nodeKinds.measurement));
  visit(asRecords(ruleSet.vetoes), nodeKinds.veto, () => noChildren(nodeKinds.veto));
  const bonusIndicators = ruleSet.bonus?.indicators ?? [];
  visit(asRecords(bonusIndicators), nodeKinds.bonusIndicator, (node) => ({
    items: node.criteria as RecordNode[],
    kind: nodeKinds.bonusCriterion,
  }));
  for (const indicator of bonusIndicators) {
    visit(asRecords(indicator.criteria), nodeKinds.bonusCriterion, () =>
      noChildren(nodeKinds.bonusCriterion),
    );
  }
  if (ruleSet.kind === 'inspection') {
    const indicators = ruleSet.deductions?.indicators ?? [];
    visit(asRecords(indicators), nodeKinds.deductionIndicator, (node) => ({
      items: node.criteria as RecordNode[],
      kind: nodeKinds.deductionCriterion,
    }));
    for (const indicator of indicators) {
      visit(asRecords(indicator.criteria), nodeKinds.deductionCriterion, () =>
        noChildren(nodeKinds.deductionCriterion),
      );
    }
    return found;
  }
  visit(asRecords(ruleSet.areas), nodeKinds.area, (node) => ({
    items: node.items as RecordNode[],
    kind: nodeKinds.item,
  }));
  for (const area of ruleSet.areas) {
    visit(asRecords(area.items), nodeKinds.item, (node) => ({
      items: node.subItems as RecordNode[],
      kind: nodeKinds.subItem,
    }));
    for (const item of area.items) {
      visit(asRecords(item.subItems), nodeKinds.subItem, (node) => {
        const method = node.method as SubItem['method'];
        if (method.kind === 'deduct') return { items: method.criteria, kind: nodeKinds.deductionCriterion };
        return {
          none: {
            en: `sub-item "${String(node.id)}" is scored by "${method.kind}", not by deductions, so it has no criteria`,
            zh: `子项“${String(node.id)}”的评分方法是“${method.kind}”而非扣分，没有扣分细则`,
          },
        };
      });
      for (const subItem of item.subItems) {
        if (subItem.method.kind !== 'deduct') continue;
        visit(asRecords(subItem.method.criteria), nodeKinds.deductionCriterion, () =>
          noChildren(nodeKinds.deductionCriterion),
        );
      }
    }
  }
  visit(asRecords(ruleSet.grades), nodeKinds.grade, () => noChildren(nodeKinds.grade));
  return found;
}

/** One step of the derivation: its name in the changes (for blame) and what it does to the draft. */
interface Step {
  name: string;
  apply: (draft: RuleSet) => void;
}

interface ApplyOptions {
  base: RuleSet;
  changes: unknown;
  /** Where the changes sit in the document being read, e.g. `['changes']`; prefixes every change path. */
  changesPath: PathSegment[];
}

/** The engine behind `extendRuleSet`, also used for extension documents (with `changesPath: ['changes']`). */
export function applyRuleSetChanges({ base, changes, changesPath }: ApplyOptions): RuleSet {
  const what = `extension of ${base.id}`;
  const shape = checkShape(RuleSetChanges, changes, changesPath);
  if (!shape.success) throw new RuleSetError(shape.findings, what);
  const parsed = shape.data;

  const changeErrors: RuleSetFinding[] = [];
  const fail = (path: PathSegment[], message: string, messageZh: string) =>
    changeErrors.push({ path: [...changesPath, ...path], code: 'shape', message, messageZh });

  if (parsed.id === base.id) {
    fail(['id'], 'a derived rule set needs its own id', `派生规则集需要自己的编号，不能沿用“${base.id}”`);
  }

  const draft = structuredClone(base) as RuleSet;
  const steps = planSteps(parsed, fail);
  const fingerprints = new Fingerprints();
  const seenAfter: Set<string>[] = [fingerprints.of(draft)];
  for (const step of steps) {
    step.apply(draft);
    // once a change is wrong there is nothing to blame: the errors are reported as they are
    if (changeErrors.length === 0) seenAfter.push(fingerprints.of(draft));
  }
  if (changeErrors.length > 0) throw new RuleSetError(changeErrors, what);

  const shapeCheck = checkShape(RuleSetShape, draft);
  const findings = shapeCheck.success ? checkRuleSet(shapeCheck.data) : shapeCheck.findings;
  if (shapeCheck.success && findings.length === 0) return sealValidated(shapeCheck.data);

  const changeName = (name: string) => formatPath([...changesPath, name]) || name;
  throw new RuleSetError(
    findings.map((finding) => {
      const key = fingerprints.key(draft, finding);
      // the step that introduced a problem is the one after which it is present to the end
      let since = seenAfter.length - 1;
      while (since > 0 && seenAfter[since - 1]!.has(key)) since -= 1;
      const cause = since === 0 ? null : steps[since - 1]!.name;
      return cause === null
        ? {
            ...finding,
            message: `${finding.message} (already so in ${base.id})`,
            messageZh: `${finding.messageZh}（基础规则集 ${base.id} 中即已如此）`,
          }
        : {
            ...finding,
            message: `${finding.message} (introduced by change ${changeName(cause)})`,
            messageZh: `${finding.messageZh}（由变更 ${changeName(cause)} 引起）`,
          };
    }),
    what,
  );
}

/**
 * Identifies a finding across the steps of a derivation by the object it sits in (objects keep their identity
 * while the draft is changed in place) and the rest of its path, so that moving indices do not matter.
 */
class Fingerprints {
  private readonly ids = new WeakMap<object, number>();
  private next = 0;

  of(draft: RuleSet): Set<string> {
    let findings: RuleSetFinding[];
    try {
      const shape = checkShape(RuleSetShape, draft);
      findings = shape.success ? checkRuleSet(shape.data) : shape.findings;
    } catch {
      // a half-changed draft may not be checkable yet; only the final result has to be
      findings = [];
    }
    return new Set(findings.map((finding) => this.key(draft, finding)));
  }

  key(draft: RuleSet, finding: RuleSetFinding): string {
    let owner: object = draft;
    let rest = 0;
    for (const [index, segment] of finding.path.entries()) {
      const next: unknown = (owner as Record<PathSegment, unknown>)[segment];
      if (next === null || typeof next !== 'object') break;
      owner = next;
      rest = index + 1;
    }
    let id = this.ids.get(owner);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(owner, id);
    }
    return `${finding.code} ${id} ${formatPath(finding.path.slice(rest))}`;
  }
}

type Fail = (path: PathSegment[], message: string, messageZh: string) => void;

function planSteps(changes: ParsedChanges, fail: Fail): Step[] {
  const steps: Step[] = [];
  const addedMeasurements = new Set<string>();

  steps.push({
    name: 'id',
    apply: (draft) => {
      draft.id = changes.id;
      for (const key of ['title', 'titleEn', 'description', 'version', 'jurisdiction'] as const) {
        const value = changes[key];
        if (value !== undefined) draft[key] = value;
      }
    },
  });
  if (changes.sources !== undefined) {
    const sources = changes.sources;
    steps.push({ name: 'sources', apply: (draft) => draft.sources.push(...structuredClone(sources)) });
  }
  if (changes.provenance !== undefined) {
    const provenance = changes.provenance;
    steps.push({ name: 'provenance', apply: (draft) => (draft.provenance = { ...provenance }) });
  }
  if (changes.rescale !== undefined) {
    const to = changes.rescale;
    steps.push({ name: 'rescale', apply: (draft) => rescale(draft, to, fail) });
  }
  changes.remove?.forEach((id, index) =>
    steps.push({
      name: `remove[${index}]`,
      apply: (draft) => removeNode(draft, id, ['remove', index], fail),
    }),
  );
  changes.replace?.forEach((change, index) =>
    steps.push({
      name: `replace[${index}]`,
      apply: (draft) => replaceNode(draft, change, ['replace', index], fail),
    }),
  );
  changes.add?.forEach((change, index) => {
    if (change.to === 'measurements' && typeof change.node.id === 'string')
      addedMeasurements.add(change.node.id);
    steps.push({ name: `add[${index}]`, apply: (draft) => addNode(draft, change, ['add', index], fail) });
  });
  changes.set?.forEach((change, index) =>
    steps.push({ name: `set[${index}]`, apply: (draft) => setFields(draft, change, ['set', index], fail) }),
  );
  changes.thresholds?.forEach((change, index) =>
    steps.push({
      name: `thresholds[${index}]`,
      apply: (draft) => setThreshold(draft, change, ['thresholds', index], fail),
    }),
  );
  if (changes.policy !== undefined) {
    const patch = changes.policy;
    steps.push({ name: 'policy', apply: (draft) => mergePolicy(draft, patch, fail) });
  }
  if (changes.grades !== undefined) {
    const grades = changes.grades;
    steps.push({
      name: 'grades',
      apply: (draft) => {
        if (draft.kind !== 'assessment') return fail(['grades'], ...onlyAssessments('grades'));
        draft.grades = structuredClone(grades);
      },
    });
  }
  if (changes.total !== undefined) {
    const total = changes.total;
    steps.push({
      name: 'total',
      apply: (draft) => {
        if (draft.kind !== 'assessment') return fail(['total'], ...onlyAssessments('total'));
        draft.total = total;
      },
    });
  }
  // a province that removes or rewrites a veto should not have to hunt down the measurements it read
  steps.push({ name: 'remove', apply: (draft) => dropUnreadMeasurements(draft, addedMeasurements) });
  return steps;
}

const onlyAssessments = (key: string): [string, string] => [
  `"${key}" applies to assessment rule sets only`,
  `“${key}”只适用于年度考核指标`,
];

function unknownNode(id: string): [string, string] {
  return [`no node has the id "${id}"`, `没有编号为“${id}”的节点`];
}

function removeNode(draft: RuleSet, id: string, path: PathSegment[], fail: Fail): void {
  const located = locateNodes(draft).get(id);
  if (located === undefined) return fail(path, ...unknownNode(id));
  located.list.splice(located.list.indexOf(located.node), 1);
}

function treeKind(name: TreeName): NodeKind {
  return name === 'deductions' ? nodeKinds.deductionTree : nodeKinds.bonusTree;
}

function replaceNode(
  draft: RuleSet,
  change: z.output<typeof ReplaceChange>,
  path: PathSegment[],
  fail: Fail,
): void {
  if (isTreeName(change.node)) {
    const name = change.node;
    if (name === 'deductions' && draft.kind !== 'inspection') {
      return fail([...path, 'node'], ...onlyInspections('deductions'));
    }
    if (change.with === null) return void ((draft as Record<TreeName, unknown>)[name] = null);
    const checked = checkShape(treeKind(name).schema, change.with, [...path, 'with']);
    if (!checked.success) return void checked.findings.forEach((f) => fail(f.path, f.message, f.messageZh));
    (draft as Record<TreeName, unknown>)[name] = checked.data;
    return;
  }
  const located = locateNodes(draft).get(change.node);
  if (located === undefined) return fail([...path, 'node'], ...unknownNode(change.node));
  if (change.with === null) {
    return fail(
      [...path, 'with'],
      'only a deductions or bonus table can be replaced by null; use "remove"',
      '只有扣分或加分指标表可以替换为 null；删除节点请用“remove”',
    );
  }
  const checked = checkShape(located.kind.schema, change.with, [...path, 'with']);
  if (!checked.success) return void checked.findings.forEach((f) => fail(f.path, f.message, f.messageZh));
  located.list.splice(located.list.indexOf(located.node), 1, checked.data as RecordNode);
}

const onlyInspections = (key: string): [string, string] => [
  `"${key}" applies to inspection rule sets only`,
  `“${key}”只适用于检查指标`,
];

const topLevelLists = ['vetoes', 'measurements', 'areas', 'deductions', 'bonus', 'grades'] as const;

function topLevelList(draft: RuleSet, name: string): NodeList | { none: [string, string] } | undefined {
  switch (name) {
    case 'vetoes':
      return { items: draft.vetoes as RecordNode[], kind: nodeKinds.veto };
    case 'measurements':
      return { items: draft.measurements as RecordNode[], kind: nodeKinds.measurement };
    case 'areas':
      if (draft.kind !== 'assessment') return { none: onlyAssessments('areas') };
      return { items: draft.areas as RecordNode[], kind: nodeKinds.area };
    case 'grades':
      if (draft.kind !== 'assessment') return { none: onlyAssessments('grades') };
      return { items: draft.grades as RecordNode[], kind: nodeKinds.grade };
    case 'deductions':
      if (draft.kind !== 'inspection') return { none: onlyInspections('deductions') };
      if (draft.deductions === null) return { none: noTable('deductions') };
      return { items: draft.deductions.indicators as RecordNode[], kind: nodeKinds.deductionIndicator };
    case 'bonus':
      if (draft.bonus === null) return { none: noTable('bonus') };
      return { items: draft.bonus.indicators as RecordNode[], kind: nodeKinds.bonusIndicator };
  }
  return undefined;
}

const noTable = (name: TreeName): [string, string] => [
  `the base has no ${name} table; add one with replace: [{ "node": "${name}", "with": { … } }]`,
  `基础规则集没有${name === 'deductions' ? '扣分' : '加分'}指标表；可用 replace: [{ "node": "${name}", "with": { … } }] 添加`,
];

function addNode(draft: RuleSet, change: z.output<typeof AddChange>, path: PathSegment[], fail: Fail): void {
  let target: NodeList;
  const named = topLevelList(draft, change.to);
  if (named !== undefined) {
    if ('none' in named) return fail([...path, 'to'], ...named.none);
    target = named;
  } else {
    const parent = locateNodes(draft).get(change.to);
    if (parent === undefined) {
      return fail(
        [...path, 'to'],
        `"${change.to}" is neither a list (${topLevelLists.join(', ')}) nor the id of a node`,
        `“${change.to}”既不是列表名（${topLevelLists.join('、')}），也不是节点编号`,
      );
    }
    if ('none' in parent.children)
      return fail([...path, 'to'], parent.children.none.en, parent.children.none.zh);
    target = parent.children;
  }
  const checked = checkShape(target.kind.schema, change.node, [...path, 'node']);
  if (!checked.success) return void checked.findings.forEach((f) => fail(f.path, f.message, f.messageZh));
  const node = checked.data as RecordNode;
  if (change.before === undefined) return void target.items.push(node);
  const at = target.items.findIndex((sibling) => sibling.id === change.before);
  if (at === -1) {
    return fail(
      [...path, 'before'],
      `"${change.before}" is not in the list the ${target.kind.en} is added to`,
      `“${change.before}”不在新增${target.kind.zh}所在的列表中`,
    );
  }
  target.items.splice(at, 0, node);
}

function setFields(
  draft: RuleSet,
  change: z.output<typeof SetChange>,
  path: PathSegment[],
  fail: Fail,
): void {
  const { node: id, ...fields } = change;
  let node: RecordNode;
  let kind: NodeKind;
  if (isTreeName(id)) {
    const tree = (draft as Record<TreeName, RecordNode | null | undefined>)[id];
    if (tree === undefined) return fail([...path, 'node'], ...onlyInspections(id));
    if (tree === null) return fail([...path, 'node'], ...noTable(id));
    node = tree;
    kind = treeKind(id);
  } else {
    const located = locateNodes(draft).get(id);
    if (located === undefined) return fail([...path, 'node'], ...unknownNode(id));
    node = located.node;
    kind = located.kind;
  }
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const fieldSchema = kind.schema.shape[field];
    if (fieldSchema === undefined) {
      fail([...path, field], `a ${kind.en} has no field "${field}"`, `${kind.zh}没有字段“${field}”`);
      continue;
    }
    if (value === null) {
      if (!z.safeParse(fieldSchema, undefined).success) {
        fail(
          [...path, field],
          `"${field}" is required and cannot be removed`,
          `“${field}”是必填字段，不能删除`,
        );
      } else delete node[field];
      continue;
    }
    node[field] = structuredClone(value);
  }
}

function setThreshold(
  draft: RuleSet,
  change: z.output<typeof ThresholdChange>,
  path: PathSegment[],
  fail: Fail,
): void {
  const veto = draft.vetoes.find((candidate) => candidate.id === change.veto);
  if (veto === undefined) {
    return fail(
      [...path, 'veto'],
      `no veto has the id "${change.veto}"`,
      `没有编号为“${change.veto}”的单项否决`,
    );
  }
  let changed = 0;
  const visit = (condition: Condition): void => {
    if ('of' in condition) return condition.of.forEach(visit);
    if (condition.kind !== 'compare' || condition.measurement !== change.measurement) return;
    condition.value = change.value;
    if (change.op !== undefined) condition.op = change.op;
    changed += 1;
  };
  visit(veto.when);
  if (changed === 0) {
    fail(
      [...path, 'measurement'],
      `veto "${veto.id}" compares no threshold with measurement "${change.measurement}"`,
      `单项否决“${veto.id}”中没有针对测量项“${change.measurement}”的阈值比较`,
    );
  }
}

const isPlainObject = (value: unknown): value is RecordNode =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Objects merge key by key, recursively; anything else (null, arrays, values) replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(target)) return structuredClone(patch);
  const merged: RecordNode = { ...target };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergePatch(target[key], value);
  return merged;
}

function mergePolicy(draft: RuleSet, patch: Record<string, unknown>, fail: Fail): void {
  const merged = mergePatch(draft.policy, patch);
  if (draft.kind === 'inspection') {
    const checked = checkShape(InspectionPolicy, merged, ['policy']);
    if (!checked.success) return checked.findings.forEach((f) => fail(f.path, f.message, f.messageZh));
    draft.policy = checked.data;
  } else {
    const checked = checkShape(AssessmentPolicy, merged, ['policy']);
    if (!checked.success) return checked.findings.forEach((f) => fail(f.path, f.message, f.messageZh));
    draft.policy = checked.data;
  }
}

function dropUnreadMeasurements(draft: RuleSet, keep: Set<string>): void {
  const read = new Set<string>();
  const visit = (condition: Condition): void => {
    if ('of' in condition) condition.of.forEach(visit);
    else read.add(condition.measurement);
  };
  draft.vetoes.forEach((veto) => visit(veto.when));
  draft.measurements = draft.measurements.filter(
    (m) => read.has(m.id) || keep.has(m.id),
  ) as typeof draft.measurements;
}

/**
 * Multiplies every points-like value by `to / from` (from = the total, or an inspection's deduction points).
 * Refuses a scale that would make any value a repeating decimal: points stay exact.
 */
function rescale(draft: RuleSet, to: string, fail: Fail): void {
  const from = draft.kind === 'assessment' ? draft.total : draft.deductions?.points;
  if (from === undefined) {
    return fail(
      ['rescale'],
      'there is no deduction table whose points could be rescaled',
      '没有扣分指标，无法换算分值',
    );
  }
  if (new Decimal(to).lte(0) || new Decimal(from).lte(0)) {
    return fail(['rescale'], `cannot rescale from ${from} to ${to}`, `无法将分值从 ${from} 换算为 ${to}`);
  }
  const inexact: string[] = [];
  const scale = (value: string, where: PathSegment[]): string => {
    const product = new Decimal(value).times(to);
    const result = product.div(from);
    if (!result.times(from).eq(product)) {
      inexact.push(`${formatPath(where)} (${value})`);
      return value;
    }
    return result.toFixed();
  };
  const scaleOptional = (node: { [key: string]: unknown }, key: string, where: PathSegment[]) => {
    const value = node[key];
    if (typeof value === 'string') node[key] = scale(value, [...where, key]);
  };
  const scaleCriteria = (criteria: RecordNode[], where: PathSegment[]) =>
    criteria.forEach((criterion, index) => {
      for (const key of ['deduct', 'maxDeduction', 'award', 'maxAward'])
        scaleOptional(criterion, key, [...where, index]);
    });
  const scaleTree = (
    tree: { points: string; indicators: { points: string; criteria: object[] }[] } | null,
    name: string,
  ) => {
    if (tree === null) return;
    tree.points = scale(tree.points, [name, 'points']);
    tree.indicators.forEach((indicator, index) => {
      indicator.points = scale(indicator.points, [name, 'indicators', index, 'points']);
      scaleCriteria(indicator.criteria as RecordNode[], [name, 'indicators', index, 'criteria']);
    });
  };
  const scaleGate = (gate: { above: string } | null) => {
    if (gate !== null) gate.above = scale(gate.above, ['policy', 'bonusGate', 'above']);
  };

  scaleTree(draft.bonus, 'bonus');
  if (draft.kind === 'inspection') {
    scaleTree(draft.deductions, 'deductions');
    const policy = draft.policy;
    if (policy.passMark !== null) policy.passMark = scale(policy.passMark, ['policy', 'passMark']);
    if (policy.vetoedScore !== null)
      policy.vetoedScore = scale(policy.vetoedScore, ['policy', 'vetoedScore']);
    scaleGate(policy.bonusGate);
  } else {
    draft.total = scale(draft.total, ['total']);
    draft.areas.forEach((area, a) => {
      area.points = scale(area.points, ['areas', a, 'points']);
      area.items.forEach((item, i) => {
        item.points = scale(item.points, ['areas', a, 'items', i, 'points']);
        item.subItems.forEach((subItem, s) => {
          const at: PathSegment[] = ['areas', a, 'items', i, 'subItems', s];
          subItem.points = scale(subItem.points, [...at, 'points']);
          const method = subItem.method;
          if (method.kind === 'deduct') scaleCriteria(method.criteria, [...at, 'method', 'criteria']);
          if (method.kind === 'bands') {
            method.bands.forEach(
              (band, b) => (band.points = scale(band.points, [...at, 'method', 'bands', b, 'points'])),
            );
          }
        });
      });
    });
    draft.grades.forEach((grade, g) => {
      scaleOptional(grade, 'atLeast', ['grades', g]);
      scaleOptional(grade, 'above', ['grades', g]);
    });
    draft.policy.passMark = scale(draft.policy.passMark, ['policy', 'passMark']);
    scaleGate(draft.policy.bonusGate);
  }
  if (inexact.length > 0) {
    const list =
      inexact.slice(0, 5).join(', ') + (inexact.length > 5 ? `, and ${inexact.length - 5} more` : '');
    fail(
      ['rescale'],
      `rescaling from ${from} to ${to} would make ${inexact.length} value(s) inexact: ${list}`,
      `从 ${from} 换算为 ${to} 会使 ${inexact.length} 个分值无法精确表示：${list}`,
    );
  }
}
