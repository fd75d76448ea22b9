/**
 * Appending to the tamper-evident audit log (DESIGN.md: "every write is in an append-only,
 * hash-chained audit log with a verify command").
 *
 * Call appendAudit with the transaction that makes the change, so the audit row commits with
 * the change it records or not at all:
 *
 *   await db.transaction(async (tx) => {
 *     await repo(tx).changeRole(userId, role);
 *     await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'account.role_change',
 *       entityType: 'user', entityId: userId, unitPath: unit.path, ip: request.ip, details: { from, to: role } });
 *   });
 *
 * WHAT MAY GO INTO `details`: ids, codes, enum values, counts, field names. NEVER secrets
 * (passwords, hashes, tokens, TOTP secrets, backup codes, keys) and NEVER personal data of
 * citizens (names, identity-card numbers, addresses, phone numbers, petition content): the log
 * can never be edited or purged, and administrators, who may not read petition data, read it.
 * Record *that* an identity was read (`petition.read_identity`, entityId = petition id), not
 * what it was. Keys that name secrets are refused outright (FORBIDDEN_DETAIL_KEYS).
 *
 * Chain: the row's hash = SHA-256(previous row's hash || canonical row), see audit.hash.ts.
 * Appends are serialised by a transaction-scoped advisory lock taken before the last hash is
 * read, so concurrent transactions extend one chain; the lock is held until the caller's
 * transaction ends, so keep audited transactions short.
 */
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { auditRowHash, GENESIS_HASH, occurredAtSql } from './audit.hash.ts';

export interface AuditEntry {
  actorId: string | null;
  actorLabel?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  unitPath?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Key of pg_advisory_xact_lock that serialises appends (migrations use 727_001). */
export const AUDIT_LOCK_KEY = 727_003;

/** Detail keys that can only hold a secret (compared lower-case, without '_' and '-'). */
const FORBIDDEN_DETAIL_KEYS = new Set([
  'password', 'newpassword', 'oldpassword', 'currentpassword', 'passwordhash', 'pgpassword',
  'secret', 'totpsecret', 'otpsecret', 'otpcode', 'totpcode', 'backupcodes', 'backupcode',
  'token', 'sessiontoken', 'accesstoken', 'refreshtoken', 'tokenhash', 'tokenkey', 'datakey', 'privatekey', 'apikey'
]);
const MAX_DEPTH = 16;
const MAX_FIELD = 1000;

// PostgreSQL's jsonb refuses \u0000 and unpaired surrogates; replace them so an odd string
// cannot make the audited change fail.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string) => s.replace(UNSTORABLE, '\uFFFD');

/**
 * The JSON value that jsonb will store and give back: undefined dropped, Dates as ISO text,
 * bigints as text, non-finite numbers as null. The hash is computed over this value.
 */
function normalize(value: unknown, depth: number, path: string): unknown {
  if (depth > MAX_DEPTH) throw new Error(`appendAudit: details nested deeper than ${MAX_DEPTH} levels at ${path}`);
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return storable(value);
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return normalize(withJson.toJSON(), depth + 1, path);
      if (Array.isArray(value)) return value.map((v, i) => normalize(v, depth + 1, `${path}[${i}]`));
      // Null prototype: a key "__proto__" stays an ordinary key, as it is in jsonb.
      const out: Record<string, unknown> = Object.create(null);
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        if (FORBIDDEN_DETAIL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''))) {
          throw new Error(`appendAudit: details.${path ? `${path}.` : ''}${key} looks like a secret; secrets never go into the audit log`);
        }
        out[storable(key)] = normalize(v, depth + 1, path ? `${path}.${key}` : key);
      }
      return out;
    }
    default:
      return null;
  }
}

function text(value: string | null | undefined, name: string, required = false): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new Error(`appendAudit: ${name} is required`);
    return null;
  }
  if (value.length > MAX_FIELD) throw new Error(`appendAudit: ${name} is longer than ${MAX_FIELD} characters`);
  return storable(value);
}

interface Head {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string | null;
  unit_path: string | null;
  prev_hash: Buffer | null;
  isolation: string;
}

/** Append one entry inside the caller's transaction (so the audit row commits with the change it records). */
export async function appendAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  // Outside a transaction the lock would end with its own statement: open one.
  if (!(db instanceof PgTransaction)) return db.transaction((tx) => appendAudit(tx, entry));
  const tx: Tx = db;

  const action = text(entry.action, 'action', true)!;
  const entityType = text(entry.entityType, 'entityType', true)!;
  const entityId = text(entry.entityId, 'entityId');
  const ip = text(entry.ip, 'ip');
  const details = normalize(entry.details ?? {}, 0, '');
  if (details === null || typeof details !== 'object' || Array.isArray(details)) throw new Error('appendAudit: details must be an object');

  // The lock first, in its own statement: the next statement's snapshot then sees the row of
  // whoever held the lock before us (READ COMMITTED takes a snapshot per statement).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  // Under the lock: the next id, the time, the last hash. PostgreSQL also renders actor_id and
  // unit_path in their stored form, so the hash is computed over exactly what will be read back.
  const { rows } = await tx.execute<Head & Record<string, unknown>>(sql`
    SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id,
           ${sql.raw(occurredAtSql('clock_timestamp()'))} AS occurred_at,
           ${entry.actorId ?? null}::uuid::text AS actor_id,
           COALESCE(${text(entry.actorLabel, 'actorLabel')}::text,
                    (SELECT identifier_code FROM users WHERE id = ${entry.actorId ?? null}::uuid)) AS actor_label,
           ${text(entry.unitPath, 'unitPath')}::ltree::text AS unit_path,
           (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev_hash,
           current_setting('transaction_isolation') AS isolation`);
  const head = rows[0]!;
  if (head.isolation !== 'read committed') {
    // A repeatable-read snapshot taken before the lock cannot see the last row: the append
    // would fork the chain (and the UNIQUE (prev_hash) constraint would refuse it anyway).
    throw new Error(`appendAudit needs a READ COMMITTED transaction (this one is ${head.isolation})`);
  }
  const prevHash = head.prev_hash ?? GENESIS_HASH;
  const hash = auditRowHash(prevHash, {
    id: head.id,
    occurredAt: head.occurred_at,
    actorId: head.actor_id,
    actorLabel: head.actor_label,
    action,
    entityType,
    entityId,
    unitPath: head.unit_path,
    ip,
    details
  });
  await tx.execute(sql`
    INSERT INTO audit_log (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, unit_path, ip, details, prev_hash, hash)
    OVERRIDING SYSTEM VALUE
    VALUES (${head.id}::bigint, ${head.occurred_at}::timestamptz, ${head.actor_id}::uuid, ${head.actor_label}, ${action}, ${entityType},
            ${entityId}, ${head.unit_path}::ltree, ${ip}, ${JSON.stringify(details)}::jsonb, ${prevHash}, ${hash})`);
}
