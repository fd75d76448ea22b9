/**
 * The broker stress bench's subscribers, run in their own process (fork) so the broker's CPU is
 * measured apart from theirs. The parent sends one `start` message:
 *   { url, accounts: [{ username, password, topics }], clients, messages }
 * Client i (a lean subscriber, lean-subscriber.ts) logs in with accounts[i % accounts.length] and
 * subscribes (QoS 1) to its topics. The child answers `{ ready, connectMs }` once all are
 * subscribed; then, on `{ finish, expected, quietMs }`, waits until `expected` deliveries arrived
 * (or `quietMs` without any), closes its clients and answers with the result. Each payload begins
 * with its send time (ms since the epoch, 20 characters) and its number (8); the result holds the
 * latency percentiles, the deliveries and the repeats. Times are
 * `performance.timeOrigin + performance.now()`, comparable across processes.
 */
import { connectLean } from './lean-subscriber.ts';
import { percentile } from './percentile.ts';

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
  /** Messages each client expects (for the repeat bitmap). */
  messages: number;
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

export const now = (): number => performance.timeOrigin + performance.now();

async function run(config: LoadStart): Promise<void> {
  const closers: (() => Promise<void>)[] = [];
  let received = 0;
  let lastArrival = now();
  let latencies = new Float64Array(1 << 16);
  const total = config.messages;
  const seen = new Uint8Array(config.clients * Math.max(total, 1));
  let unique = 0;
  let duplicates = 0;

  const onMessage = (index: number, payload: Buffer) => {
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
    if (seen[slot]) duplicates += 1;
    else {
      seen[slot] = 1;
      unique += 1;
    }
  };

  const connectStarted = now();
  for (let i = 0; i < config.clients; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, config.clients - i) }, async (_, k) => {
        const index = i + k;
        const account = config.accounts[index % config.accounts.length]!;
        const subscriber = await connectLean(
          config.url,
          { clientId: `bench-${process.pid}-${index}`, username: account.username, password: account.password, topics: account.topics },
          (payload) => onMessage(index, payload)
        );
        closers.push(subscriber.close);
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
  const done = () => unique >= finish.expected;
  while (!done() && now() - lastArrival < finish.quietMs) await new Promise((r) => setTimeout(r, 50));
  const cpu = process.cpuUsage(cpuAtReady);
  await Promise.all(closers.map((close) => close()));

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
