/**
 * Tools for the audit tests: play the rogue superuser who edits the log behind the trigger's
 * back, and run the verify command as an operator would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { StoredAuditRow } from '../../server/modules/audit/audit.verify.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Run `work` in a transaction with triggers off (session_replication_role = replica; superuser only). */
export async function bypassingTriggers<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** occurred_at comes back as text, so microseconds survive a re-insert. */
export interface RawAuditRow extends StoredAuditRow {
  details: Record<string, unknown>;
}

export async function readRow(db: pg.Pool | pg.PoolClient, id: string): Promise<RawAuditRow> {
  const { rows } = await db.query<RawAuditRow>(
    `SELECT id::text, occurred_at::text, actor_id, actor_label, action, entity_type, entity_id, unit_path::text, ip, details, prev_hash, hash
     FROM audit_log WHERE id = $1`,
    [id]
  );
  if (!rows[0]) throw new Error(`no audit row ${id}`);
  return rows[0];
}

/** Put a deleted row back exactly as it was (id included). */
export async function reinsertRow(client: pg.PoolClient, row: RawAuditRow): Promise<void> {
  await client.query(
    `INSERT INTO audit_log (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, unit_path, ip, details, prev_hash, hash)
     OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [row.id, row.occurred_at, row.actor_id, row.actor_label, row.action, row.entity_type, row.entity_id, row.unit_path, row.ip, JSON.stringify(row.details), row.prev_hash, row.hash]
  );
}

/** `npx tsx server/bin/audit-verify.ts ...args` from the repository root (DATABASE_URL unset unless given in env). */
export async function runAuditVerifyCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { ...process.env, DATABASE_URL: '', ...env };
  return await new Promise((resolve, reject) => {
    execFile('npx', ['tsx', 'server/bin/audit-verify.ts', ...args], { cwd: ROOT, timeout: 60_000, env: childEnv }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The connection string of a pool (the test database's own URL). */
export function poolUrl(pool: pg.Pool): string {
  const url = pool.options.connectionString;
  if (!url) throw new Error('pool has no connection string');
  return url;
}
