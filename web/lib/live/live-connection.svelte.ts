/**
 * The browser's live link to the broker (MQTT over WebSocket at /mqtt).
 *
 * - Connects with a short-lived token from POST /api/realtime/token; reconnects with backoff
 *   and a fresh token after any cut.
 * - After each (re)connection it subscribes first, then asks GET /api/events for everything
 *   delivered after the last seq it had, so nothing falls in the gap.
 * - Events are de-duplicated by id: a live copy and a caught-up copy are shown once.
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

const SEEN_LIMIT = 5000;

export class LiveConnection {
  status: LiveStatus = $state('connecting');
  offlineSince: Date | null = $state(null);

  #client: MqttClient | undefined;
  #lastSeq: string;
  #seen = new Set<string>();
  #onEvent: (event: EventEnvelope) => void;
  #onUnauthorized: () => void;
  #stopped = false;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: { lastSeq: string; onEvent: (event: EventEnvelope) => void; onUnauthorized?: () => void }) {
    this.#lastSeq = options.lastSeq;
    this.#onEvent = options.onEvent;
    this.#onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  get lastSeq(): string {
    return this.#lastSeq;
  }

  start(): void {
    this.#stopped = false;
    void this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#client?.end(true);
    this.#client = undefined;
  }

  #markOffline(): void {
    if (this.status !== 'offline') {
      this.status = 'offline';
      this.offlineSince ??= new Date();
    }
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    const delay = Math.min(500 * 2 ** this.#attempt, 15_000);
    this.#attempt += 1;
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    let token: TokenReply;
    try {
      token = await api<TokenReply>('/api/realtime/token', { method: 'POST' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.#onUnauthorized();
      this.#markOffline();
      return this.#scheduleReconnect();
    }
    if (this.#stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    const client = mqtt.connect(url, {
      username: token.username,
      password: token.token,
      clientId: `web-${token.username.slice(0, 8)}-${Math.random().toString(36).slice(2, 10)}`,
      clean: true,
      reconnectPeriod: 0, // we reconnect ourselves, with a fresh token
      connectTimeout: 10_000,
      keepalive: 20
    });
    this.#client = client;
    const resumeFrom = this.#lastSeq;

    client.on('message', (_topic, payload) => {
      try {
        this.#receive(JSON.parse(payload.toString()) as EventEnvelope);
      } catch {
        /* a malformed message is not ours to show */
      }
    });
    client.on('connect', () => {
      void (async () => {
        try {
          await client.subscribeAsync(token.subscriptions, { qos: 1 });
          await this.#catchUp(resumeFrom);
          this.status = 'online';
          this.offlineSince = null;
          this.#attempt = 0;
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
      const page = await api<{ events: EventEnvelope[]; hasMore: boolean }>(`/api/events?after=${after}`);
      for (const event of page.events) this.#receive(event);
      const last = page.events[page.events.length - 1];
      if (!page.hasMore || !last) return;
      after = last.seq;
    }
  }

  #receive(event: EventEnvelope): void {
    if (this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
    if (BigInt(event.seq) > BigInt(this.#lastSeq)) this.#lastSeq = event.seq;
    this.#onEvent(event);
  }
}
