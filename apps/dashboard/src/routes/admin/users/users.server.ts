import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { hashPassword } from '$lib/server/auth/password';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { recordAudit } from '$lib/server/audit';
import type { Database } from '$lib/server/db/open';
import { roles, units, users } from '$lib/server/db/schema';
import {
  adminForm,
  formFailure,
  notFound,
  optionalFormId,
  parseForm,
  requiredText,
  say,
  writeOrFail,
  type AdminEvent,
} from '../admin.server';

// Accounts: create (role, and the unit for an assessor), edit, deactivate/reactivate (ending their sessions), reset
// the password. An admin cannot deactivate or demote themselves, so there is always an admin left who can sign in.

export const passwordMinLength = 10;

/** What the audit log keeps of an account: never the hash. */
function auditView(user: typeof users.$inferSelect) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    active: user.active,
  };
}

function password(lang: Lang) {
  return z
    .string()
    .min(passwordMinLength, {
      error: say(lang, `密码至少 ${passwordMinLength} 个字符。`, `At least ${passwordMinLength} characters.`),
    })
    .max(200);
}

/** Only an assessor is bound to a unit (and must be); for the other roles the unit is left empty. */
function withUnitRule<T extends { role: (typeof roles)[number]; unitId?: number | undefined }>(
  lang: Lang,
): (value: T, context: z.RefinementCtx) => void {
  return (value, context) => {
    if (value.role === 'assessor' && value.unitId === undefined)
      context.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: say(lang, '填报员必须选择所属单位。', 'An assessor needs a unit.'),
      });
  };
}

function createSchema(lang: Lang) {
  return z
    .strictObject({
      username: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, {
          error: say(
            lang,
            '用户名为 3–32 个小写字母、数字或 . _ -，以字母或数字开头。',
            '3–32 lower-case letters, digits or . _ -, starting with a letter or digit.',
          ),
        }),
      displayName: requiredText(60),
      role: z.enum(roles),
      unitId: optionalFormId,
      password: password(lang),
    })
    .superRefine(withUnitRule(lang));
}

function updateSchema(lang: Lang) {
  return z
    .strictObject({ displayName: requiredText(60), role: z.enum(roles), unitId: optionalFormId })
    .superRefine(withUnitRule(lang));
}

function passwordSchema(lang: Lang) {
  return z
    .strictObject({ password: password(lang), confirm: z.string() })
    .refine((value) => value.password === value.confirm, {
      path: ['confirm'],
      error: say(lang, '两次输入的密码不一致。', 'The passwords differ.'),
    });
}

export async function listUsers(database: Database) {
  return database
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      unitId: users.unitId,
      unitName: units.name,
    })
    .from(users)
    .leftJoin(units, eq(users.unitId, units.id))
    .orderBy(asc(users.username));
}

export async function createUser(event: AdminEvent) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(createSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'create', parsed.errors, fields);
  const { password: plain, ...account } = parsed.data;
  const passwordHash = await hashPassword(plain);
  return writeOrFail('create', fields, lang, () =>
    database.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          ...account,
          unitId: account.role === 'assessor' ? account.unitId! : null,
          passwordHash,
        })
        .returning();
      await recordAudit(tx, event, {
        action: 'user.create',
        entityType: 'user',
        entityId: String(created!.id),
        after: auditView(created!),
      });
      return {
        form: 'create',
        userId: created!.id,
        message: say(lang, `已创建用户 ${created!.username}。`, `User ${created!.username} created.`),
      };
    }),
  );
}

async function lockedUser(tx: Database, userId: number) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  return user;
}

export async function updateUser(event: AdminEvent, userId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(updateSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'update', parsed.errors, fields);
  if (userId === event.locals.user!.id && parsed.data.role !== 'admin')
    return formFailure(
      400,
      'update',
      { role: say(lang, '不能取消自己的管理员角色。', 'You cannot remove your own admin role.') },
      fields,
    );
  return writeOrFail('update', fields, lang, () =>
    database.transaction(async (tx) => {
      const before = await lockedUser(tx, userId);
      if (!before) notFound(lang, '用户不存在。', 'No such user.');
      const [after] = await tx
        .update(users)
        .set({
          displayName: parsed.data.displayName,
          role: parsed.data.role,
          unitId: parsed.data.role === 'assessor' ? parsed.data.unitId! : null,
        })
        .where(eq(users.id, userId))
        .returning();
      await recordAudit(tx, event, {
        action: 'user.update',
        entityType: 'user',
        entityId: String(userId),
        before: auditView(before),
        after: auditView(after!),
      });
      return { form: 'update', message: say(lang, '已保存。', 'Saved.') };
    }),
  );
}

const ActiveForm = z.strictObject({
  active: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

/** Deactivation ends every session of the account at once (and login refuses it); reactivation lets it log in again. */
export async function setUserActive(event: AdminEvent, userId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(ActiveForm, fields, lang);
  if (!parsed.ok) return formFailure(400, 'active', parsed.errors, fields);
  const active = parsed.data.active;
  if (userId === event.locals.user!.id && !active)
    return formFailure(
      400,
      'active',
      { _: say(lang, '不能停用自己的账号。', 'You cannot deactivate your own account.') },
      fields,
    );
  return writeOrFail('active', fields, lang, () =>
    database.transaction(async (tx) => {
      const before = await lockedUser(tx, userId);
      if (!before) notFound(lang, '用户不存在。', 'No such user.');
      const [after] = await tx.update(users).set({ active }).where(eq(users.id, userId)).returning();
      const sessionsEnded = active ? 0 : await invalidateUserSessions(tx, userId);
      await recordAudit(tx, event, {
        action: active ? 'user.reactivate' : 'user.deactivate',
        entityType: 'user',
        entityId: String(userId),
        before: { active: before.active },
        after: { active: after!.active, sessionsEnded },
      });
      return {
        form: 'active',
        message: active
          ? say(lang, '已启用该账号。', 'Account reactivated.')
          : say(
              lang,
              `已停用该账号，结束了 ${sessionsEnded} 个会话。`,
              `Account deactivated; ${sessionsEnded} sessions ended.`,
            ),
      };
    }),
  );
}

/** A new password (argon2id); the account's other sessions end, so whoever knew the old one is signed out. */
export async function resetPassword(event: AdminEvent, userId: number) {
  const { database, fields } = await adminForm(event);
  const lang = event.locals.lang;
  const parsed = parseForm(passwordSchema(lang), fields, lang);
  if (!parsed.ok) return formFailure(400, 'password', parsed.errors, fields);
  const passwordHash = await hashPassword(parsed.data.password);
  return writeOrFail('password', fields, lang, () =>
    database.transaction(async (tx) => {
      const before = await lockedUser(tx, userId);
      if (!before) notFound(lang, '用户不存在。', 'No such user.');
      const now = new Date();
      await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, userId));
      // the admin resetting their own password stays signed in here
      const sessionsEnded = await invalidateUserSessions(tx, userId, event.locals.session?.id);
      await recordAudit(tx, event, {
        action: 'user.password',
        entityType: 'user',
        entityId: String(userId),
        before: { passwordChangedAt: before.passwordChangedAt.toISOString() },
        after: { passwordChangedAt: now.toISOString(), sessionsEnded },
      });
      return { form: 'password', message: say(lang, '密码已重置。', 'Password reset.') };
    }),
  );
}
