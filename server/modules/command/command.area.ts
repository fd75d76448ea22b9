/**
 * The command centre's parts, built once by buildApp (server/app.ts): the API services, the
 * retained snapshot publisher (woken by the outbox relay's deliveries) and the presence tracker.
 * commandRoutes starts them when the server is ready and stops them when it closes.
 */
import { parse as parseCookies } from 'cookie';
import type { Publisher } from '../../../broker/broker-host.ts';
import type { Db } from '../../db/client.ts';
import type { OutboxRelay } from '../../jobs/outbox-relay.ts';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { createCommandService } from './command.service.ts';
import { createKioskService } from './kiosk.service.ts';
import { createPresenceTracker } from './presence-tracker.ts';
import { createSnapshotPublisher } from './snapshot-publisher.ts';

export interface CommandAreaDeps {
  db: Db;
  calendar: CalendarService;
  auth: AuthService;
  relay: OutboxRelay;
  broker: Publisher;
  sessionTtlMinutes: number;
  log: { warn: (o: object | string, m?: string) => void };
}

export function createCommandArea(deps: CommandAreaDeps) {
  const presence = createPresenceTracker({
    authenticate: (token) => deps.auth.authenticate(token),
    sessionTokenOf: (header) => (header ? parseCookies(header)[SESSION_COOKIE] : undefined)
  });
  const snapshots = createSnapshotPublisher({ db: deps.db, publisher: deps.broker, log: deps.log });
  let stopListening: (() => void) | undefined;
  return {
    service: createCommandService({ db: deps.db, calendar: deps.calendar, presence }),
    kiosk: createKioskService({ db: deps.db, sessionTtlMinutes: deps.sessionTtlMinutes }),
    presence,
    snapshots,
    start(): void {
      // Any delivered unit event may change figures; the publisher coalesces them.
      stopListening = deps.relay.onDelivered((events) => {
        if (events.some((e) => e.unitPath)) snapshots.schedule();
      });
      snapshots.start();
    },
    async stop(): Promise<void> {
      stopListening?.();
      await snapshots.stop();
    }
  };
}
export type CommandArea = ReturnType<typeof createCommandArea>;
