/**
 * The second wall: petition queries run inside a transaction as the role dt_scoped, with the
 * caller's unit subtrees in the setting dt.scope. PostgreSQL's row-level security (migration
 * 0002) then hides every row outside them, even if a query forgot its WHERE clause.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

export function scopeLiteral(scopePaths: readonly string[]): string {
  for (const path of scopePaths) if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(path)) throw new Error(`invalid scope path: ${path}`);
  return `{${scopePaths.join(',')}}`;
}

export async function withScope<T>(db: Db, scopePaths: readonly string[], work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('dt.scope', ${scopeLiteral(scopePaths)}, true)`);
    await tx.execute(sql`SET LOCAL ROLE dt_scoped`);
    return work(tx);
  });
}

/**
 * Inside withScope: run one piece of work as the owner role, past row-level security. Only for
 * (a) writes the policy module has already allowed that by nature leave the caller's subtree (a
 * transfer to a unit elsewhere, the event that tells that unit), and (b) index-driven look-ups of
 * ids or counts already bounded by the application's own scope filter, whose rows are then read
 * back under RLS. Under RLS, PostgreSQL cannot let a non-leakproof operator (LIKE, pg_trgm, ltree)
 * drive an index ahead of the policy, so searches would scan the whole table. Never for rows.
 */
export async function outsideScope<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  await tx.execute(sql`RESET ROLE`);
  const result = await work();
  await tx.execute(sql`SET LOCAL ROLE dt_scoped`);
  return result;
}
