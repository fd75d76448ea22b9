/**
 * Retained snapshots per scope (issue 5 item 1): after events that touch petitions, recount
 * once for the whole country (from the per-unit counts kept by migration 0020's triggers, a few
 * thousand rows whatever the number of petitions; command.repository.ts), sum per unit path
 * (command-rollup.ts) and publish, retained, every snapshot that changed on snapshotTopic(path).
 * A screen that subscribes gets its scope's current figures at once; the broker ACL
 * (shared/topics.ts mayUseFilter) hands a snapshot only to clients whose scope holds that unit.
 *
 * Debounced per process, so at most one recount per `minIntervalMs` (and never more often than
 * three times the last recount's duration, so a big database cannot be kept busy by a stream of
 * events): the first event after a quiet spell is counted at once, later ones coalesce. A slow
 * timer recounts anyway (the day turns, a deadline mark without an event, a manual fix).
 */
import type { Publisher } from '../../../broker/broker-host.ts';
import { snapshotTopic } from '../../../shared/topics.ts';
import type { Db } from '../../db/client.ts';
import { boundsAt, emptySnapshot, snapshotsByPath } from './command-rollup.ts';
import { createCommandRepository } from './command.repository.ts';

export interface SnapshotPublisherOptions {
  db: Db;
  publisher: Publisher;
  log: { warn: (o: object | string, m?: string) => void };
  now?: () => Date;
  minIntervalMs?: number;
  refreshMs?: number;
}

export function createSnapshotPublisher(options: SnapshotPublisherOptions) {
  const now = options.now ?? (() => new Date());
  const minIntervalMs = options.minIntervalMs ?? 500;
  const refreshMs = options.refreshMs ?? 60_000;
  const { db, publisher, log } = options;

  /** What each topic last carried (without its computedAt), to publish only changes. */
  const published = new Map<string, string>();
  let stopped = true;
  let running: Promise<void> | undefined;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;
  let lastStart = 0;
  let lastDurationMs = 0;
  const stats = { recounts: 0, published: 0, lastDurationMs: 0 };

  async function recount(): Promise<void> {
    if (!publisher.ready) return; // the broker's 'ready' schedules the next one
    const at = now();
    const bounds = boundsAt(at);
    const repo = createCommandRepository(db);
    const snapshots = snapshotsByPath(await repo.statusCounts(bounds), await repo.recentCounts(bounds), bounds, at);
    for (const path of published.keys()) if (!snapshots.has(path)) snapshots.set(path, emptySnapshot([path], bounds, at));
    const changed: Promise<void>[] = [];
    for (const [path, snapshot] of snapshots) {
      const key = JSON.stringify({ ...snapshot, computedAt: '' });
      if (published.get(path) === key) continue;
      changed.push(
        publisher.publish(snapshotTopic(path), Buffer.from(JSON.stringify(snapshot)), { retain: true }).then(() => {
          published.set(path, key);
          stats.published += 1;
        })
      );
    }
    await Promise.all(changed);
    stats.recounts += 1;
  }

  function run(): void {
    pending = false;
    lastStart = Date.now();
    running = recount()
      .catch((error: Error) => log.warn({ err: error.message }, 'command snapshots: recount failed'))
      .finally(() => {
        lastDurationMs = stats.lastDurationMs = Date.now() - lastStart;
        running = undefined;
        if (pending) schedule();
      });
  }

  /** Ask for a recount soon (leading edge after a quiet spell, then at most one per interval). */
  function schedule(): void {
    if (stopped) return;
    pending = true;
    if (running || timer) return;
    const wait = lastStart + Math.max(minIntervalMs, 3 * lastDurationMs) - Date.now();
    if (wait <= 0) return run();
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped && !running) run();
    }, wait);
  }

  const onBrokerReady = () => {
    // A restarted broker has lost its retained messages: publish everything again.
    published.clear();
    schedule();
  };

  return {
    stats,
    schedule,
    start(): void {
      stopped = false;
      publisher.on('ready', onBrokerReady);
      refreshTimer = setInterval(schedule, refreshMs);
      refreshTimer.unref();
      schedule();
    },
    /** Recount now and wait for it (tests). */
    async flush(): Promise<void> {
      while (running) await running;
      clearTimeout(timer);
      timer = undefined;
      run();
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      publisher.off('ready', onBrokerReady);
      clearTimeout(timer);
      clearInterval(refreshTimer);
      while (running) await running;
    }
  };
}
export type SnapshotPublisher = ReturnType<typeof createSnapshotPublisher>;
