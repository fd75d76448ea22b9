/**
 * Web-push for alerts: after the relay publishes 'notification.created' events (to the accounts'
 * own topics), the accounts among them with no open live connection get a push on each device.
 * One path for every kind of alert, whoever created it; the push text is fixed per kind.
 */
import { isAppLink, isNotificationKind, PUSH_TEXT, type NotificationKind } from '../../../shared/notifications.ts';
import type { Db } from '../../db/client.ts';
import type { DeliveredEvent } from '../../jobs/outbox-relay.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import type { PushService } from './push.service.ts';

export function createPushDispatch(deps: {
  db: Db;
  push: PushService;
  relay: { onDelivered(listener: (events: DeliveredEvent[]) => void): () => void };
  log: { warn: (o: object, m?: string) => void };
}) {
  let pending: Promise<void> = Promise.resolve();

  async function dispatch(ids: string[]): Promise<void> {
    const alerts = await createOutboxRepository(deps.db).userEventsByIds(ids, 'notification.created');
    // One alert told to many accounts (a directive to many units) is one call with all of them.
    const groups = new Map<string, { kind: NotificationKind; urgent: boolean; link: string; userIds: string[] }>();
    for (const { userId, event } of alerts) {
      if (event.type !== 'notification.created') continue;
      const { kind, urgent, link } = event.payload;
      if (!isNotificationKind(kind) || !isAppLink(link)) continue;
      const key = `${kind}|${urgent}|${link}`;
      const group = groups.get(key) ?? { kind, urgent, link, userIds: [] };
      group.userIds.push(userId);
      groups.set(key, group);
    }
    for (const { kind, urgent, link, userIds } of groups.values()) {
      await deps.push.notifyOffline(userIds, { kind, ...PUSH_TEXT[kind], url: link, urgent });
    }
  }

  let detach: (() => void) | undefined;
  return {
    start(): void {
      detach = deps.relay.onDelivered((events) => {
        const ids = events.filter((e) => e.type === 'notification.created').map((e) => e.id);
        if (ids.length === 0) return;
        // In order, one batch after another; the relay does not wait for it.
        pending = pending.then(() => dispatch(ids)).catch((error: unknown) => deps.log.warn({ err: (error as Error).message }, 'web-push dispatch failed'));
      });
    },
    /** Wait for the pushes already started (tests, shutdown). */
    async idle(): Promise<void> {
      await pending;
    },
    async stop(): Promise<void> {
      detach?.();
      await pending;
    }
  };
}
export type PushDispatch = ReturnType<typeof createPushDispatch>;
