/**
 * MQTT over WebSocket, lean: the stream aedes reads and writes for a client of /mqtt.
 *
 * Why not `createWebSocketStream` from `ws`: mqtt-packet writes each packet as 4–6 small chunks
 * (header, length, topic, message id, payload); that stream sends each chunk as its own
 * WebSocket frame and takes the next only after the socket has written the previous one, so a
 * client costs one event-loop turn per chunk and 1,000 subscribers fell seconds behind.
 *
 * Here:
 * - Coalescing: every byte written for a client during one event-loop turn goes out as ONE binary
 *   frame on the next turn (one `setImmediate` for all clients). MQTT over WebSocket allows
 *   several packets, or part of one, in a frame [MQTT-6.0.0-2/-3]; mqtt.js parses it as a stream.
 * - No per-write stream machinery: `write` only appends the chunk (strings, the topic, are
 *   encoded straight into the frame buffer: one copy of each packet, into its frame), and `cork`
 *   is hidden so mqtt-packet schedules no uncork per packet.
 * - No compression (`compress: false`; the server's perMessageDeflate is off too).
 *
 * Backpressure (a slow client must not grow memory without bound), by policy:
 * - `write` never blocks aedes, so one slow browser never holds back the others or the outbox
 *   relay (aedes would wait for it, up to its drain timeout, before a publish counts as done).
 * - A client with more than SLOW_BYTES (64 KiB) unsent for SLOW_MS (10 s), or with more than
 *   MAX_QUEUED_BYTES (1 MiB) unsent at any time, is disconnected. Its browser reconnects and
 *   fetches what it missed from GET /api/events?after=<last seq>, as after any network cut.
 */
import { Duplex } from 'node:stream';
import type { WebSocket, RawData } from 'ws';

/** Unsent bytes above which a client counts as slow. */
const SLOW_BYTES = 64 * 1024;
/** How long a client may stay slow before it is disconnected. */
const SLOW_MS = 10_000;
/** Unsent bytes at which a client is disconnected at once. */
const MAX_QUEUED_BYTES = 1024 * 1024;

export class SlowConsumerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlowConsumerError';
  }
}

const OPEN = 1;
const CONNECTING = 0;
const SEND_OPTIONS = { binary: true, compress: false, fin: true } as const;

// One flush a loop turn for every stream that has something to send.
let dirty: MqttWebSocketStream[] = [];
let flushScheduled = false;

function flushAll(): void {
  flushScheduled = false;
  const streams = dirty;
  dirty = [];
  for (const stream of streams) stream.flush();
}

/** The stream to hand to `aedes.handle` for a WebSocket accepted on /mqtt. */
export class MqttWebSocketStream extends Duplex {
  readonly #ws: WebSocket;
  #chunks: (Buffer | string)[] = [];
  #bytes = 0;
  #queued = false;
  #slowTimer: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket) {
    super({ allowHalfOpen: false, readableHighWaterMark: 64 * 1024 });
    this.#ws = ws;
    // mqtt-packet corks for each packet and uncorks on the next tick; we batch per loop turn.
    Object.defineProperty(this, 'cork', { value: undefined });

    ws.on('message', (data: RawData) => {
      if (this.destroyed) return;
      const chunk = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (!this.push(chunk)) ws.pause();
    });
    ws.once('close', () => {
      if (!this.destroyed) this.push(null);
    });
    ws.on('error', (error) => {
      if (!this.destroyed) this.destroy(error);
    });
    if (ws.readyState === CONNECTING) ws.once('open', () => this.#schedule());
  }

  // Writable's own write path (buffering, state, callbacks per chunk) is replaced: a chunk is
  // appended and goes out with the next flush. Returns false only once the stream is gone.
  override write(chunk: unknown, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (this.destroyed || this.writableEnded) {
      if (done) process.nextTick(done, new Error('stream closed'));
      return false;
    }
    if (typeof chunk === 'string') {
      this.#chunks.push(chunk);
      this.#bytes += Buffer.byteLength(chunk);
    } else {
      const buffer = chunk as Buffer;
      this.#chunks.push(buffer);
      this.#bytes += buffer.length;
    }
    this.#schedule();
    if (done) process.nextTick(done, null);
    return true;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.write(chunk);
    callback();
  }

  override _read(): void {
    if (this.#ws.isPaused) this.#ws.resume();
  }

  #schedule(): void {
    if (this.#queued || this.#bytes === 0) return;
    this.#queued = true;
    dirty.push(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  /** Send what was written since the last flush as one frame (called once a loop turn). */
  flush(): void {
    this.#queued = false;
    if (this.destroyed) return;
    this.#send();
  }

  #send(): void {
    const ws = this.#ws;
    if (this.#bytes === 0) return;
    if (ws.readyState !== OPEN) return; // CONNECTING: 'open' schedules us; closing: dropped with the stream
    const chunks = this.#chunks;
    const bytes = this.#bytes;
    this.#chunks = [];
    this.#bytes = 0;
    let frame: Buffer;
    if (chunks.length === 1 && typeof chunks[0] !== 'string') {
      frame = chunks[0]!;
    } else {
      frame = Buffer.allocUnsafe(bytes);
      let offset = 0;
      for (const chunk of chunks) {
        if (typeof chunk === 'string') offset += frame.write(chunk, offset);
        else {
          frame.set(chunk, offset);
          offset += chunk.length;
        }
      }
    }
    ws.send(frame, SEND_OPTIONS);
    const queued = ws.bufferedAmount;
    if (queued > MAX_QUEUED_BYTES) {
      this.destroy(new SlowConsumerError(`slow consumer: ${queued} bytes unsent`));
    } else if (queued > SLOW_BYTES && !this.#slowTimer) {
      this.#slowTimer = setTimeout(() => {
        this.#slowTimer = undefined;
        const still = this.#ws.bufferedAmount;
        if (still > SLOW_BYTES && !this.destroyed) {
          this.destroy(new SlowConsumerError(`slow consumer: ${still} bytes unsent for ${SLOW_MS} ms`));
        }
      }, SLOW_MS);
      this.#slowTimer.unref();
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#send();
    if (this.#ws.readyState === OPEN || this.#ws.readyState === CONNECTING) this.#ws.close(1000);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.#slowTimer);
    this.#slowTimer = undefined;
    const ws = this.#ws;
    if (ws.readyState === OPEN) {
      if (error) {
        ws.terminate();
      } else {
        // A clean end (DISCONNECT, refused CONNECT): what was written (a CONNACK) goes out first.
        this.#send();
        ws.close(1000);
      }
    } else if (ws.readyState === CONNECTING) {
      ws.terminate();
    }
    this.#chunks = [];
    this.#bytes = 0;
    callback(error);
  }
}
