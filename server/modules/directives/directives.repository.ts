/**
 * SQL of directives, their targets, their append-only thread and its files (migrations 0016 and
 * 0010). Access is decided by the service with the policy module; these functions only read and write.
 */
import { sql } from 'drizzle-orm';
import type { DirectivePriority, DirectiveStatus, MessageKind } from '../../../shared/directives.ts';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';

export interface DirectiveHead {
  id: string;
  issuedBy: string;
  issuerName: string;
  issuerUnitName: string;
  title: string;
  content: string;
  priority: DirectivePriority;
  dueDate: string;
  status: DirectiveStatus;
  petitionId: string | null;
  petitionCode: string | null;
  caseId: string | null;
  caseCode: string | null;
  lastSeq: number;
  createdAt: Date;
  closedAt: Date | null;
}

export interface TargetRow {
  unitId: string;
  unitPath: string;
  unitName: string;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
}

export interface MessageRow {
  seq: number;
  kind: MessageKind;
  body: string | null;
  authorId: string;
  authorName: string;
  unitName: string;
  correctsSeq: number | null;
  createdAt: Date;
}

export interface AttachmentRow {
  id: string;
  directiveId: string;
  messageSeq: number | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
}

export interface ListFilter {
  userId: string;
  unitId: string;
  /** Subtrees whose directives the caller may read (empty: only its own). */
  scopePaths: readonly string[];
  box: 'all' | 'inbox' | 'issued';
  status: 'all' | 'open' | 'closed';
  limit: number;
}

const HEAD = sql`
  SELECT d.id, d.issued_by, u.full_name AS issuer_name, iu.name AS issuer_unit_name, d.title, d.content, d.priority, d.due_date::text, d.status,
         d.petition_id, p.code AS petition_code, dc.case_id, c.code AS case_code, d.last_seq, d.created_at, d.closed_at
    FROM directives d
    JOIN users u ON u.id = d.issued_by
    JOIN units iu ON iu.id = u.unit_id
    LEFT JOIN petitions p ON p.id = d.petition_id
    LEFT JOIN directive_cases dc ON dc.directive_id = d.id
    LEFT JOIN cases c ON c.id = dc.case_id`;

type HeadRow = { id: string; issued_by: string; issuer_name: string; issuer_unit_name: string; title: string; content: string; priority: DirectivePriority; due_date: string; status: DirectiveStatus; petition_id: string | null; petition_code: string | null; case_id: string | null; case_code: string | null; last_seq: number; created_at: Date; closed_at: Date | null };

const toHead = (r: HeadRow): DirectiveHead => ({
  id: r.id,
  issuedBy: r.issued_by,
  issuerName: r.issuer_name,
  issuerUnitName: r.issuer_unit_name,
  title: r.title,
  content: r.content,
  priority: r.priority,
  dueDate: r.due_date,
  status: r.status,
  petitionId: r.petition_id,
  petitionCode: r.petition_code,
  caseId: r.case_id,
  caseCode: r.case_code,
  lastSeq: r.last_seq,
  createdAt: new Date(r.created_at),
  closedAt: r.closed_at ? new Date(r.closed_at) : null
});

export function createDirectivesRepository(db: DbOrTx) {
  return {
    async units(ids: readonly string[]): Promise<{ id: string; path: string; name: string; open: boolean }[]> {
      if (ids.length === 0) return [];
      const { rows } = await db.execute<{ id: string; path: string; name: string; open: boolean }>(sql`
        SELECT id::text, path::text, name, (valid_to IS NULL) AS open FROM units WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
      return rows;
    },

    /** Run inside withScope: the petition if the caller's subtrees hold it. */
    async petitionInScope(id: string, scopePaths: readonly string[]): Promise<{ id: string; code: string; unitId: string } | null> {
      const { rows } = await db.execute<{ id: string; code: string; unit_id: string }>(sql`
        SELECT id::text, code, unit_id::text FROM petitions WHERE id = ${id}::uuid AND unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')})`);
      return rows[0] ? { id: rows[0].id, code: rows[0].code, unitId: rows[0].unit_id } : null;
    },

    /** Run inside withScope: the case (vụ việc, migration 0007) if the caller's subtrees hold it. */
    async caseInScope(id: string, scopePaths: readonly string[]): Promise<{ id: string; code: string; unitId: string } | null> {
      const { rows } = await db.execute<{ id: string; code: string; unit_id: string }>(sql`
        SELECT id::text, code, unit_id::text FROM cases WHERE id = ${id}::uuid AND unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')})`);
      return rows[0] ? { id: rows[0].id, code: rows[0].code, unitId: rows[0].unit_id } : null;
    },

    async insert(d: { issuedBy: string; issuerUnitPath: string; title: string; content: string; priority: DirectivePriority; dueDate: string; petitionId: string | null; caseId: string | null; targets: readonly { id: string; path: string }[] }): Promise<string> {
      const { rows } = await db.execute<{ id: string }>(sql`
        INSERT INTO directives (issued_by, issuer_unit_path, title, content, priority, due_date, petition_id)
        VALUES (${d.issuedBy}, ${d.issuerUnitPath}::ltree, ${d.title}, ${d.content}, ${d.priority}, ${d.dueDate}::date, ${d.petitionId}::uuid) RETURNING id::text`);
      const id = rows[0]!.id;
      if (d.caseId) await db.execute(sql`INSERT INTO directive_cases (directive_id, case_id) VALUES (${id}, ${d.caseId}::uuid)`);
      await db.execute(sql`
        INSERT INTO directive_targets (directive_id, unit_id, unit_path)
        SELECT ${id}::uuid, u.id, u.path FROM unnest(${arrayParam(d.targets.map((t) => t.id), 'uuid')}) AS x(id) JOIN units u ON u.id = x.id`);
      return id;
    },

    async head(id: string): Promise<DirectiveHead | null> {
      const { rows } = await db.execute<HeadRow>(sql`${HEAD} WHERE d.id = ${id}::uuid`);
      return rows[0] ? toHead(rows[0]) : null;
    },

    /** Lock the directive for this transaction: steps on one directive are serialised (and so is its seq). */
    async lock(id: string): Promise<{ status: DirectiveStatus; dueDate: string } | null> {
      const { rows } = await db.execute<{ status: DirectiveStatus; due_date: string }>(sql`SELECT status, due_date::text FROM directives WHERE id = ${id}::uuid FOR UPDATE`);
      return rows[0] ? { status: rows[0].status, dueDate: rows[0].due_date } : null;
    },

    async targets(id: string): Promise<TargetRow[]> {
      const { rows } = await db.execute<{ unit_id: string; unit_path: string; unit_name: string; acknowledged_at: Date | null; completed_at: Date | null }>(sql`
        SELECT t.unit_id::text, t.unit_path::text, u.name AS unit_name, t.acknowledged_at, t.completed_at
          FROM directive_targets t JOIN units u ON u.id = t.unit_id WHERE t.directive_id = ${id}::uuid ORDER BY u.path`);
      return rows.map((r) => ({ unitId: r.unit_id, unitPath: r.unit_path, unitName: r.unit_name, acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null, completedAt: r.completed_at ? new Date(r.completed_at) : null }));
    },

    async markTarget(id: string, unitId: string, step: 'ACKNOWLEDGE' | 'COMPLETE', userId: string, at: Date): Promise<void> {
      if (step === 'ACKNOWLEDGE') await db.execute(sql`UPDATE directive_targets SET acknowledged_at = ${at}, acknowledged_by = ${userId} WHERE directive_id = ${id}::uuid AND unit_id = ${unitId}::uuid AND acknowledged_at IS NULL`);
      else await db.execute(sql`UPDATE directive_targets SET completed_at = ${at}, completed_by = ${userId} WHERE directive_id = ${id}::uuid AND unit_id = ${unitId}::uuid AND completed_at IS NULL`);
    },

    async setDueDate(id: string, dueDate: string): Promise<void> {
      await db.execute(sql`UPDATE directives SET due_date = ${dueDate}::date WHERE id = ${id}::uuid`);
    },

    async close(id: string, at: Date): Promise<void> {
      await db.execute(sql`UPDATE directives SET status = 'CLOSED', closed_at = ${at} WHERE id = ${id}::uuid`);
    },

    /** The seq of this author's message sent with this key, if it was sent already. */
    async seqByKey(id: string, authorId: string, key: string): Promise<number | null> {
      const { rows } = await db.execute<{ seq: number }>(sql`SELECT seq FROM directive_messages WHERE directive_id = ${id}::uuid AND author_id = ${authorId} AND idempotency_key = ${key}`);
      return rows[0]?.seq ?? null;
    },

    /** The directive this leader issued with this key, if any (a retried "issue"). */
    async issuedByKey(authorId: string, key: string): Promise<string | null> {
      const { rows } = await db.execute<{ id: string }>(sql`SELECT directive_id::text AS id FROM directive_messages WHERE author_id = ${authorId} AND kind = 'ISSUE' AND idempotency_key = ${key} LIMIT 1`);
      return rows[0]?.id ?? null;
    },

    /** Serialise one author's requests with one key (held to the end of the transaction). */
    async lockKey(authorId: string, key: string): Promise<void> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`directive:${authorId}:${key}`}, 0))`);
    },

    /** Append to the thread under the directive's lock: the next seq, no gap, no tie. */
    async append(m: { directiveId: string; kind: MessageKind; authorId: string; authorUnitId: string; body: string | null; correctsSeq: number | null; key: string | null }): Promise<number> {
      const { rows } = await db.execute<{ last_seq: number }>(sql`UPDATE directives SET last_seq = last_seq + 1 WHERE id = ${m.directiveId}::uuid RETURNING last_seq`);
      const seq = rows[0]!.last_seq;
      await db.execute(sql`
        INSERT INTO directive_messages (directive_id, seq, kind, author_id, author_unit_id, body, corrects_seq, idempotency_key)
        VALUES (${m.directiveId}::uuid, ${seq}, ${m.kind}, ${m.authorId}, ${m.authorUnitId}, ${m.body}, ${m.correctsSeq}, ${m.key})`);
      return seq;
    },

    async message(id: string, seq: number): Promise<{ authorId: string; kind: MessageKind } | null> {
      const { rows } = await db.execute<{ author_id: string; kind: MessageKind }>(sql`SELECT author_id::text, kind FROM directive_messages WHERE directive_id = ${id}::uuid AND seq = ${seq}`);
      return rows[0] ? { authorId: rows[0].author_id, kind: rows[0].kind } : null;
    },

    async messages(id: string): Promise<MessageRow[]> {
      const { rows } = await db.execute<{ seq: number; kind: MessageKind; body: string | null; author_id: string; author_name: string; unit_name: string; corrects_seq: number | null; created_at: Date }>(sql`
        SELECT m.seq, m.kind, m.body, m.author_id::text, u.full_name AS author_name, un.name AS unit_name, m.corrects_seq, m.created_at
          FROM directive_messages m JOIN users u ON u.id = m.author_id JOIN units un ON un.id = m.author_unit_id
         WHERE m.directive_id = ${id}::uuid ORDER BY m.seq`);
      return rows.map((r) => ({ seq: r.seq, kind: r.kind, body: r.body, authorId: r.author_id, authorName: r.author_name, unitName: r.unit_name, correctsSeq: r.corrects_seq, createdAt: new Date(r.created_at) }));
    },

    /** Officers and leaders of these units: whom a directive to them concerns. */
    async accountsOfUnits(unitIds: readonly string[]): Promise<string[]> {
      if (unitIds.length === 0) return [];
      const { rows } = await db.execute<{ id: string }>(sql`
        SELECT id::text FROM users WHERE unit_id = ANY(${arrayParam(unitIds, 'uuid')}) AND role IN ('OFFICER', 'LEADER') AND NOT disabled`);
      return rows.map((r) => r.id);
    },

    async list(f: ListFilter) {
      const readable = f.scopePaths.length
        ? sql`(d.issued_by = ${f.userId}::uuid OR EXISTS (SELECT 1 FROM directive_targets m WHERE m.directive_id = d.id AND m.unit_path <@ ANY(${arrayParam(f.scopePaths, 'ltree')})))`
        : sql`d.issued_by = ${f.userId}::uuid`;
      const box =
        f.box === 'issued'
          ? sql`AND d.issued_by = ${f.userId}::uuid`
          : f.box === 'inbox'
            ? sql`AND d.issued_by <> ${f.userId}::uuid AND EXISTS (SELECT 1 FROM directive_targets m WHERE m.directive_id = d.id AND m.unit_id = ${f.unitId}::uuid)`
            : sql``;
      const status = f.status === 'all' ? sql`` : sql`AND d.status = ${f.status === 'open' ? 'OPEN' : 'CLOSED'}`;
      const { rows } = await db.execute<HeadRow & { targets: { unitId: string; unitName: string; acknowledgedAt: string | null; completedAt: string | null }[] }>(sql`
        SELECT h.*, (SELECT json_agg(json_build_object('unitId', t.unit_id, 'unitName', tu.name, 'acknowledgedAt', t.acknowledged_at, 'completedAt', t.completed_at) ORDER BY tu.path)
                       FROM directive_targets t JOIN units tu ON tu.id = t.unit_id WHERE t.directive_id = h.id) AS targets
          FROM (${HEAD} WHERE ${readable} ${box} ${status} ORDER BY (d.status = 'OPEN') DESC, d.created_at DESC LIMIT ${f.limit}) h
         ORDER BY (h.status = 'OPEN') DESC, h.created_at DESC`);
      return rows.map((r) => ({ ...toHead(r), targets: r.targets ?? [] }));
    },

    /** Open directives to this unit it has not acknowledged, not issued by the caller. */
    async awaitingAcknowledgement(unitId: string, userId: string): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM directives d JOIN directive_targets t ON t.directive_id = d.id
         WHERE d.status = 'OPEN' AND t.unit_id = ${unitId}::uuid AND t.acknowledged_at IS NULL AND d.issued_by <> ${userId}::uuid`);
      return rows[0]?.n ?? 0;
    },

    async insertAttachment(a: Omit<AttachmentRow, 'id' | 'messageSeq'>): Promise<AttachmentRow> {
      const { rows } = await db.execute<{ id: string }>(sql`
        INSERT INTO directive_attachments (directive_id, file_name, media_type, size_bytes, sha256, uploaded_by)
        VALUES (${a.directiveId}::uuid, ${a.fileName}, ${a.mediaType}, ${a.sizeBytes}, ${a.sha256}, ${a.uploadedBy}::uuid) RETURNING id::text`);
      return { ...a, id: rows[0]!.id, messageSeq: null };
    },

    async pendingCount(id: string, userId: string): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM directive_attachments WHERE directive_id = ${id}::uuid AND uploaded_by = ${userId}::uuid AND message_seq IS NULL`);
      return rows[0]?.n ?? 0;
    },

    /** Binds the author's waiting files to its message; returns how many it bound (all or the caller refuses). */
    async bindAttachments(id: string, userId: string, ids: readonly string[], seq: number): Promise<number> {
      const { rowCount } = await db.execute(sql`
        UPDATE directive_attachments SET message_seq = ${seq}
         WHERE directive_id = ${id}::uuid AND uploaded_by = ${userId}::uuid AND message_seq IS NULL AND id = ANY(${arrayParam(ids, 'uuid')})`);
      return rowCount ?? 0;
    },

    async attachmentsOf(id: string): Promise<AttachmentRow[]> {
      const { rows } = await db.execute<{ id: string; directive_id: string; message_seq: number | null; file_name: string; media_type: string; size_bytes: number; sha256: string; uploaded_by: string }>(sql`
        SELECT id::text, directive_id::text, message_seq, file_name, media_type, size_bytes, sha256, uploaded_by::text
          FROM directive_attachments WHERE directive_id = ${id}::uuid ORDER BY created_at, id`);
      return rows.map((r) => ({ id: r.id, directiveId: r.directive_id, messageSeq: r.message_seq, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, uploadedBy: r.uploaded_by }));
    }
  };
}
export type DirectivesRepository = ReturnType<typeof createDirectivesRepository>;
