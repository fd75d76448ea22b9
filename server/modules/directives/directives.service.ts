/**
 * Directives and their threads (issue 5 item 3). A leader issues a directive to units of its
 * scope; each target unit acknowledges, replies and reports completion; the leader comments,
 * urges, extends or closes. Every step is a new thread message (ordered by a per-directive
 * sequence, de-duplicated by the author's idempotency key, never edited), its events (one per
 * target unit, which the leader's scope covers) and its audit entry, in one transaction; then
 * alerts for the accounts concerned, and a web-push to those with no open connection.
 */
import { sql } from 'drizzle-orm';
import { toVnDate } from '../../../shared/calendar/index.ts';
import { ISSUER_STEPS, TARGET_STEPS, type DirectivePriority, type MessageKind } from '../../../shared/directives.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import type { PushService } from '../push/push.service.ts';
import { directiveErrors } from './directives.errors.ts';

export interface IssueInput {
  title: string;
  content: string;
  priority: DirectivePriority;
  dueDate: string;
  unitIds: string[];
  petitionId?: string;
}

type Target = {
  unit_id: string;
  unit_path: string;
  unit_name: string;
  acknowledged_at: Date | null;
  completed_at: Date | null;
};

export function createDirectivesService(deps: { db: Db; push?: PushService; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function targetsOf(db: DbOrTx, directiveId: string): Promise<Target[]> {
    const { rows } = await db.execute<Target>(sql`
      SELECT t.unit_id, t.unit_path::text, u.name AS unit_name, t.acknowledged_at, t.completed_at
        FROM directive_targets t JOIN units u ON u.id = t.unit_id WHERE t.directive_id = ${directiveId} ORDER BY u.name`);
    return rows;
  }

  /** The directive if the caller takes part: its issuer, or an account whose scope holds a target unit. */
  async function load(user: AuthUser, id: string) {
    const { rows } = await deps.db.execute<{ id: string; issued_by: string; issuer_name: string; title: string; content: string; priority: DirectivePriority; due_date: string; status: string; petition_id: string | null; last_seq: number; created_at: Date }>(sql`
      SELECT d.id, d.issued_by, u.full_name AS issuer_name, d.title, d.content, d.priority, d.due_date::text, d.status, d.petition_id, d.last_seq, d.created_at
        FROM directives d JOIN users u ON u.id = d.issued_by WHERE d.id = ${id}`);
    const directive = rows[0];
    if (!directive || user.role === 'ADMIN') throw directiveErrors.notFound();
    const targets = await targetsOf(deps.db, id);
    const mine = targets.filter((t) => isWithinAny(t.unit_path, user.scopePaths));
    if (directive.issued_by !== user.id && mine.length === 0) throw directiveErrors.notFound();
    return { directive, targets, mine };
  }

  /** Officers and leaders of these units: whom a directive step concerns. */
  async function accountsOf(db: DbOrTx, unitIds: string[]): Promise<string[]> {
    const { rows } = await db.execute<{ id: string }>(sql`
      SELECT id FROM users WHERE unit_id = ANY(${arrayParam(unitIds, 'uuid')}) AND role IN ('OFFICER', 'LEADER') AND NOT disabled`);
    return rows.map((r) => r.id);
  }

  async function notify(db: DbOrTx, userIds: string[], alert: { kind: string; title: string; titleEn: string; link: string; urgent: boolean }) {
    for (const userId of new Set(userIds)) {
      await db.execute(sql`INSERT INTO notifications (user_id, kind, title, title_en, link, urgent) VALUES (${userId}, ${alert.kind}, ${alert.title}, ${alert.titleEn}, ${alert.link}, ${alert.urgent})`);
    }
  }

  async function appendMessage(
    tx: DbOrTx,
    user: AuthUser,
    d: { id: string; priority: DirectivePriority },
    targets: Target[],
    kind: MessageKind,
    body: string | null,
    idempotencyKey: string | null
  ): Promise<{ seq: number; duplicate: boolean }> {
    if (idempotencyKey) {
      const { rows } = await tx.execute<{ seq: number }>(sql`SELECT seq FROM directive_messages WHERE directive_id = ${d.id} AND author_id = ${user.id} AND idempotency_key = ${idempotencyKey}`);
      if (rows[0]) return { seq: rows[0].seq, duplicate: true };
    }
    // The row lock on the directive orders the thread: seq has no gaps and no ties.
    const { rows } = await tx.execute<{ last_seq: number }>(sql`UPDATE directives SET last_seq = last_seq + 1 WHERE id = ${d.id} RETURNING last_seq`);
    const seq = rows[0]!.last_seq;
    await tx.execute(sql`
      INSERT INTO directive_messages (directive_id, seq, kind, author_id, author_unit_id, body, idempotency_key)
      VALUES (${d.id}, ${seq}, ${kind}, ${user.id}, ${user.unitId}, ${body}, ${idempotencyKey})`);
    const outbox = createOutboxRepository(tx);
    for (const t of targets) {
      await outbox.enqueueUnitEvent({ type: 'directive.message', unitPath: t.unit_path, payload: { directiveId: d.id, seq, kind, unitId: user.unitId, priority: d.priority } });
    }
    return { seq, duplicate: false };
  }

  return {
    async issue(user: AuthUser, input: IssueInput) {
      if (user.role !== 'LEADER') throw directiveErrors.issueForbidden();
      if (input.dueDate < toVnDate(now())) throw directiveErrors.pastDue([{ field: 'dueDate', message: 'Hạn đã qua.', messageEn: 'Due date has passed.' }]);
      const unitIds = [...new Set(input.unitIds)];
      const { rows: units } = unitIds.length
        ? await deps.db.execute<{ id: string; path: string; name: string; valid_to: string | null }>(sql`SELECT id, path::text, name, valid_to::text FROM units WHERE id = ANY(${arrayParam(unitIds, 'uuid')})`)
        : { rows: [] };
      if (units.length === 0 || units.length !== unitIds.length || units.some((u) => u.valid_to !== null || !isWithinAny(u.path, user.scopePaths))) {
        throw directiveErrors.badTargets([{ field: 'unitIds', message: 'Đơn vị nhận không hợp lệ.', messageEn: 'Invalid target units.' }]);
      }
      const title = input.title.trim();
      const content = input.content.trim();
      if (!title || !content) throw directiveErrors.bodyRequired([{ field: title ? 'content' : 'title', message: 'Cần nội dung.', messageEn: 'Required.' }]);
      const result = await deps.db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ id: string }>(sql`
          INSERT INTO directives (issued_by, issuer_unit_path, title, content, priority, due_date, petition_id)
          VALUES (${user.id}, ${user.unitPath}::ltree, ${title}, ${content}, ${input.priority}, ${input.dueDate}::date, ${input.petitionId ?? null}) RETURNING id`);
        const id = rows[0]!.id;
        for (const u of units) await tx.execute(sql`INSERT INTO directive_targets (directive_id, unit_id, unit_path) VALUES (${id}, ${u.id}, ${u.path}::ltree)`);
        const targets = await targetsOf(tx, id);
        const outbox = createOutboxRepository(tx);
        for (const t of targets) await outbox.enqueueUnitEvent({ type: 'directive.issued', unitPath: t.unit_path, payload: { directiveId: id, priority: input.priority, dueDate: input.dueDate, targetUnitId: t.unit_id } });
        await appendMessage(tx, user, { id, priority: input.priority }, targets, 'ISSUE', content, null);
        const recipients = (await accountsOf(tx, unitIds)).filter((u) => u !== user.id);
        const alert = { kind: 'DIRECTIVE', title: `Chỉ đạo mới: ${title}`.slice(0, 200), titleEn: 'New directive', link: `/directives/${id}`, urgent: input.priority === 'URGENT' };
        await notify(tx, recipients, alert);
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'directive.issue', entityType: 'directive', entityId: id, unitPath: user.unitPath, details: { targets: units.length, priority: input.priority } });
        return { id, recipients, alert };
      });
      // Push carries no personal data: a fixed title and the page to open.
      await deps.push?.notifyOffline(result.recipients, { kind: 'DIRECTIVE', title: 'Chỉ đạo mới / New directive', body: 'Mở Đơn Thư để xem và xác nhận. / Open Đơn Thư to read and acknowledge.', url: result.alert.link, urgent: result.alert.urgent });
      return this.get(user, result.id);
    },

    async list(user: AuthUser) {
      if (user.role === 'ADMIN') return { items: [] };
      const { rows } = await deps.db.execute<{ id: string; title: string; priority: string; due_date: string; status: string; issuer_name: string; created_at: Date; targets: number; acknowledged: number; completed: number; last_seq: number }>(sql`
        SELECT d.id, d.title, d.priority, d.due_date::text, d.status, u.full_name AS issuer_name, d.created_at, d.last_seq,
               count(t.*)::int AS targets, count(t.acknowledged_at)::int AS acknowledged, count(t.completed_at)::int AS completed
          FROM directives d JOIN users u ON u.id = d.issued_by JOIN directive_targets t ON t.directive_id = d.id
         WHERE d.issued_by = ${user.id}
            OR EXISTS (SELECT 1 FROM directive_targets m WHERE m.directive_id = d.id AND m.unit_path <@ ANY(${arrayParam(user.scopePaths, 'ltree')}))
         GROUP BY d.id, u.full_name ORDER BY d.created_at DESC LIMIT 200`);
      return { items: rows.map((r) => ({ id: r.id, title: r.title, priority: r.priority, dueDate: r.due_date, status: r.status, issuerName: r.issuer_name, createdAt: new Date(r.created_at).toISOString(), targets: r.targets, acknowledged: r.acknowledged, completed: r.completed, lastSeq: r.last_seq })) };
    },

    async get(user: AuthUser, id: string) {
      const { directive: d, targets, mine } = await load(user, id);
      const { rows } = await deps.db.execute<{ seq: number; kind: MessageKind; body: string | null; author_name: string; unit_name: string; created_at: Date }>(sql`
        SELECT m.seq, m.kind, m.body, u.full_name AS author_name, un.name AS unit_name, m.created_at
          FROM directive_messages m JOIN users u ON u.id = m.author_id JOIN units un ON un.id = m.author_unit_id
         WHERE m.directive_id = ${id} ORDER BY m.seq`);
      const isIssuer = d.issued_by === user.id;
      // The issuing leader's scope covers the targets, but it does not answer its own directive.
      const isTarget = !isIssuer && mine.length > 0 && (user.role === 'OFFICER' || user.role === 'LEADER');
      const open = d.status === 'OPEN';
      const allowedSteps: MessageKind[] = !open ? [] : [...(isTarget ? TARGET_STEPS.filter((k) => (k === 'ACKNOWLEDGE' ? mine.some((t) => !t.acknowledged_at) : k === 'COMPLETE' ? mine.some((t) => !t.completed_at) : true)) : []), ...(isIssuer ? ISSUER_STEPS : [])];
      return {
        id: d.id,
        title: d.title,
        content: d.content,
        priority: d.priority,
        dueDate: d.due_date,
        status: d.status,
        petitionId: d.petition_id,
        issuerName: d.issuer_name,
        createdAt: new Date(d.created_at).toISOString(),
        targets: targets.map((t) => ({ unitId: t.unit_id, unitName: t.unit_name, acknowledgedAt: t.acknowledged_at ? new Date(t.acknowledged_at).toISOString() : null, completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null })),
        messages: rows.map((m) => ({ seq: m.seq, kind: m.kind, body: m.body, authorName: m.author_name, unitName: m.unit_name, createdAt: new Date(m.created_at).toISOString() })),
        allowedSteps: [...new Set(allowedSteps)]
      };
    },

    async step(user: AuthUser, id: string, kind: MessageKind, input: { body?: string; idempotencyKey?: string; dueDate?: string }) {
      const { directive: d, targets, mine } = await load(user, id);
      const isIssuer = d.issued_by === user.id;
      const isTarget = !isIssuer && mine.length > 0 && (user.role === 'OFFICER' || user.role === 'LEADER');
      if (kind === 'ISSUE' || (TARGET_STEPS.includes(kind) && !isTarget) || (ISSUER_STEPS.includes(kind) && !isIssuer)) throw directiveErrors.stepForbidden();
      if (d.status !== 'OPEN') throw directiveErrors.closed();
      const body = input.body?.trim() || null;
      if ((kind === 'REPLY' || kind === 'COMMENT') && !body) throw directiveErrors.bodyRequired([{ field: 'body', message: 'Cần nội dung.', messageEn: 'Text is required.' }]);
      if (kind === 'EXTEND' && (!input.dueDate || input.dueDate < toVnDate(now()))) throw directiveErrors.pastDue([{ field: 'dueDate', message: 'Cần hạn mới, không trước hôm nay.', messageEn: 'A new due date, not before today.' }]);
      const at = now();
      const result = await deps.db.transaction(async (tx) => {
        // Lock the directive first: steps on one directive are serialised.
        await tx.execute(sql`SELECT 1 FROM directives WHERE id = ${id} FOR UPDATE`);
        // The same message sent twice (a retry after a lost answer) is stored once.
        if (input.idempotencyKey) {
          const { rows } = await tx.execute<{ seq: number }>(sql`SELECT seq FROM directive_messages WHERE directive_id = ${id} AND author_id = ${user.id} AND idempotency_key = ${input.idempotencyKey}`);
          if (rows[0]) return { recipients: [] as string[], urgent: false };
        }
        if (kind === 'ACKNOWLEDGE' || kind === 'COMPLETE') {
          const column = kind === 'ACKNOWLEDGE' ? 'acknowledged' : 'completed';
          const pending = mine.filter((t) => (kind === 'ACKNOWLEDGE' ? !t.acknowledged_at : !t.completed_at)).map((t) => t.unit_id);
          if (pending.length === 0) throw directiveErrors.already();
          await tx.execute(sql`UPDATE directive_targets SET ${sql.raw(column + '_at')} = ${at}, ${sql.raw(column + '_by')} = ${user.id}
                                WHERE directive_id = ${id} AND unit_id = ANY(${arrayParam(pending, 'uuid')}) AND ${sql.raw(column + '_at')} IS NULL`);
        }
        if (kind === 'EXTEND') await tx.execute(sql`UPDATE directives SET due_date = ${input.dueDate!}::date WHERE id = ${id}`);
        if (kind === 'CLOSE') await tx.execute(sql`UPDATE directives SET status = 'CLOSED', closed_at = ${at} WHERE id = ${id}`);
        const text = kind === 'EXTEND' ? `${body ? `${body} — ` : ''}Hạn mới: ${input.dueDate!.split('-').reverse().join('/')}` : body;
        const message = await appendMessage(tx, user, d, targets, kind, text, input.idempotencyKey ?? null);
        if (message.duplicate) return { recipients: [] as string[], urgent: false };
        // Who hears of it: the issuer when a unit speaks; the target units when the leader does.
        const recipients = isIssuer && !isTarget ? await accountsOf(tx, targets.map((t) => t.unit_id)) : [d.issued_by];
        const urgent = kind === 'URGE' || d.priority === 'URGENT';
        const title = kind === 'URGE' ? `Đôn đốc thực hiện chỉ đạo: ${d.title}` : `Chỉ đạo "${d.title}": ${kind === 'ACKNOWLEDGE' ? 'đã nhận' : kind === 'REPLY' ? 'có báo cáo mới' : kind === 'COMPLETE' ? 'báo cáo hoàn thành' : kind === 'EXTEND' ? 'được gia hạn' : kind === 'CLOSE' ? 'đã kết thúc' : 'có ý kiến mới'}`;
        await notify(tx, recipients.filter((r) => r !== user.id), { kind: kind === 'URGE' ? 'DIRECTIVE_URGED' : 'DIRECTIVE_THREAD', title: title.slice(0, 200), titleEn: kind === 'URGE' ? 'Directive urged' : 'Directive update', link: `/directives/${id}`, urgent });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: `directive.${kind.toLowerCase()}`, entityType: 'directive', entityId: id, unitPath: user.unitPath, details: { seq: message.seq } });
        return { recipients: recipients.filter((r) => r !== user.id), urgent };
      });
      if (result.recipients.length) await deps.push?.notifyOffline(result.recipients, { kind: kind === 'URGE' ? 'DIRECTIVE_URGED' : 'DIRECTIVE_THREAD', title: kind === 'URGE' ? 'Đôn đốc chỉ đạo / Directive urged' : 'Cập nhật chỉ đạo / Directive update', body: 'Mở Đơn Thư để xem. / Open Đơn Thư to read.', url: `/directives/${id}`, urgent: result.urgent });
      return this.get(user, id);
    }
  };
}
export type DirectivesService = ReturnType<typeof createDirectivesService>;
