/**
 * The one definition of an audit row's hash, used by appendAudit and by verifyAuditChain.
 *
 *   hash = SHA-256(prev_hash || UTF-8(canonical JSON of [version, id, occurred_at, actor_id,
 *          actor_label, action, entity_type, entity_id, unit_path, ip, details]))
 *
 * Every field is a string or null except details (a JSON object, keys sorted). occurred_at is
 * written as UTC with microseconds, formatted by PostgreSQL with OCCURRED_AT_FORMAT both when
 * the row is appended and when it is verified, so no precision is lost on the way through JS.
 * Changing anything here breaks every existing chain: add a new version instead.
 */
import { createHash } from 'node:crypto';

export const AUDIT_HASH_VERSION = 'dt-audit-v1';
/** prev_hash of the first row. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** to_char pattern of occurred_at in the hashed form: 2026-03-14T02:05:09.123456Z. */
const OCCURRED_AT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
/** SQL that renders a timestamptz expression in the hashed form. */
export function occurredAtSql(expression: string): string {
  return `to_char((${expression}) AT TIME ZONE 'UTC', ${OCCURRED_AT_FORMAT})`;
}

export interface AuditRowFields {
  /** bigint id as text. */
  id: string;
  /** occurred_at as rendered by occurredAtSql. */
  occurredAt: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitPath: string | null;
  ip: string | null;
  /** details exactly as stored (jsonb read back, or the normalised object about to be stored). */
  details: unknown;
}

/** JSON with object keys sorted (by UTF-16 code units) and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported value of type ${typeof value}`);
  }
}

export function auditRowHash(prevHash: Buffer, row: AuditRowFields): Buffer {
  const canonical = canonicalJson([
    AUDIT_HASH_VERSION,
    row.id,
    row.occurredAt,
    row.actorId,
    row.actorLabel,
    row.action,
    row.entityType,
    row.entityId,
    row.unitPath,
    row.ip,
    row.details
  ]);
  return createHash('sha256').update(prevHash).update(canonical, 'utf8').digest();
}
