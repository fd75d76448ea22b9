/**
 * A lean MQTT 3.1.1 subscriber for the broker stress bench: CONNECT, SUBSCRIBE (QoS 1), then for
 * every PUBLISH a PUBACK, over TCP or WebSocket. Nothing else (no reconnect, no store, no ping:
 * the keep-alive outlasts a run).
 *
 * Why not mqtt.js: in Node it spends about 20–25 µs of CPU per received message, so 1,000
 * subscribers at 50 messages/s (50,000 deliveries/s) saturate the clients' own core and the
 * bench measured the clients' backlog, not the broker (Mosquitto "p99 7.6 s" on a run where
 * Mosquitto itself used half a core). What the broker sees is the same as from a real client:
 * - over WebSocket, every packet the client sends is its own binary frame, as mqtt.js does in a
 *   browser (its browser stream sends each packet with one `socket.send`);
 * - over TCP, the PUBACKs for what one read brought are written together, as a C client would.
 */
import net from 'node:net';
import { generate } from 'mqtt-packet';
import WebSocket from 'ws';

export interface LeanOptions {
  clientId: string;
  username?: string;
  password?: string;
  topics: string[];
  keepaliveSeconds?: number;
}

export interface LeanSubscriber {
  close: () => Promise<void>;
}

// The two packets sent once per client are written by mqtt-packet (the encoder aedes and mqtt.js
// use); only the hot path, a PUBLISH in and its PUBACK out, is done by hand below.
function connectPacket(options: LeanOptions): Buffer {
  return generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    clientId: options.clientId,
    keepalive: options.keepaliveSeconds ?? 600,
    username: options.username,
    password: options.password === undefined ? undefined : Buffer.from(options.password, 'utf8')
  });
}

function subscribePacket(topics: string[]): Buffer {
  return generate({ cmd: 'subscribe', messageId: 1, subscriptions: topics.map((topic) => ({ topic, qos: 1 as const })) });
}

/**
 * Connects and subscribes; resolves once the SUBACK grants every topic. `onMessage` gets each
 * PUBLISH's payload (a view into the read buffer: copy it to keep it).
 */
export function connectLean(url: string, options: LeanOptions, onMessage: (payload: Buffer) => void): Promise<LeanSubscriber> {
  return new Promise((resolve, reject) => {
    const overWebSocket = url.startsWith('ws');
    let send: (data: Buffer) => void;
    let close: () => Promise<void>;
    let pending: Buffer | undefined;
    let state: 'connack' | 'suback' | 'live' = 'connack';
    const fail = (error: Error) => {
      if (state !== 'live') reject(error);
    };

    // Parses whole packets out of what arrived; a packet split over reads waits in `pending`.
    const receive = (chunk: Buffer) => {
      let data = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = undefined;
      let offset = 0;
      const acks: Buffer[] = [];
      while (offset + 2 <= data.length) {
        const first = data[offset]!;
        let length = 0;
        let multiplier = 1;
        let cursor = offset + 1;
        let complete = false;
        while (cursor < data.length) {
          const byte = data[cursor++]!;
          length += (byte & 0x7f) * multiplier;
          multiplier *= 128;
          if ((byte & 0x80) === 0) {
            complete = true;
            break;
          }
        }
        if (!complete || cursor + length > data.length) break;
        const type = first >> 4;
        if (type === 3) {
          const qos = (first >> 1) & 3;
          const topicLength = data.readUInt16BE(cursor);
          let start = cursor + 2 + topicLength;
          if (qos > 0) {
            const ack = Buffer.from([0x40, 2, data[start]!, data[start + 1]!]);
            if (overWebSocket) send(ack);
            else acks.push(ack);
            start += 2;
          }
          onMessage(data.subarray(start, cursor + length));
        } else if (type === 2 && state === 'connack') {
          if (data[cursor + 1] !== 0) return fail(new Error(`CONNACK refused: ${data[cursor + 1]}`));
          state = 'suback';
          send(subscribePacket(options.topics));
        } else if (type === 9 && state === 'suback') {
          for (let i = cursor + 2; i < cursor + length; i++) if (data[i]! > 2) return fail(new Error(`subscription refused: ${options.topics.join(', ')}`));
          state = 'live';
          resolve({ close: () => close() });
        }
        offset = cursor + length;
      }
      if (acks.length) send(acks.length === 1 ? acks[0]! : Buffer.concat(acks));
      if (offset < data.length) pending = Buffer.from(data.subarray(offset));
    };

    if (overWebSocket) {
      const ws = new WebSocket(url, ['mqtt'], { perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      send = (data) => ws.send(data, { binary: true, compress: false });
      close = () =>
        new Promise((done) => {
          if (ws.readyState === WebSocket.CLOSED) return done();
          ws.once('close', () => done());
          ws.send(Buffer.from([0xe0, 0]));
          ws.close();
        });
      ws.on('open', () => send(connectPacket(options)));
      ws.on('message', (data: Buffer) => receive(data));
      ws.on('error', fail);
      ws.on('close', () => fail(new Error('closed before subscribed')));
    } else {
      const { hostname, port } = new URL(url);
      const socket = net.connect(Number(port || 1883), hostname);
      socket.setNoDelay(true);
      send = (data) => void socket.write(data);
      close = () =>
        new Promise((done) => {
          if (socket.destroyed) return done();
          socket.once('close', () => done());
          socket.end(Buffer.from([0xe0, 0]));
        });
      socket.on('connect', () => send(connectPacket(options)));
      socket.on('data', receive);
      socket.on('error', fail);
      socket.on('close', () => fail(new Error('closed before subscribed')));
    }
  });
}
