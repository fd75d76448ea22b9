/**
 * The browser's live link to the broker (MQTT over WebSocket at /mqtt), for every page and for
 * the wall screen.
 *
 * - Connects with a short-lived token from POST /api/realtime/token; reconnects with backoff
 *   and a fresh token after any cut, and at once when the browser reports the network back.
 * - After each (re)connection it subscribes first, then asks GET /api/events for everything
 *   delivered after the last seq it had, so nothing falls in the gap.
 * - Events are de-duplicated by id: a live copy and a caught-up copy are shown once.
 * - Extra topics (the wall screen's retained snapshots) go to their own handler.
 * - The account's alerts ('notification.created' on its own topic) go to `onNotification`, never
 *   to `onEvent`: a page's feed shows unit events, the toasts and the bell show alerts.
 *
 * ## Usage
 * const live = new LiveConnection({ lastSeq: stats.lastSeq, onEvent: (e) => … });
 * live.start(); … live.stop();
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { EventEnvelope } from '$shared/events.ts';
import { api, ApiError } from '../api.ts';

export type LiveStatus = 'connecting' | 'online' | 'offline';

interface TokenReply {
  token: string;
  username: string;
  subscriptions: string[];
}

export interface LiveOptions {
  lastSeq: string;
  onEvent: (event: EventEnvelope) => void;
  /** The account's own alerts (live or caught up); without it they are dropped. */
  onNotification?: (event: EventEnvelope<'notification.created'>) => void;
  /** The session is gone for good (default: go nowhere). */
  onUnauthorized?: (error: unknown) => void;
  /** How the API is called (a wall screen renews its kiosk session itself). Default: api(). */
  call?: <T>(path: string, init?: Parameters<typeof api>[1]) => Promise<T>;
  /** Does this error mean the session is gone for good? Default: a 401. */
  isUnauthorized?: (error: unknown) => boolean;
  /** Topics beyond the token's event topics, and the handler of their messages. */
  extraTopics?: string[];
  onExtraMessage?: (topic: string, payload: Buffer) => boolean;
  /** After each (re)connection, once the gap is filled. */
  onOnline?: () => void;
  clientIdPrefix?: string;
  maxBackoffMs?: number;
}

const SEEN_LIMIT = 5000;

export class LiveConnection {
  status: LiveStatus = $state('connecting');
  offlineSince: Date | null = $state(null);

  #options: LiveOptions;
  #call: NonNullable<LiveOptions['call']>;
  #client: MqttClient | undefined;
  #lastSeq: string;
  #seen = new Set<string>();
  #stopped = true;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onBrowserOnline = () => this.#reconnectNow();
  #onBrowserOffline = () => this.#client?.end(true);

  constructor(options: LiveOptions) {
    this.#options = options;
    this.#call = options.call ?? api;
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

  /** Mark events already shown (a list loaded from the API) so live copies are not shown twice. */
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
    const delay = Math.min(500 * 2 ** this.#attempt, this.#options.maxBackoffMs ?? 15_000);
    this.#attempt += 1;
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  #unauthorized(error: unknown): boolean {
    return this.#options.isUnauthorized ? this.#options.isUnauthorized(error) : error instanceof ApiError && error.status === 401;
  }

  async #connect(): Promise<void> {
    if (this.#stopped || this.#client) return;
    let token: TokenReply;
    try {
      token = await this.#call<TokenReply>('/api/realtime/token', { method: 'POST' });
    } catch (error) {
      if (this.#unauthorized(error)) return this.#options.onUnauthorized?.(error);
      this.#markOffline();
      return this.#scheduleReconnect();
    }
    if (this.#stopped || this.#client) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    const client = mqtt.connect(url, {
      username: token.username,
      password: token.token,
      clientId: `${this.#options.clientIdPrefix ?? 'web'}-${token.username.slice(0, 8)}-${Math.random().toString(36).slice(2, 10)}`,
      clean: true,
      reconnectPeriod: 0, // we reconnect ourselves, with a fresh token
      connectTimeout: 10_000,
      keepalive: 15
    });
    this.#client = client;
    const resumeFrom = this.#lastSeq;

    client.on('message', (topic, payload) => {
      try {
        if (this.#options.onExtraMessage?.(topic, payload)) return;
        this.#receive(JSON.parse(payload.toString()) as EventEnvelope);
      } catch {
        /* a malformed message is not ours to show */
      }
    });
    client.on('connect', () => {
      void (async () => {
        try {
          await client.subscribeAsync([...token.subscriptions, ...(this.#options.extraTopics ?? [])], { qos: 1 });
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
      const page = await this.#call<{ events: EventEnvelope[]; hasMore: boolean }>(`/api/events?after=${after}&limit=500`);
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
    if (event.type === 'notification.created') this.#options.onNotification?.(event);
    else this.#options.onEvent(event);
  }
}
