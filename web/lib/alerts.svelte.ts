/**
 * In-app alerts (issue 5 item 4): each 'notification.created' event of the account's own topic
 * (live, or caught up after a cut) becomes one toast and bumps the notification centre's unread
 * count. An alert is shown once per notification id, also across pages of this tab.
 *
 * ## Usage
 * startLive() (session.ts) hands alert events to `alerts.fromNotification`; the layout shows
 * `alerts.items` as toasts; the notification centre reads `alerts.unread` and `alerts.version`.
 */
import type { EventEnvelope } from '$shared/events.ts';
import type { NotificationKind } from '$shared/notifications.ts';
import type { MessageKey } from './i18n.svelte.ts';

export interface Alert {
  id: string;
  message: MessageKey;
  link: string;
  urgent: boolean;
  /** When it was shown, in ms since the epoch (performance clock), for the end-to-end latency check. */
  shownAt: number;
}

const MESSAGES: Record<NotificationKind, MessageKey> = {
  NEW_PETITION: 'alert.newPetition',
  PETITION_DUE_SOON: 'alert.dueSoon',
  PETITION_OVERDUE: 'alert.overdue',
  DIRECTIVE: 'alert.newDirective',
  DIRECTIVE_THREAD: 'alert.directiveUpdate',
  DIRECTIVE_URGED: 'alert.urged',
  REPORT: 'alert.report'
};
const SEEN_KEY = 'dt.alerts.seen';
const SEEN_LIMIT = 500;
const TOASTS = 4;

class Alerts {
  items: Alert[] = $state([]);
  /** Unread alerts in the centre (null until the centre first asks the server). */
  unread: number | null = $state(null);
  /** Bumped on every new alert: the centre reloads its list when open. */
  version = $state(0);
  #seen: string[] = [];

  constructor() {
    try {
      this.#seen = JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]') as string[];
    } catch {
      this.#seen = [];
    }
  }

  dismiss(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }

  fromNotification(event: EventEnvelope): void {
    if (event.type !== 'notification.created') return;
    const { notificationId, kind, link, urgent } = event.payload;
    if (this.#seen.includes(notificationId)) return;
    this.#seen = [...this.#seen, notificationId].slice(-SEEN_LIMIT);
    try {
      sessionStorage.setItem(SEEN_KEY, JSON.stringify(this.#seen));
    } catch {
      /* private mode: this page still shows each once */
    }
    const message = MESSAGES[kind] ?? 'alert.directiveUpdate';
    // One toast per page to open: a newer alert about the same page replaces the older.
    this.items = [...this.items.filter((a) => a.link !== link), { id: notificationId, message, link, urgent, shownAt: performance.timeOrigin + performance.now() }].slice(-TOASTS);
    if (this.unread !== null) this.unread += 1;
    this.version += 1;
  }
}

export const alerts = new Alerts();
