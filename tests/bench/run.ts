/**
 * `npm run bench [-- --clients 1000 --petitions 50]`: live fan-out latency.
 *
 * One server on a throw-away embedded PostgreSQL, N MQTT-over-WebSocket clients (as the
 * national leader, so each receives every event), M petitions created one by one through the
 * API. For each (client, petition) we take the time from the API's reply to the client's
 * delivery (0 when the event beat the reply) and print p50/p95/p99/max and the count lost.
 */
import { parseArgs } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { buildApp } from '../../server/app.ts';
import { createDatabase } from '../../server/db/client.ts';
import { petitionIdOf, type EventEnvelope } from '../../shared/events.ts';
import { demoLogin } from '../support/demo-login.ts';
import { TEST_SECRETS, testConfig } from '../support/test-config.ts';
import { createSeededDatabase, startThrowawayCluster } from '../support/pg-cluster.ts';
import { printTimings, runProcedureBench } from './procedure.bench.ts';
import { percentile } from './support/percentile.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    petitions: { type: 'string', default: '50' },
    'interval-ms': { type: 'string', default: '20' },
    // Issue 4's list, search and duplicate-check timings at this many generated petitions (0 skips them).
    'scale-petitions': { type: 'string', default: '1000000' },
    // 'national': every client is the national leader and receives every event; 'provinces': the
    // clients are spread over the 34 province scopes and receive only their province's events.
    spread: { type: 'string', default: 'national' }
  }
});
const SPREAD = values.spread === 'provinces';
const SCALE_PETITIONS = Number(values['scale-petitions']);
const CLIENTS = Number(values.clients);
const PETITIONS = Number(values.petitions);
const INTERVAL_MS = Number(values['interval-ms']);
if (![CLIENTS, PETITIONS, INTERVAL_MS].every((n) => Number.isInteger(n) && n >= 0) || CLIENTS < 1 || PETITIONS < 1) {
  console.error('Usage: npm run bench -- [--clients N] [--petitions M] [--interval-ms MS]');
  process.exit(2);
}

async function main(): Promise<void> {
  const cluster = await startThrowawayCluster();
  const databaseUrl = await createSeededDatabase(cluster, 'bench', 0);
  const database = createDatabase(databaseUrl, { max: 20 });
  const app = await buildApp({
    config: testConfig({ mqttPort: 0 }),
    secrets: TEST_SECRETS,
    database,
    databaseUrl,
    serveWeb: false,
    logger: false
  });
  const url = await app.listen();
  const wsUrl = url.replace(/^http/, 'ws') + '/mqtt';

  // Who listens and who writes: one scope (the national leader) or one officer per province.
  const scopes: { cookie: string; token: string; username: string; subscriptions: string[] }[] = [];
  const tokenFor = async (cookie: string) => {
    const reply = await fetch(`${url}/api/realtime/token`, { method: 'POST', headers: { cookie } });
    return { cookie, ...((await reply.json()) as { token: string; username: string; subscriptions: string[] }) };
  };
  const officer = await demoLogin(url, 'canbo.hn');
  if (SPREAD) {
    const { rows } = await database.pool.query<{ code: string }>(`
      INSERT INTO users (identifier_code, full_name, password_hash, role, unit_id)
      SELECT 'bench.' || u.code, 'Bench ' || u.code, (SELECT password_hash FROM users WHERE identifier_code = 'canbo.hn'), 'OFFICER', u.id
        FROM units u WHERE u.parent_id = (SELECT id FROM units WHERE code = 'VN') AND u.code ~ '^[0-9]{2}$'
      RETURNING substring(identifier_code from 7) AS code`);
    for (const { code } of rows) scopes.push(await tokenFor(await demoLogin(url, `bench.${code}`)));
  } else {
    scopes.push(await tokenFor(await demoLogin(url, 'lanhdao')));
  }
  const clientScope = (index: number) => index % scopes.length;
  // A petition of scope s reaches the clients of scope s (all clients when national).
  const petitionScope = (i: number) => (SPREAD ? i % scopes.length : 0);

  // arrivals[client] = Map(petitionId → time of first delivery)
  const arrivals: Map<string, number>[] = [];
  const clients: MqttClient[] = [];
  let duplicates = 0;
  const connectStarted = Date.now();
  for (let i = 0; i < CLIENTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, async (_, k) => {
        const index = i + k;
        const seen = new Map<string, number>();
        arrivals[index] = seen;
        const { username, token, subscriptions } = scopes[clientScope(index)]!;
        const client = mqtt.connect(wsUrl, { username, password: token, clientId: `bench-${index}`, reconnectPeriod: 0, connectTimeout: 30_000 });
        client.on('message', (_topic, payload) => {
          const at = Date.now();
          const envelope = JSON.parse(payload.toString('utf8')) as EventEnvelope;
          const id = petitionIdOf(envelope) ?? "";
          if (seen.has(id)) duplicates++;
          else seen.set(id, at);
        });
        await new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve());
          client.once('error', reject);
        });
        await client.subscribeAsync(Object.fromEntries(subscriptions.map((topic) => [topic, { qos: 1 as const }])));
        clients.push(client);
      })
    );
  }
  const connectMs = Date.now() - connectStarted;

  const replies = new Map<string, number>();
  const scopeOfPetition = new Map<string, number>();
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < PETITIONS; i++) {
    const response = await fetch(`${url}/api/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: SPREAD ? scopes[petitionScope(i)]!.cookie : officer },
      body: JSON.stringify({ type: 'KHIEU_NAI', summary: `Đơn đo hiệu năng số ${i + 1} / benchmark petition` })
    });
    const repliedAt = Date.now();
    if (response.status !== 201) throw new Error(`create: ${response.status} ${await response.text()}`);
    const createdId = ((await response.json()) as { id: string }).id;
    replies.set(createdId, repliedAt);
    scopeOfPetition.set(createdId, petitionScope(i));
    if (INTERVAL_MS) await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }

  // Wait until every delivery arrived, or 10 s of silence.
  const audienceOf = (scope: number) => Array.from({ length: CLIENTS }, (_, c) => c).filter((c) => !SPREAD || clientScope(c) === scope).length;
  const expected = [...scopeOfPetition.values()].reduce((sum, scope) => sum + audienceOf(scope), 0);
  const delivered = () => arrivals.reduce((sum, seen) => sum + [...seen.keys()].filter((id) => replies.has(id)).length, 0);
  let last = -1;
  let quietSince = Date.now();
  while (delivered() < expected && Date.now() - quietSince < 10_000) {
    const now = delivered();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const latencies: number[] = [];
  let misrouted = 0;
  arrivals.forEach((seen, client) => {
    for (const [id, repliedAt] of replies) {
      const at = seen.get(id);
      if (at === undefined) continue;
      if (SPREAD && scopeOfPetition.get(id) !== clientScope(client)) misrouted++;
      else latencies.push(Math.max(0, at - repliedAt));
    }
  });
  latencies.sort((a, b) => a - b);
  const lost = expected - latencies.length;
  const rssMb = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  const growthMb = ((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(1);

  console.log(
    `bench live fan-out (${SPREAD ? `${scopes.length} province scopes` : 'national scope'}): clients=${CLIENTS} petitions=${PETITIONS} deliveries=${latencies.length}/${expected} misrouted=${misrouted} ` +
      `p50=${percentile(latencies, 50)}ms p95=${percentile(latencies, 95)}ms p99=${percentile(latencies, 99)}ms max=${latencies.at(-1) ?? NaN}ms ` +
      `lost=${lost} duplicates=${duplicates} connect=${connectMs}ms rss=${rssMb}MB (+${growthMb}MB during run)`
  );

  await Promise.all(clients.map((c) => c.endAsync(true)));
  await app.close();
  await database.close();
  await cluster.stop();
  let scaleOk = true;
  if (SCALE_PETITIONS > 0) {
    const timings = await runProcedureBench({ petitions: SCALE_PETITIONS, samples: 200, log: () => {} });
    printTimings(`bench list/search/duplicate check at ${SCALE_PETITIONS.toLocaleString('en')} petitions (target p95 <= 100 ms)`, timings, 100);
    scaleOk = timings.every((t) => t.p95 <= 100);
  }
  process.exitCode = lost === 0 && misrouted === 0 && scaleOk ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
