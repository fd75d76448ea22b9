/**
 * Writing events into the outbox (inside the caller's transaction) and reading delivered events
 * back for clients that reconnect ("what did I miss since seq N?").
 *
 * Two kinds of rows: unit events (unit_path set, topic of that unit: everyone whose scope covers
 * it) and user events (user_id set, topic of that one account: its alerts, its threads).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { EventEnvelope, ServerEventMap, ServerEventType } from '../../../shared/events.ts';
import { unitEventTopic, userTopic } from '../../../shared/topics.ts';
import { arrayParam } from '../../db/columns.ts';
import { outboxTable } from './outbox.table.ts';

export interface UnitEvent<T extends ServerEventType> {
  type: T;
  unitPath: string;
  payload: ServerEventMap[T];
}

export interface UserEvent<T extends ServerEventType> {
  type: T;
  userId: string;
  payload: ServerEventMap[T];
}

type OutboxRow = { id: string; seq: string; event_type: string; unit_path: string | null; created_at: Date; payload: unknown };

// Rows written by enqueueUnitEvent / enqueueUserEvent, whose type fixed the payload's shape.
function toEnvelope(r: OutboxRow): EventEnvelope {
  return {
    id: r.id,
    seq: r.seq,
    type: r.event_type as ServerEventType,
    unitPath: r.unit_path ?? '',
    occurredAt: new Date(r.created_at).toISOString(),
    payload: r.payload
  } as EventEnvelope;
}

export function createOutboxRepository(db: DbOrTx) {
  return {
    async enqueueUnitEvent<T extends ServerEventType>(event: UnitEvent<T>): Promise<string> {
      const [row] = await db
        .insert(outboxTable)
        .values({
          eventType: event.type,
          unitPath: event.unitPath,
          topics: [unitEventTopic(event.unitPath)],
          payload: event.payload
        })
        .returning({ id: outboxTable.id });
      return String(row!.id);
    },

    /** An event for one account only (its own topic, which only it may subscribe to). */
    async enqueueUserEvent<T extends ServerEventType>(event: UserEvent<T>): Promise<string> {
      const [row] = await db
        .insert(outboxTable)
        .values({ eventType: event.type, userId: event.userId, topics: [userTopic(event.userId)], payload: event.payload })
        .returning({ id: outboxTable.id });
      return String(row!.id);
    },

    /** The same event for several accounts (one row each: each account resumes on its own). */
    async enqueueUserEvents<T extends ServerEventType>(type: T, userIds: Iterable<string>, payload: ServerEventMap[T]): Promise<void> {
      const rows = [...new Set(userIds)].map((userId) => ({ eventType: type, userId, topics: [userTopic(userId)], payload }));
      if (rows.length > 0) await db.insert(outboxTable).values(rows);
    },

    /**
     * What a reconnecting client missed: delivered events after `afterSeq` of the units inside
     * its subtrees and of its own account, in delivery order. Two index-driven halves, merged.
     */
    async eventsAfter(afterSeq: string, scopePaths: readonly string[], userId: string, limit: number): Promise<EventEnvelope[]> {
      const unitPart = scopePaths.length
        ? sql`(SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload FROM outbox
                WHERE seq > ${afterSeq}::bigint AND unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')}) ORDER BY seq LIMIT ${limit}) UNION ALL`
        : sql``;
      const result = await db.execute<OutboxRow>(sql`
        SELECT * FROM (
          ${unitPart}
          (SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload FROM outbox
            WHERE seq > ${afterSeq}::bigint AND user_id = ${userId}::uuid ORDER BY seq LIMIT ${limit})
        ) AS missed ORDER BY seq::bigint LIMIT ${limit}`);
      return result.rows.map(toEnvelope);
    },

    /** Delivered events of these types after `afterSeq` and up to `uptoSeq`, in order (the alert feed reads them). */
    async deliveredOfTypes(types: readonly string[], afterSeq: string, uptoSeq: string, limit: number): Promise<EventEnvelope[]> {
      const result = await db.execute<OutboxRow>(sql`
        SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload FROM outbox
         WHERE seq > ${afterSeq}::bigint AND seq <= ${uptoSeq}::bigint AND event_type = ANY(${arrayParam(types, 'text')})
         ORDER BY seq LIMIT ${limit}`);
      return result.rows.map(toEnvelope);
    },

    /** User events by id, with their account (the web-push dispatcher reads the alerts it was told of). */
    async userEventsByIds(ids: readonly string[], type: ServerEventType): Promise<{ userId: string; event: EventEnvelope }[]> {
      if (ids.length === 0) return [];
      const result = await db.execute<OutboxRow & { user_id: string }>(sql`
        SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload, user_id::text FROM outbox
         WHERE id = ANY(${arrayParam(ids, 'bigint')}) AND event_type = ${type} AND user_id IS NOT NULL ORDER BY seq`);
      return result.rows.map((r) => ({ userId: r.user_id, event: toEnvelope(r) }));
    },

    async lastSeq(): Promise<string> {
      const result = await db.execute<{ seq: string | null }>(sql`SELECT max(seq)::text AS seq FROM outbox`);
      return result.rows[0]?.seq ?? '0';
    }
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
