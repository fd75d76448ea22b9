import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { unitsTable, type UnitRow } from './units.table.ts';

export type NewUnit = typeof unitsTable.$inferInsert;

export function createUnitsRepository(db: DbOrTx) {
  return {
    async findById(id: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(unitsTable).where(eq(unitsTable.id, id)).limit(1);
      return row ?? null;
    },
    async findByCode(code: string): Promise<UnitRow | null> {
      const [row] = await db.select().from(unitsTable).where(eq(unitsTable.code, code)).limit(1);
      return row ?? null;
    },
    async listChildren(parentId: string): Promise<UnitRow[]> {
      return db.select().from(unitsTable).where(eq(unitsTable.parentId, parentId)).orderBy(asc(unitsTable.code));
    },
    /** Units inside any of the given subtrees (ltree `<@`), for pickers bounded by scope. */
    async listWithin(paths: string[], maxDepth: number): Promise<UnitRow[]> {
      if (paths.length === 0) return [];
      return db
        .select()
        .from(unitsTable)
        .where(sql`${unitsTable.path} <@ ANY(${arrayParam(paths, 'ltree')}) AND nlevel(${unitsTable.path}) <= ${maxDepth}`)
        .orderBy(asc(unitsTable.path));
    },
    async insertMany(rows: NewUnit[]): Promise<UnitRow[]> {
      if (rows.length === 0) return [];
      return db.insert(unitsTable).values(rows).returning();
    },
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(unitsTable);
      return row?.n ?? 0;
    }
  };
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
