/**
 * Writing events into the outbox (inside the caller's transaction) and reading delivered events
 * back for clients that reconnect ("what did I miss since seq N?").
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { EventEnvelope, ServerEventMap, ServerEventType } from '../../../shared/events.ts';
import { unitEventTopic } from '../../../shared/topics.ts';
import { arrayParam } from '../../db/columns.ts';
import { outboxTable } from './outbox.table.ts';

export interface UnitEvent<T extends ServerEventType> {
  type: T;
  unitPath: string;
  payload: ServerEventMap[T];
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

    /**
     * Delivered unit events after `afterSeq` inside the given subtrees, in delivery order.
     * Only rows with a seq: the relay commits a seq before it publishes, so anything a client
     * may have seen live is already visible here.
     */
    async unitEventsAfter(afterSeq: string, scopePaths: string[], limit: number): Promise<EventEnvelope[]> {
      if (scopePaths.length === 0) return [];
      const result = await db.execute<{ id: string; seq: string; event_type: string; unit_path: string; created_at: Date; payload: unknown }>(sql`
        SELECT id::text, seq::text, event_type, unit_path::text, created_at, payload
        FROM outbox
        WHERE seq > ${afterSeq}::bigint AND unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')})
        ORDER BY seq
        LIMIT ${limit}`);
      // Rows written by enqueueUnitEvent, whose type fixed the payload's shape.
      return result.rows.map(
        (r) =>
          ({
            id: r.id,
            seq: r.seq,
            type: r.event_type as ServerEventType,
            unitPath: r.unit_path,
            occurredAt: new Date(r.created_at).toISOString(),
            payload: r.payload
          }) as EventEnvelope
      );
    },

    async lastSeq(): Promise<string> {
      const result = await db.execute<{ seq: string | null }>(sql`SELECT max(seq)::text AS seq FROM outbox`);
      return result.rows[0]?.seq ?? '0';
    }
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
