/**
 * Outbox relay: publishes committed outbox rows to the broker, at least once, in order.
 *
 * 1. Woken by NOTIFY 'outbox' (sent at commit by a trigger) and, as a safety net, by a slow poll.
 * 2. Under an advisory lock (one relay at a time across nodes) it gives unsent rows a delivery
 *    `seq` and COMMITS it before publishing: the catch-up API (events after seq N) therefore
 *    already shows anything a client may have received live.
 * 3. It publishes rows in seq order (QoS 1) to exactly the topics stored on the row, then marks
 *    them published. A crash or a stopped broker leaves rows unpublished; the next drain starts
 *    again from the first of them. Clients drop repeats by event id.
 */
import pg from 'pg';
import type { EventEnvelope } from '../../shared/events.ts';
import type { Publisher } from '../../broker/broker-host.ts';

export interface OutboxRelayOptions {
  pool: pg.Pool;
  /** Connection string for the LISTEN connection (kept apart from the pool). */
  databaseUrl: string;
  publisher: Publisher;
  log: { info: (o: object | string, m?: string) => void; warn: (o: object | string, m?: string) => void };
  batchSize?: number;
  pollMs?: number;
  retryMs?: number;
}

const LOCK_KEY = 727_002;

/** What a delivery listener learns of each published row (e.g. the command centre recounts its snapshots). */
export interface DeliveredEvent {
  id: string;
  seq: string;
  type: string;
  unitPath: string | null;
}

interface PendingRow {
  id: string;
  seq: string;
  event_type: string;
  unit_path: string | null;
  topics: string[];
  payload: EventEnvelope['payload'];
  created_at: Date;
}

export function createOutboxRelay(options: OutboxRelayOptions) {
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 5_000;
  const retryMs = options.retryMs ?? 500;
  const { pool, publisher, log } = options;

  let listener: pg.Client | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  const stats = { published: 0, failures: 0 };
  const deliveredListeners = new Set<(events: DeliveredEvent[]) => void>();

  async function assignSeqs(client: pg.PoolClient): Promise<number> {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id::text FROM outbox WHERE published_at IS NULL AND seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE',
        [batchSize]
      );
      if (rows.length > 0) {
        const seqs = (
          await client.query<{ seq: string }>("SELECT nextval('outbox_delivery_seq')::text AS seq FROM generate_series(1, $1)", [rows.length])
        ).rows
          .map((r) => BigInt(r.seq))
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        await client.query(
          'UPDATE outbox SET seq = u.seq FROM unnest($1::bigint[], $2::bigint[]) AS u(id, seq) WHERE outbox.id = u.id',
          [rows.map((r) => r.id), seqs.map(String)]
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async function publishPending(client: pg.PoolClient): Promise<number> {
    const { rows } = await client.query<PendingRow>(
      `SELECT id::text, seq::text, event_type, unit_path::text, topics, payload, created_at
         FROM outbox WHERE published_at IS NULL AND seq IS NOT NULL ORDER BY seq LIMIT $1`,
      [batchSize]
    );
    if (rows.length === 0) return 0;
    // Start every publish in order (the broker delivers in call order), then wait for all.
    const deliveries: Promise<void>[] = [];
    for (const row of rows) {
      const envelope: EventEnvelope = {
        id: row.id,
        seq: row.seq,
        type: row.event_type as EventEnvelope['type'],
        unitPath: row.unit_path ?? '',
        occurredAt: new Date(row.created_at).toISOString(),
        payload: row.payload
      } as EventEnvelope;
      const message = Buffer.from(JSON.stringify(envelope));
      for (const topic of row.topics) deliveries.push(publisher.publish(topic, message));
    }
    try {
      await Promise.all(deliveries);
    } catch (error) {
      await client.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
        (error as Error).message.slice(0, 500)
      ]);
      throw error;
    }
    await client.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])', [
      rows.map((r) => r.id)
    ]);
    stats.published += rows.length;
    for (const listener of deliveredListeners) {
      try {
        listener(rows.map((r) => ({ id: r.id, seq: r.seq, type: r.event_type, unitPath: r.unit_path })));
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'outbox relay: a delivery listener failed');
      }
    }
    return rows.length;
  }

  async function drainOnce(): Promise<void> {
    if (!publisher.ready) return; // 'ready' will wake us
    const client = await pool.connect();
    let locked = false;
    try {
      locked = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY])).rows[0]?.ok ?? false;
      if (!locked) return; // another node is draining; its NOTIFY-driven loop covers these rows
      for (;;) {
        const reserved = await assignSeqs(client);
        const published = await publishPending(client);
        if (reserved === 0 && published === 0) break;
      }
    } finally {
      if (locked) await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
      client.release();
    }
  }

  function schedule(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOnce();
        } catch (error) {
          stats.failures += 1;
          log.warn({ err: (error as Error).message }, 'outbox relay: delivery failed, will retry');
          clearTimeout(retryTimer);
          retryTimer = setTimeout(schedule, retryMs);
          break;
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'don-thu-relay' });
    client.on('notification', () => schedule());
    client.on('error', () => {
      /* handled by 'end' */
    });
    client.on('end', () => {
      if (stopped) return;
      listener = undefined;
      setTimeout(() => void listen().catch(() => {}), 1_000);
    });
    await client.connect();
    await client.query('LISTEN outbox');
    listener = client;
    schedule(); // rows written while we were not listening
  }

  const onReady = () => schedule();

  return {
    stats,
    /** Be told after each published batch (listeners must not block); returns a function that stops it. */
    onDelivered(listener: (events: DeliveredEvent[]) => void): () => void {
      deliveredListeners.add(listener);
      return () => deliveredListeners.delete(listener);
    },
    async start(): Promise<void> {
      stopped = false;
      publisher.on('ready', onReady);
      await listen();
      pollTimer = setInterval(schedule, pollMs);
      pollTimer.unref();
    },
    /** Drain now and wait for it (tests, shutdown). */
    async flush(): Promise<void> {
      schedule();
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      publisher.off('ready', onReady);
      clearInterval(pollTimer);
      clearTimeout(retryTimer);
      if (running) await running;
      await listener?.end().catch(() => {});
      listener = undefined;
    }
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
