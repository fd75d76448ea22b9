/**
 * Issue 5's stress case: N subscribers (1,000) on one topic at R events/s (50) for S seconds,
 * against our broker (aedes in the server: MQTT over WebSocket at /mqtt, and over TCP) and
 * against Mosquitto over TCP (Debian package `mosquitto`, started here on a free port with a
 * temporary config; skipped with a message when it is not installed), in the same run.
 *
 * The subscribers run in a child process (support/load-clients.ts), so the broker's CPU is its
 * process's own: `process.cpuUsage()` of this process for aedes (the publisher is in-process,
 * as the outbox relay is), utime + stime from /proc/<pid>/stat for Mosquitto (its publisher is
 * an mqtt.js client here). The subscribers are lean MQTT clients (support/lean-subscriber.ts:
 * mqtt.js in Node costs more CPU per message than the brokers do, and would be what is measured);
 * over WebSocket they send one frame per packet, as mqtt.js does in a browser.
 *
 * Alone: `npx tsx tests/bench/broker-stress.ts [--clients 1000] [--rate 50] [--seconds 20] [--brokers ws,tcp,mosquitto]`;
 * `npm run bench` runs it (scripts/bench.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { buildApp } from '../../server/app.ts';
import { createDatabase } from '../../server/db/client.ts';
import { freePort } from '../../server/db/embedded.ts';
import { demoLogin } from '../support/demo-login.ts';
import { createSeededDatabase, startThrowawayCluster } from '../support/pg-cluster.ts';
import { TEST_SECRETS, testConfig } from '../support/test-config.ts';
import { now } from './support/load-clients.ts';
import { startLoad } from './support/load-process.ts';

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface StressOptions {
  clients: number;
  rate: number;
  seconds: number;
  /** Which brokers to measure (default all three). */
  brokers?: BrokerRun['name'][];
  log?: (message: string) => void;
}

export interface BrokerRun {
  name: 'aedes WS' | 'aedes TCP' | 'Mosquitto TCP';
  p50: number;
  p95: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  duplicates: number;
  connectMs: number;
  /** Broker CPU (user + system) per delivery, µs. */
  cpuMicrosPerDelivery: number;
  /** Resident memory of the broker's process with the subscribers connected, MB. */
  rssMb: number;
  /** CPU of the subscribers' process per delivery, µs (they share the 2 cores with the broker). */
  clientCpuMicrosPerDelivery: number;
}

export interface StressResult {
  options: StressOptions;
  runs: BrokerRun[];
  /** Why Mosquitto was not measured, when it was not. */
  mosquittoSkipped?: string;
}

const TOPIC = 'dt/u/VN/01/ev';
// About the size of a real event envelope (a petition.created is ~300 bytes).
const FILLER = JSON.stringify({
  id: '0',
  seq: '0',
  type: 'petition.created',
  unitPath: 'VN.01',
  occurredAt: new Date(0).toISOString(),
  payload: { petitionId: '00000000-0000-0000-0000-000000000000', code: 'KN-2026-000001', type: 'KHIEU_NAI', status: 'MOI_TIEP_NHAN', unitId: '00000000-0000-0000-0000-000000000000', unitName: 'UBND thành phố Hà Nội', receivedAt: new Date(0).toISOString() }
});

/** Send time (20 characters) + message number (8) + an envelope-sized body. */
function stressPayload(n: number): Buffer {
  return Buffer.from(now().toFixed(3).padStart(20, '0') + String(n).padStart(8, '0') + FILLER);
}

async function runOne(
  name: BrokerRun['name'],
  options: StressOptions,
  load: { url: string; username?: string; password?: string },
  publish: (payload: Buffer) => void,
  cpuMicros: () => number,
  rssBytes: () => number
): Promise<BrokerRun> {
  const total = options.rate * options.seconds;
  const clients = await startLoad({ url: load.url, accounts: [{ username: load.username, password: load.password, topics: [TOPIC] }], clients: options.clients, messages: total });
  const rssMb = rssBytes() / 1024 / 1024;
  options.log?.(`  ${name}: ${options.clients} subscribers connected in ${(clients.connectMs / 1000).toFixed(1)} s; publishing ${total} messages…`);
  const cpuBefore = cpuMicros();
  const started = now();
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / options.rate - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Not awaited: the rate holds whether or not the broker keeps up (lag shows as latency).
    publish(stressPayload(i));
  }
  const result = await clients.finish(total * options.clients, 10_000);
  const cpu = cpuMicros() - cpuBefore;
  return {
    name,
    p50: result.p50,
    p95: result.p95,
    p99: result.p99,
    max: result.max,
    delivered: result.unique,
    expected: total * options.clients,
    duplicates: result.duplicates,
    connectMs: clients.connectMs,
    cpuMicrosPerDelivery: result.received ? cpu / result.received : NaN,
    rssMb,
    clientCpuMicrosPerDelivery: result.clientCpuMicrosPerDelivery
  };
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function startMosquitto(port: number): Promise<{ process: ChildProcess; stop: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'max_queued_messages 100000', 'log_dest none', ''].join('\n'));
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' });
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > until || child.exitCode !== null) {
      stop();
      throw new Error('mosquitto did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { process: child, stop };
}

export async function runBrokerStress(options: StressOptions): Promise<StressResult> {
  const log = options.log ?? (() => {});
  const runs: BrokerRun[] = [];
  const wanted = (name: BrokerRun['name']) => !options.brokers || options.brokers.includes(name);
  log(`Broker stress: ${options.clients} subscribers, ${options.rate} events/s for ${options.seconds} s…`);

  const cluster = await startThrowawayCluster();
  try {
    const databaseUrl = await createSeededDatabase(cluster, 'bench_stress', 0);
    const database = createDatabase(databaseUrl, { max: 10 });
    const app = await buildApp({ config: testConfig({ mqttPort: await freePort() }), secrets: TEST_SECRETS, database, databaseUrl, serveWeb: false, logger: false });
    try {
      const url = (await app.listen()).replace('localhost', '127.0.0.1');
      const leader = await demoLogin(url, 'lanhdao');
      const token = (await (await fetch(`${url}/api/realtime/token`, { method: 'POST', headers: { cookie: leader } })).json()) as { token: string; username: string };
      const auth = { username: token.username, password: token.token };
      const publish = (payload: Buffer) => void app.broker.publish(TOPIC, payload).catch(() => {});
      const rss = () => process.memoryUsage().rss;
      if (wanted('aedes WS')) runs.push(await runOne('aedes WS', options, { url: `${url.replace(/^http/, 'ws')}/mqtt`, ...auth }, publish, ownCpu, rss));
      if (wanted('aedes TCP')) runs.push(await runOne('aedes TCP', options, { url: `mqtt://127.0.0.1:${app.broker.tcpAddress!.port}`, ...auth }, publish, ownCpu, rss));
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    await cluster.stop();
  }

  let mosquittoSkipped: string | undefined;
  if (!wanted('Mosquitto TCP')) {
    // not asked for
  } else if (existsSync(MOSQUITTO)) {
    const port = await freePort();
    const broker = await startMosquitto(port);
    try {
      const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4 });
      const pid = broker.process.pid!;
      // utime + stime, in clock ticks (100 a second on Linux).
      const cpu = () => {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10_000;
      };
      const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
      runs.push(await runOne('Mosquitto TCP', options, { url: `mqtt://127.0.0.1:${port}` }, (p) => void publisher.publish(TOPIC, p, { qos: 1 }), cpu, rss));
      await publisher.endAsync();
    } finally {
      broker.stop();
    }
  } else {
    mosquittoSkipped = `Mosquitto is not installed (${MOSQUITTO}); apt-get install mosquitto to compare`;
    log(mosquittoSkipped);
  }
  return { options, runs, mosquittoSkipped };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? (ms < 10 ? ms.toFixed(1) : ms.toFixed(0)) : '—');

export function printStress(result: StressResult): void {
  const { clients, rate, seconds } = result.options;
  console.log(`\nbench broker stress: ${clients} subscribers on one topic, ${rate} events/s for ${seconds} s (QoS 1)`);
  for (const r of result.runs) {
    console.log(
      `  ${r.name.padEnd(14)} p50 ${fmt(r.p50).padStart(6)} ms  p95 ${fmt(r.p95).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  max ${fmt(r.max).padStart(6)} ms  ` +
        `delivered ${r.delivered}/${r.expected}  repeats ${r.duplicates}  CPU ${r.cpuMicrosPerDelivery.toFixed(1)} µs/delivery (clients ${r.clientCpuMicrosPerDelivery.toFixed(1)})  RSS ${r.rssMb.toFixed(0)} MB`
    );
  }
  const ratios = stressRatios(result);
  if (ratios) console.log(`  aedes WS / Mosquitto: p99 ${ratios.p99.toFixed(2)}× (target ≤ 2×), CPU per delivery ${ratios.cpu.toFixed(2)}×`);
  if (result.mosquittoSkipped) console.log(`  ${result.mosquittoSkipped}`);
}

export function stressRatios(result: StressResult): { p99: number; cpu: number } | undefined {
  const ws = result.runs.find((r) => r.name === 'aedes WS');
  const mosquitto = result.runs.find((r) => r.name === 'Mosquitto TCP');
  if (!ws || !mosquitto) return undefined;
  return { p99: ws.p99 / mosquitto.p99, cpu: ws.cpuMicrosPerDelivery / mosquitto.cpuMicrosPerDelivery };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { clients: { type: 'string', default: '1000' }, rate: { type: 'string', default: '50' }, seconds: { type: 'string', default: '20' }, brokers: { type: 'string' } }
  });
  const names = { ws: 'aedes WS', tcp: 'aedes TCP', mosquitto: 'Mosquitto TCP' } as const;
  const brokers = values.brokers?.split(',').map((b) => names[b as keyof typeof names]);
  runBrokerStress({ clients: Number(values.clients), rate: Number(values.rate), seconds: Number(values.seconds), brokers, log: console.log }).then(
    (result) => {
      printStress(result);
      // A miss: a message lost, or aedes over WebSocket slower than twice Mosquitto at p99.
      const ratios = stressRatios(result);
      const lost = result.runs.some((r) => r.delivered < r.expected);
      process.exit(lost || (ratios !== undefined && ratios.p99 > 2) ? 1 : 0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
