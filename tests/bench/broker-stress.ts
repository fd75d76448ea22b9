/**
 * Issue 5's stress case: 1,000 subscribers on one topic at 50 events/s, against our broker (aedes
 * in the server, over WebSocket at /mqtt and over TCP) and against Mosquitto over TCP when the
 * Debian package is installed, in the same run. Prints p50/p99 and the broker's CPU per delivery
 * for each, and the ratios to Mosquitto. The subscribers run in a child process.
 * `npx tsx tests/bench/broker-stress.ts [--clients 1000] [--rate 50] [--seconds 10]`
 */
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { buildApp } from '../../server/app.ts';
import { createDatabase } from '../../server/db/client.ts';
import { demoLogin } from '../support/demo-login.ts';
import { createSeededDatabase, startThrowawayCluster } from '../support/pg-cluster.ts';
import { TEST_SECRETS, testConfig } from '../support/test-config.ts';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '1000' }, rate: { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' } } });
const CLIENTS = Number(values.clients);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const MOSQUITTO = '/usr/sbin/mosquitto';
const here = path.dirname(fileURLToPath(import.meta.url));

interface Result {
  name: string;
  p50: number;
  p99: number;
  delivered: number;
  expected: number;
  cpuMicrosPerDelivery: number;
}

const percentile = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : NaN);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Run the subscribers, publish RATE messages a second for SECONDS, and measure the broker's CPU meanwhile. */
async function scenario(name: string, url: string, topic: string, publish: (payload: Buffer) => Promise<void> | void, cpu: () => number, auth?: { username: string; password: string }): Promise<Result> {
  const child = fork(path.join(here, 'stress-clients.ts'), [url, topic, String(CLIENTS), String(SECONDS), ...(auth ? [auth.username, auth.password] : [])], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const messages: { ready?: boolean; latencies?: number[]; received?: number }[] = [];
  child.on('message', (m) => messages.push(m as never));
  while (!messages.some((m) => m.ready)) await new Promise((r) => setTimeout(r, 100));
  const cpuBefore = cpu();
  const total = RATE * SECONDS;
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Not awaited: the publisher keeps its rate whether or not the broker keeps up (lag shows as latency).
    void publish(Buffer.from(`${Date.now()}`.padStart(13, '0') + JSON.stringify({ i, type: 'stress' })));
  }
  while (!messages.some((m) => m.latencies)) await new Promise((r) => setTimeout(r, 200));
  const cpuMicros = cpu() - cpuBefore;
  const { latencies = [], received = 0 } = messages.find((m) => m.latencies)!;
  latencies.sort((a, b) => a - b);
  return { name, p50: percentile(latencies, 50), p99: percentile(latencies, 99), delivered: received, expected: total * CLIENTS, cpuMicrosPerDelivery: received ? cpuMicros / received : NaN };
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function main(): Promise<void> {
  const results: Result[] = [];
  const cluster = await startThrowawayCluster();
  const databaseUrl = await createSeededDatabase(cluster, 'stress', 0);
  const database = createDatabase(databaseUrl, { max: 10 });
  const app = await buildApp({ config: testConfig({ mqttPort: await freePort() }), secrets: TEST_SECRETS, database, databaseUrl, serveWeb: false, logger: false });
  const url = await app.listen();
  const leader = await demoLogin(url, 'lanhdao');
  const token = (await (await fetch(`${url}/api/realtime/token`, { method: 'POST', headers: { cookie: leader } })).json()) as { token: string; username: string };
  const topic = 'dt/u/VN/01/ev';
  const auth = { username: token.username, password: token.token };
  const publish = (payload: Buffer) => app.broker.publish(topic, payload).catch(() => {});
  results.push(await scenario('aedes over WebSocket', `${url.replace(/^http/, 'ws')}/mqtt`, topic, publish, ownCpu, auth));
  results.push(await scenario('aedes over TCP', `mqtt://127.0.0.1:${app.broker.tcpAddress!.port}`, topic, publish, ownCpu, auth));
  await app.close();
  await database.close();
  await cluster.stop();

  if (existsSync(MOSQUITTO)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-mosq-'));
    const port = await freePort();
    writeFileSync(path.join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n`);
    const broker = spawn(MOSQUITTO, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4 });
    // CPU of the Mosquitto process from /proc (utime + stime, in clock ticks of 10 ms).
    const mosquittoCpu = () => {
      const fields = readFileSync(`/proc/${broker.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    };
    results.push(await scenario('Mosquitto over TCP', `mqtt://127.0.0.1:${port}`, topic, (p) => void publisher.publish(topic, p, { qos: 1 }), mosquittoCpu));
    await publisher.endAsync();
    broker.kill();
    rmSync(dir, { recursive: true, force: true });
  } else {
    console.log(`Mosquitto is not installed (${MOSQUITTO}): apt-get install mosquitto to compare.`);
  }

  console.log(`\nbench broker stress: ${CLIENTS} subscribers on one topic, ${RATE} events/s for ${SECONDS} s`);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(22)} p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  delivered ${r.delivered}/${r.expected}  broker CPU ${r.cpuMicrosPerDelivery.toFixed(1)} µs/delivery`);
  }
  const mosq = results.find((r) => r.name.startsWith('Mosquitto'));
  const ws = results.find((r) => r.name.includes('WebSocket'))!;
  if (mosq) console.log(`  ratio aedes-WS / Mosquitto: p99 ${(ws.p99 / mosq.p99).toFixed(2)}×, CPU per delivery ${(ws.cpuMicrosPerDelivery / mosq.cpuMicrosPerDelivery).toFixed(2)}× (target: p99 within 2×)`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
