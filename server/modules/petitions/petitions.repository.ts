import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { unitsTable } from '../units/units.table.ts';
import { petitionCountersTable, petitionEventsTable, petitionsTable, type PetitionRow } from './petitions.table.ts';

export interface PetitionWithUnit extends PetitionRow {
  unitName: string;
}

const inScope = (scopePaths: string[]) => sql`${petitionsTable.unitPath} <@ ANY(${arrayParam(scopePaths, 'ltree')})`;

export function createPetitionsRepository(db: DbOrTx) {
  return {
    /** Next receipt sequence for a unit and year; the row lock serialises concurrent intakes of one unit. */
    async nextSequence(unitId: string, year: number): Promise<number> {
      const [row] = await db
        .insert(petitionCountersTable)
        .values({ unitId, year, last: 1 })
        .onConflictDoUpdate({
          target: [petitionCountersTable.unitId, petitionCountersTable.year],
          set: { last: sql`${petitionCountersTable.last} + 1` }
        })
        .returning({ last: petitionCountersTable.last });
      return row!.last;
    },

    async insert(values: typeof petitionsTable.$inferInsert): Promise<PetitionRow> {
      const [row] = await db.insert(petitionsTable).values(values).returning();
      return row!;
    },

    async insertEvent(values: typeof petitionEventsTable.$inferInsert): Promise<void> {
      await db.insert(petitionEventsTable).values(values);
    },

    /** Newest first, keyset-paginated on (received_at, id): pages stay fast however deep. */
    async listInScope(scopePaths: string[], limit: number, after?: { receivedAt: Date; id: string }): Promise<PetitionWithUnit[]> {
      const keyset = after
        ? or(lt(petitionsTable.receivedAt, after.receivedAt), and(eq(petitionsTable.receivedAt, after.receivedAt), lt(petitionsTable.id, after.id)))
        : undefined;
      const rows = await db
        .select({ petition: petitionsTable, unitName: unitsTable.name })
        .from(petitionsTable)
        .innerJoin(unitsTable, eq(unitsTable.id, petitionsTable.unitId))
        .where(and(inScope(scopePaths), keyset))
        .orderBy(desc(petitionsTable.receivedAt), desc(petitionsTable.id))
        .limit(limit);
      return rows.map((r) => ({ ...r.petition, unitName: r.unitName }));
    },

    async countInScope(scopePaths: string[], since?: Date): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(petitionsTable)
        .where(and(inScope(scopePaths), since ? sql`${petitionsTable.receivedAt} >= ${since}` : undefined));
      return row?.n ?? 0;
    },

    async countAll(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(petitionsTable);
      return row?.n ?? 0;
    }
  };
}
export type PetitionsRepository = ReturnType<typeof createPetitionsRepository>;
