import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deniedRowsPerCallerPerMinute, recordDenied } from '$lib/server/audit';
import { sessionIdFromToken } from '$lib/server/auth/session';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import {
  auditLog,
  cycles,
  programmeGroups,
  programmes,
  programmeUnits,
  sessions,
  units,
  users,
} from '$lib/server/db/schema';
import {
  call,
  databaseKinds,
  expectOk,
  sessionTokenFor,
  useTestDatabase,
  type CallOptions,
} from '../../../test/harness';
import { load as adminLoad } from '../admin/+page.server';
import {
  actions as programmeActions,
  load as programmeLoad,
} from '../admin/programmes/[programmeId]/+page.server';
import { actions as programmesActions, load as programmesLoad } from '../admin/programmes/+page.server';
import { actions as unitActions, load as unitLoad } from '../admin/units/[unitId]/+page.server';
import { actions as unitsActions, load as unitsLoad } from '../admin/units/+page.server';
import { actions as userActions, load as userLoad } from '../admin/users/[userId]/+page.server';
import { actions as usersActions, load as usersLoad } from '../admin/users/+page.server';
import { load as homeLoad } from '../+page.server';
import { actions as loginActions } from '../login/+page.server';

// Administration: users, units, programmes (groups, units in groups, cycles). Only an admin may do any of it; every
// other role gets 403, nothing changes, and the refusal is logged (rate-limited). Bad forms get messages per field in
// Chinese, database constraint violations become field messages, and every change has an audit entry with before
// and after.

const roles = ['admin', 'assessor', 'reviewer', 'leader', 'inspector'] as const;
const others = ['assessor', 'reviewer', 'leader', 'inspector'] as const;
type DemoRole = (typeof roles)[number];

const chinese = /[\u4e00-\u9fff]/;

describe.each(databaseKinds)('administration on %s', (kind) => {
  let database: AppDatabase;
  const tokens = {} as Record<DemoRole, string>;
  let adminId: number;
  let lanzhouId: number;
  let demoProgrammeId: number;
  let leaderId: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) tokens[role] = await sessionTokenFor(database, role);
    const accounts = await database.db.select().from(users);
    adminId = accounts.find((user) => user.username === 'admin')!.id;
    leaderId = accounts.find((user) => user.username === 'leader')!.id;
    const [lanzhou] = await database.db.select().from(units).where(eq(units.code, 'gs-lanzhou'));
    lanzhouId = lanzhou!.id;
    const [demo] = await database.db.select().from(programmes).where(eq(programmes.slug, 'gansu-2019'));
    demoProgrammeId = demo!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  /** Everything an admin action could change (audit rows other than refusals included). */
  const snapshot = async () => {
    const userRows = await database.db.select().from(users).orderBy(asc(users.id));
    const unitRows = await database.db.select().from(units).orderBy(asc(units.id));
    const programmeRows = await database.db.select().from(programmes).orderBy(asc(programmes.id));
    const groupRows = await database.db.select().from(programmeGroups).orderBy(asc(programmeGroups.id));
    const memberRows = await database.db
      .select()
      .from(programmeUnits)
      .orderBy(asc(programmeUnits.programmeId), asc(programmeUnits.unitId));
    const cycleRows = await database.db.select().from(cycles).orderBy(asc(cycles.id));
    const sessionRows = await database.db
      .select({ id: sessions.id })
      .from(sessions)
      .orderBy(asc(sessions.id));
    const audits = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(ne(auditLog.action, 'access.denied'));
    return JSON.stringify({
      userRows,
      unitRows,
      programmeRows,
      groupRows,
      memberRows,
      cycleRows,
      sessionRows,
      audits,
    });
  };

  const lastAudit = async (action: string) => {
    const [row] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    return row;
  };

  const failureOf = (outcome: { kind: string; status: number }) => {
    expect(outcome.kind).toBe('failure');
    return outcome as {
      kind: 'failure';
      status: number;
      data: { form: string; errors: Record<string, string>; values: Record<string, string> };
    };
  };

  /** Every admin load and action, called as the given role with a valid-looking form. */
  const everyAdminRequest = (): [string, (options: CallOptions) => ReturnType<typeof call>][] => {
    const userParams = { userId: String(leaderId) };
    const unitParams = { unitId: String(lanzhouId) };
    const programmeParams = { programmeId: String(demoProgrammeId) };
    return [
      ['load /admin', (o) => call(adminLoad, { ...o, url: '/admin' })],
      ['load /admin/users', (o) => call(usersLoad, { ...o, url: '/admin/users' })],
      [
        'load /admin/users/:id',
        (o) => call(userLoad, { ...o, url: `/admin/users/${leaderId}`, params: userParams }),
      ],
      ['load /admin/units', (o) => call(unitsLoad, { ...o, url: '/admin/units' })],
      [
        'load /admin/units/:id',
        (o) => call(unitLoad, { ...o, url: `/admin/units/${lanzhouId}`, params: unitParams }),
      ],
      ['load /admin/programmes', (o) => call(programmesLoad, { ...o, url: '/admin/programmes' })],
      [
        'load /admin/programmes/:id',
        (o) =>
          call(programmeLoad, { ...o, url: `/admin/programmes/${demoProgrammeId}`, params: programmeParams }),
      ],
      [
        'create user',
        (o) =>
          call(usersActions.create, {
            ...o,
            url: '/admin/users?/create',
            form: {
              username: 'intruder',
              displayName: '入侵者',
              role: 'admin',
              unitId: '',
              password: 'long-enough-password',
            },
          }),
      ],
      [
        'edit user',
        (o) =>
          call(userActions.update, {
            ...o,
            url: `/admin/users/${leaderId}?/update`,
            params: userParams,
            form: { displayName: '改名', role: 'admin', unitId: '' },
          }),
      ],
      [
        'deactivate user',
        (o) =>
          call(userActions.active, {
            ...o,
            url: `/admin/users/${leaderId}?/active`,
            params: userParams,
            form: { active: 'false' },
          }),
      ],
      [
        'reset password',
        (o) =>
          call(userActions.password, {
            ...o,
            url: `/admin/users/${adminId}?/password`,
            params: { userId: String(adminId) },
            form: { password: 'taken-over-password', confirm: 'taken-over-password' },
          }),
      ],
      [
        'create unit',
        (o) =>
          call(unitsActions.create, {
            ...o,
            url: '/admin/units?/create',
            form: { code: 'x-unit', name: '某单位', nameEn: '', kind: 'department' },
          }),
      ],
      [
        'edit unit',
        (o) =>
          call(unitActions.update, {
            ...o,
            url: `/admin/units/${lanzhouId}?/update`,
            params: unitParams,
            form: { code: 'gs-lanzhou', name: '改名', nameEn: '', kind: 'region' },
          }),
      ],
      [
        'create programme',
        (o) =>
          call(programmesActions.create, {
            ...o,
            url: '/admin/programmes?/create',
            form: {
              slug: 'x-programme',
              title: '某方案',
              titleEn: '',
              ruleSetId: 'gansu-2019-annual-assessment',
              level: 'province',
              organiser: '',
            },
          }),
      ],
      [
        'edit programme',
        (o) =>
          call(programmeActions.update, {
            ...o,
            url: `/admin/programmes/${demoProgrammeId}?/update`,
            params: programmeParams,
            form: {
              slug: 'gansu-2019',
              title: '改名',
              titleEn: '',
              ruleSetId: 'gansu-2019-annual-assessment',
              level: 'province',
              organiser: '',
            },
          }),
      ],
      [
        'add group',
        (o) =>
          call(programmeActions.addGroup, {
            ...o,
            url: `/admin/programmes/${demoProgrammeId}?/addGroup`,
            params: programmeParams,
            form: { key: 'x-group', label: '某组', labelEn: '' },
          }),
      ],
      [
        'assign units',
        (o) =>
          call(programmeActions.assign, {
            ...o,
            url: `/admin/programmes/${demoProgrammeId}?/assign`,
            params: programmeParams,
            form: { groupId: '1', unitCodes: 'gs-lanzhou' },
          }),
      ],
      [
        'create cycle',
        (o) =>
          call(programmeActions.cycle, {
            ...o,
            url: `/admin/programmes/${demoProgrammeId}?/cycle`,
            params: programmeParams,
            form: { slug: 'x-cycle', title: '某周期', titleEn: '' },
          }),
      ],
    ];
  };

  describe('role matrix', () => {
    it('lets the admin open every admin page', async () => {
      for (const [name, request] of everyAdminRequest().filter(([name]) => name.startsWith('load'))) {
        const { outcome } = await request({ url: '', token: tokens.admin });
        expect(outcome.kind, name).toBe('ok');
      }
    });

    it.each(others)(
      'refuses every admin page and action to the %s with 403, changing nothing',
      async (role) => {
        const before = await snapshot();
        for (const [name, request] of everyAdminRequest()) {
          const { outcome } = await request({ url: '', token: tokens[role] });
          expect(outcome, name).toMatchObject({
            kind: 'error',
            status: 403,
            body: { message: '无权访问：当前账号不能执行此操作。' },
          });
        }
        expect(await snapshot()).toBe(before);
      },
    );

    it('refuses anonymous actions with 401 and sends anonymous readers to the login page', async () => {
      const before = await snapshot();
      for (const [name, request] of everyAdminRequest()) {
        const { outcome } = await request({ url: '' });
        if (name.startsWith('load')) expect(outcome, name).toMatchObject({ kind: 'redirect', status: 303 });
        else expect(outcome, name).toMatchObject({ kind: 'error', status: 401 });
      }
      expect(await snapshot()).toBe(before);
    });
  });

  describe('refused requests in the audit log', () => {
    const denials = async (actorId: number) =>
      database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, actorId)))
        .orderBy(asc(auditLog.id));

    it('logs who, what and from where, once per user and path per minute', async () => {
      const [reviewer] = await database.db.select().from(users).where(eq(users.username, 'reviewer'));
      const before = (await denials(reviewer!.id)).length;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { outcome } = await call(usersLoad, {
          url: '/admin/users?try=' + attempt,
          token: tokens.reviewer,
          clientAddress: '192.0.2.44',
        });
        expect(outcome).toMatchObject({ kind: 'error', status: 403 });
      }
      const rows = await denials(reviewer!.id);
      // the role matrix above already refused this path within the minute; either way at most one row for it
      const forPath = rows.filter((row) => row.entityId === 'GET /admin/users');
      expect(forPath).toHaveLength(1);
      expect(forPath[0]).toMatchObject({
        entityType: 'request',
        after: { method: 'GET', path: '/admin/users', role: 'reviewer' },
      });
      expect(rows.length - before).toBeLessThanOrEqual(1);
      // a refusal on another path is another row
      const { outcome } = await call(unitsLoad, {
        url: '/admin/units?q=1',
        token: tokens.reviewer,
        clientAddress: '192.0.2.44',
        headers: { accept: 'application/json' },
      });
      expect(outcome).toMatchObject({ kind: 'error', status: 403 });
      const afterOther = await denials(reviewer!.id);
      const other = afterOther.find((row) => row.entityId === 'GET /admin/units');
      expect(other).toBeDefined();
      // the query string is not stored
      expect(JSON.stringify(afterOther)).not.toContain('q=1');
    });

    it('stores the client address of a refused request', async () => {
      const token = await sessionTokenFor(database, 'assessor');
      const [assessor] = await database.db.select().from(users).where(eq(users.username, 'assessor'));
      const { outcome } = await call(programmeActions.cycle, {
        url: `/admin/programmes/${demoProgrammeId}/unique-path?/cycle`,
        params: { programmeId: String(demoProgrammeId) },
        token,
        clientAddress: '198.51.100.7',
        form: { slug: 'nope', title: '不行', titleEn: '' },
      });
      expect(outcome).toMatchObject({ kind: 'error', status: 403 });
      const rows = await denials(assessor!.id);
      const row = rows.find(
        (entry) => entry.entityId === `POST /admin/programmes/${demoProgrammeId}/unique-path`,
      );
      expect(row).toMatchObject({ clientAddress: '198.51.100.7', actorId: assessor!.id });
    });

    it('caps the rows per user and minute however many paths are tried, and logs again after the minute', async () => {
      const token = await sessionTokenFor(database, 'leader');
      const base = (await denials(leaderId)).length;
      for (let index = 0; index < deniedRowsPerCallerPerMinute + 15; index += 1) {
        const { outcome } = await call(unitLoad, {
          url: `/admin/units/${index + 1}`,
          params: { unitId: String(index + 1) },
          token,
        });
        expect(outcome).toMatchObject({ kind: 'error', status: 403 });
      }
      const rows = await denials(leaderId);
      expect(rows.length).toBeLessThanOrEqual(deniedRowsPerCallerPerMinute);
      expect(rows.length).toBeGreaterThan(base);
      // a minute later the same caller and path is logged again
      const later = new Date(Date.now() + 2 * 60_000);
      const event = {
        locals: { user: { id: leaderId, role: 'leader' }, lang: 'zh' } as App.Locals,
        getClientAddress: () => '127.0.0.1',
        url: new URL('http://localhost/admin/units/1'),
        request: new Request('http://localhost/admin/units/1'),
      };
      expect(await recordDenied(database.db, event, later)).toBe(true);
      expect(await recordDenied(database.db, event, later)).toBe(false);
    });

    it('keys an anonymous refusal on the client address', async () => {
      const anonymous = (address: string) => ({
        locals: { user: null, lang: 'zh' } as App.Locals,
        getClientAddress: () => address,
        url: new URL('http://localhost/api/anything'),
        request: new Request('http://localhost/api/anything', { method: 'POST' }),
      });
      expect(await recordDenied(database.db, anonymous('203.0.113.5'))).toBe(true);
      expect(await recordDenied(database.db, anonymous('203.0.113.5'))).toBe(false);
      expect(await recordDenied(database.db, anonymous('203.0.113.6'))).toBe(true);
      const rows = await database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.entityId, 'POST /api/anything')))
        .orderBy(asc(auditLog.id));
      expect(rows.map((row) => [row.actorId, row.clientAddress])).toEqual([
        [null, '203.0.113.5'],
        [null, '203.0.113.6'],
      ]);
    });
  });

  describe('users', () => {
    const createUser = (form: Record<string, string>, token = tokens.admin) =>
      call(usersActions.create, { url: '/admin/users?/create', token, form });

    it('creates an assessor bound to a unit, hashed with argon2id, with an audit entry without the hash', async () => {
      const result = await createUser({
        username: 'New.Assessor',
        displayName: '新填报员',
        role: 'assessor',
        unitId: String(lanzhouId),
        password: 'a-good-long-password',
      });
      const value = expectOk(result) as { userId: number; message: string };
      expect(value.message).toMatch(chinese);
      const [row] = await database.db.select().from(users).where(eq(users.id, value.userId));
      expect(row).toMatchObject({
        username: 'new.assessor',
        role: 'assessor',
        unitId: lanzhouId,
        active: true,
      });
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
      const audit = await lastAudit('user.create');
      expect(audit).toMatchObject({
        actorId: adminId,
        entityType: 'user',
        entityId: String(value.userId),
        before: null,
        after: { username: 'new.assessor', role: 'assessor', unitId: lanzhouId, active: true },
      });
      expect(JSON.stringify(audit)).not.toContain('argon2');
      // and the new account can log in
      const login = await call(loginActions.default, {
        url: '/login',
        form: { username: 'new.assessor', password: 'a-good-long-password' },
        clientAddress: '10.20.0.1',
      });
      expect(login.outcome).toMatchObject({ kind: 'redirect', status: 303 });
    });

    it('turns a taken username into a field message (the unique constraint), not a 500', async () => {
      const before = await snapshot();
      const { outcome } = await createUser({
        username: 'LEADER',
        displayName: '重名',
        role: 'leader',
        unitId: '',
        password: 'a-good-long-password',
      });
      const failure = failureOf(outcome);
      expect(failure.status).toBe(409);
      expect(failure.data).toMatchObject({ form: 'create', errors: { username: '用户名已存在。' } });
      expect(failure.data.values).not.toHaveProperty('password');
      expect(failure.data.values.displayName).toBe('重名');
      expect(await snapshot()).toBe(before);
    });

    it('turns a unit that does not exist into a field message (the foreign key), not a 500', async () => {
      const before = await snapshot();
      const { outcome } = await createUser({
        username: 'ghost-unit',
        displayName: '无单位',
        role: 'assessor',
        unitId: '999999',
        password: 'a-good-long-password',
      });
      const failure = failureOf(outcome);
      expect(failure.data.errors).toEqual({ unitId: '所选单位不存在。' });
      expect(await snapshot()).toBe(before);
    });

    it('rejects a bad form with messages per field, in Chinese', async () => {
      const before = await snapshot();
      const { outcome } = await createUser({
        username: '名字',
        displayName: '',
        role: 'boss',
        unitId: 'x',
        password: 'short',
      });
      const failure = failureOf(outcome);
      expect(failure.status).toBe(400);
      expect(Object.keys(failure.data.errors).sort()).toEqual([
        'displayName',
        'password',
        'role',
        'unitId',
        'username',
      ]);
      for (const message of Object.values(failure.data.errors)) expect(message).toMatch(chinese);
      expect(failure.data.errors.password).toBe('密码至少 10 个字符。');
      expect(await snapshot()).toBe(before);
    });

    it('requires a unit for an assessor, and refuses fields it does not know', async () => {
      const missing = failureOf(
        (
          await createUser({
            username: 'no-unit',
            displayName: '无单位',
            role: 'assessor',
            unitId: '',
            password: 'a-good-long-password',
          })
        ).outcome,
      );
      expect(missing.data.errors).toEqual({ unitId: '填报员必须选择所属单位。' });
      const extra = failureOf(
        (
          await createUser({
            username: 'extra',
            displayName: '多余',
            role: 'leader',
            unitId: '',
            password: 'a-good-long-password',
            active: 'false',
          })
        ).outcome,
      );
      expect(extra.data.errors._).toMatch(chinese);
    });

    it('answers in English when the user chose English', async () => {
      const { outcome } = await call(usersActions.create, {
        url: '/admin/users?/create',
        token: tokens.admin,
        lang: 'en',
        form: {
          username: 'leader',
          displayName: 'Dup',
          role: 'leader',
          unitId: '',
          password: 'a-good-long-password',
        },
      });
      expect(failureOf(outcome).data.errors).toEqual({ username: 'That username is taken.' });
    });

    it('edits name, role and unit with before and after in the audit log; a leader keeps no unit', async () => {
      const created = await createUser({
        username: 'editable',
        displayName: '待编辑',
        role: 'assessor',
        unitId: String(lanzhouId),
        password: 'a-good-long-password',
      });
      const { userId } = expectOk(created) as { userId: number };
      const { outcome } = await call(userActions.update, {
        url: `/admin/users/${userId}?/update`,
        params: { userId: String(userId) },
        token: tokens.admin,
        form: { displayName: '已编辑', role: 'leader', unitId: String(lanzhouId) },
      });
      expect(outcome.kind).toBe('ok');
      const [row] = await database.db.select().from(users).where(eq(users.id, userId));
      expect(row).toMatchObject({ displayName: '已编辑', role: 'leader', unitId: null });
      expect(await lastAudit('user.update')).toMatchObject({
        entityId: String(userId),
        before: { displayName: '待编辑', role: 'assessor', unitId: lanzhouId },
        after: { displayName: '已编辑', role: 'leader', unitId: null },
      });
    });

    it('does not let an admin demote or deactivate themselves', async () => {
      const before = await snapshot();
      const demote = await call(userActions.update, {
        url: `/admin/users/${adminId}?/update`,
        params: { userId: String(adminId) },
        token: tokens.admin,
        form: { displayName: '管理员', role: 'leader', unitId: '' },
      });
      expect(failureOf(demote.outcome).data.errors).toEqual({ role: '不能取消自己的管理员角色。' });
      const deactivate = await call(userActions.active, {
        url: `/admin/users/${adminId}?/active`,
        params: { userId: String(adminId) },
        token: tokens.admin,
        form: { active: 'false' },
      });
      expect(failureOf(deactivate.outcome).data.errors).toEqual({ _: '不能停用自己的账号。' });
      expect(await snapshot()).toBe(before);
    });

    it('deactivation ends the account’s sessions at once and blocks login; reactivation lets it in again', async () => {
      const created = await createUser({
        username: 'leaving',
        displayName: '将停用',
        role: 'reviewer',
        unitId: '',
        password: 'a-good-long-password',
      });
      const { userId } = expectOk(created) as { userId: number };
      const token = await sessionTokenFor(database, 'leaving');
      expect((await call(homeLoad, { url: '/', token })).locals.user?.id).toBe(userId);
      const { outcome } = await call(userActions.active, {
        url: `/admin/users/${userId}?/active`,
        params: { userId: String(userId) },
        token: tokens.admin,
        form: { active: 'false' },
      });
      expect(outcome.kind).toBe('ok');
      expect(await database.db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
      expect((await call(homeLoad, { url: '/', token })).outcome).toMatchObject({
        kind: 'redirect',
        status: 303,
      });
      expect(await lastAudit('user.deactivate')).toMatchObject({
        entityId: String(userId),
        before: { active: true },
        after: { active: false, sessionsEnded: 1 },
      });
      const refused = await call(loginActions.default, {
        url: '/login',
        form: { username: 'leaving', password: 'a-good-long-password' },
        clientAddress: '10.20.0.2',
      });
      expect(refused.outcome).toMatchObject({ kind: 'failure', status: 400 });
      const back = await call(userActions.active, {
        url: `/admin/users/${userId}?/active`,
        params: { userId: String(userId) },
        token: tokens.admin,
        form: { active: 'true' },
      });
      expect(back.outcome.kind).toBe('ok');
      const again = await call(loginActions.default, {
        url: '/login',
        form: { username: 'leaving', password: 'a-good-long-password' },
        clientAddress: '10.20.0.3',
      });
      expect(again.outcome).toMatchObject({ kind: 'redirect', status: 303 });
    });

    it('resets a password: the new one works, the old one and the old sessions do not', async () => {
      const created = await createUser({
        username: 'forgetful',
        displayName: '忘记密码',
        role: 'leader',
        unitId: '',
        password: 'the-old-long-password',
      });
      const { userId } = expectOk(created) as { userId: number };
      const oldToken = await sessionTokenFor(database, 'forgetful');
      const mismatch = await call(userActions.password, {
        url: `/admin/users/${userId}?/password`,
        params: { userId: String(userId) },
        token: tokens.admin,
        form: { password: 'the-new-long-password', confirm: 'something-else' },
      });
      expect(failureOf(mismatch.outcome).data).toMatchObject({
        errors: { confirm: '两次输入的密码不一致。' },
        values: {},
      });
      const { outcome } = await call(userActions.password, {
        url: `/admin/users/${userId}?/password`,
        params: { userId: String(userId) },
        token: tokens.admin,
        form: { password: 'the-new-long-password', confirm: 'the-new-long-password' },
      });
      expect(outcome.kind).toBe('ok');
      expect(
        await database.db
          .select()
          .from(sessions)
          .where(eq(sessions.id, sessionIdFromToken(oldToken))),
      ).toHaveLength(0);
      const old = await call(loginActions.default, {
        url: '/login',
        form: { username: 'forgetful', password: 'the-old-long-password' },
        clientAddress: '10.20.0.4',
      });
      expect(old.outcome).toMatchObject({ kind: 'failure' });
      const fresh = await call(loginActions.default, {
        url: '/login',
        form: { username: 'forgetful', password: 'the-new-long-password' },
        clientAddress: '10.20.0.4',
      });
      expect(fresh.outcome).toMatchObject({ kind: 'redirect', status: 303 });
      const audit = await lastAudit('user.password');
      expect(audit).toMatchObject({ entityId: String(userId), after: { sessionsEnded: 1 } });
      expect(JSON.stringify(audit)).not.toContain('new-long-password');
    });

    it('an admin resetting their own password stays signed in', async () => {
      const token = await sessionTokenFor(database, 'admin');
      const { outcome } = await call(userActions.password, {
        url: `/admin/users/${adminId}?/password`,
        params: { userId: String(adminId) },
        token,
        form: { password: 'kaohe-admin-2019', confirm: 'kaohe-admin-2019' },
      });
      expect(outcome.kind).toBe('ok');
      expect((await call(homeLoad, { url: '/', token })).locals.user?.id).toBe(adminId);
      // the admin's other sessions (the suite's own token among them) ended
      expect((await call(homeLoad, { url: '/', token: tokens.admin })).locals.user).toBeNull();
      tokens.admin = token;
    });

    it('answers 404 for a user that does not exist and 400 for a bad id', async () => {
      const missing = await call(userActions.update, {
        url: '/admin/users/999999?/update',
        params: { userId: '999999' },
        token: tokens.admin,
        form: { displayName: '无', role: 'leader', unitId: '' },
      });
      expect(missing.outcome).toMatchObject({ kind: 'error', status: 404 });
      const bad = await call(userLoad, {
        url: '/admin/users/abc',
        params: { userId: 'abc' },
        token: tokens.admin,
      });
      expect(bad.outcome).toMatchObject({ kind: 'error', status: 400 });
    });
  });

  describe('units', () => {
    it('creates and edits a unit with audit entries; a taken code is a field message', async () => {
      const result = await call(unitsActions.create, {
        url: '/admin/units?/create',
        token: tokens.admin,
        form: { code: 'GS-Test-Office', name: '省测试办', nameEn: 'Test Office', kind: 'department' },
      });
      const { unitId } = expectOk(result) as { unitId: number };
      const [row] = await database.db.select().from(units).where(eq(units.id, unitId));
      expect(row).toMatchObject({
        code: 'gs-test-office',
        name: '省测试办',
        nameEn: 'Test Office',
        kind: 'department',
      });
      expect(await lastAudit('unit.create')).toMatchObject({ entityId: String(unitId), before: null });

      const before = await snapshot();
      const duplicate = await call(unitsActions.create, {
        url: '/admin/units?/create',
        token: tokens.admin,
        form: { code: 'gs-lanzhou', name: '重复', nameEn: '', kind: 'region' },
      });
      expect(failureOf(duplicate.outcome).data.errors).toEqual({ code: '单位代码已存在。' });
      const renameToTaken = await call(unitActions.update, {
        url: `/admin/units/${unitId}?/update`,
        params: { unitId: String(unitId) },
        token: tokens.admin,
        form: { code: 'gs-lanzhou', name: '省测试办', nameEn: '', kind: 'department' },
      });
      expect(failureOf(renameToTaken.outcome).data.errors).toEqual({ code: '单位代码已存在。' });
      const bad = await call(unitsActions.create, {
        url: '/admin/units?/create',
        token: tokens.admin,
        form: { code: 'has space', name: '', nameEn: '', kind: 'planet' },
      });
      expect(Object.keys(failureOf(bad.outcome).data.errors).sort()).toEqual(['code', 'kind', 'name']);
      expect(await snapshot()).toBe(before);

      const edit = await call(unitActions.update, {
        url: `/admin/units/${unitId}?/update`,
        params: { unitId: String(unitId) },
        token: tokens.admin,
        form: { code: 'gs-test-office', name: '省测试局', nameEn: '', kind: 'department' },
      });
      expect(edit.outcome.kind).toBe('ok');
      expect(await lastAudit('unit.update')).toMatchObject({
        entityId: String(unitId),
        before: { name: '省测试办', nameEn: 'Test Office' },
        after: { name: '省测试局', nameEn: null },
      });
    });
  });

  describe('programmes, groups and cycles', () => {
    const programmeForm = (overrides: Record<string, string> = {}) => ({
      slug: 'test-2020',
      title: '测试2020年度考核',
      titleEn: 'Test 2020',
      ruleSetId: 'gansu-2019-annual-assessment',
      level: 'province',
      organiser: '测试办公厅',
      ...overrides,
    });

    it('offers only built-in assessment rule sets', async () => {
      const before = await snapshot();
      for (const ruleSetId of ['cn-2019-website-inspection', 'no-such-rules']) {
        const { outcome } = await call(programmesActions.create, {
          url: '/admin/programmes?/create',
          token: tokens.admin,
          form: programmeForm({ ruleSetId }),
        });
        expect(failureOf(outcome).data.errors).toEqual({ ruleSetId: '请选择内置的考核规则集。' });
      }
      expect(await snapshot()).toBe(before);
      const page = expectOk(await call(programmesLoad, { url: '/admin/programmes', token: tokens.admin }));
      expect(page.ruleSets.map((ruleSet) => ruleSet.id).sort()).toEqual([
        'cn-2019-supervision-assessment',
        'gansu-2019-annual-assessment',
      ]);
    });

    it('creates a programme, its groups, puts units in them and opens a cycle, each with an audit entry', async () => {
      const created = expectOk(
        await call(programmesActions.create, {
          url: '/admin/programmes?/create',
          token: tokens.admin,
          form: programmeForm(),
        }),
      ) as { programmeId: number };
      const programmeId = created.programmeId;
      const params = { programmeId: String(programmeId) };
      const url = `/admin/programmes/${programmeId}`;
      expect(await lastAudit('programme.create')).toMatchObject({
        entityId: String(programmeId),
        after: { slug: 'test-2020', ruleSetId: 'gansu-2019-annual-assessment', level: 'province' },
      });
      const taken = await call(programmesActions.create, {
        url: '/admin/programmes?/create',
        token: tokens.admin,
        form: programmeForm(),
      });
      expect(failureOf(taken.outcome).data.errors).toEqual({ slug: '方案标识已存在。' });

      for (const [key, label] of [
        ['cities', '市州'],
        ['departments', '省直部门'],
      ] as const) {
        const { outcome } = await call(programmeActions.addGroup, {
          url: `${url}?/addGroup`,
          params,
          token: tokens.admin,
          form: { key, label, labelEn: '' },
        });
        expect(outcome.kind).toBe('ok');
      }
      const duplicateGroup = await call(programmeActions.addGroup, {
        url: `${url}?/addGroup`,
        params,
        token: tokens.admin,
        form: { key: 'cities', label: '又一个', labelEn: '' },
      });
      expect(failureOf(duplicateGroup.outcome).data.errors).toEqual({ key: '该方案已有此分组标识。' });
      const groups = await database.db
        .select()
        .from(programmeGroups)
        .where(eq(programmeGroups.programmeId, programmeId))
        .orderBy(asc(programmeGroups.position));
      expect(groups.map((group) => [group.key, group.position])).toEqual([
        ['cities', 0],
        ['departments', 1],
      ]);
      const [cities, departments] = groups;

      const relabel = await call(programmeActions.group, {
        url: `${url}?/group`,
        params,
        token: tokens.admin,
        form: { groupId: String(cities!.id), label: '市（州）', labelEn: 'Cities' },
      });
      expect(relabel.outcome.kind).toBe('ok');
      expect(await lastAudit('programme.group.update')).toMatchObject({
        before: { label: '市州', labelEn: null },
        after: { label: '市（州）', labelEn: 'Cities' },
      });
      // a group of another programme is not this programme's
      const [demoGroup] = await database.db
        .select()
        .from(programmeGroups)
        .where(eq(programmeGroups.programmeId, demoProgrammeId));
      const foreign = await call(programmeActions.assign, {
        url: `${url}?/assign`,
        params,
        token: tokens.admin,
        form: { groupId: String(demoGroup!.id), unitCodes: 'gs-lanzhou' },
      });
      expect(failureOf(foreign.outcome).data.errors).toEqual({ groupId: '该方案没有此分组。' });

      const unknown = await call(programmeActions.assign, {
        url: `${url}?/assign`,
        params,
        token: tokens.admin,
        form: { groupId: String(cities!.id), unitCodes: 'gs-lanzhou, gs-atlantis' },
      });
      expect(failureOf(unknown.outcome).data.errors.unitCodes).toBe('以下单位代码不存在：gs-atlantis');
      expect(
        await database.db.select().from(programmeUnits).where(eq(programmeUnits.programmeId, programmeId)),
      ).toHaveLength(0);

      const assign = await call(programmeActions.assign, {
        url: `${url}?/assign`,
        params,
        token: tokens.admin,
        form: { groupId: String(cities!.id), unitCodes: 'gs-lanzhou\ngs-jinchang\n\nGS-LANZHOU' },
      });
      expect(assign.outcome.kind).toBe('ok');
      // moving one of them to the other group
      const move = await call(programmeActions.assign, {
        url: `${url}?/assign`,
        params,
        token: tokens.admin,
        form: { groupId: String(departments!.id), unitCodes: 'gs-jinchang' },
      });
      expect(move.outcome.kind).toBe('ok');
      expect(await lastAudit('programme.units.assign')).toMatchObject({
        before: { 'gs-jinchang': 'cities' },
        after: { 'gs-jinchang': 'departments' },
      });
      const members = await database.db
        .select({ unitId: programmeUnits.unitId, groupId: programmeUnits.groupId })
        .from(programmeUnits)
        .where(eq(programmeUnits.programmeId, programmeId));
      expect(members).toHaveLength(2);
      expect(members.find((member) => member.unitId === lanzhouId)?.groupId).toBe(cities!.id);

      const cycle = await call(programmeActions.cycle, {
        url: `${url}?/cycle`,
        params,
        token: tokens.admin,
        form: { slug: '2020', title: '2020年度', titleEn: '2020' },
      });
      const { cycleId } = expectOk(cycle) as { cycleId: number };
      const [cycleRow] = await database.db.select().from(cycles).where(eq(cycles.id, cycleId));
      expect(cycleRow).toMatchObject({ programmeId, status: 'open', version: 1 });
      expect(await lastAudit('cycle.create')).toMatchObject({ entityId: String(cycleId) });
      const sameSlug = await call(programmeActions.cycle, {
        url: `${url}?/cycle`,
        params,
        token: tokens.admin,
        form: { slug: '2020', title: '重复', titleEn: '' },
      });
      expect(failureOf(sameSlug.outcome).data.errors).toEqual({ slug: '该方案已有此标识的考核周期。' });

      // once a cycle exists the rule set is fixed; the other fields still change
      const before = await snapshot();
      const switchRules = await call(programmeActions.update, {
        url: `${url}?/update`,
        params,
        token: tokens.admin,
        form: programmeForm({ ruleSetId: 'cn-2019-supervision-assessment' }),
      });
      expect(failureOf(switchRules.outcome).data.errors).toEqual({
        ruleSetId: '该方案已有考核周期，规则集不能再更改。',
      });
      expect(await snapshot()).toBe(before);
      const rename = await call(programmeActions.update, {
        url: `${url}?/update`,
        params,
        token: tokens.admin,
        form: programmeForm({ title: '测试2020年度政府网站考核' }),
      });
      expect(rename.outcome.kind).toBe('ok');
      expect(await lastAudit('programme.update')).toMatchObject({
        before: { title: '测试2020年度考核' },
        after: { title: '测试2020年度政府网站考核' },
      });

      const page = expectOk(await call(programmeLoad, { url, params, token: tokens.admin }));
      expect(page.groups.map((group) => [group.key, group.units.map((unit) => unit.code)])).toEqual([
        ['cities', ['gs-lanzhou']],
        ['departments', ['gs-jinchang']],
      ]);
      expect(page.groupsFixed).toBe(false);
    });

    it('keeps the groups of a programme with a published cycle as they are', async () => {
      const before = await snapshot();
      const [group] = await database.db
        .select()
        .from(programmeGroups)
        .where(eq(programmeGroups.programmeId, demoProgrammeId));
      const { outcome } = await call(programmeActions.assign, {
        url: `/admin/programmes/${demoProgrammeId}?/assign`,
        params: { programmeId: String(demoProgrammeId) },
        token: tokens.admin,
        form: { groupId: String(group!.id), unitCodes: 'gs-test-office' },
      });
      const failure = failureOf(outcome);
      expect(failure.status).toBe(409);
      expect(failure.data.errors._).toBe('该方案已有复核中或已发布的考核周期，单位分组不能再改动。');
      expect(await snapshot()).toBe(before);
    });
  });

  describe('the admin page', () => {
    it('lists cycles and links to /publish, the one place where a cycle changes status', async () => {
      const page = expectOk(await call(adminLoad, { url: '/admin', token: tokens.admin }));
      expect(page.cycles.length).toBeGreaterThan(0);
      expect(page.counts.users).toBeGreaterThanOrEqual(4);
      const module = await import('../admin/+page.server');
      expect('actions' in module).toBe(false);
    });
  });
});
