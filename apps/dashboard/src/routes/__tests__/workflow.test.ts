import { and, eq, like, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCycleContext } from '$lib/server/assessment/context';
import { cycleOutcomes } from '$lib/server/assessment/results';
import { hashPassword } from '$lib/server/auth/password';
import { validateSessionToken } from '$lib/server/auth/session';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import {
  auditLog,
  cycles,
  evidence,
  evidenceFiles,
  programmes,
  resultRevisions,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
  users,
} from '$lib/server/db/schema';
import { saveEntry } from '$lib/server/workflow/self-evaluation';
import { elfFile, pdfFile, pngFile } from '../../../test/files';
import {
  call,
  databaseKinds,
  sessionTokenFor,
  useTestDatabase,
  type CallResult,
} from '../../../test/harness';
import { actions as correctActions } from '../publish/[cycleId]/correct/+page.server';
import { actions as publishActions, load as publishLoad } from '../publish/+page.server';
import { actions as reviewActions } from '../review/[cycleId]/[unitId]/+page.server';
import { actions as selfActions, load as selfLoad } from '../self-evaluation/[cycleId]/[unitId]/+page.server';
import { load as auditLoad } from '../audit/+page.server';

// The self-evaluation → review → publish workflow through its real actions, against the role matrix: each forbidden
// write gets 403 and changes nothing (checked in the database), on PGlite and on PostgreSQL.

const everyEntry: Record<string, Record<string, string>> = {
  'measurement:seriousIncident': { flag: 'no' },
  'measurement:seriousMisstatementFailures': { value: '0' },
  'subItem:A1.1': { value: '92' },
  'subItem:A2.1': { value: '100' },
  'subItem:A3.1': { value: '100' },
  'subItem:A4.1': { value: '100' },
  'subItem:A5.1': { 'count.A5.1-unresolved': '0' },
  'subItem:A5.2': {},
  'subItem:B1.1': {},
  'subItem:B2.1': {},
  'subItem:B3.1': { value: '100' },
  'subItem:B3.2': {},
  'subItem:B4.1': {},
  'subItem:C1.1': {},
  'subItem:C2.1': { value: '100' },
  'subItem:C3.1': {},
  'subItem:C4.1': {},
  'subItem:D1.1': { met: 'yes' },
  'subItem:D2.1': { met: 'yes' },
  'subItem:D3.1': { points: '7' },
};

describe.each(databaseKinds)('self-evaluation, review and publishing on %s', (kind) => {
  let database: AppDatabase;
  const tokens: Record<string, string> = {};
  let cycleId: number;
  let closedCycleId: number;
  let publishedCycleId: number;
  let lanzhou: number;
  let demoOpenCycleId: number;
  let qingyang: number;
  let jinchang: number;
  let baiyin: number;

  const selfUrl = (unitId: number, action: string, cycle = cycleId) => ({
    url: `/self-evaluation/${cycle}/${unitId}?/${action}`,
    params: { cycleId: String(cycle), unitId: String(unitId) },
  });
  const reviewUrl = (unitId: number, action: string, cycle = cycleId) => ({
    url: `/review/${cycle}/${unitId}?/${action}`,
    params: { cycleId: String(cycle), unitId: String(unitId) },
  });
  const entryForm = (key: string, version = '0', extra: Record<string, string> = {}) => {
    const [entryKind, entryId] = key.split(':') as [string, string];
    return { entryKind, entryId, version, ...everyEntry[key], ...extra };
  };

  /** Everything a forbidden write could have touched. */
  const snapshot = async () => {
    // one query after another: one pooled connection (see the harness's note on closing the pool)
    const self = await database.db.select().from(selfEvaluations).orderBy(selfEvaluations.id);
    const rev = await database.db.select().from(reviews).orderBy(reviews.id);
    const subs = await database.db
      .select()
      .from(unitSubmissions)
      .orderBy(unitSubmissions.cycleId, unitSubmissions.unitId);
    const ev = await database.db.select().from(evidence).orderBy(evidence.id);
    const files = await database.db
      .select({ sha256: evidenceFiles.sha256 })
      .from(evidenceFiles)
      .orderBy(evidenceFiles.sha256);
    // the refusal itself is logged (access.denied); nothing else may be
    const audits = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(ne(auditLog.action, 'access.denied'));
    const revisions = await database.db.select().from(resultRevisions).orderBy(resultRevisions.id);
    const cycleRows = await database.db.select().from(cycles).orderBy(cycles.id);
    return JSON.stringify({ self, rev, subs, ev, files, audits, revisions, cycleRows });
  };
  const expectForbidden = async (run: () => Promise<CallResult<unknown>>) => {
    const before = await snapshot();
    const { outcome } = await run();
    expect(outcome).toMatchObject({ kind: 'error', status: 403 });
    expect(await snapshot()).toBe(before);
  };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [programme] = await database.db.select().from(programmes).where(eq(programmes.slug, 'gansu-2019'));
    const [published] = await database.db
      .select()
      .from(cycles)
      .where(and(eq(cycles.programmeId, programme!.id), eq(cycles.slug, '2019')));
    const [demoOpen] = await database.db
      .select()
      .from(cycles)
      .where(and(eq(cycles.programmeId, programme!.id), eq(cycles.slug, '2020')));
    demoOpenCycleId = demoOpen!.id;
    publishedCycleId = published!.id;
    const [open] = await database.db
      .insert(cycles)
      .values({
        programmeId: programme!.id,
        slug: 'wf-open',
        title: '流程测试（自查自评中）',
        status: 'open',
      })
      .returning();
    cycleId = open!.id;
    const [closed] = await database.db
      .insert(cycles)
      .values({
        programmeId: programme!.id,
        slug: 'wf-closed',
        title: '流程测试（复核中）',
        status: 'review',
      })
      .returning();
    closedCycleId = closed!.id;
    const unitRows = await database.db.select().from(units);
    const byCode = (code: string) => unitRows.find((unit) => unit.code === code)!.id;
    lanzhou = byCode('gs-lanzhou');
    jinchang = byCode('gs-jinchang');
    baiyin = byCode('gs-baiyin');
    qingyang = byCode('gs-qingyang');
    // a second reviewer, who once saved an entry of 白银市 (e.g. while seconded to it)
    await database.db.insert(users).values({
      username: 'reviewer2',
      displayName: '复核员乙',
      passwordHash: await hashPassword('kaohe-reviewer2-test'),
      role: 'reviewer',
    });
    for (const username of ['admin', 'assessor', 'reviewer', 'reviewer2', 'leader'])
      tokens[username] = await sessionTokenFor(database, username);
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('shows the assessor a form per entry, with the rule set for the live preview', async () => {
    const { outcome } = await call(selfLoad, {
      ...selfUrl(lanzhou, 'x'),
      url: `/self-evaluation/${cycleId}/${lanzhou}`,
      token: tokens.assessor,
    });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const value = outcome.value as { entries: unknown[]; canEdit: boolean; ruleSet: { id: string } };
    expect(value.entries).toHaveLength(20);
    expect(value.canEdit).toBe(true);
    expect(value.ruleSet.id).toBe('gansu-2019-annual-assessment');
  });

  it('saves a draft entry, with its audit entry (before → after)', async () => {
    const { outcome } = await call(selfActions.save, {
      ...selfUrl(lanzhou, 'save'),
      token: tokens.assessor,
      form: entryForm('subItem:A5.1', '0', { 'count.A5.1-unresolved': '2', note: '两条留言未办结' }),
    });
    expect(outcome).toMatchObject({ kind: 'ok', value: { version: 1, message: '已保存草稿。' } });
    const [row] = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, cycleId), eq(selfEvaluations.entryId, 'A5.1')));
    expect(row).toMatchObject({
      inputs: { counts: { 'A5.1-unresolved': 2 } },
      note: '两条留言未办结',
      version: 1,
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, `${cycleId}/${lanzhou}/subItem:A5.1`));
    expect(audit).toMatchObject({ action: 'selfEvaluation.save', before: null });
    expect(audit!.after).toMatchObject({ inputs: { counts: { 'A5.1-unresolved': 2 } }, version: 1 });
  });

  it.each([
    [
      'manual points above the maximum',
      'subItem:D3.1',
      { points: '8' },
      'points',
      '得分必须在 0 到 7 之间。',
    ],
    ['a check left unanswered', 'subItem:D1.1', { met: '' }, 'met', '请选择是否达标。'],
    ['a percentage above 100', 'subItem:A2.1', { value: '120' }, 'value', '请输入 0 到 100 之间的百分数。'],
    ['not a number', 'subItem:A1.1', { value: '九十' }, 'value', '请输入数字，例如 95 或 2.5。'],
    // a percent field and a points field check a range too: text there once threw inside Decimal (500)
    ['text as a percentage', 'subItem:A2.1', { value: '很多' }, 'value', '请输入数字，例如 95 或 2.5。'],
    ['text as points', 'subItem:D3.1', { points: '满分' }, 'points', '请输入数字，例如 95 或 2.5。'],
    [
      'not applicable without a reason',
      'subItem:A4.1',
      { notApplicable: 'on', naReason: ' ' },
      'naReason',
      '不适用时必须说明理由。',
    ],
    [
      'a negative count',
      'subItem:B1.1',
      { 'count.B1.1-quarter-short': '-1' },
      'count.B1.1-quarter-short',
      '请输入不小于 0 的整数。',
    ],
    [
      'a link that is not http(s)',
      'subItem:D1.1',
      { linkUrl: 'javascript:alert(1)' },
      'linkUrl',
      '链接须以 http:// 或 https:// 开头。',
    ],
  ])(
    'refuses %s with a Chinese message at the field, storing nothing',
    async (_label, key, extra, field, message) => {
      const before = await snapshot();
      const { outcome } = await call(selfActions.save, {
        ...selfUrl(lanzhou, 'save'),
        token: tokens.assessor,
        form: entryForm(key, '0', extra),
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
      if (outcome.kind === 'failure')
        expect((outcome.data.errors as Record<string, string>)[field]).toBe(message);
      expect(await snapshot()).toBe(before);
    },
  );

  it('gives the second of two people saving the same entry a conflict, never a silent overwrite', async () => {
    const first = await call(selfActions.save, {
      ...selfUrl(lanzhou, 'save'),
      token: tokens.assessor,
      form: entryForm('subItem:D3.1', '0', { points: '6' }),
    });
    expect(first.outcome).toMatchObject({ kind: 'ok' });
    // the second person opened the form before the first save: they send version 0 too
    const second = await call(selfActions.save, {
      ...selfUrl(lanzhou, 'save'),
      token: tokens.assessor,
      form: entryForm('subItem:D3.1', '0', { points: '3' }),
    });
    expect(second.outcome).toMatchObject({ kind: 'failure', status: 409 });
    if (second.outcome.kind === 'failure') {
      expect((second.outcome.data.errors as Record<string, string>)._).toMatch(/^保存冲突/);
      expect(second.outcome.data.conflict).toMatchObject({ version: 1, fields: { points: '6' } });
    }
    const [row] = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, cycleId), eq(selfEvaluations.entryId, 'D3.1')));
    expect(row).toMatchObject({ inputs: { points: '6' }, version: 1 });
  });

  it('leaves the previous state intact when the save fails half-way (the audit insert fails)', async () => {
    await database.db.execute(
      sql.raw(
        `create function kaohe_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`,
      ),
    );
    await database.db.execute(
      sql.raw(
        `create trigger kaohe_fail before insert on audit_log for each row when (new.action = 'selfEvaluation.save') execute function kaohe_fail()`,
      ),
    );
    try {
      const before = await snapshot();
      await expect(
        call(selfActions.save, {
          ...selfUrl(lanzhou, 'save'),
          token: tokens.assessor,
          form: entryForm('subItem:D3.1', '1', { points: '2' }),
        }),
      ).rejects.toThrow();
      expect(await snapshot()).toBe(before);
    } finally {
      await database.db.execute(sql.raw('drop trigger kaohe_fail on audit_log'));
      await database.db.execute(sql.raw('drop function kaohe_fail()'));
    }
  });

  describe('evidence uploads (multipart, typed from the bytes)', () => {
    const upload = async (file: File, extra: Record<string, string> = {}) => {
      const token = tokens.assessor!;
      const { session, user } = await validateSessionToken(database.db, token);
      const body = new FormData();
      for (const [key, value] of Object.entries({
        ...entryForm('subItem:D1.1', String(await versionOf('D1.1'))),
        ...extra,
      }))
        body.set(key, value);
      body.set('file', file);
      const request = new Request(`http://localhost/self-evaluation/${cycleId}/${lanzhou}?/save`, {
        method: 'POST',
        body,
      });
      const context = (await loadCycleContext(database.db, cycleId))!;
      const unit = context.units.find((candidate) => candidate.id === lanzhou)!;
      const event = {
        request,
        url: new URL(request.url),
        locals: { user, session, lang: 'zh' as const },
        getClientAddress: () => '127.0.0.1',
      };
      return saveEntry(database.db, event, context, unit);
    };
    const versionOf = async (entryId: string) =>
      (
        await database.db
          .select({ version: selfEvaluations.version })
          .from(selfEvaluations)
          .where(
            and(
              eq(selfEvaluations.cycleId, cycleId),
              eq(selfEvaluations.unitId, lanzhou),
              eq(selfEvaluations.entryId, entryId),
            ),
          )
      )[0]?.version ?? 0;

    it('stores a real PDF with the type read from its bytes, in the same transaction as the entry', async () => {
      const result = await upload(
        new File([pdfFile('meeting minutes') as BlobPart], '会议纪要.pdf', { type: 'text/html' }),
        {
          fileTitle: '专题会议纪要',
        },
      );
      expect(result).toMatchObject({ action: 'save', version: 1 });
      const [row] = await database.db
        .select()
        .from(evidence)
        .where(and(eq(evidence.cycleId, cycleId), eq(evidence.entryId, 'D1.1')));
      expect(row).toMatchObject({
        kind: 'file',
        title: '专题会议纪要',
        fileName: '会议纪要.pdf',
        mediaType: 'application/pdf',
      });
    });

    it.each([
      [
        'a renamed executable',
        () => new File([elfFile() as BlobPart], 'report.pdf', { type: 'application/pdf' }),
        400,
        /文件内容不是可接受的格式/,
      ],
      ['a PNG named .pdf', () => new File([pngFile() as BlobPart], 'report.pdf'), 400, /与扩展名“\.pdf”不符/],
      [
        'a file over 20 MB',
        () => new File([new Uint8Array(20 * 1024 * 1024 + 1) as BlobPart], 'big.pdf'),
        413,
        /不得超过 20 MB/,
      ],
    ])('refuses %s and stores nothing (not even the entry)', async (_label, make, status, message) => {
      const before = await snapshot();
      const result = await upload(make(), { met: 'no' });
      expect(result).toMatchObject({ status });
      expect((result as { data: { errors: Record<string, string> } }).data.errors.file).toMatch(message);
      expect(await snapshot()).toBe(before);
    });
  });

  describe('the role matrix: forbidden writes get 403 and change nothing', () => {
    it('an assessor writing to another unit', async () => {
      await expectForbidden(() =>
        call(selfActions.save, {
          ...selfUrl(jinchang, 'save'),
          token: tokens.assessor,
          form: entryForm('subItem:D1.1'),
        }),
      );
      await expectForbidden(() =>
        call(selfActions.submit, {
          ...selfUrl(jinchang, 'submit'),
          token: tokens.assessor,
          form: { version: '0' },
        }),
      );
    });
    it('an assessor writing after the cycle closed', async () => {
      await expectForbidden(() =>
        call(selfActions.save, {
          ...selfUrl(lanzhou, 'save', closedCycleId),
          token: tokens.assessor,
          form: entryForm('subItem:D1.1'),
        }),
      );
    });
    it('an assessor writing to a published cycle', async () => {
      await expectForbidden(() =>
        call(selfActions.save, {
          ...selfUrl(lanzhou, 'save', publishedCycleId),
          token: tokens.assessor,
          form: entryForm('subItem:D1.1', '1'),
        }),
      );
    });
    it('a reviewer writing to a published cycle', async () => {
      await expectForbidden(() =>
        call(reviewActions.review, {
          ...reviewUrl(lanzhou, 'review', publishedCycleId),
          token: tokens.reviewer,
          form: {
            entryKind: 'subItem',
            entryId: 'D1.1',
            version: '1',
            decision: 'adjust',
            reason: '复查',
            met: 'no',
          },
        }),
      );
    });
    it.each(['admin', 'reviewer', 'leader'])('the %s writing a self-evaluation', async (role) => {
      await expectForbidden(() =>
        call(selfActions.save, {
          ...selfUrl(lanzhou, 'save'),
          token: tokens[role],
          form: entryForm('subItem:C1.1'),
        }),
      );
      await expectForbidden(() =>
        call(selfActions.removeEvidence, {
          ...selfUrl(lanzhou, 'removeEvidence'),
          token: tokens[role],
          form: { evidenceId: '1' },
        }),
      );
    });
    it('the leader calling any write', async () => {
      const leader = tokens.leader;
      await expectForbidden(() =>
        call(selfActions.submit, { ...selfUrl(lanzhou, 'submit'), token: leader, form: { version: '0' } }),
      );
      await expectForbidden(() =>
        call(reviewActions.review, {
          ...reviewUrl(lanzhou, 'review'),
          token: leader,
          form: { entryKind: 'subItem', entryId: 'D1.1', version: '0', decision: 'accept' },
        }),
      );
      await expectForbidden(() =>
        call(reviewActions.verify, {
          ...reviewUrl(lanzhou, 'verify'),
          token: leader,
          form: { version: '1' },
        }),
      );
      await expectForbidden(() =>
        call(publishActions.advance, {
          url: '/publish?/advance',
          token: leader,
          form: { cycleId: String(cycleId), to: 'review', version: '1' },
        }),
      );
      await expectForbidden(() =>
        call(correctActions.correct, {
          url: `/publish/${publishedCycleId}/correct?/correct`,
          params: { cycleId: String(publishedCycleId) },
          token: leader,
          form: {
            unitId: String(lanzhou),
            entryKind: 'subItem',
            entryId: 'D1.1',
            cycleVersion: '2',
            met: 'no',
            reason: 'x',
          },
        }),
      );
      const publishPage = await call(publishLoad, { url: '/publish', token: leader });
      expect(publishPage.outcome).toMatchObject({ kind: 'error', status: 403 });
      const auditPage = await call(auditLoad, { url: '/audit', token: leader });
      expect(auditPage.outcome).toMatchObject({ kind: 'error', status: 403 });
    });
    it('a reviewer reviewing a unit they assessed', async () => {
      const [reviewer2] = await database.db.select().from(users).where(eq(users.username, 'reviewer2'));
      await database.db.insert(selfEvaluations).values({
        cycleId,
        unitId: baiyin,
        entryKind: 'subItem',
        entryId: 'D1.1',
        inputs: { met: true },
        updatedBy: reviewer2!.id,
      });
      await database.db
        .insert(unitSubmissions)
        .values({ cycleId, unitId: baiyin, status: 'submitted', submittedAt: new Date() });
      await expectForbidden(() =>
        call(reviewActions.review, {
          ...reviewUrl(baiyin, 'review'),
          token: tokens.reviewer2,
          form: { entryKind: 'subItem', entryId: 'D1.1', version: '0', decision: 'accept' },
        }),
      );
      // another reviewer may
      const { outcome } = await call(reviewActions.review, {
        ...reviewUrl(baiyin, 'review'),
        token: tokens.reviewer,
        form: { entryKind: 'subItem', entryId: 'D1.1', version: '0', decision: 'accept' },
      });
      expect(outcome).toMatchObject({ kind: 'ok' });
    });
    it('a reviewer reviewing a unit that has not submitted', async () => {
      await expectForbidden(() =>
        call(reviewActions.review, {
          ...reviewUrl(lanzhou, 'review'),
          token: tokens.reviewer,
          form: { entryKind: 'subItem', entryId: 'D1.1', version: '0', decision: 'accept' },
        }),
      );
    });
  });

  it('accepts the entries not reviewed yet in one step, leaving an adjustment as it is', async () => {
    // the demo's open 2020 cycle: 庆阳市 has submitted and waits for review
    const unitReviews = () =>
      database.db
        .select()
        .from(reviews)
        .where(and(eq(reviews.cycleId, demoOpenCycleId), eq(reviews.unitId, qingyang)));
    expect(await unitReviews()).toHaveLength(0);
    await expectForbidden(() =>
      call(reviewActions.acceptRemaining, {
        ...reviewUrl(qingyang, 'acceptRemaining', demoOpenCycleId),
        token: tokens.leader,
        form: { version: '1' },
      }),
    );
    const adjusted = await call(reviewActions.review, {
      ...reviewUrl(qingyang, 'review', demoOpenCycleId),
      token: tokens.reviewer,
      form: {
        entryKind: 'subItem',
        entryId: 'D3.1',
        version: '0',
        decision: 'adjust',
        points: '5',
        reason: '未开展年度业务培训',
      },
    });
    expect(adjusted.outcome).toMatchObject({ kind: 'ok' });
    const stale = await call(reviewActions.acceptRemaining, {
      ...reviewUrl(qingyang, 'acceptRemaining', demoOpenCycleId),
      token: tokens.reviewer,
      form: { version: '7' },
    });
    expect(stale.outcome).toMatchObject({ kind: 'failure', status: 409 });
    expect(await unitReviews()).toHaveLength(1);

    const { outcome } = await call(reviewActions.acceptRemaining, {
      ...reviewUrl(qingyang, 'acceptRemaining', demoOpenCycleId),
      token: tokens.reviewer,
      form: { version: '1' },
    });
    expect(outcome).toMatchObject({ kind: 'ok', value: { message: '已确认其余 19 项。' } });
    const rows = await unitReviews();
    expect(rows).toHaveLength(20);
    expect(rows.find((row) => row.entryId === 'D3.1')).toMatchObject({
      decision: 'adjusted',
      inputs: { points: '5' },
      reason: '未开展年度业务培训',
    });
    // each accepted entry carries the unit's own input, with its audit entry
    const selfRows = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, demoOpenCycleId), eq(selfEvaluations.unitId, qingyang)));
    for (const row of rows.filter((candidate) => candidate.entryId !== 'D3.1')) {
      expect(row.decision).toBe('accepted');
      const self = selfRows.find((candidate) => candidate.entryId === row.entryId);
      expect(row.inputs, row.entryId).toEqual(self!.inputs);
    }
    const accepts = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'review.accept'),
          like(auditLog.entityId, `${demoOpenCycleId}/${qingyang}/%`),
        ),
      );
    expect(accepts).toHaveLength(19);
    const verified = await call(reviewActions.verify, {
      ...reviewUrl(qingyang, 'verify', demoOpenCycleId),
      token: tokens.reviewer,
      form: { version: '1' },
    });
    expect(verified.outcome).toMatchObject({ kind: 'ok' });
  });

  it('runs the whole journey: submit → adjust with a reason → verify → publish → correct as revision 2', async () => {
    // submitting with entries missing is refused, naming them
    const early = await call(selfActions.submit, {
      ...selfUrl(lanzhou, 'submit'),
      token: tokens.assessor,
      form: { version: '0' },
    });
    expect(early.outcome).toMatchObject({ kind: 'failure', status: 400 });
    // fill in every entry (the ones already saved are updated at their version)
    const saved = await database.db
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, cycleId), eq(selfEvaluations.unitId, lanzhou)));
    for (const key of Object.keys(everyEntry)) {
      const version = saved.find((row) => `${row.entryKind}:${row.entryId}` === key)?.version ?? 0;
      const { outcome } = await call(selfActions.save, {
        ...selfUrl(lanzhou, 'save'),
        token: tokens.assessor,
        form: entryForm(key, String(version)),
      });
      expect(outcome, key).toMatchObject({ kind: 'ok' });
    }
    const submitted = await call(selfActions.submit, {
      ...selfUrl(lanzhou, 'submit'),
      token: tokens.assessor,
      form: { version: '0' },
    });
    expect(submitted.outcome).toMatchObject({ kind: 'ok' });
    // a submitted unit is no longer editable by its assessor
    await expectForbidden(() =>
      call(selfActions.save, {
        ...selfUrl(lanzhou, 'save'),
        token: tokens.assessor,
        form: entryForm('subItem:D3.1', '2'),
      }),
    );

    // the reviewer: an adjustment without a reason is refused at the field
    const noReason = await call(reviewActions.review, {
      ...reviewUrl(lanzhou, 'review'),
      token: tokens.reviewer,
      form: {
        entryKind: 'subItem',
        entryId: 'D3.1',
        version: '0',
        decision: 'adjust',
        points: '5',
        reason: '',
      },
    });
    expect(noReason.outcome).toMatchObject({ kind: 'failure', status: 400 });
    if (noReason.outcome.kind === 'failure')
      expect((noReason.outcome.data.errors as Record<string, string>).reason).toBe('调整必须填写理由。');
    const adjusted = await call(reviewActions.review, {
      ...reviewUrl(lanzhou, 'review'),
      token: tokens.reviewer,
      form: {
        entryKind: 'subItem',
        entryId: 'D3.1',
        version: '0',
        decision: 'adjust',
        points: '5',
        reason: '未提供年内培训材料，酌情扣2分',
      },
    });
    expect(adjusted.outcome).toMatchObject({ kind: 'ok' });
    const tooEarly = await call(reviewActions.verify, {
      ...reviewUrl(lanzhou, 'verify'),
      token: tokens.reviewer,
      form: { version: '1' },
    });
    expect(tooEarly.outcome).toMatchObject({ kind: 'failure', status: 400 });
    for (const key of Object.keys(everyEntry).filter((key) => key !== 'subItem:D3.1')) {
      const [entryKind, entryId] = key.split(':') as [string, string];
      const { outcome } = await call(reviewActions.review, {
        ...reviewUrl(lanzhou, 'review'),
        token: tokens.reviewer,
        form: { entryKind, entryId, version: '0', decision: 'accept' },
      });
      expect(outcome, key).toMatchObject({ kind: 'ok' });
    }
    const verified = await call(reviewActions.verify, {
      ...reviewUrl(lanzhou, 'verify'),
      token: tokens.reviewer,
      form: { version: '1' },
    });
    expect(verified.outcome).toMatchObject({ kind: 'ok' });

    // the verified result feeds the ranking (live, before publication)
    const context = (await loadCycleContext(database.db, cycleId))!;
    const live = await cycleOutcomes(database.db, context);
    const lanzhouOutcome = live.outcomes.find((outcome) => outcome.unit.id === lanzhou)!;
    expect(lanzhouOutcome).toMatchObject({ verified: true });
    const liveTotal = lanzhouOutcome.total;
    expect(liveTotal).not.toBeNull();

    // the publish form is strict: a field it does not know is refused (400, named), and nothing changes
    {
      const [cycle] = await database.db.select().from(cycles).where(eq(cycles.id, cycleId));
      const before = await snapshot();
      const { outcome } = await call(publishActions.advance, {
        url: '/publish?/advance',
        token: tokens.admin,
        form: { cycleId: String(cycleId), to: 'review', version: String(cycle!.version), force: 'yes' },
      });
      expect(outcome).toMatchObject({
        kind: 'failure',
        status: 400,
        data: { errors: { _: '请求含有未知字段：force。' } },
      });
      expect(await snapshot()).toBe(before);
    }
    // the admin closes and publishes: revision 1 is frozen
    for (const to of ['review', 'published']) {
      const [cycle] = await database.db.select().from(cycles).where(eq(cycles.id, cycleId));
      const { outcome } = await call(publishActions.advance, {
        url: '/publish?/advance',
        token: tokens.admin,
        form: { cycleId: String(cycleId), to, version: String(cycle!.version) },
      });
      expect(outcome, to).toMatchObject({ kind: 'ok' });
    }
    // published: reviewers and assessors can no longer write
    await expectForbidden(() =>
      call(reviewActions.review, {
        ...reviewUrl(lanzhou, 'review'),
        token: tokens.reviewer,
        form: {
          entryKind: 'subItem',
          entryId: 'D3.1',
          version: '1',
          decision: 'adjust',
          points: '7',
          reason: 'x',
        },
      }),
    );

    // a correction needs a reason, and becomes revision 2; revision 1 stays
    const [cycle] = await database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    const correctForm = {
      unitId: String(lanzhou),
      entryKind: 'subItem',
      entryId: 'D3.1',
      cycleVersion: String(cycle!.version),
      points: '7',
    };
    const unexplained = await call(correctActions.correct, {
      url: `/publish/${cycleId}/correct?/correct`,
      params: { cycleId: String(cycleId) },
      token: tokens.admin,
      form: { ...correctForm, reason: '' },
    });
    expect(unexplained.outcome).toMatchObject({ kind: 'failure', status: 400 });
    const corrected = await call(correctActions.correct, {
      url: `/publish/${cycleId}/correct?/correct`,
      params: { cycleId: String(cycleId) },
      token: tokens.admin,
      form: { ...correctForm, reason: '单位补交培训材料，经核实恢复7分' },
    });
    expect(corrected.outcome).toMatchObject({ kind: 'ok', value: { revision: 2 } });
    const { outcome: page } = await call(publishLoad, { url: '/publish', token: tokens.admin });
    expect(page.kind).toBe('ok');
    if (page.kind === 'ok') {
      const history = (
        page.value as {
          cycles: {
            id: number;
            history: { revision: number; reason: string | null; changes: unknown[] }[];
          }[];
        }
      ).cycles.find((candidate) => candidate.id === cycleId)!.history;
      expect(history.map((revision) => revision.revision)).toEqual([2, 1]);
      expect(history[0]).toMatchObject({ reason: '单位补交培训材料，经核实恢复7分' });
      expect(history[0]!.changes).toHaveLength(1);
    }
    const after = await cycleOutcomes(database.db, (await loadCycleContext(database.db, cycleId))!);
    expect(after.source).toMatchObject({ kind: 'published', revision: 2 });

    // the audit log holds every step, with before and after
    const { outcome: audit } = await call(auditLoad, { url: '/audit?entity=review', token: tokens.admin });
    expect(audit.kind).toBe('ok');
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog)).map(
      (row) => row.action,
    );
    for (const action of [
      'selfEvaluation.save',
      'evidence.upload',
      'submission.submit',
      'review.adjust',
      'review.accept',
      'submission.verify',
      'cycle.status',
      'result.correct',
    ])
      expect(actions, action).toContain(action);
  });
});
