/**
 * Directives, alerts and web-push (issue 5): a leader's directive reaches the target unit live;
 * the unit acknowledges and replies, and the leader's stream carries both in order; a retried
 * message is stored once; roles and scope hold. An offline official gets a web-push from a local
 * push endpoint (aes128gcm, VAPID) with the right title and no personal data; a 410 removes the
 * subscription. An officer logging in sees what waits for them.
 */
import { execFileSync } from 'node:child_process';
import { createECDH, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { connectLive, waitFor, type LiveClient } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let officer: string;
let hanoiId: string;
/** The stand-in push service's certificate (push services speak HTTPS only). */
let tls: { dir: string; key: Buffer; cert: Buffer };
const due = () => toVnDate(new Date(Date.now() + 7 * 86_400_000));

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, stdio: 'pipe' });
  tls = { dir, key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  t = await startTestApp({ logger: { level: 'error' }, pushAgent: new https.Agent({ ca: tls.cert }) });
  leader = await t.login('lanhdao');
  officer = await t.login('canbo.hn');
  hanoiId = (await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '01'`)).rows[0]!.id;
});
afterAll(async () => {
  await t?.close();
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
});

const issue = (body: Record<string, unknown> = {}) =>
  t.request('POST', '/api/directives', { cookie: leader, body: { title: 'Rà soát đơn quá hạn', content: 'Đề nghị rà soát các đơn quá hạn trong tháng và báo cáo.', priority: 'URGENT', dueDate: due(), unitIds: [hanoiId], ...body } });

describe('a directive and its thread', () => {
  it('reaches the unit live; acknowledgement and reply reach the leader live, in order', async () => {
    const officerLive: LiveClient = await connectLive(t, officer);
    const leaderLive: LiveClient = await connectLive(t, leader);
    try {
      const issued = await issue();
      expect(issued.status).toBe(201);
      const id = issued.body.id;
      await officerLive.waitFor(() => [...officerLive.unique.values()].some((e) => e.type === 'directive.issued' && e.payload.directiveId === id), 2_000);

      const asOfficer = await t.request('GET', `/api/directives/${id}`, { cookie: officer });
      expect(asOfficer.body.allowedSteps).toEqual(['ACKNOWLEDGE', 'REPLY', 'COMPLETE']);
      expect((await t.request('POST', `/api/directives/${id}/steps/ACKNOWLEDGE`, { cookie: officer, body: {} })).status).toBe(200);
      const reply = await t.request('POST', `/api/directives/${id}/steps/REPLY`, { cookie: officer, body: { body: 'Đã rà soát 12 đơn, 3 đơn đang xử lý tiếp.', idempotencyKey: 'reply-0001' } });
      expect(reply.status).toBe(200);

      const threadEvents = () => [...leaderLive.unique.values()].filter((e) => e.type === 'directive.message' && e.payload.directiveId === id);
      await leaderLive.waitFor(() => threadEvents().length >= 3, 2_000);
      expect(threadEvents().map((e) => (e.payload as { seq: number; kind: string }).kind)).toEqual(['ISSUE', 'ACKNOWLEDGE', 'REPLY']);
      const thread = await t.request('GET', `/api/directives/${id}`, { cookie: leader });
      expect(thread.body.messages.map((m: { seq: number; kind: string }) => [m.seq, m.kind])).toEqual([[1, 'ISSUE'], [2, 'ACKNOWLEDGE'], [3, 'REPLY']]);
      expect(thread.body.targets[0].acknowledgedAt).not.toBeNull();
      expect(thread.body.allowedSteps).toEqual(['COMMENT', 'URGE', 'EXTEND', 'CLOSE']);
      // Nothing of the text travels in events.
      expect(JSON.stringify([...leaderLive.unique.values()])).not.toContain('rà soát');
    } finally {
      await officerLive.end();
      await leaderLive.end();
    }
  });

  it('stores a retried message once, refuses steps out of role or scope, and closes for good', async () => {
    const id = (await issue()).body.id;
    for (let i = 0; i < 2; i++) await t.request('POST', `/api/directives/${id}/steps/REPLY`, { cookie: officer, body: { body: 'Báo cáo gửi lại do mạng chập chờn', idempotencyKey: 'retry-abcdef' } });
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM directive_messages WHERE directive_id = $1 AND kind = 'REPLY'`, [id]);
    expect(rows[0].n).toBe(1);
    expect((await t.request('POST', `/api/directives/${id}/steps/URGE`, { cookie: officer, body: {} })).status).toBe(403);
    expect((await t.request('POST', `/api/directives/${id}/steps/ACKNOWLEDGE`, { cookie: leader, body: {} })).status).toBe(403);
    expect((await t.request('GET', `/api/directives/${id}`, { cookie: await t.login('canbo.hcm') })).status).toBe(404);
    expect((await t.request('GET', `/api/directives/${id}`, { cookie: await t.login('quantri') })).status).toBe(404);
    const ack = await t.request('POST', `/api/directives/${id}/steps/ACKNOWLEDGE`, { cookie: officer, body: {} });
    expect(ack.status).toBe(200);
    expect((await t.request('POST', `/api/directives/${id}/steps/ACKNOWLEDGE`, { cookie: officer, body: {} })).status).toBe(409);
    expect((await t.request('POST', `/api/directives/${id}/steps/URGE`, { cookie: leader, body: { body: 'Đề nghị khẩn trương' } })).status).toBe(200);
    const extended = await t.request('POST', `/api/directives/${id}/steps/EXTEND`, { cookie: leader, body: { dueDate: toVnDate(new Date(Date.now() + 14 * 86_400_000)) } });
    expect(extended.body.dueDate).toBe(toVnDate(new Date(Date.now() + 14 * 86_400_000)));
    expect((await t.request('POST', `/api/directives/${id}/steps/CLOSE`, { cookie: leader, body: {} })).body.status).toBe('CLOSED');
    expect((await t.request('POST', `/api/directives/${id}/steps/REPLY`, { cookie: officer, body: { body: 'Muộn' } })).status).toBe(409);
    const { rows: audit } = await t.database.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((r) => r.action)).toEqual(['directive.issue', 'directive.reply', 'directive.acknowledge', 'directive.urge', 'directive.extend', 'directive.close']);
  });

  it('refuses bad input with clear messages and writes nothing', async () => {
    const before = await t.count('directives');
    const cases: [Record<string, unknown>, string | number][] = [
      [{ dueDate: '2020-01-01' }, 'directives.past_due'],
      [{ unitIds: ['00000000-0000-4000-8000-000000000000'] }, 'directives.bad_targets'],
      [{ unitIds: [] }, 400],
      [{ content: '   ' }, 400],
      [{ priority: 'SIEU_KHAN' }, 400]
    ];
    for (const [body, expected] of cases) {
      const reply = await issue(body);
      if (typeof expected === 'number') expect(reply.status, JSON.stringify(body)).toBe(expected);
      else expect(reply.body.error.code, JSON.stringify(body)).toBe(expected);
      expect(reply.body.error.messageEn).toBeTruthy();
    }
    expect((await t.request('POST', '/api/directives', { cookie: officer, body: { title: 'Cán bộ thử', content: 'Cán bộ không ban hành chỉ đạo', priority: 'NORMAL', dueDate: due(), unitIds: [hanoiId] } })).status).toBe(403);
    expect(await t.count('directives')).toBe(before);
  });
});

/** A stand-in push service speaking the web-push protocol over a real socket: it decrypts what it gets. */
async function pushReceiver(status: number) {
  const browserKey = createECDH('prime256v1');
  browserKey.generateKeys();
  const authSecret = randomBytes(16);
  const received: { headers: http.IncomingHttpHeaders; payload: unknown }[] = [];
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      // RFC 8188 header: salt(16) | rs(4) | idlen(1) | keyid (the server's public key); RFC 8291 keys.
      const salt = body.subarray(0, 16);
      const idlen = body[20]!;
      const serverPublic = body.subarray(21, 21 + idlen);
      const ciphertext = body.subarray(21 + idlen);
      const shared = browserKey.computeSecret(serverPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserKey.getPublicKey(), serverPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
      const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
      const text = plain.subarray(0, plain.lastIndexOf(2)).toString('utf8');
      received.push({ headers: request.headers, payload: JSON.parse(text) });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    subscription: { endpoint: `https://127.0.0.1:${port}/push/${randomBytes(6).toString('hex')}`, keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

describe('web-push to an offline official', () => {
  it('sends the alert with the right title and no personal data, encrypted and signed (VAPID)', async () => {
    const device = await pushReceiver(201);
    try {
      expect((await t.request('POST', '/api/push/subscriptions', { cookie: officer, body: device.subscription })).status).toBe(204);
      const issued = await issue({ title: 'Xử lý đơn của bà Nguyễn Thị Riêng Tư' });
      expect(issued.status).toBe(201);
      await waitFor(() => device.received.length === 1, 5_000);
      const [push] = device.received;
      expect(push!.headers['content-encoding']).toBe('aes128gcm');
      expect(push!.headers.authorization).toMatch(/^vapid t=.+, k=.+/);
      expect(push!.payload).toMatchObject({ title: 'Chỉ đạo mới / New directive', url: `/directives/${issued.body.id}`, urgent: true });
      expect(JSON.stringify(push!.payload)).not.toMatch(/Riêng Tư|Nguyễn/);
    } finally {
      await device.close();
    }
  });

  it('respects preferences: a muted kind is not pushed; quiet hours hold back all but urgent alerts', async () => {
    const device = await pushReceiver(201);
    try {
      await t.request('POST', '/api/push/subscriptions', { cookie: officer, body: device.subscription });
      expect((await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: ['DIRECTIVE'], quietFrom: null, quietTo: null } })).status).toBe(204);
      await issue();
      const hour = (new Date().getUTCHours() + 7) % 24;
      // Quiet for the whole day around now: a normal directive waits, an urgent one is pushed.
      await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: [], quietFrom: hour, quietTo: (hour + 23) % 24 } });
      await issue({ priority: 'NORMAL' });
      await issue({ priority: 'URGENT', title: 'Khẩn: báo cáo ngay' });
      await waitFor(() => device.received.length >= 1, 5_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(device.received.map((p) => (p.payload as { urgent: boolean }).urgent)).toEqual([true]);
      const bad = await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: ['SPAM'], quietFrom: 25, quietTo: null } });
      expect(bad.status).toBe(400);
      await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: [], quietFrom: null, quietTo: null } });
    } finally {
      await device.close();
      await t.database.pool.query(`DELETE FROM push_subscriptions WHERE endpoint = $1`, [device.subscription.endpoint]);
    }
  });

  it('removes a subscription the push service reports gone (410)', async () => {
    const gone = await pushReceiver(410);
    try {
      await t.request('POST', '/api/push/subscriptions', { cookie: officer, body: gone.subscription });
      await issue();
      await waitFor(() => gone.received.length === 1, 5_000);
      await waitFor(() => false, 300).catch(() => {});
      const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE endpoint = $1`, [gone.subscription.endpoint]);
      expect(rows[0].n).toBe(0);
    } finally {
      await gone.close();
    }
  });
});

describe('what waits for an official at login', () => {
  it('counts directives to acknowledge, petitions due soon and overdue, unread alerts', async () => {
    await issue();
    const summary = await t.request('GET', '/api/me/summary', { cookie: officer });
    expect(summary.status).toBe(200);
    const { rows } = await t.database.pool.query(`
      SELECT count(*) FILTER (WHERE deadline_state = 'OVERDUE')::int AS overdue, count(*) FILTER (WHERE deadline_state = 'DUE_SOON')::int AS soon
        FROM petitions WHERE closed_at IS NULL AND unit_path <@ 'VN.01'`);
    expect(summary.body).toMatchObject({ overdue: rows[0].overdue, dueSoon: rows[0].soon });
    expect(summary.body.directivesToAcknowledge).toBeGreaterThanOrEqual(1);
    expect(summary.body.unreadAlerts).toBeGreaterThanOrEqual(1);
    const alerts = await t.request('GET', '/api/notifications', { cookie: officer });
    expect(alerts.body.items[0]).toMatchObject({ kind: 'DIRECTIVE', read: false });
    await t.request('POST', '/api/notifications/read', { cookie: officer, body: { all: true } });
    expect((await t.request('GET', '/api/me/summary', { cookie: officer })).body.unreadAlerts).toBe(0);
  });
});
