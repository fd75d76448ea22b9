import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable, type UserRow } from './users.table.ts';

export interface UserWithUnit extends UserRow {
  unitPath: string;
  unitName: string;
}

export function createUsersRepository(db: DbOrTx) {
  const selectWithUnit = () =>
    db
      .select({ user: usersTable, unitPath: unitsTable.path, unitName: unitsTable.name })
      .from(usersTable)
      .innerJoin(unitsTable, eq(unitsTable.id, usersTable.unitId));

  return {
    async findByIdentifierCode(code: string): Promise<UserWithUnit | null> {
      const [row] = await selectWithUnit().where(eq(usersTable.identifierCode, code)).limit(1);
      return row ? { ...row.user, unitPath: row.unitPath, unitName: row.unitName } : null;
    },
    async findById(id: string): Promise<UserWithUnit | null> {
      const [row] = await selectWithUnit().where(eq(usersTable.id, id)).limit(1);
      return row ? { ...row.user, unitPath: row.unitPath, unitName: row.unitName } : null;
    },
    async insert(values: typeof usersTable.$inferInsert): Promise<UserRow> {
      const [row] = await db.insert(usersTable).values(values).returning();
      return row!;
    }
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
