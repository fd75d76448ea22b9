/**
 * Walks the audit chain in id order and recomputes every hash (audit.hash.ts). A row is broken
 * when its own contents no longer match its hash (it was edited), or when its prev_hash is not
 * the hash of the row before it (a row before it was deleted, inserted or re-hashed).
 * Reads in keyset batches inside one read-only REPEATABLE READ transaction: constant memory
 * for any length of log, and one consistent snapshot while appends go on.
 *
 * Limit: removing the newest rows leaves a shorter chain that is still valid; only a copy of
 * the last hash kept elsewhere (a printed report, a backup) can show that.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../../db/client.ts';
import { auditRowHash, GENESIS_HASH, occurredAtSql } from './audit.hash.ts';

export type AuditVerifyResult =
  | { ok: true; rows: number }
  /** rows = rows read up to and including the first broken one. */
  | { ok: false; rows: number; firstBrokenId: string; reason: string };

export interface VerifyOptions {
  /** Rows per query (default 5,000). */
  batchSize?: number;
}

/** An audit_log row as read back (occurred_at rendered by occurredAtSql). */
export interface StoredAuditRow extends Record<string, unknown> {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_path: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

const reasons = {
  altered: () =>
    'nội dung dòng không còn khớp với mã băm đã lưu (dòng đã bị sửa) / the row no longer matches its stored hash (the row was altered)',
  firstNotGenesis: () =>
    'dòng đầu tiên không bắt đầu từ gốc chuỗi (các dòng trước nó đã bị xoá) / the first row does not start the chain (rows before it were removed)',
  linkBroken: (previousId: string) =>
    `prev_hash không khớp với mã băm của dòng trước (id=${previousId}): có dòng bị xoá, chèn thêm hoặc sửa trước dòng này / ` +
    `prev_hash does not match the hash of the previous row (id=${previousId}): a row before this one was deleted, inserted or altered`
};

/** Verify with a Drizzle handle (the API uses this). */
export async function verifyAuditChainIn(db: Db, options: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  return db.transaction(
    async (tx) => {
      let rows = 0;
      let previousHash = GENESIS_HASH;
      let previousId: string | null = null;
      let afterId = '0';
      for (;;) {
        const batch = await tx.execute<StoredAuditRow>(sql`
          SELECT id::text, ${sql.raw(occurredAtSql('occurred_at'))} AS occurred_at, actor_id::text, actor_label, action,
                 entity_type, entity_id, unit_path::text, ip, details, prev_hash, hash
          FROM audit_log
          WHERE audit_log.id > ${afterId}::bigint
          -- audit_log.id, the bigint: a bare "id" would be the text output column.
          ORDER BY audit_log.id
          LIMIT ${batchSize}`);
        for (const row of batch.rows) {
          rows += 1;
          const expected = auditRowHash(row.prev_hash, {
            id: row.id,
            occurredAt: row.occurred_at,
            actorId: row.actor_id,
            actorLabel: row.actor_label,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            unitPath: row.unit_path,
            ip: row.ip,
            details: row.details
          });
          if (!expected.equals(row.hash)) return { ok: false, rows, firstBrokenId: row.id, reason: reasons.altered() };
          if (!row.prev_hash.equals(previousHash)) {
            const reason = previousId === null ? reasons.firstNotGenesis() : reasons.linkBroken(previousId);
            return { ok: false, rows, firstBrokenId: row.id, reason };
          }
          previousHash = row.hash;
          previousId = row.id;
        }
        if (batch.rows.length < batchSize) return { ok: true, rows };
        afterId = batch.rows[batch.rows.length - 1]!.id;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' }
  );
}

export async function verifyAuditChain(pool: pg.Pool, options: VerifyOptions = {}): Promise<AuditVerifyResult> {
  return verifyAuditChainIn(drizzle(pool) as Db, options);
}
