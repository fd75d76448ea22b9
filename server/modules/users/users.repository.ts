import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable, type UserRow } from './users.table.ts';

export interface UserWithUnit extends UserRow {
  unitPath: string;
  unitName: string;
  /** The unit asks every account in it for a second factor. */
  unitRequiresMfa: boolean;
  /** For a user manager: the unit paths of the accounts it manages (the union of their rights). */
  managedUnitPaths: string[];
}

export function createUsersRepository(db: DbOrTx) {
  const selectWithUnit = () =>
    db
      .select({
        user: usersTable,
        unitPath: unitsTable.path,
        unitName: unitsTable.name,
        unitRequiresMfa: sql<boolean>`units.require_mfa`,
        managedUnitPaths: sql<string[]>`ARRAY(
          SELECT DISTINCT mu.path::text FROM user_manager_accounts m
            JOIN users a ON a.id = m.account_id AND NOT a.disabled
            JOIN units mu ON mu.id = a.unit_id
           WHERE m.manager_id = users.id)`
      })
      .from(usersTable)
      .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId));
  type Selected = Awaited<ReturnType<ReturnType<typeof selectWithUnit>['limit']>>[number];
  const toUser = (row: Selected): UserWithUnit => ({
    ...row.user,
    unitPath: row.unitPath,
    unitName: row.unitName,
    unitRequiresMfa: row.unitRequiresMfa,
    managedUnitPaths: row.managedUnitPaths ?? []
  });

  return {
    async findByIdentifierCode(code: string): Promise<UserWithUnit | null> {
      const [row] = await selectWithUnit().where(eq(usersTable.identifierCode, code)).limit(1);
      return row ? toUser(row) : null;
    },
    async findByCertificateSubject(subject: string): Promise<UserWithUnit | null> {
      const [row] = await selectWithUnit().where(eq(usersTable.certificateSubject, subject)).limit(1);
      return row ? toUser(row) : null;
    },
    async findById(id: string): Promise<UserWithUnit | null> {
      const [row] = await selectWithUnit().where(eq(usersTable.id, id)).limit(1);
      return row ? toUser(row) : null;
    },
    async insert(values: typeof usersTable.$inferInsert): Promise<UserRow> {
      const [row] = await db.insert(usersTable).values(values).returning();
      return row!;
    },
    async update(id: string, values: Partial<typeof usersTable.$inferInsert>): Promise<void> {
      await db.update(usersTable).set({ ...values, updatedAt: new Date() }).where(eq(usersTable.id, id));
    },
    /** Count one failed login; returns the new count. */
    async recordFailure(id: string): Promise<number> {
      const [row] = await db
        .update(usersTable)
        .set({ failedLogins: sql`${usersTable.failedLogins} + 1` })
        .where(eq(usersTable.id, id))
        .returning({ failedLogins: usersTable.failedLogins });
      return row?.failedLogins ?? 0;
    }
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
