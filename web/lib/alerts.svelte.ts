/**
 * In-app alerts (issue 5 item 4): a toast for each new directive or thread step that concerns the
 * user, shown once per event id, from whichever page holds the live connection.
 */
import type { EventEnvelope } from '$shared/events.ts';
import type { MessageKey } from './i18n.svelte.ts';

export interface Alert {
  id: string;
  message: MessageKey;
  link: string;
  urgent: boolean;
  /** performance.now() when shown, for the end-to-end test's latency check. */
  shownAt: number;
}

class Alerts {
  items: Alert[] = $state([]);
  #seen = new Set<string>();

  dismiss(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }

  /** Turn a live event into an alert when it is one (never twice for one event id, never for one's own unit's step). */
  fromEvent(event: EventEnvelope, myUnitId: string | undefined): void {
    if (this.#seen.has(event.id)) return;
    let alert: Omit<Alert, 'id' | 'shownAt'> | undefined;
    if (event.type === 'directive.issued') {
      alert = { message: 'alert.newDirective', link: `/directives/${event.payload.directiveId}`, urgent: event.payload.priority === 'URGENT' };
    } else if (event.type === 'directive.message' && event.payload.kind !== 'ISSUE' && event.payload.unitId !== myUnitId) {
      alert = { message: event.payload.kind === 'URGE' ? 'alert.urged' : 'alert.directiveUpdate', link: `/directives/${event.payload.directiveId}`, urgent: event.payload.kind === 'URGE' };
    }
    if (!alert) return;
    this.#seen.add(event.id);
    // Several target units mean several copies of one thread step: one toast per directive.
    this.items = [...this.items.filter((a) => a.link !== alert.link), { ...alert, id: event.id, shownAt: performance.now() }].slice(-4);
  }
}

export const alerts = new Alerts();
