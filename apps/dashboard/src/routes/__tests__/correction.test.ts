import type { AssessmentRuleSet } from '@kaohe/rules';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { auditLog, cycles, programmes, resultRevisions, reviews, units } from '$lib/server/db/schema';
import { call, databaseKinds, expectOk, sessionTokenFor, useTestDatabase } from '../../../test/harness';
import { actions as correctActions, load as correctLoad } from '../publish/[cycleId]/correct/+page.server';

// The correction form of a published cycle is parsed strictly: its own fields by a strict schema, the chosen entry's
// fields by the names that entry's form has. Anything else — a stray field, another entry's field, a file, a
// repeated field — is a 400 naming it, and nothing changes (no review, no revision, no audit row).

describe.each(databaseKinds)('the correction form on %s', (kind) => {
  let database: AppDatabase;
  let admin: string;
  let cycleId: number;
  let guangdong: number;
  let ruleSet: AssessmentRuleSet;
  let cycleVersion: string;

  const post = (form: Record<string, string> | FormData, lang: 'zh' | 'en' = 'zh') =>
    call(correctActions.correct, {
      url: `/publish/${cycleId}/correct?/correct`,
      params: { cycleId: String(cycleId) },
      token: admin,
      lang,
      ...(form instanceof FormData ? { multipart: form } : { form }),
    });
  /** Everything a refused correction must leave as it was. */
  const state = async () => {
    const review = await database.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.cycleId, cycleId), eq(reviews.unitId, guangdong)))
      .orderBy(reviews.id);
    const [revisions] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(resultRevisions)
      .where(eq(resultRevisions.cycleId, cycleId));
    const [audits] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, 'result.correct'));
    const [cycle] = await database.db
      .select({ version: cycles.version })
      .from(cycles)
      .where(eq(cycles.id, cycleId));
    return JSON.stringify({ review, revisions, audits, cycle });
  };
  const bonusForm = () => ({
    unitId: String(guangdong),
    entryKind: 'bonus',
    entryId: 'bonus.integration.new-media',
    cycleVersion,
    count: '2',
    reason: '核对后更正',
  });
  const expectRefused = async (
    form: Record<string, string> | FormData,
    message: string,
    lang: 'zh' | 'en' = 'zh',
  ) => {
    const before = await state();
    const { outcome } = await post(form, lang);
    expect(outcome).toMatchObject({ kind: 'failure', status: 400, data: { errors: { _: message } } });
    expect(await state()).toBe(before);
  };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [row] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'national-2020'), eq(cycles.slug, '2020')));
    cycleId = row!.id;
    const [unit] = await database.db
      .select({ id: units.id })
      .from(units)
      .where(eq(units.code, 'cn-guangdong'));
    guangdong = unit!.id;
    admin = await sessionTokenFor(database, 'admin');
    const page = expectOk(
      await call(correctLoad, {
        url: `/publish/${cycleId}/correct`,
        params: { cycleId: String(cycleId) },
        token: admin,
      }),
    );
    ruleSet = page.ruleSet as AssessmentRuleSet;
    cycleVersion = String(page.cycle.version);
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('refuses a field the form does not have, naming it (in Chinese and in English)', async () => {
    await expectRefused({ ...bonusForm(), revision: '9' }, '请求含有未知字段：revision。');
    await expectRefused(
      { ...bonusForm(), decision: 'accepted', revision: '9' },
      'Unknown fields in the request: decision, revision.',
      'en',
    );
  });

  it("refuses another kind of entry's field (points on a bonus entry) and a deduct criterion the sub-item lacks", async () => {
    await expectRefused({ ...bonusForm(), points: '5' }, '请求含有未知字段：points。');
    const deduct = ruleSet.areas
      .flatMap((area) => area.items.flatMap((item) => item.subItems))
      .find((subItem) => subItem.method.kind === 'deduct')!;
    expect(deduct).toBeDefined();
    const criteria = deduct.method.kind === 'deduct' ? deduct.method.criteria : [];
    await expectRefused(
      {
        unitId: String(guangdong),
        entryKind: 'subItem',
        entryId: deduct.id,
        cycleVersion,
        [`count.${criteria[0]!.id}`]: '1',
        'count.made-up': '1',
        reason: '核对后更正',
      },
      '请求含有未知字段：count.made-up。',
    );
  });

  it('refuses a file and a repeated field, and names a missing or invalid field of its own', async () => {
    const withFile = new FormData();
    for (const [name, value] of Object.entries(bonusForm())) withFile.append(name, value);
    withFile.append('evidence', new File(['%PDF-1.4\n%%EOF\n'], 'a.pdf', { type: 'application/pdf' }));
    await expectRefused(withFile, '请求含有未知字段：evidence。');
    const twice = new FormData();
    for (const [name, value] of Object.entries(bonusForm())) twice.append(name, value);
    twice.append('count', '7');
    await expectRefused(twice, '请求含有未知字段：count。');
    const { cycleVersion: _version, ...withoutVersion } = bonusForm();
    await expectRefused(withoutVersion, '更正请求的字段缺失或无效：cycleVersion。');
    await expectRefused({ ...bonusForm(), entryKind: 'area' }, '更正请求的字段缺失或无效：entryKind。');
  });

  it('still takes the exact form (own fields and the entry’s), as a new revision', async () => {
    const before = await state();
    const { outcome } = await post(bonusForm());
    expect(outcome).toMatchObject({ kind: 'ok', value: { revision: expect.any(Number) } });
    expect(await state()).not.toBe(before);
    const [row] = await database.db
      .select({ inputs: reviews.inputs, reason: reviews.reason })
      .from(reviews)
      .where(
        and(
          eq(reviews.cycleId, cycleId),
          eq(reviews.unitId, guangdong),
          eq(reviews.entryId, 'bonus.integration.new-media'),
        ),
      );
    expect(row).toEqual({ inputs: { count: 2 }, reason: '核对后更正' });
  });
});
