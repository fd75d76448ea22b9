/**
 * One pg pool and one Drizzle instance per process. Every module's repository receives `db`;
 * services that need a transaction call `db.transaction(async (tx) => …)` and pass `tx` down.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';

// bigint (int8) arrives as a string; keep it so (ids and counters can pass 2^53).
// date (1082) stays 'YYYY-MM-DD': a civil date has no time zone.
pg.types.setTypeParser(1082, (value) => value);

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle is accepted wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close: () => Promise<void>;
}

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'don-thu' });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as Db;
  return { pool, db, close: () => pool.end() };
}
