/**
 * Account administration (issue 3 item 3, DOMAIN.md §7): the system administrator creates and
 * manages every account; a user manager manages only the accounts assigned to it (reset,
 * disable, unlock, role within its unit) and never creates, deletes or grants administration.
 * A new or reset account must change its password first; every change is audited, permission
 * changes included.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { hashPassword } from '../auth/password.ts';
import { isBreachedPassword } from '../auth/password-policy.ts';
import { createSessionsRepository } from '../auth/auth.repository.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';
import { accountErrors } from './accounts.errors.ts';
import type { AccountDto, CreateAccountInput, ListAccountsInput, UpdateAccountInput } from './accounts.schemas.ts';

/** Roles a user manager may give to the accounts it manages. */
const MANAGER_GRANTABLE: readonly Role[] = ['LEADER', 'OFFICER', 'VIEWER'];

/** A readable one-time password: 4 groups of 4 from an alphabet without look-alikes. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  for (;;) {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
    const candidate = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (!isBreachedPassword(candidate)) return candidate;
  }
}

export function createAccountsService(deps: { db: Db; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function managedIdsOf(db: DbOrTx, managerId: string): Promise<string[]> {
    const { rows } = await db.execute<{ account_id: string }>(sql`SELECT account_id FROM user_manager_accounts WHERE manager_id = ${managerId}`);
    return rows.map((r) => r.account_id);
  }

  /** The accounts the caller administers: all for the administrator, the assigned set for a user manager. */
  async function administrable(user: AuthUser): Promise<'ALL' | string[]> {
    if (user.role === 'ADMIN') return 'ALL';
    if (user.role === 'USER_MANAGER') return managedIdsOf(deps.db, user.id);
    throw commonErrors.forbidden();
  }

  async function load(db: DbOrTx, id: string) {
    const [row] = await db
      .select({ user: usersTable, unitName: unitsTable.name, unitPath: unitsTable.path })
      .from(usersTable)
      .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
      .where(eq(usersTable.id, id));
    return row ?? null;
  }

  async function toDto(db: DbOrTx, row: NonNullable<Awaited<ReturnType<typeof load>>>): Promise<AccountDto> {
    const u = row.user;
    return {
      id: u.id,
      identifierCode: u.identifierCode,
      fullName: u.fullName,
      role: u.role as Role,
      unitId: u.unitId,
      unitName: row.unitName,
      disabled: u.disabled,
      mustChangePassword: u.mustChangePassword,
      otpEnabled: u.totpEnabledAt !== null,
      locked: u.lockedUntil !== null && u.lockedUntil > now(),
      failedLogins: u.failedLogins,
      managedAccountIds: u.role === 'USER_MANAGER' ? await managedIdsOf(db, u.id) : [],
      certificateSubject: u.certificateSubject
    };
  }

  /** The account, if the caller administers it (404 otherwise: existence is not disclosed). */
  async function target(user: AuthUser, id: string) {
    const allowed = await administrable(user);
    if (allowed !== 'ALL' && !allowed.includes(id)) throw accountErrors.notFound();
    const row = await load(deps.db, id);
    if (!row) throw accountErrors.notFound();
    return row;
  }

  async function unitFor(unitId: string) {
    const [unit] = await deps.db.select().from(unitsTable).where(eq(unitsTable.id, unitId));
    if (!unit || unit.validTo !== null) throw accountErrors.unitNotFound([{ field: 'unitId', message: 'Đơn vị không hợp lệ.', messageEn: 'Invalid unit.' }]);
    return unit;
  }

  async function activeAdmins(db: DbOrTx): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(usersTable).where(and(eq(usersTable.role, 'ADMIN'), eq(usersTable.disabled, false)));
    return row?.n ?? 0;
  }

  const audit = (db: DbOrTx, user: AuthUser, action: string, account: { id: string; identifierCode: string }, unitPath: string | null, details: Record<string, unknown>) =>
    appendAudit(db, { actorId: user.id, actorLabel: user.identifierCode, action, entityType: 'user', entityId: account.id, unitPath, details: { account: account.identifierCode, ...details } });

  return {
    async list(user: AuthUser, query: ListAccountsInput) {
      const allowed = await administrable(user);
      if (allowed !== 'ALL' && allowed.length === 0) return { items: [], total: 0 };
      const subtree = query.unitId ? (await unitFor(query.unitId)).path : undefined;
      const words = (query.q ?? '').trim();
      const conditions: (SQL | undefined)[] = [
        allowed === 'ALL' ? undefined : inArray(usersTable.id, allowed),
        query.role ? eq(usersTable.role, query.role) : undefined,
        query.disabled === undefined ? undefined : eq(usersTable.disabled, query.disabled),
        subtree ? sql`${unitsTable.path} <@ ${subtree}::ltree` : undefined,
        words
          ? or(ilike(usersTable.identifierCode, `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), sql`lower(f_unaccent(${usersTable.fullName})) LIKE '%' || lower(f_unaccent(${words})) || '%'`)
          : undefined
      ];
      const rows = await deps.db
        .select({ user: usersTable, unitName: unitsTable.name, unitPath: unitsTable.path })
        .from(usersTable)
        .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId))
        .where(and(...conditions))
        .orderBy(asc(usersTable.identifierCode))
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0);
      const [count] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(usersTable).innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId)).where(and(...conditions));
      return { items: await Promise.all(rows.map((r) => toDto(deps.db, r))), total: count?.n ?? 0 };
    },

    async get(user: AuthUser, id: string) {
      return toDto(deps.db, await target(user, id));
    },

    async create(user: AuthUser, input: CreateAccountInput) {
      if (user.role !== 'ADMIN') throw accountErrors.createForbidden();
      const unit = await unitFor(input.unitId);
      const identifierCode = input.identifierCode.trim().toLowerCase();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const id = await deps.db.transaction(async (tx) => {
        const [exists] = await tx.select({ id: usersTable.id }).from(usersTable).where(eq(usersTable.identifierCode, identifierCode));
        if (exists) throw accountErrors.duplicateCode([{ field: 'identifierCode', message: 'Mã định danh đã tồn tại.', messageEn: 'Identifier code already exists.' }]);
        const [row] = await tx
          .insert(usersTable)
          .values({ identifierCode, fullName: input.fullName.trim(), role: input.role, unitId: unit.id, passwordHash, mustChangePassword: true })
          .returning();
        await audit(tx, user, 'account.create', row!, unit.path, { role: input.role, unit: unit.code });
        return row!.id;
      });
      return { account: await toDto(deps.db, (await load(deps.db, id))!), temporaryPassword: password };
    },

    async update(user: AuthUser, id: string, input: UpdateAccountInput) {
      if (input.identifierCode !== undefined) throw accountErrors.immutableCode([{ field: 'identifierCode', message: 'Mã định danh không đổi được.', messageEn: 'The identifier code is immutable.' }]);
      const row = await target(user, id);
      const unit = input.unitId ? await unitFor(input.unitId) : null;
      if (input.certificateSubject !== undefined && user.role !== 'ADMIN') throw commonErrors.forbidden();
      if (input.certificateSubject) {
        const [taken] = await deps.db.select({ id: usersTable.id }).from(usersTable).where(eq(usersTable.certificateSubject, input.certificateSubject.trim()));
        if (taken && taken.id !== id) throw accountErrors.duplicateCertificate();
      }
      if (user.role === 'USER_MANAGER') {
        if (input.role && !MANAGER_GRANTABLE.includes(input.role)) throw accountErrors.roleForbidden();
        if (unit && !isWithinAny(unit.path, [user.unitPath])) throw accountErrors.roleForbidden();
      }
      await deps.db.transaction(async (tx) => {
        const demotingAdmin = row.user.role === 'ADMIN' && input.role !== undefined && input.role !== 'ADMIN';
        if (demotingAdmin && (row.user.id === user.id || (await activeAdmins(tx)) <= 1)) throw accountErrors.selfLockout();
        await tx
          .update(usersTable)
          .set({
            ...(input.fullName ? { fullName: input.fullName.trim() } : {}),
            ...(input.role ? { role: input.role } : {}),
            ...(unit ? { unitId: unit.id } : {}),
            ...(input.certificateSubject !== undefined ? { certificateSubject: input.certificateSubject?.trim() ?? null } : {}),
            updatedAt: now()
          })
          .where(eq(usersTable.id, id));
        if (input.certificateSubject !== undefined) await audit(tx, user, 'account.certificate', row.user, row.unitPath, { mapped: input.certificateSubject !== null });
        if ((input.role && input.role !== row.user.role) || (unit && unit.id !== row.user.unitId)) {
          // A change of rights takes effect at once: the account logs in again with its new scope.
          await createSessionsRepository(tx).revokeAllOf(id, now());
          await audit(tx, user, 'account.role_change', row.user, unit?.path ?? row.unitPath, { fromRole: row.user.role, toRole: input.role ?? row.user.role, ...(unit ? { toUnit: unit.code } : {}) });
        } else {
          await audit(tx, user, 'account.update', row.user, row.unitPath, { fullName: input.fullName !== undefined });
        }
      });
      return toDto(deps.db, (await load(deps.db, id))!);
    },

    async resetPassword(user: AuthUser, id: string) {
      const row = await target(user, id);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      await deps.db.transaction(async (tx) => {
        await tx.update(usersTable).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: now() }).where(eq(usersTable.id, id));
        const revoked = await createSessionsRepository(tx).revokeAllOf(id, now());
        await audit(tx, user, 'account.reset_password', row.user, row.unitPath, { sessionsRevoked: revoked });
      });
      return { account: await toDto(deps.db, (await load(deps.db, id))!), temporaryPassword: password };
    },

    async setDisabled(user: AuthUser, id: string, disabled: boolean) {
      const row = await target(user, id);
      await deps.db.transaction(async (tx) => {
        if (disabled && row.user.role === 'ADMIN' && (row.user.id === user.id || (await activeAdmins(tx)) <= 1)) throw accountErrors.selfLockout();
        await tx.update(usersTable).set({ disabled, updatedAt: now() }).where(eq(usersTable.id, id));
        if (disabled) await createSessionsRepository(tx).revokeAllOf(id, now());
        await audit(tx, user, disabled ? 'account.disable' : 'account.enable', row.user, row.unitPath, {});
      });
      return toDto(deps.db, (await load(deps.db, id))!);
    },

    async unlock(user: AuthUser, id: string) {
      const row = await target(user, id);
      await deps.db.transaction(async (tx) => {
        await tx.update(usersTable).set({ failedLogins: 0, lockedUntil: null, updatedAt: now() }).where(eq(usersTable.id, id));
        await audit(tx, user, 'account.unlock', row.user, row.unitPath, { failedLogins: row.user.failedLogins });
      });
      return toDto(deps.db, (await load(deps.db, id))!);
    },

    /** The accounts a user manager manages (administrator only): a permission change, audited. */
    async setManaged(user: AuthUser, managerId: string, accountIds: string[]) {
      if (user.role !== 'ADMIN') throw commonErrors.forbidden();
      const manager = await target(user, managerId);
      if (manager.user.role !== 'USER_MANAGER') throw accountErrors.managedNotManager();
      if (accountIds.includes(managerId)) throw accountErrors.managedOutsideUnit();
      const accounts = accountIds.length
        ? await deps.db.select({ id: usersTable.id, role: usersTable.role, path: unitsTable.path }).from(usersTable).innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId)).where(inArray(usersTable.id, accountIds))
        : [];
      if (accounts.length !== accountIds.length || accounts.some((a) => a.role === 'ADMIN' || !isWithinAny(a.path, [manager.unitPath]))) throw accountErrors.managedOutsideUnit();
      await deps.db.transaction(async (tx) => {
        const before = await managedIdsOf(tx, managerId);
        await tx.execute(sql`DELETE FROM user_manager_accounts WHERE manager_id = ${managerId}`);
        for (const accountId of accountIds) await tx.execute(sql`INSERT INTO user_manager_accounts (manager_id, account_id) VALUES (${managerId}, ${accountId})`);
        // The manager's rights on data change with the set: its sessions pick the new scope up at next login.
        await createSessionsRepository(tx).revokeAllOf(managerId, now());
        await audit(tx, user, 'account.managed_set', manager.user, manager.unitPath, { before: before.length, after: accountIds.length });
      });
      return toDto(deps.db, (await load(deps.db, managerId))!);
    }
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
