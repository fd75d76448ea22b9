/**
 * The alert feed: turns petition events of other areas (a new petition, one transferred in, a
 * deadline warning from the deadline watcher) into alerts for the officials concerned.
 *
 * It consumes the outbox, not a callback: the relay wakes it after each delivered batch, and in
 * ONE transaction it reads the delivered events after its cursor, creates the alerts (with their
 * live events) and moves the cursor. A crash before the commit leaves the cursor where it was, a
 * second node waits on the cursor's row lock: each event gives its alerts exactly once. Delivered
 * seqs only grow (the relay commits them in batches, under one lock), so nothing is skipped.
 */
import { formatVn } from '../../../shared/calendar/index.ts';
import type { EventEnvelope } from '../../../shared/events.ts';
import type { NotificationKind } from '../../../shared/notifications.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { DeliveredEvent } from '../../jobs/outbox-relay.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { createNotificationsRepository } from './notifications.repository.ts';
import type { AlertInput, NotificationsService } from './notifications.service.ts';

const FEED = 'alerts';
const TYPES = ['petition.created', 'petition.transferred', 'petition.deadline'] as const;
const BATCH = 500;
/** More alerts of one kind than this for one account in one batch become one digest alert. */
const DIGEST_OVER = 3;

type Planned = { userIds: string[]; alert: AlertInput; digestLink: string };

export function createNotificationFeed(deps: {
  db: Db;
  notifications: NotificationsService;
  relay?: { onDelivered(listener: (events: DeliveredEvent[]) => void): () => void };
  log: { warn: (o: object, m?: string) => void };
}) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let detach: (() => void) | undefined;

  /** Who hears of one event, and what. */
  async function plan(tx: DbOrTx, e: EventEnvelope): Promise<Planned | null> {
    const repo = createNotificationsRepository(tx);
    if (e.type === 'petition.created') {
      const p = e.payload;
      const handlers = await repo.petitionHandlers(p.petitionId);
      const userIds = await repo.officersCovering(e.unitPath, handlers?.createdBy ?? null);
      return { userIds, digestLink: '/petitions', alert: { kind: 'NEW_PETITION', title: `Đơn mới ${p.code} tại ${p.unitName}`, titleEn: `New petition ${p.code} at ${p.unitName}`, link: `/petitions/${p.petitionId}`, urgent: false } };
    }
    if (e.type === 'petition.transferred') {
      const p = e.payload;
      // The event goes to both units; the receiving unit's copy is the one that tells its officers.
      const toPath = await repo.unitPath(p.toUnitId);
      if (!toPath || toPath !== e.unitPath || p.fromUnitId === p.toUnitId) return null;
      const userIds = await repo.officersCovering(toPath, null);
      return { userIds, digestLink: '/petitions', alert: { kind: 'NEW_PETITION', title: `Đơn ${p.code} chuyển đến từ ${p.fromUnitName}`, titleEn: `Petition ${p.code} transferred in from ${p.fromUnitName}`, link: `/petitions/${p.petitionId}`, urgent: false } };
    }
    if (e.type === 'petition.deadline') {
      const p = e.payload;
      const handlers = await repo.petitionHandlers(p.petitionId);
      // The assigned official if there is one, else the unit's officers.
      const assigned = handlers?.assignedTo ? await repo.activeHandlers([handlers.assignedTo]) : [];
      const userIds = assigned.length ? assigned : await repo.officersCovering(e.unitPath, null);
      const overdue = p.state === 'OVERDUE';
      const kind: NotificationKind = overdue ? 'PETITION_OVERDUE' : 'PETITION_DUE_SOON';
      const date = formatVn(p.dueDate);
      return {
        userIds,
        digestLink: `/petitions?deadline=${p.state}`,
        alert: {
          kind,
          title: overdue ? `Đơn ${p.code} đã quá hạn (hạn ${date})` : `Đơn ${p.code} sắp đến hạn (hạn ${date})`,
          titleEn: overdue ? `Petition ${p.code} is overdue (due ${date})` : `Petition ${p.code} is due soon (due ${date})`,
          link: `/petitions/${p.petitionId}`,
          urgent: overdue
        }
      };
    }
    return null;
  }

  const DIGEST_TITLES: Partial<Record<NotificationKind, (n: number) => [string, string]>> = {
    NEW_PETITION: (n) => [`${n} đơn mới trong phạm vi của bạn`, `${n} new petitions in your scope`],
    PETITION_DUE_SOON: (n) => [`${n} đơn sắp đến hạn`, `${n} petitions due soon`],
    PETITION_OVERDUE: (n) => [`${n} đơn đã quá hạn`, `${n} petitions overdue`]
  };

  /** One pass over a batch; returns how many events it read. */
  async function runBatch(): Promise<number> {
    return deps.db.transaction(async (tx) => {
      const repo = createNotificationsRepository(tx);
      const upTo = await repo.deliveredUpTo();
      const cursor = await repo.lockCursor(FEED);
      if (cursor === null) {
        // First run on this database: alerts start from now, not from history.
        await repo.setCursor(FEED, upTo);
        return 0;
      }
      const events = await createOutboxRepository(tx).deliveredOfTypes(TYPES, cursor, upTo, BATCH);
      // Per account and kind, in order; many of one kind at once (a deadline sweep) become one digest.
      const byUserKind = new Map<string, { alert: AlertInput; digestLink: string; count: number }>();
      const perAlert: { userIds: string[]; alert: AlertInput }[] = [];
      for (const e of events) {
        const planned = await plan(tx, e);
        if (!planned || planned.userIds.length === 0) continue;
        perAlert.push(planned);
        for (const userId of planned.userIds) {
          const key = `${userId}|${planned.alert.kind}`;
          const entry = byUserKind.get(key);
          if (entry) entry.count += 1;
          else byUserKind.set(key, { alert: planned.alert, digestLink: planned.digestLink, count: 1 });
        }
      }
      const digested = new Set([...byUserKind].filter(([, v]) => v.count > DIGEST_OVER).map(([k]) => k));
      for (const { userIds, alert } of perAlert) {
        const single = userIds.filter((u) => !digested.has(`${u}|${alert.kind}`));
        await deps.notifications.notify(tx, single, alert);
      }
      for (const key of digested) {
        const [userId] = key.split('|') as [string];
        const { alert, digestLink, count } = byUserKind.get(key)!;
        const [title, titleEn] = DIGEST_TITLES[alert.kind]?.(count) ?? [alert.title, alert.titleEn];
        await deps.notifications.notify(tx, [userId], { ...alert, title, titleEn, link: digestLink });
      }
      const last = events.length === BATCH ? events[events.length - 1]!.seq : upTo;
      await repo.setCursor(FEED, last);
      return events.length;
    });
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      while ((await runBatch()) === BATCH && !stopped);
    } while (again && !stopped);
  }

  function schedule(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => deps.log.warn({ err: (error as Error).message }, 'alert feed failed; the next delivery retries'))
      .finally(() => (running = undefined));
  }

  return {
    start(): void {
      stopped = false;
      detach = deps.relay?.onDelivered((events) => {
        if (events.some((e) => (TYPES as readonly string[]).includes(e.type))) schedule();
      });
      schedule();
    },
    /** Run now and wait (tests). */
    async flush(): Promise<void> {
      schedule();
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      detach?.();
      await running;
    }
  };
}
export type NotificationFeed = ReturnType<typeof createNotificationFeed>;
