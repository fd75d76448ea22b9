import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { sessionsTable } from './sessions.table.ts';

export function createSessionsRepository(db: DbOrTx) {
  return {
    async insert(values: typeof sessionsTable.$inferInsert) {
      const [row] = await db.insert(sessionsTable).values(values).returning();
      return row!;
    },
    async findActiveByTokenHash(tokenHash: Buffer, now: Date) {
      const [row] = await db
        .select()
        .from(sessionsTable)
        .where(and(eq(sessionsTable.tokenHash, tokenHash), isNull(sessionsTable.revokedAt), gt(sessionsTable.expiresAt, now)))
        .limit(1);
      return row ?? null;
    },
    async findActiveById(id: string, now: Date) {
      const [row] = await db
        .select()
        .from(sessionsTable)
        .where(and(eq(sessionsTable.id, id), isNull(sessionsTable.revokedAt), gt(sessionsTable.expiresAt, now)))
        .limit(1);
      return row ?? null;
    },
    async touch(id: string, now: Date) {
      await db.update(sessionsTable).set({ lastSeenAt: now }).where(eq(sessionsTable.id, id));
    },
    async revoke(id: string, now: Date) {
      await db.update(sessionsTable).set({ revokedAt: now }).where(and(eq(sessionsTable.id, id), isNull(sessionsTable.revokedAt)));
    },
    /** Revoke every active session of the account, except `keep`; returns how many. */
    async revokeAllOf(userId: string, now: Date, keep?: string): Promise<number> {
      const rows = await db
        .update(sessionsTable)
        .set({ revokedAt: now })
        .where(and(eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt), keep ? ne(sessionsTable.id, keep) : undefined))
        .returning({ id: sessionsTable.id });
      return rows.length;
    },
    async revokeOwn(id: string, userId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(sessionsTable)
        .set({ revokedAt: now })
        .where(and(eq(sessionsTable.id, id), eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt)))
        .returning({ id: sessionsTable.id });
      return rows.length === 1;
    },
    async listActiveOf(userId: string, now: Date) {
      return db
        .select()
        .from(sessionsTable)
        .where(and(eq(sessionsTable.userId, userId), isNull(sessionsTable.revokedAt), gt(sessionsTable.expiresAt, now)))
        .orderBy(desc(sessionsTable.lastSeenAt));
    }
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
