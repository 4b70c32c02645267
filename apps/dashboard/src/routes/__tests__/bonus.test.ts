import { and, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewAssessment, type EntryFields, type FormEntryKind } from '$lib/entry-form';
import { hashPassword } from '$lib/server/auth/password';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import {
  auditLog,
  cycles,
  programmes,
  resultRevisions,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
  users,
} from '$lib/server/db/schema';
import {
  call,
  databaseKinds,
  expectOk,
  sessionTokenFor,
  useTestDatabase,
  type CallResult,
} from '../../../test/harness';
import { actions as correctActions, load as correctLoad } from '../publish/[cycleId]/correct/+page.server';
import { actions as reviewActions, load as reviewLoad } from '../review/[cycleId]/[unitId]/+page.server';
import { actions as selfActions, load as selfLoad } from '../self-evaluation/[cycleId]/[unitId]/+page.server';
import { load as unitLoad } from '../units/[unitId]/+page.server';

// Bonus criteria (加分) as entries of the self-evaluation and the review, on the national programme
// (cn-2019-supervision-assessment: up to 20 bonus points, scored only above 80). The page's live preview, the saved
// total and the breakdown must agree; a reviewer's adjusted count changes the verified total.

interface PageEntry {
  key: string;
  entryKind: FormEntryKind;
  entryId: string;
  fields: EntryFields;
  version: number;
  input: unknown;
}

const promoted = 'bonus.innovation.promoted';

describe.each(databaseKinds)('bonus entries on %s', (kind) => {
  let database: AppDatabase;
  const tokens: Record<string, string> = {};
  let nationalCycleId: number;
  let openCycleId: number;
  let guangdong: number;
  let beijing: number;

  const selfPage = async (cycleId: number, unitId: number, token: string) =>
    expectOk(
      await call(selfLoad, {
        url: `/self-evaluation/${cycleId}/${unitId}`,
        params: { cycleId: String(cycleId), unitId: String(unitId) },
        token,
      }),
    ) as unknown as {
      entries: PageEntry[];
      ruleSet: Parameters<typeof previewAssessment>[0];
      savedTotal: string | null;
      canEdit: boolean;
    };
  /** What the page's preview shows: the same function the page runs on its fields. */
  const previewOf = (page: Awaited<ReturnType<typeof selfPage>>) =>
    previewAssessment(
      page.ruleSet,
      page.entries.map(({ entryKind, entryId, fields }) => ({ entryKind, entryId, fields })),
      'zh',
    );
  const saveBonus = (unitId: number, token: string, form: Record<string, string>) =>
    call(selfActions.save, {
      url: `/self-evaluation/${openCycleId}/${unitId}?/save`,
      params: { cycleId: String(openCycleId), unitId: String(unitId) },
      token,
      form: { entryKind: 'bonus', entryId: promoted, version: '0', ...form },
    });
  const reviewCall = (
    action: 'review' | 'acceptRemaining',
    form: Record<string, string>,
  ): Promise<CallResult<unknown>> => {
    const options = {
      url: `/review/${openCycleId}/${guangdong}?/${action}`,
      params: { cycleId: String(openCycleId), unitId: String(guangdong) },
      token: tokens['reviewer-cn'],
      form,
    };
    return action === 'review'
      ? call(reviewActions.review, options)
      : call(reviewActions.acceptRemaining, options);
  };
  const reviewPage = async () =>
    expectOk(
      await call(reviewLoad, {
        url: `/review/${openCycleId}/${guangdong}`,
        params: { cycleId: String(openCycleId), unitId: String(guangdong) },
        token: tokens['reviewer-cn'],
      }),
    ) as unknown as { selfTotal: string | null; verifiedTotal: string | null };
  const selfState = async () => {
    const self = await database.db.select().from(selfEvaluations).orderBy(selfEvaluations.id);
    const audits = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(ne(auditLog.action, 'access.denied'));
    return JSON.stringify({ self, audits });
  };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [national] = await database.db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.slug, 'national-2020'));
    const [published] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.programmeId, national!.id), eq(cycles.slug, '2020')));
    nationalCycleId = published!.id;
    const unitRows = await database.db.select({ id: units.id, code: units.code }).from(units);
    guangdong = unitRows.find((row) => row.code === 'cn-guangdong')!.id;
    beijing = unitRows.find((row) => row.code === 'cn-beijing')!.id;
    // a second province's assessor (the demo has only Guangdong's)
    await database.db.insert(users).values({
      username: 'assessor-bj',
      displayName: '北京市填报员',
      passwordHash: await hashPassword('kaohe-assessor-bj-test'),
      role: 'assessor',
      unitId: beijing,
    });
    for (const username of ['assessor-gd', 'assessor-bj', 'reviewer-cn', 'leader', 'admin'])
      tokens[username] = await sessionTokenFor(database, username);

    // an open national cycle: Guangdong's demo self-evaluation copied in except its bonus, which the tests enter
    const [open] = await database.db
      .insert(cycles)
      .values({
        programmeId: national!.id,
        slug: 'bonus-open',
        title: '加分测试（自查自评中）',
        status: 'open',
      })
      .returning({ id: cycles.id });
    openCycleId = open!.id;
    const demoRows = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, nationalCycleId), eq(selfEvaluations.unitId, guangdong)));
    await database.db.insert(selfEvaluations).values(
      demoRows
        .filter((row) => row.entryKind !== 'bonus')
        .map((row) => ({
          cycleId: openCycleId,
          unitId: guangdong,
          entryKind: row.entryKind,
          entryId: row.entryId,
          inputs: row.inputs,
          note: row.note,
          updatedBy: row.updatedBy,
          updatedAt: row.updatedAt,
        })),
    );
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('previews 广东省’s demo self-evaluation with the same total as its breakdown, bonus included', async () => {
    const page = await selfPage(nationalCycleId, guangdong, tokens['assessor-gd']!);
    const bonusEntries = page.entries.filter((entry) => entry.entryKind === 'bonus');
    expect(bonusEntries.map((entry) => entry.entryId)).toEqual([
      'bonus.consolidation.full-migration',
      promoted,
      'bonus.integration.service-platform',
      'bonus.integration.new-media',
      'bonus.quality.all-passed',
    ]);
    // the demo's stored counts come back into the form fields
    expect(bonusEntries.every((entry) => /^\d+$/.test(entry.fields.count ?? ''))).toBe(true);
    const preview = previewOf(page);
    const breakdown = expectOk(
      await call(unitLoad, {
        url: `/units/${guangdong}?cycle=${nationalCycleId}`,
        params: { unitId: String(guangdong) },
        token: tokens['assessor-gd'],
      }),
    ).breakdown;
    expect(breakdown.self?.total).toBe('117');
    expect(preview?.total).toBe(breakdown.self?.total);
    expect(page.savedTotal).toBe(breakdown.self?.total);
    // the gate explained: deductions above 80, so the bonus counts
    expect(preview).toMatchObject({ bonusStatus: 'scored', bonusGate: '80', score: '99', bonus: '18' });
  });

  it('shows no bonus entries for the Gansu programme (its rule set has no bonus)', async () => {
    const [gansu] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'gansu-2019'), eq(cycles.slug, '2019')));
    const lanzhou = (await database.db.select().from(units).where(eq(units.code, 'gs-lanzhou')))[0]!.id;
    const page = await selfPage(gansu!.id, lanzhou, tokens.leader!);
    expect(page.entries.some((entry) => entry.entryKind === 'bonus')).toBe(false);
  });

  it('saves the Guangdong assessor’s bonus count, with its audit entry; the preview adds the bonus', async () => {
    const before = await selfPage(openCycleId, guangdong, tokens['assessor-gd']!);
    expect(before.canEdit).toBe(true);
    // no bonus saved yet: the bonus entries preview as 0 occurrences, still above the gate
    const noBonus = previewOf(before);
    const { outcome } = await saveBonus(guangdong, tokens['assessor-gd']!, {
      count: '2',
      note: '两项经验被推广',
    });
    expect(outcome).toMatchObject({ kind: 'ok', value: { version: 1, message: '已保存草稿。' } });
    const [row] = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, openCycleId), eq(selfEvaluations.entryId, promoted)));
    expect(row).toMatchObject({
      entryKind: 'bonus',
      inputs: { count: 2 },
      note: '两项经验被推广',
      version: 1,
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, `${openCycleId}/${guangdong}/bonus:${promoted}`));
    expect(audit).toMatchObject({ action: 'selfEvaluation.save', before: null });
    expect(audit!.after).toMatchObject({ inputs: { count: 2 }, version: 1 });

    const after = await selfPage(openCycleId, guangdong, tokens['assessor-gd']!);
    const preview = previewOf(after);
    // 2 × 3 points, capped at the criterion's 6
    expect(preview?.bonus).toBe('6');
    expect(preview?.score).toBe(noBonus?.score);
    expect(preview?.total).toBe(after.savedTotal);
  });

  it('gives a second save of the same version a conflict instead of overwriting', async () => {
    const before = await selfState();
    const { outcome } = await saveBonus(guangdong, tokens['assessor-gd']!, { count: '1' });
    expect(outcome).toMatchObject({ kind: 'failure', status: 409 });
    expect(await selfState()).toBe(before);
  });

  it.each([
    ['a negative count', { count: '-1' }, 'count', '加分次数请输入 0 到 999 之间的整数。'],
    ['a fraction', { count: '1.5' }, 'count', '加分次数请输入 0 到 999 之间的整数。'],
    ['text', { count: '两次' }, 'count', '加分次数请输入 0 到 999 之间的整数。'],
    ['an absurd count', { count: '1000' }, 'count', '加分次数请输入 0 到 999 之间的整数。'],
    ['an empty count', { count: ' ' }, 'count', '必填。'],
    [
      'not applicable',
      { count: '1', notApplicable: 'on' },
      'notApplicable',
      '加分细则不能标为不适用；没有发生请填 0。',
    ],
    ['an unknown criterion', { count: '1', entryId: 'bonus.made-up' }, '_', '未知加分细则“bonus.made-up”。'],
  ])(
    'refuses %s with a Chinese message at the field, storing nothing',
    async (_label, form, field, message) => {
      const before = await selfState();
      const { outcome } = await saveBonus(guangdong, tokens['assessor-gd']!, { version: '1', ...form });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
      if (outcome.kind === 'failure')
        expect((outcome.data.errors as Record<string, string>)[field]).toBe(message);
      expect(await selfState()).toBe(before);
    },
  );

  it.each([
    ['assessor-bj', 'Guangdong'],
    ['leader', 'Guangdong'],
    ['reviewer-cn', 'Guangdong'],
  ])('refuses %s writing %s’s bonus: 403 and nothing changes', async (username) => {
    const before = await selfState();
    const { outcome } = await saveBonus(guangdong, tokens[username]!, { version: '1', count: '0' });
    expect(outcome).toMatchObject({ kind: 'error', status: 403 });
    expect(await selfState()).toBe(before);
  });

  it('will not submit while a bonus criterion is not stated (0 is a statement), then submits', async () => {
    const submit = () =>
      call(selfActions.submit, {
        url: `/self-evaluation/${openCycleId}/${guangdong}?/submit`,
        params: { cycleId: String(openCycleId), unitId: String(guangdong) },
        token: tokens['assessor-gd'],
        form: { version: '0' },
      });
    const refused = await submit();
    expect(refused.outcome).toMatchObject({ kind: 'failure', status: 400 });
    if (refused.outcome.kind === 'failure')
      expect(refused.outcome.data.missing).toEqual([
        'bonus:bonus.consolidation.full-migration',
        'bonus:bonus.integration.service-platform',
        'bonus:bonus.integration.new-media',
        'bonus:bonus.quality.all-passed',
      ]);
    for (const [entryId, count] of [
      ['bonus.consolidation.full-migration', '1'],
      ['bonus.integration.service-platform', '1'],
      ['bonus.integration.new-media', '0'],
      ['bonus.quality.all-passed', '1'],
    ] as const) {
      const { outcome } = await saveBonus(guangdong, tokens['assessor-gd']!, { entryId, count });
      expect(outcome.kind).toBe('ok');
    }
    expect((await submit()).outcome).toMatchObject({ kind: 'ok' });
    const [submission] = await database.db
      .select()
      .from(unitSubmissions)
      .where(and(eq(unitSubmissions.cycleId, openCycleId), eq(unitSubmissions.unitId, guangdong)));
    expect(submission?.status).toBe('submitted');
  });

  it('lets the reviewer adjust a bonus count with a reason, which changes the verified total', async () => {
    expectOk(await reviewCall('acceptRemaining', { version: '1' }));
    const accepted = await reviewPage();
    expect(accepted.verifiedTotal).toBe(accepted.selfTotal);
    // 5 + 6 + 3 + 0 + 4 = 18 bonus points above the gate
    const self = await selfPage(openCycleId, guangdong, tokens['assessor-gd']!);
    expect(previewOf(self)?.bonus).toBe('18');
    expect(previewOf(self)?.total).toBe(accepted.selfTotal);

    const [current] = await database.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.cycleId, openCycleId), eq(reviews.entryId, promoted)));
    // without a reason: refused at the field, nothing changes
    const noReason = await reviewCall('review', {
      entryKind: 'bonus',
      entryId: promoted,
      version: String(current!.version),
      decision: 'adjust',
      count: '1',
    });
    expect(noReason.outcome).toMatchObject({ kind: 'failure', status: 400 });
    if (noReason.outcome.kind === 'failure')
      expect((noReason.outcome.data.errors as Record<string, string>).reason).toBeTruthy();

    const adjusted = await reviewCall('review', {
      entryKind: 'bonus',
      entryId: promoted,
      version: String(current!.version),
      decision: 'adjust',
      count: '1',
      reason: '通报表扬文件只有一份',
    });
    expect(adjusted.outcome.kind).toBe('ok');
    const [row] = await database.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.cycleId, openCycleId), eq(reviews.entryId, promoted)));
    expect(row).toMatchObject({ decision: 'adjusted', inputs: { count: 1 }, reason: '通报表扬文件只有一份' });
    const after = await reviewPage();
    expect(after.selfTotal).toBe(accepted.selfTotal);
    expect(Number(after.verifiedTotal)).toBe(Number(accepted.verifiedTotal) - 3);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, `${openCycleId}/${guangdong}/bonus:${promoted}`),
          eq(auditLog.action, 'review.adjust'),
        ),
      );
    expect(audit).toMatchObject({ reason: '通报表扬文件只有一份' });
    expect(audit!.after).toMatchObject({ inputs: { count: 1 }, decision: 'adjusted' });
  });

  it('lets the admin correct a published bonus count with a reason, as a new revision', async () => {
    const entry = 'bonus:bonus.integration.new-media';
    const page = expectOk(
      await call(correctLoad, {
        url: `/publish/${nationalCycleId}/correct?unit=${guangdong}&entry=${entry}`,
        params: { cycleId: String(nationalCycleId) },
        token: tokens.admin,
      }),
    );
    expect(page.selected?.entry).toEqual({ entryKind: 'bonus', entryId: 'bonus.integration.new-media' });
    const revisions = async () =>
      (
        await database.db
          .select({ revision: resultRevisions.revision })
          .from(resultRevisions)
          .where(eq(resultRevisions.cycleId, nationalCycleId))
      ).length;
    const before = await revisions();
    const { outcome } = await call(correctActions.correct, {
      url: `/publish/${nationalCycleId}/correct?/correct`,
      params: { cycleId: String(nationalCycleId) },
      token: tokens.admin,
      form: {
        unitId: String(guangdong),
        entryKind: 'bonus',
        entryId: 'bonus.integration.new-media',
        cycleVersion: String(page.cycle.version),
        count: '3',
        reason: '补报两次同步发布',
      },
    });
    expect(outcome.kind).toBe('ok');
    const [row] = await database.db
      .select()
      .from(reviews)
      .where(
        and(
          eq(reviews.cycleId, nationalCycleId),
          eq(reviews.unitId, guangdong),
          eq(reviews.entryId, 'bonus.integration.new-media'),
        ),
      );
    expect(row?.inputs).toEqual({ count: 3 });
    expect(await revisions()).toBe(before + 1);
  });
});
