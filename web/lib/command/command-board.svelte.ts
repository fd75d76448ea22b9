/**
 * Everything the wall screen shows, kept current: figures from the retained snapshot (replaced
 * whole on every message, so a reconnection shows the right counts at once), the live feed and
 * pulses from events, the deadline list, presence and directives refreshed on a timer and after
 * relevant events. No figure is computed here from events: the server counts, the screen shows.
 *
 * ## Usage
 * const board = new CommandBoard(new ScreenSession(kiosk));
 * await board.start(); … board.stop();
 */
import type { CommandSnapshot, DeadlineItem, DrilldownItem, PresenceEntry } from '$shared/command.ts';
import { provinceOfPath } from '$shared/command.ts';
import type { EventEnvelope } from '$shared/events.ts';
import { ApiError } from '../api.ts';
import { CommandLink } from './command-link.svelte.ts';
import { NotPairedError, type ScreenSession } from './kiosk.ts';

export interface CommandMe {
  id: string;
  fullName: string;
  role: string;
  unitName: string;
  unitPath: string;
  scopePaths: string[];
  restriction: string | null;
}

export interface DirectiveSummary {
  id: string;
  title: string;
  dueDate: string | null;
  acknowledged: number;
  targets: number;
}

/**
 * One open directive as the panel shows it. The directives area owns the shape of its API; this
 * is the one place that reads it (title, due date, how many target units acknowledged).
 */
function toDirectiveSummary(item: Record<string, unknown>): DirectiveSummary | null {
  const num = (...keys: string[]) => keys.map((k) => item[k]).find((v): v is number => typeof v === 'number') ?? 0;
  const str = (...keys: string[]) => keys.map((k) => item[k]).find((v): v is string => typeof v === 'string' && v.length > 0) ?? null;
  const id = str('id');
  const title = str('title', 'subject', 'summary', 'content');
  if (!id || !title) return null;
  const targets = Array.isArray(item.targets) ? item.targets.length : num('targetCount', 'targets');
  const acknowledged = Array.isArray(item.targets)
    ? (item.targets as Record<string, unknown>[]).filter((x) => x.acknowledgedAt || x.acknowledged === true).length
    : num('acknowledgedCount', 'acknowledged');
  return { id, title, dueDate: str('dueDate', 'dueOn', 'dueAt'), acknowledged, targets };
}

export type BoardPhase = 'loading' | 'ready' | 'unpaired' | 'login' | 'restricted' | 'forbidden' | 'error';

const FEED_SIZE = 40;
const PULSE_MS = 6_000;
const DEADLINES = 40;

export class CommandBoard {
  phase: BoardPhase = $state('loading');
  revoked = $state(false);
  restriction = $state('');
  me: CommandMe | null = $state(null);
  snapshot: CommandSnapshot | null = $state(null);
  deadlines: DeadlineItem[] = $state([]);
  feed: EventEnvelope[] = $state([]);
  /** Province code → when its pulse ends (ms epoch). */
  pulses: Record<string, number> = $state({});
  presence: PresenceEntry[] | null = $state(null);
  presenceForbidden = $state(false);
  directives: DirectiveSummary[] | null = $state(null);
  drill: { unitPath: string; unitName: string; items: DrilldownItem[] } | null = $state(null);
  link: CommandLink | undefined = $state();
  error: unknown = $state(null);

  readonly session: ScreenSession;
  #timers: ReturnType<typeof setInterval>[] = [];
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  #topics: string[] = [];

  constructor(session: ScreenSession) {
    this.session = session;
  }

  async start(): Promise<void> {
    this.stop(); // a restart (after pairing again, or after an error) begins from nothing running
    this.#timers = [];
    this.session.takePairingFromUrl();
    try {
      this.me = await this.session.call<CommandMe>('/api/auth/me');
      if (this.me.restriction) {
        this.restriction = this.me.restriction;
        this.phase = 'restricted';
        return;
      }
      const first = await this.session.call<{ snapshot: CommandSnapshot; topics: string[]; lastSeq: string }>('/api/command/snapshot');
      this.snapshot = first.snapshot;
      this.#topics = first.topics;
      const feed = await this.session.call<{ events: EventEnvelope[] }>('/api/command/feed?limit=30');
      this.feed = feed.events.reverse();
      this.phase = 'ready';
      this.link = new CommandLink({
        session: this.session,
        lastSeq: first.lastSeq,
        snapshotTopics: first.topics,
        onEvent: (event) => this.#onEvent(event),
        onSnapshot: (path, snapshot) => this.#onSnapshot(path, snapshot),
        onOnline: () => this.#refreshAll(),
        onUnauthorized: (error) => this.#fail(error)
      });
      this.link.markSeen(feed.events);
      this.link.start();
      await this.#refreshAll();
      this.#timers.push(setInterval(() => void this.refreshDeadlines(), 60_000));
      this.#timers.push(setInterval(() => void this.refreshPresence(), 15_000));
      this.#timers.push(setInterval(() => void this.refreshDirectives(), 60_000));
      this.#timers.push(setInterval(() => this.#expirePulses(), 1_000));
    } catch (error) {
      this.#fail(error);
    }
  }

  stop(): void {
    this.link?.stop();
    for (const timer of this.#timers) clearInterval(timer);
    clearTimeout(this.#deadlineTimer);
    clearTimeout(this.#snapshotTimer);
  }

  /** Pair this screen with a code typed or pasted on it, then start. */
  async pair(code: string): Promise<void> {
    await this.session.pair(code);
    this.phase = 'loading';
    this.revoked = false;
    await this.start();
  }

  #fail(error: unknown): void {
    this.link?.stop();
    if (error instanceof NotPairedError) {
      this.revoked = error.revoked;
      this.phase = 'unpaired';
    } else if (error instanceof ApiError && error.status === 401) {
      this.phase = this.session.kiosk ? 'unpaired' : 'login';
    } else if (error instanceof ApiError && error.status === 403) {
      this.phase = 'forbidden';
      this.error = error;
    } else {
      this.phase = 'error';
      this.error = error;
      // Kiosk: never stay on an error; try the whole start again shortly (the server may be restarting).
      if (this.session.kiosk) setTimeout(() => void this.start(), 5_000);
    }
  }

  #onEvent(event: EventEnvelope): void {
    this.feed = [event, ...this.feed.filter((e) => e.id !== event.id)].slice(0, FEED_SIZE);
    if (event.type === 'petition.created') {
      const province = provinceOfPath(event.unitPath);
      if (province) this.pulses = { ...this.pulses, [province]: Date.now() + PULSE_MS };
    }
    if (event.type.startsWith('petition.')) {
      clearTimeout(this.#deadlineTimer);
      this.#deadlineTimer = setTimeout(() => void this.refreshDeadlines(), 1_000);
      if (this.drill) void this.drillInto(this.drill.unitPath);
    }
    if (event.type.startsWith('directive')) void this.refreshDirectives();
  }

  #onSnapshot(path: string, snapshot: CommandSnapshot): void {
    if (this.#topics.length === 1) {
      if (this.snapshot?.scope[0] === path && snapshot.computedAt < this.snapshot.computedAt) return;
      this.snapshot = snapshot;
      return;
    }
    // A scope of several subtrees (a user manager): ask for the whole scope, once for a burst.
    clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = setTimeout(() => void this.refreshSnapshot(), 300);
  }

  #expirePulses(): void {
    const now = Date.now();
    const live = Object.entries(this.pulses).filter(([, until]) => until > now);
    if (live.length !== Object.keys(this.pulses).length) this.pulses = Object.fromEntries(live);
  }

  async #refreshAll(): Promise<void> {
    await Promise.all([this.refreshSnapshot(), this.refreshDeadlines(), this.refreshPresence(), this.refreshDirectives()]);
  }

  async refreshSnapshot(): Promise<void> {
    const r = await this.session.call<{ snapshot: CommandSnapshot }>('/api/command/snapshot').catch(() => null);
    if (r && (!this.snapshot || r.snapshot.computedAt >= this.snapshot.computedAt)) this.snapshot = r.snapshot;
  }

  async refreshDeadlines(): Promise<void> {
    const r = await this.session.call<{ items: DeadlineItem[] }>(`/api/command/deadlines?limit=${DEADLINES}`).catch(() => null);
    if (r) this.deadlines = r.items;
  }

  async refreshPresence(): Promise<void> {
    try {
      this.presence = (await this.session.call<{ online: PresenceEntry[] }>('/api/command/presence')).online;
      this.presenceForbidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) this.presenceForbidden = true;
    }
  }

  /**
   * Open directives and their acknowledgements, from the directives area's API when this server
   * has it (GET /api/directives); until then the panel says so.
   */
  async refreshDirectives(): Promise<void> {
    try {
      const r = await this.session.call<{ items?: Record<string, unknown>[] }>('/api/directives?status=open&limit=20');
      this.directives = (Array.isArray(r.items) ? r.items : []).map(toDirectiveSummary).filter((d): d is DirectiveSummary => d !== null);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) this.directives = null;
    }
  }

  async drillInto(unitPath: string | null): Promise<void> {
    if (!unitPath) {
      this.drill = null;
      return;
    }
    const r = await this.session.call<{ unitPath: string; unitName: string; items: DrilldownItem[] }>(`/api/command/drilldown?unit=${encodeURIComponent(unitPath)}`).catch(() => null);
    if (r) this.drill = r;
  }
}
