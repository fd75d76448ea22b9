/**
 * What mqtt.js does in a browser, for Node bench clients: one WebSocket frame per MQTT packet.
 *
 * mqtt.js's browser stream concatenates the chunks mqtt-packet writes for one packet (its
 * `_writev`) and calls `socket.send` without waiting. Its Node build instead wraps `ws` with
 * `createWebSocketStream`, which sends every chunk (header, length, id…) as its own frame and
 * waits for the socket before the next; the browsers that use /mqtt never do that, so the bench
 * clients connect like browsers. `connectBrowserLike(url, options)` returns an MqttClient.
 */
import { Duplex } from 'node:stream';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import WebSocket from 'ws';

class BrowserLikeStream extends Duplex {
  readonly #ws: WebSocket;

  constructor(ws: WebSocket) {
    super();
    this.#ws = ws;
    ws.on('message', (data: Buffer) => {
      if (!this.push(data)) ws.pause();
    });
    ws.once('close', () => this.push(null));
    ws.on('error', (error) => this.destroy(error));
  }

  #send(data: Buffer, callback: (error?: Error | null) => void): void {
    if (this.#ws.readyState === WebSocket.CONNECTING) {
      this.#ws.once('open', () => this.#send(data, callback));
      return;
    }
    if (this.#ws.readyState !== WebSocket.OPEN) return callback(new Error('WebSocket closed'));
    this.#ws.send(data, { binary: true, compress: false });
    callback();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#send(chunk, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.#send(Buffer.concat(chunks.map((c) => c.chunk)), callback);
  }

  override _read(): void {
    if (this.#ws.isPaused) this.#ws.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.#ws.readyState !== WebSocket.CLOSED) this.#ws.terminate();
    callback(error);
  }
}

export function connectBrowserLike(url: string, options: IClientOptions): MqttClient {
  return new mqtt.MqttClient(() => new BrowserLikeStream(new WebSocket(url, ['mqtt'], { perMessageDeflate: false })), {
    protocolVersion: 4,
    protocol: 'ws',
    ...options
  });
}
