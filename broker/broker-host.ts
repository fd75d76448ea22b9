/**
 * Owns the aedes broker's life: start, stop and restart without restarting the process, so
 * the outbox relay can wait for it and resume. Listeners: MQTT over WebSocket (handed in by
 * the HTTP server's /mqtt route) and MQTT over TCP on MQTT_PORT (0 = off).
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import type { WebSocket } from 'ws';
import { createAuthenticate, type TokenVerifier } from './hooks/authenticate.ts';
import { authorizeSubscribe } from './hooks/authorize-subscribe.ts';
import { authorizePublish } from './hooks/authorize-publish.ts';
import { getClientScope } from './client-scope.ts';
import { MqttWebSocketStream } from './websocket-stream.ts';

export interface BrokerHostOptions {
  verifyToken: TokenVerifier;
  /** TCP port for MQTT, 0 = no TCP listener. */
  tcpPort: number;
  host: string;
  log: { info: (o: object | string, m?: string) => void; warn: (o: object | string, m?: string) => void };
}

export interface PublishOptions {
  /** Keep the message as the topic's current value: a client that subscribes later gets it at once. */
  retain?: boolean;
}

export interface Publisher {
  /** Resolves once the broker has taken the message for every matching subscription. */
  publish(topic: string, payload: Buffer, options?: PublishOptions): Promise<void>;
  readonly ready: boolean;
  /** 'ready' is emitted each time the broker (re)starts. */
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

export class BrokerHost extends EventEmitter implements Publisher {
  #broker: Aedes | undefined;
  #tcp: net.Server | undefined;
  #options: BrokerHostOptions;
  tcpAddress: net.AddressInfo | undefined;

  constructor(options: BrokerHostOptions) {
    super();
    this.#options = options;
  }

  get ready(): boolean {
    return this.#broker !== undefined && !this.#broker.closed;
  }

  get connectedClients(): number {
    return this.#broker?.connectedClients ?? 0;
  }

  /** Has this account a connected live client now (WebSocket or TCP)? Read-only; web-push goes to those who have none. */
  hasLiveClient(userId: string): boolean {
    // aedes keeps its connected clients by id; its type declarations do not list the map.
    const clients = (this.#broker as unknown as { clients?: Record<string, Client> } | undefined)?.clients;
    if (!clients) return false;
    for (const client of Object.values(clients)) {
      if (client.connected && getClientScope(client)?.userId === userId) return true;
    }
    return false;
  }

  async start(): Promise<void> {
    if (this.ready) return;
    const broker = await Aedes.createBroker({
      authenticate: createAuthenticate(this.#options.verifyToken),
      authorizeSubscribe,
      authorizePublish,
      heartbeatInterval: 60_000, // 1 minute
      connectTimeout: 30_000, // 30 seconds to send CONNECT
      // No cap on messages in flight inside the broker: only the relay (a batch at a time) and a
      // client's own presence publish, so nothing floods it. A cap queues messages behind a slow
      // subscriber, and aedes' queue (mqemitter) then drains recursively: thousands of queued
      // messages with no subscriber left overflowed the stack in the stress bench.
      concurrency: 0,
      // A TCP client that stops reading is disconnected after 10 s (WebSocket: websocket-stream.ts).
      drainTimeout: 10_000
    });
    broker.on('clientError', (client, error) => this.#options.log.warn({ clientId: client.id, err: error.message }, 'mqtt client error'));
    broker.on('connectionError', (client, error) => this.#options.log.warn({ clientId: client?.id, err: error.message }, 'mqtt connection error'));
    this.#broker = broker;
    if (this.#options.tcpPort > 0 || this.#options.tcpPort === -1) {
      const server = net.createServer((socket) => broker.handle(socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // -1 asks for any free port (tests); a configured port is used as is.
        server.listen(this.#options.tcpPort === -1 ? 0 : this.#options.tcpPort, this.#options.host, () => resolve());
      });
      this.#tcp = server;
      this.tcpAddress = server.address() as net.AddressInfo;
    }
    this.#options.log.info({ tcp: this.tcpAddress?.port ?? 'off' }, 'broker started');
    this.emit('ready');
  }

  /** Hand a WebSocket accepted by the HTTP server's /mqtt route to the broker (lean stream: websocket-stream.ts). */
  handleWebSocket(socket: WebSocket, request: IncomingMessage): void {
    if (!this.ready) {
      socket.terminate();
      return;
    }
    this.#broker!.handle(new MqttWebSocketStream(socket), request);
  }

  /** Hand any other connected stream to the broker. */
  handle(stream: Duplex, request: IncomingMessage): void {
    if (!this.ready) {
      stream.destroy();
      return;
    }
    this.#broker!.handle(stream, request);
  }

  async publish(topic: string, payload: Buffer, options: PublishOptions = {}): Promise<void> {
    const broker = this.#broker;
    if (!broker || broker.closed) throw new Error('broker is not running');
    await new Promise<void>((resolve, reject) => {
      broker.publish({ cmd: 'publish', topic, payload, qos: 1, retain: options.retain === true, dup: false }, (error) =>
        error ? reject(error) : resolve()
      );
    });
  }

  async stop(): Promise<void> {
    const broker = this.#broker;
    const tcp = this.#tcp;
    this.#broker = undefined;
    this.#tcp = undefined;
    this.tcpAddress = undefined;
    // Stop accepting first, then close the broker (which ends its clients), then wait for TCP.
    const tcpClosed = tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : Promise.resolve();
    if (broker && !broker.closed) await new Promise<void>((resolve) => broker.close(() => resolve()));
    await tcpClosed;
    this.#options.log.info('broker stopped');
  }
}
