/**
 * Bench load clients, run in their own process (fork) so the broker's CPU is measured apart from
 * theirs. The parent sends one `start` message:
 *   { url, accounts: [{ username, password, topics }], clients, mode, transport }
 * Client i logs in with accounts[i % accounts.length] and subscribes (QoS 1) to its topics.
 * The child answers `{ ready, connectMs }` once all are subscribed; then, on
 * `{ finish, expected, quietMs }`, waits until `expected` deliveries arrived (or `quietMs` without
 * any), closes its clients and answers with the result:
 * - mode 'stress' (lean subscribers, lean-subscriber.ts): each payload begins with its send time (ms since the epoch, 20 characters) and
 *   its number; the child returns latency percentiles, deliveries and repeats.
 * - mode 'events': payloads are event envelopes; the child returns [client, petitionId, arrival]
 *   of every first delivery, and the repeats (the same event id twice at one client).
 * Times are `performance.timeOrigin + performance.now()`, comparable across processes.
 */
import mqtt from 'mqtt';
import { petitionIdOf, type EventEnvelope } from '../../../shared/events.ts';
import { connectBrowserLike } from './browser-ws-stream.ts';
import { connectLean } from './lean-subscriber.ts';

export interface LoadAccount {
  username?: string;
  password?: string;
  topics: string[];
}

export interface LoadStart {
  start: true;
  url: string;
  accounts: LoadAccount[];
  clients: number;
  mode: 'stress' | 'events';
  /** For ws:// URLs: 'browser' (one frame per packet, as mqtt.js in a browser) or 'mqttjs-node' (mqtt.js's Node stream). */
  transport?: 'browser' | 'mqttjs-node';
  /** stress: messages each client expects (for the repeat bitmap). */
  messages?: number;
}

export interface StressResult {
  /** CPU (user + system) of this process per delivery while the messages came, µs. */
  clientCpuMicrosPerDelivery: number;
  received: number;
  unique: number;
  duplicates: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface EventsResult {
  arrivals: [client: number, petitionId: string, at: number][];
  duplicates: number;
}

export const now = (): number => performance.timeOrigin + performance.now();

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function run(config: LoadStart): Promise<void> {
  const closers: (() => Promise<void>)[] = [];
  let received = 0;
  let lastArrival = now();
  // stress
  let latencies = new Float64Array(1 << 16);
  const total = config.messages ?? 0;
  const seen = config.mode === 'stress' ? new Uint8Array(config.clients * Math.max(total, 1)) : undefined;
  let unique = 0;
  let duplicates = 0;
  // events
  const arrivals: EventsResult['arrivals'] = [];
  const seenIds: Set<string>[] = [];

  const onStress = (index: number, payload: Buffer) => {
    const at = now();
    lastArrival = at;
    received += 1;
    const sent = Number(payload.toString('latin1', 0, 20));
    const n = Number(payload.toString('latin1', 20, 28));
    if (received > latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[received - 1] = at - sent;
    const slot = index * total + n;
    if (seen![slot]) duplicates += 1;
    else {
      seen![slot] = 1;
      unique += 1;
    }
  };

  const connectStarted = now();
  for (let i = 0; i < config.clients; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, config.clients - i) }, async (_, k) => {
        const index = i + k;
        const account = config.accounts[index % config.accounts.length]!;
        const options = {
          clientId: `bench-${process.pid}-${index}`,
          username: account.username,
          password: account.password,
          reconnectPeriod: 0,
          connectTimeout: 60_000,
          protocolVersion: 4 as const,
          keepalive: 120
        };
        if (config.mode === 'stress') {
          // The lean subscriber (lean-subscriber.ts): the clients' own cost must not be what is measured.
          const subscriber = await connectLean(config.url, { clientId: options.clientId, username: options.username, password: options.password, topics: account.topics }, (payload) => onStress(index, payload));
          closers.push(subscriber.close);
          return;
        }
        const client =
          config.url.startsWith('ws') && config.transport !== 'mqttjs-node' ? connectBrowserLike(config.url, options) : mqtt.connect(config.url, options);
        seenIds[index] = new Set();
        client.on('message', (_topic, payload) => {
          const at = now();
          lastArrival = at;
          received += 1;
          const envelope = JSON.parse(payload.toString('utf8')) as EventEnvelope;
          if (seenIds[index]!.has(envelope.id)) duplicates += 1;
          else {
            seenIds[index]!.add(envelope.id);
            arrivals.push([index, petitionIdOf(envelope) ?? '', at]);
          }
        });
        await new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve());
          client.once('error', reject);
        });
        const granted = await client.subscribeAsync(Object.fromEntries(account.topics.map((topic) => [topic, { qos: 1 as const }])));
        for (const grant of granted) if (grant.qos > 2) throw new Error(`subscription refused: ${grant.topic}`);
        closers.push(() => client.endAsync(true));
      })
    );
  }
  process.send!({ ready: true, connectMs: now() - connectStarted });
  const cpuAtReady = process.cpuUsage();

  const finish = await new Promise<{ expected: number; quietMs: number }>((resolve) => {
    process.on('message', (m: { finish?: boolean; expected: number; quietMs: number }) => {
      if (m.finish) resolve(m);
    });
  });
  const done = () => (config.mode === 'stress' ? unique : arrivals.length) >= finish.expected;
  while (!done() && now() - lastArrival < finish.quietMs) await new Promise((r) => setTimeout(r, 50));
  const cpu = process.cpuUsage(cpuAtReady);
  await Promise.all(closers.map((close) => close()));

  if (config.mode === 'stress') {
    const sorted = latencies.subarray(0, received).sort();
    const result: StressResult = {
      clientCpuMicrosPerDelivery: received ? (cpu.user + cpu.system) / received : NaN,
      received,
      unique,
      duplicates,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN
    };
    process.send!({ result });
  } else {
    process.send!({ result: { arrivals, duplicates } satisfies EventsResult });
  }
  // Let the IPC message go before exiting.
  setTimeout(() => process.exit(0), 100);
}

if (process.send) {
  process.once('message', (m: LoadStart) => {
    if (m.start) {
      run(m).catch((error: Error) => {
        process.send!({ error: error.stack ?? error.message });
        setTimeout(() => process.exit(1), 100);
      });
    }
  });
}
