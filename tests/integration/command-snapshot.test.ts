/**
 * The command centre's figures (issue 5 item 1): the API snapshot and the retained MQTT snapshot
 * per scope both equal plain SQL counts over the scope; a Hà Nội viewer never sees another
 * province; a screen that subscribes gets the current figures at once; the broker refuses a
 * snapshot topic outside the subscriber's scope.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSnapshot } from '../../shared/command.ts';
import { snapshotTopic } from '../../shared/topics.ts';
import { toVnDate, startOfVnDay } from '../../shared/calendar/iso-date.ts';
import { issueToken, waitFor } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const clients: MqttClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
  // Give the figures something to count in every bucket: new letters today in two provinces,
  // and (straight in the database, as the procedure would leave them) some due soon, overdue
  // and closed on time or late this year.
  const hn = await t.login('canbo.hn');
  const hcm = await t.login('canbo.hcm');
  for (const [cookie, type] of [[hn, 'KHIEU_NAI'], [hn, 'TO_CAO'], [hcm, 'KIEN_NGHI']] as const) {
    const r = await t.request('POST', '/api/petitions', { cookie, body: { type, summary: 'Đơn thử số liệu màn hình chỉ huy', field: 'DAT_DAI' } });
    expect(r.status).toBe(201);
  }
  await t.database.pool.query(`
    WITH picked AS (SELECT id, row_number() OVER (ORDER BY received_at, id) AS n FROM petitions)
    UPDATE petitions p SET
      deadline_state = CASE WHEN picked.n % 5 = 1 THEN 'DUE_SOON' WHEN picked.n % 5 = 2 THEN 'OVERDUE' ELSE p.deadline_state END,
      closed_at = CASE WHEN picked.n % 5 IN (3, 4) THEN now() - interval '1 hour' ELSE p.closed_at END,
      closed_on_time = CASE WHEN picked.n % 5 = 3 THEN true WHEN picked.n % 5 = 4 THEN false ELSE p.closed_on_time END
    FROM picked WHERE picked.id = p.id`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await t?.close();
});

/** The figures counted independently, straight from SQL, for one subtree. */
async function sqlFigures(scope: string) {
  const today = startOfVnDay(toVnDate(new Date()));
  const day = toVnDate(new Date());
  const month = startOfVnDay(`${day.slice(0, 7)}-01`);
  const year = startOfVnDay(`${day.slice(0, 4)}-01-01`);
  const { rows } = await t.database.pool.query(
    `SELECT
       count(*) FILTER (WHERE received_at >= $2)::int AS "receivedToday",
       count(*) FILTER (WHERE received_at >= $3)::int AS "receivedThisMonth",
       count(*) FILTER (WHERE closed_at IS NULL)::int AS "inProcess",
       count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'DUE_SOON')::int AS "dueSoon",
       count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE')::int AS overdue,
       count(*) FILTER (WHERE closed_at >= $4 AND closed_on_time IS NOT NULL)::int AS "closedThisYear",
       count(*) FILTER (WHERE closed_at >= $4 AND closed_on_time)::int AS "closedOnTimeThisYear"
     FROM petitions WHERE unit_path <@ $1::ltree`,
    [scope, today, month, year]
  );
  const byStatus = await t.database.pool.query(`SELECT status, count(*)::int AS n FROM petitions WHERE unit_path <@ $1::ltree GROUP BY status`, [scope]);
  const byProvince = await t.database.pool.query(
    `SELECT subpath(unit_path, 1, 1)::text AS code, count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
            count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE')::int AS overdue
       FROM petitions WHERE unit_path <@ $1::ltree AND nlevel(unit_path) >= 2 AND subpath(unit_path, 1, 1)::text ~ '^[0-9]{2}$'
      GROUP BY 1 HAVING count(*) FILTER (WHERE closed_at IS NULL) > 0`,
    [scope]
  );
  const f = rows[0];
  return {
    figures: { ...f, onTimeRate: f.closedThisYear === 0 ? null : Math.round((f.closedOnTimeThisYear / f.closedThisYear) * 1000) / 10 },
    byStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n])),
    byProvince: Object.fromEntries(byProvince.rows.map((r) => [r.code, { open: r.open, overdue: r.overdue }]))
  };
}

async function connect(cookie: string): Promise<MqttClient> {
  const { token, username } = await issueToken(t, cookie);
  const client = mqtt.connect(t.mqttWsUrl, { username, password: token, protocolVersion: 4, reconnectPeriod: 0, clientId: `cmd-${Math.random().toString(16).slice(2)}` });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

function latestSnapshots(client: MqttClient) {
  const latest = new Map<string, CommandSnapshot>();
  const arrivals: { topic: string; at: number }[] = [];
  client.on('message', (topic, payload) => {
    latest.set(topic, JSON.parse(payload.toString('utf8')) as CommandSnapshot);
    arrivals.push({ topic, at: performance.now() });
  });
  return { latest, arrivals };
}

/** The SUBACK return codes of a refused subscription (mqtt.js rejects on 0x80), or null if granted. */
async function refusal(client: MqttClient, topic: string): Promise<number[] | null> {
  return client.subscribeAsync(topic, { qos: 1 }).then(
    () => null,
    (e: Error & { packet?: { granted?: number[] } }) => e.packet?.granted ?? [-1]
  );
}

describe('GET /api/command/snapshot', () => {
  it('gives the national leader figures equal to SQL counts over the whole country', async () => {
    const r = await t.request('GET', '/api/command/snapshot', { cookie: await t.login('lanhdao') });
    expect(r.status).toBe(200);
    const expected = await sqlFigures('VN');
    expect(expected.figures.receivedToday).toBeGreaterThanOrEqual(3);
    expect(expected.figures.dueSoon).toBeGreaterThan(0);
    expect(expected.figures.overdue).toBeGreaterThan(0);
    expect(expected.figures.closedThisYear).toBeGreaterThan(0);
    expect(r.body.snapshot.scope).toEqual(['VN']);
    expect(r.body.snapshot.figures).toEqual(expected.figures);
    expect(r.body.snapshot.byStatus).toEqual(expected.byStatus);
    expect(r.body.snapshot.byProvince).toEqual(expected.byProvince);
    expect(Object.keys(r.body.snapshot.byProvince).length).toBeGreaterThan(1);
    expect(r.body.topics).toEqual([snapshotTopic('VN')]);
    // Trend and mix: this test's three letters were received today, in the land field.
    expect(r.body.snapshot.trend).toHaveLength(30);
    expect(r.body.snapshot.trend[29]).toBe(expected.figures.receivedToday);
    expect(r.body.snapshot.byField.DAT_DAI).toBeGreaterThanOrEqual(3);
  });

  it("gives a Hà Nội viewer Hà Nội's figures and never another province", async () => {
    const r = await t.request('GET', '/api/command/snapshot', { cookie: await t.login('xem.hn') });
    expect(r.status).toBe(200);
    const expected = await sqlFigures('VN.01');
    expect(r.body.snapshot.scope).toEqual(['VN.01']);
    expect(r.body.snapshot.figures).toEqual(expected.figures);
    expect(r.body.snapshot.byStatus).toEqual(expected.byStatus);
    expect(Object.keys(r.body.snapshot.byProvince)).toEqual(['01']);
    expect(r.body.topics).toEqual([snapshotTopic('VN.01')]);
    const national = await sqlFigures('VN');
    expect(r.body.snapshot.figures.inProcess).toBeLessThan(national.figures.inProcess);
  });

  it('refuses the administrator, who never reads petition data', async () => {
    const r = await t.request('GET', '/api/command/snapshot', { cookie: await t.login('quantri') });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/không có quyền/);
    expect(r.body.error.messageEn).toMatch(/not allowed/);
  });
});

describe('retained snapshots on MQTT', () => {
  it('delivers the current figures at once on subscribe, equal to SQL counts', async () => {
    const client = await connect(await t.login('xem.hn'));
    const { latest, arrivals } = latestSnapshots(client);
    const topic = snapshotTopic('VN.01');
    const expected = await sqlFigures('VN.01');
    const subscribedAt = performance.now();
    const [grant] = await client.subscribeAsync(topic, { qos: 1 });
    expect(grant!.qos).toBe(1);
    await waitFor(() => latest.has(topic), 1_000);
    expect(arrivals[0]!.at - subscribedAt).toBeLessThan(1_000);
    const snapshot = latest.get(topic)!;
    expect(snapshot.scope).toEqual(['VN.01']);
    expect(Object.keys(snapshot.byProvince).every((code) => code === '01')).toBe(true);
    // The figures equal SQL once the publisher has seen every change (the database edits of
    // beforeAll raise no event: they show at the next recount, so give it a new event).
    await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hn'), body: { type: 'PHAN_ANH', summary: 'Phản ánh để đếm lại số liệu' } });
    const after = await sqlFigures('VN.01');
    await waitFor(() => latest.get(topic)?.figures.receivedToday === after.figures.receivedToday, 3_000);
    expect(latest.get(topic)!.figures).toEqual(after.figures);
    expect(latest.get(topic)!.byStatus).toEqual(after.byStatus);
    expect(latest.get(topic)!.byProvince).toEqual(after.byProvince);
    expect(after.figures.receivedToday).toBe(expected.figures.receivedToday + 1);
  });

  it('updates the national snapshot within a second of a new petition, and the Hà Nội one not for Hồ Chí Minh', async () => {
    const client = await connect(await t.login('lanhdao'));
    const { latest } = latestSnapshots(client);
    await client.subscribeAsync([snapshotTopic('VN'), snapshotTopic('VN.01'), snapshotTopic('VN.79')], { qos: 1 });
    await waitFor(() => latest.size === 3, 1_000);
    const before = { vn: latest.get(snapshotTopic('VN'))!, hn: latest.get(snapshotTopic('VN.01'))!, hcm: latest.get(snapshotTopic('VN.79'))! };
    const created = await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hcm'), body: { type: 'KHIEU_NAI', summary: 'Khiếu nại mới tại Thành phố Hồ Chí Minh' } });
    expect(created.status).toBe(201);
    const createdAt = performance.now();
    await waitFor(() => latest.get(snapshotTopic('VN.79'))!.figures.receivedToday === before.hcm.figures.receivedToday + 1, 1_000);
    await waitFor(() => latest.get(snapshotTopic('VN'))!.figures.receivedToday === before.vn.figures.receivedToday + 1, 1_000);
    expect(performance.now() - createdAt).toBeLessThan(1_000);
    expect(latest.get(snapshotTopic('VN'))!.byProvince['79']!.open).toBe((before.vn.byProvince['79']?.open ?? 0) + 1);
    expect(latest.get(snapshotTopic('VN.01'))!.figures).toEqual(before.hn.figures);
  });

  it('refuses snapshot topics outside the subscriber’s scope (SUBACK 0x80), and keeps the connection', async () => {
    const client = await connect(await t.login('xem.hn'));
    const { latest } = latestSnapshots(client);
    for (const topic of [snapshotTopic('VN.79'), snapshotTopic('VN'), 'dt/snap/#', 'dt/snap/+/01', 'dt/snap/VN/+', 'dt/snap/VN/79/#']) {
      expect(await refusal(client, topic), topic).toEqual([128]);
    }
    const [ok] = await client.subscribeAsync(snapshotTopic('VN.01'), { qos: 1 });
    expect(ok!.qos).toBe(1);
    await waitFor(() => latest.has(snapshotTopic('VN.01')), 1_000);
    expect([...latest.keys()]).toEqual([snapshotTopic('VN.01')]);
  });

  it('gives the administrator no snapshot topic at all', async () => {
    const client = await connect(await t.login('quantri'));
    expect(await refusal(client, snapshotTopic('VN'))).toEqual([128]);
  });
});

// Last: it changes the petitions behind the publisher's back (no event), which the MQTT tests above must not see.
describe('the kept per-unit counts', () => {
  it('stays equal to SQL counts through transfers, back-dated letters, closures, a deletion and the folding of the kept counts', async () => {
    // The figures come from per-unit counts the petitions' own statements keep (migration 0020):
    // change the petitions behind their back in every counted column and compare again.
    const pool = t.database.pool;
    await pool.query(`
      WITH picked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM petitions)
      UPDATE petitions p SET
        unit_path = CASE WHEN picked.n % 7 = 1 THEN 'VN.79'::ltree ELSE p.unit_path END,
        received_at = CASE WHEN picked.n % 7 = 2 THEN now() - interval '3 days' WHEN picked.n % 7 = 3 THEN now() - interval '40 days' ELSE p.received_at END,
        field = CASE WHEN picked.n % 7 = 4 THEN 'MOI_TRUONG' ELSE p.field END,
        closed_at = CASE WHEN picked.n % 7 = 5 THEN now() - interval '2 hours' WHEN picked.n % 7 = 6 THEN NULL ELSE p.closed_at END,
        closed_on_time = CASE WHEN picked.n % 7 = 5 THEN true WHEN picked.n % 7 = 6 THEN NULL ELSE p.closed_on_time END
      FROM picked WHERE picked.id = p.id`);
    const hn = await t.login('canbo.hn');
    const gone = await t.request('POST', '/api/petitions', { cookie: hn, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị nhập nhầm, sẽ bị xoá thẳng trong cơ sở dữ liệu' } });
    expect(gone.status).toBe(201);
    const client = await pool.connect();
    try {
      // A deletion, past the foreign keys, as a purge would do it.
      await client.query('BEGIN');
      await client.query("SET LOCAL session_replication_role = 'replica'");
      await client.query('ALTER TABLE petitions ENABLE ALWAYS TRIGGER command_counts_delete');
      await client.query('DELETE FROM petitions WHERE id = $1', [gone.body.id]);
      await client.query('ALTER TABLE petitions ENABLE TRIGGER command_counts_delete');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const leader = await t.login('lanhdao');
    const check = async () => {
      for (const [cookie, scope] of [[leader, 'VN'], [await t.login('xem.hn'), 'VN.01']] as const) {
        const r = await t.request('GET', '/api/command/snapshot', { cookie });
        const expected = await sqlFigures(scope);
        expect(r.body.snapshot.figures).toEqual(expected.figures);
        expect(r.body.snapshot.byStatus).toEqual(expected.byStatus);
        expect(r.body.snapshot.byProvince).toEqual(expected.byProvince);
        const trendFrom = startOfVnDay(toVnDate(new Date(Date.now() - 29 * 86_400_000)));
        const mix = await pool.query(
          `SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, type, coalesce(field, '') AS field, count(*)::int AS n
             FROM petitions WHERE unit_path <@ $1::ltree AND received_at >= $2 GROUP BY 1, 2, 3`,
          [scope, trendFrom]
        );
        const sum = (key: 'type' | 'field') => {
          const out: Record<string, number> = {};
          for (const row of mix.rows) out[row[key]] = (out[row[key]] ?? 0) + row.n;
          return out;
        };
        expect(r.body.snapshot.byType).toEqual(sum('type'));
        expect(r.body.snapshot.byField).toEqual(sum('field'));
        expect(r.body.snapshot.trend.reduce((a: number, b: number) => a + b, 0)).toBe(mix.rows.reduce((a, row) => a + row.n, 0));
      }
      // The petition pages' counts (GET /api/petitions/stats) read the same kept counts.
      for (const [cookie, scope] of [[leader, 'VN'], [hn, 'VN.01']] as const) {
        const stats = await t.request('GET', '/api/petitions/stats', { cookie });
        const counted = (await pool.query(
          `SELECT count(*)::int AS total, (count(*) FILTER (WHERE received_at >= $2))::int AS today FROM petitions WHERE unit_path <@ $1::ltree`,
          [scope, startOfVnDay(toVnDate(new Date()))]
        )).rows[0];
        expect({ total: stats.body.total, receivedToday: stats.body.receivedToday }).toEqual({ total: counted.total, receivedToday: counted.today });
      }
    };
    await check();
    const deltas = Number((await pool.query('SELECT count(*) AS n FROM command_unit_received')).rows[0].n);
    await pool.query('SELECT command_counts_compact()');
    expect(Number((await pool.query('SELECT count(*) AS n FROM command_unit_received')).rows[0].n)).toBeLessThan(deltas);
    await check();
  });
});
