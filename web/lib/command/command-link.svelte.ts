/**
 * The wall screen's live link (MQTT over WebSocket at /mqtt). Like LiveConnection
 * (web/lib/live/) it subscribes to the caller's event topics and, after every (re)connection,
 * fills the gap from GET /api/events?after=<last seq>, dropping repeats by event id; in addition
 * it subscribes to the retained snapshot topics of the scope (the current figures arrive at
 * once), renews a kiosk session through ScreenSession instead of going to /login, and
 * reconnects at once when the browser reports the network back.
 *
 * ## Usage
 * const link = new CommandLink({ session, lastSeq, snapshotTopics, onEvent, onSnapshot, onOnline });
 * link.start(); … link.stop();
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { EventEnvelope } from '$shared/events.ts';
import type { CommandSnapshot } from '$shared/command.ts';
import { snapshotTopicPath } from '$shared/topics.ts';
import { ApiError } from '../api.ts';
import { NotPairedError, type ScreenSession } from './kiosk.ts';

export type LinkStatus = 'connecting' | 'online' | 'offline';

interface TokenReply {
  token: string;
  username: string;
  subscriptions: string[];
}

export interface CommandLinkOptions {
  session: ScreenSession;
  lastSeq: string;
  snapshotTopics: string[];
  onEvent: (event: EventEnvelope) => void;
  onSnapshot: (path: string, snapshot: CommandSnapshot) => void;
  /** After each (re)connection, once the gap is filled. */
  onOnline?: () => void;
  /** The session cannot be renewed (not a kiosk, or the screen was unpaired). */
  onUnauthorized: (error: unknown) => void;
}

const SEEN_LIMIT = 5000;
const MAX_BACKOFF_MS = 10_000;

export class CommandLink {
  status: LinkStatus = $state('connecting');
  offlineSince: Date | null = $state(null);

  #options: CommandLinkOptions;
  #client: MqttClient | undefined;
  #lastSeq: string;
  #seen = new Set<string>();
  #stopped = true;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onBrowserOnline = () => this.#reconnectNow();
  #onBrowserOffline = () => this.#client?.end(true);

  constructor(options: CommandLinkOptions) {
    this.#options = options;
    this.#lastSeq = options.lastSeq;
  }

  get lastSeq(): string {
    return this.#lastSeq;
  }

  start(): void {
    this.#stopped = false;
    addEventListener('online', this.#onBrowserOnline);
    addEventListener('offline', this.#onBrowserOffline);
    void this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    removeEventListener('online', this.#onBrowserOnline);
    removeEventListener('offline', this.#onBrowserOffline);
    clearTimeout(this.#timer);
    this.#client?.end(true);
    this.#client = undefined;
  }

  /** Mark events already shown (the feed loaded from the API) so live copies are not shown twice. */
  markSeen(events: readonly EventEnvelope[]): void {
    for (const e of events) this.#seen.add(e.id);
  }

  #markOffline(): void {
    if (this.status !== 'offline') {
      this.status = 'offline';
      this.offlineSince ??= new Date();
    }
  }

  #reconnectNow(): void {
    if (this.#stopped || this.#client) return;
    clearTimeout(this.#timer);
    this.#attempt = 0;
    void this.#connect();
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    const delay = Math.min(500 * 2 ** this.#attempt, MAX_BACKOFF_MS);
    this.#attempt += 1;
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  async #connect(): Promise<void> {
    if (this.#stopped || this.#client) return;
    let token: TokenReply;
    try {
      token = await this.#options.session.call<TokenReply>('/api/realtime/token', { method: 'POST' });
    } catch (error) {
      if (error instanceof NotPairedError || (error instanceof ApiError && error.status === 401)) return this.#options.onUnauthorized(error);
      this.#markOffline();
      return this.#scheduleReconnect();
    }
    if (this.#stopped || this.#client) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    const client = mqtt.connect(url, {
      username: token.username,
      password: token.token,
      clientId: `wall-${token.username.slice(0, 8)}-${Math.random().toString(36).slice(2, 10)}`,
      clean: true,
      reconnectPeriod: 0, // we reconnect ourselves, with a fresh token
      connectTimeout: 10_000,
      keepalive: 15
    });
    this.#client = client;
    const resumeFrom = this.#lastSeq;

    client.on('message', (topic, payload) => {
      try {
        const path = snapshotTopicPath(topic);
        if (path) this.#options.onSnapshot(path, JSON.parse(payload.toString()) as CommandSnapshot);
        else this.#receive(JSON.parse(payload.toString()) as EventEnvelope);
      } catch {
        /* a malformed message is not ours to show */
      }
    });
    client.on('connect', () => {
      void (async () => {
        try {
          await client.subscribeAsync([...token.subscriptions, ...this.#options.snapshotTopics], { qos: 1 });
          await this.#catchUp(resumeFrom);
          this.status = 'online';
          this.offlineSince = null;
          this.#attempt = 0;
          this.#options.onOnline?.();
        } catch {
          client.end(true);
        }
      })();
    });
    client.on('close', () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.end(true);
      if (this.#stopped) return;
      this.#markOffline();
      this.#scheduleReconnect();
    });
    client.on('error', () => {
      /* 'close' follows and handles it */
    });
  }

  async #catchUp(from: string): Promise<void> {
    let after = from;
    for (;;) {
      const page = await this.#options.session.call<{ events: EventEnvelope[]; hasMore: boolean }>(`/api/events?after=${after}&limit=500`);
      for (const event of page.events) this.#receive(event);
      const last = page.events[page.events.length - 1];
      if (!page.hasMore || !last) return;
      after = last.seq;
    }
  }

  #receive(event: EventEnvelope): void {
    if (typeof event.id !== 'string' || typeof event.seq !== 'string' || this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
    if (BigInt(event.seq) > BigInt(this.#lastSeq)) this.#lastSeq = event.seq;
    this.#options.onEvent(event);
  }
}
