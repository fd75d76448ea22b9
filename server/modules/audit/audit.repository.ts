/** Reading the audit log (appending lives in audit.log.ts; nothing here writes). */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { occurredAtSql, type AuditRowFields } from './audit.hash.ts';

export interface AuditRow extends AuditRowFields {
  details: Record<string, unknown>;
  prevHash: Buffer;
  hash: Buffer;
}

export interface AuditFilter {
  /** Rows with a smaller id only (keyset page cursor). */
  beforeId?: string;
  /** Exact action, or a prefix when `actionPrefix` is set. */
  action?: string;
  actionPrefix?: boolean;
  actorLabel?: string;
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

export function createAuditRepository(db: DbOrTx) {
  return {
    /** Newest first. */
    async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
      const where: SQL[] = [sql`true`];
      if (filter.beforeId) where.push(sql`audit_log.id < ${filter.beforeId}::bigint`);
      if (filter.action !== undefined) where.push(filter.actionPrefix ? sql`action LIKE ${likePrefix(filter.action)}` : sql`action = ${filter.action}`);
      if (filter.actorLabel !== undefined) where.push(sql`actor_label = ${filter.actorLabel}`);
      const { rows } = await db.execute<AuditRow & Record<string, unknown>>(sql`
        SELECT id::text AS "id", ${sql.raw(occurredAtSql('occurred_at'))} AS "occurredAt", actor_id::text AS "actorId",
               actor_label AS "actorLabel", action, entity_type AS "entityType", entity_id AS "entityId",
               unit_path::text AS "unitPath", ip, details, prev_hash AS "prevHash", hash
        FROM audit_log
        WHERE ${sql.join(where, sql` AND `)}
        -- audit_log.id, the bigint: a bare "id" would sort the text output column.
        ORDER BY audit_log.id DESC
        LIMIT ${limit}`);
      return rows;
    }
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
