import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { auditLog, cycles, programmes, resultRevisions, units } from '$lib/server/db/schema';
import { call, databaseKinds, sessionTokenFor, useTestDatabase } from '../../../test/harness';
import { load as adminLoad } from '../admin/+page.server';
import { actions as publishActions } from '../publish/+page.server';
import { POST as postCycleStatus } from '../api/cycles/[cycleId]/status/+server';
import { GET as getSelfEvaluation } from '../api/cycles/[cycleId]/units/[unitId]/self-evaluation/+server';

// The role matrix: each role's allowed and forbidden requests; a forbidden one gets 403 (anonymous: 401 or a
// redirect to the login page) and changes nothing in the database.

const roles = ['admin', 'assessor', 'reviewer', 'leader'] as const;
type DemoRole = (typeof roles)[number];

describe.each(databaseKinds)('role matrix on %s', (kind) => {
  let database: AppDatabase;
  const tokens = {} as Record<DemoRole, string>;
  let cycleId: number;
  let lanzhouId: number;
  let jinchangId: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) tokens[role] = await sessionTokenFor(database, role);
    // a cycle of our own, still open, for the status changes (the demo's 2019 cycle is published)
    // the Gansu demo's cycle, by slug: there are several demo programmes now
    const [demo] = await database.db
      .select({ programmeId: cycles.programmeId })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'gansu-2019'), eq(cycles.slug, '2019')));
    const [cycle] = await database.db
      .insert(cycles)
      .values({ programmeId: demo!.programmeId, slug: 'test-open', title: '测试周期', status: 'open' })
      .returning();
    cycleId = cycle!.id;
    const unitRows = await database.db.select().from(units);
    lanzhouId = unitRows.find((unit) => unit.code === 'gs-lanzhou')!.id;
    jinchangId = unitRows.find((unit) => unit.code === 'gs-jinchang')!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  const cycleState = async () => {
    const [cycle] = await database.db
      .select({ status: cycles.status, version: cycles.version })
      .from(cycles)
      .where(eq(cycles.id, cycleId));
    return cycle!;
  };
  const auditCount = async () =>
    (await database.db.select().from(auditLog).where(eq(auditLog.action, 'cycle.status'))).length;

  describe('admin page', () => {
    it('opens for the admin', async () => {
      const { outcome } = await call(adminLoad, { url: '/admin', token: tokens.admin });
      expect(outcome.kind).toBe('ok');
    });
    it.each(['assessor', 'reviewer', 'leader'] as const)('is forbidden to the %s', async (role) => {
      const { outcome } = await call(adminLoad, { url: '/admin', token: tokens[role] });
      expect(outcome).toMatchObject({
        kind: 'error',
        status: 403,
        body: { message: '无权访问：当前账号不能执行此操作。' },
      });
    });
    it('sends an anonymous reader to the login page', async () => {
      const { outcome } = await call(adminLoad, { url: '/admin' });
      expect(outcome).toMatchObject({ kind: 'redirect', status: 303, location: '/login?next=%2Fadmin' });
    });
  });

  describe('publishing action: cycle status (form, the one path from the pages)', () => {
    it.each(['assessor', 'reviewer', 'leader'] as const)(
      'is forbidden to the %s and changes nothing',
      async (role) => {
        const before = await cycleState();
        const audits = await auditCount();
        const { outcome } = await call(publishActions.advance, {
          url: '/publish?/advance',
          token: tokens[role],
          form: { cycleId: String(cycleId), to: 'published', version: String(before.version) },
        });
        expect(outcome).toMatchObject({ kind: 'error', status: 403 });
        expect(await cycleState()).toEqual(before);
        expect(await auditCount()).toBe(audits);
      },
    );
    it('is 401 for an anonymous post, and changes nothing', async () => {
      const before = await cycleState();
      const { outcome } = await call(publishActions.advance, {
        url: '/publish?/advance',
        form: { cycleId: String(cycleId), to: 'published', version: String(before.version) },
      });
      expect(outcome).toMatchObject({ kind: 'error', status: 401 });
      expect(await cycleState()).toEqual(before);
    });
    it('rejects a bad form with a message in Chinese and changes nothing', async () => {
      const before = await cycleState();
      const { outcome } = await call(publishActions.advance, {
        url: '/publish?/advance',
        token: tokens.admin,
        form: { cycleId: 'abc', to: 'archived', version: '1' },
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
      if (outcome.kind !== 'failure') return;
      const errors = outcome.data.errors as Record<string, string>;
      expect(errors._).toMatch(/[\u4e00-\u9fff]/);
      expect(await cycleState()).toEqual(before);
    });
  });

  describe('write endpoint: POST /api/cycles/:id/status', () => {
    it.each(['assessor', 'reviewer', 'leader'] as const)(
      'is forbidden to the %s and changes nothing',
      async (role) => {
        const before = await cycleState();
        const audits = await auditCount();
        const { outcome } = await call(postCycleStatus, {
          url: `/api/cycles/${cycleId}/status`,
          params: { cycleId: String(cycleId) },
          token: tokens[role],
          json: { to: 'published', version: before.version },
        });
        expect(outcome).toMatchObject({ kind: 'error', status: 403 });
        expect(await cycleState()).toEqual(before);
        expect(await auditCount()).toBe(audits);
      },
    );
    it('is 401 for an anonymous caller', async () => {
      const { outcome } = await call(postCycleStatus, {
        url: `/api/cycles/${cycleId}/status`,
        params: { cycleId: String(cycleId) },
        json: { to: 'published', version: 1 },
      });
      expect(outcome).toMatchObject({ kind: 'error', status: 401 });
    });
    it('refuses a form-encoded body (CSRF: JSON only)', async () => {
      const { outcome } = await call(postCycleStatus, {
        url: `/api/cycles/${cycleId}/status`,
        params: { cycleId: String(cycleId) },
        token: tokens.admin,
        form: { to: 'published', version: '1' },
      });
      expect(outcome).toMatchObject({ kind: 'error', status: 415 });
    });
    it('gives 409 on a stale version and 400 on a bad id', async () => {
      const before = await cycleState();
      const stale = await call(postCycleStatus, {
        url: `/api/cycles/${cycleId}/status`,
        params: { cycleId: String(cycleId) },
        token: tokens.admin,
        json: { to: 'published', version: before.version + 7 },
      });
      expect(stale.outcome.kind).toBe('response');
      if (stale.outcome.kind === 'response') expect(stale.outcome.status).toBe(409);
      const bad = await call(postCycleStatus, {
        url: '/api/cycles/x/status',
        params: { cycleId: 'x' },
        token: tokens.admin,
        json: { to: 'published', version: 1 },
      });
      expect(bad.outcome).toMatchObject({ kind: 'error', status: 400 });
      expect(await cycleState()).toEqual(before);
    });
  });

  describe('read endpoint: a unit’s self-evaluation draft', () => {
    const read = (token: string | undefined, unitId: number) =>
      call(getSelfEvaluation, {
        url: `/api/cycles/${cycleId}/units/${unitId}/self-evaluation`,
        params: { cycleId: String(cycleId), unitId: String(unitId) },
        token,
        headers: { accept: 'application/json' },
      });
    it('its own assessor reads it', async () => {
      const { outcome } = await read(tokens.assessor, lanzhouId);
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    });
    it('an assessor may not read another unit’s draft', async () => {
      const { outcome } = await read(tokens.assessor, jinchangId);
      expect(outcome).toMatchObject({ kind: 'error', status: 403 });
    });
    it.each(['admin', 'reviewer', 'leader'] as const)('the %s reads any unit', async (role) => {
      const { outcome } = await read(tokens[role], jinchangId);
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    });
    it('anonymous gets 401', async () => {
      const { outcome } = await read(undefined, lanzhouId);
      expect(outcome).toMatchObject({ kind: 'error', status: 401 });
    });
  });

  describe('the admin moves a cycle one step at a time', () => {
    it('refuses skipping a step', async () => {
      const before = await cycleState();
      expect(before.status).toBe('open');
      const skip = await call(postCycleStatus, {
        url: `/api/cycles/${cycleId}/status`,
        params: { cycleId: String(cycleId) },
        token: tokens.admin,
        json: { to: 'published', version: before.version },
      });
      expect(skip.outcome.kind === 'response' && skip.outcome.status).toBe(422);
      expect(await cycleState()).toEqual(before);
    });
    it('advances open → review → published with the current version, freezing results, with audit entries', async () => {
      const before = await cycleState();
      const review = await call(publishActions.advance, {
        url: '/publish?/advance',
        token: tokens.admin,
        form: { cycleId: String(cycleId), to: 'review', version: String(before.version) },
      });
      expect(review.outcome.kind).toBe('ok');
      const middle = await cycleState();
      expect(middle).toEqual({ status: 'review', version: before.version + 1 });
      const published = await call(postCycleStatus, {
        url: `/api/cycles/${cycleId}/status`,
        params: { cycleId: String(cycleId) },
        token: tokens.admin,
        json: { to: 'published', version: middle.version },
      });
      expect(published.outcome.kind === 'response' && published.outcome.status).toBe(200);
      expect(await cycleState()).toEqual({ status: 'published', version: before.version + 2 });
      const revisions = await database.db
        .select()
        .from(resultRevisions)
        .where(eq(resultRevisions.cycleId, cycleId));
      expect(revisions.map((revision) => revision.revision)).toEqual([1]);
      const audits = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'cycle.status'), eq(auditLog.entityId, String(cycleId))));
      expect(audits).toHaveLength(2);
      expect(audits.every((entry) => entry.actorId !== null)).toBe(true);
    });
  });
});
