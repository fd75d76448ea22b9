/**
 * Web-push (issue 5 items 4-5) against a local push service that speaks the real protocol: it
 * checks the VAPID Authorization (RFC 8292: an ES256 JWT for its origin, signed by the server's
 * key) and decrypts the aes128gcm body (RFC 8188/8291) with the browser keys it made. An offline
 * official gets a push with the right title and no personal data; an official with an open live
 * connection gets none; preferences hold; a 404/410 answer removes the subscription.
 */
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { connectLive, waitFor } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let officer: string;
let hcmOfficer: string;
let hanoiId: string;
let hcmId: string;
let vapidKey: string;
/** The stand-in push service's certificate (push services speak HTTPS only). */
let tls: { dir: string; key: Buffer; cert: Buffer };
const receivers: Receiver[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, stdio: 'pipe' });
  tls = { dir, key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  t = await startTestApp({ logger: { level: 'error' }, pushAgent: new https.Agent({ ca: tls.cert }) });
  [leader, officer, hcmOfficer] = [await t.login('lanhdao'), await t.login('canbo.hn'), await t.login('canbo.hcm')];
  const units = await t.database.pool.query<{ id: string; code: string }>(`SELECT id, code FROM units WHERE code IN ('01', '79')`);
  hanoiId = units.rows.find((u) => u.code === '01')!.id;
  hcmId = units.rows.find((u) => u.code === '79')!.id;
  vapidKey = (await t.request('GET', '/api/push/key', { cookie: officer })).body.publicKey;
});
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  await t.database.pool.query('DELETE FROM push_subscriptions');
  await t.database.pool.query('DELETE FROM alert_preferences');
});
afterAll(async () => {
  await t?.close();
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
});

const issue = (body: Record<string, unknown> = {}) =>
  t.request('POST', '/api/directives', { cookie: leader, body: { title: 'Xử lý đơn của bà Nguyễn Thị Riêng Tư', content: 'Đề nghị xác minh đơn của bà Nguyễn Thị Riêng Tư, số CCCD 001190012345.', priority: 'URGENT', dueDate: toVnDate(new Date(Date.now() + 7 * 86_400_000)), unitIds: [hanoiId], ...body } });

interface Push {
  headers: http.IncomingHttpHeaders;
  payload: { kind: string; title: string; body: string; url: string; urgent: boolean };
  jwt: { header: Record<string, unknown>; claims: { aud: string; exp: number; sub: string }; signed: boolean; key: string };
}
interface Receiver {
  received: Push[];
  origin: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  close: () => Promise<void>;
}

/** A push service on a real socket: verifies the VAPID JWT, decrypts the body, answers `status`. */
async function pushReceiver(status: number): Promise<Receiver> {
  const browserKey = createECDH('prime256v1');
  browserKey.generateKeys();
  const authSecret = randomBytes(16);
  const received: Push[] = [];
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      // RFC 8292: Authorization: vapid t=<JWT>, k=<server public key>.
      const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(request.headers.authorization ?? '') ?? [];
      const [h, c, sig] = (token ?? '..').split('.');
      const raw = Buffer.from(key ?? '', 'base64url');
      const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
      const signed = verify('sha256', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig ?? '', 'base64url'));
      // RFC 8188 header: salt(16) | rs(4) | idlen(1) | keyid (the server's ephemeral public key); RFC 8291 keys.
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
      const text = plain.subarray(0, plain.lastIndexOf(2)).toString('utf8'); // the last record ends with the delimiter 0x02
      received.push({
        headers: request.headers,
        payload: JSON.parse(text),
        jwt: { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), claims: JSON.parse(Buffer.from(c!, 'base64url').toString()), signed, key: key! }
      });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    received,
    origin: `https://127.0.0.1:${port}`,
    subscription: { endpoint: `https://127.0.0.1:${port}/push/${randomBytes(6).toString('hex')}`, keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') } },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
  receivers.push(receiver);
  return receiver;
}

async function subscribe(cookie: string, status = 201) {
  const device = await pushReceiver(status);
  expect((await t.request('POST', '/api/push/subscriptions', { cookie, body: device.subscription })).status).toBe(204);
  return device;
}
const subscriptions = async (endpoint: string) => (await t.database.pool.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE endpoint = $1`, [endpoint])).rows[0].n;

describe('web-push to an offline official', () => {
  it('sends the alert with the right title and no personal data, encrypted for the device and signed with VAPID', async () => {
    const device = await subscribe(officer);
    const issued = await issue();
    expect(issued.status).toBe(201);
    await waitFor(() => device.received.length === 1, 5_000);
    const [push] = device.received;
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(push!.headers.ttl).toBe(String(24 * 3600));
    expect(push!.headers.urgency).toBe('high');
    expect(push!.jwt).toMatchObject({ header: { typ: 'JWT', alg: 'ES256' }, signed: true, key: vapidKey, claims: { aud: device.origin, sub: 'mailto:quantri@donthu.gov.vn' } });
    expect(push!.jwt.claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(push!.jwt.claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
    expect(push!.payload).toEqual({ kind: 'DIRECTIVE', title: 'Chỉ đạo mới / New directive', body: 'Mở Đơn Thư để xem và xác nhận. / Open Đơn Thư to read and acknowledge.', url: `/directives/${issued.body.id}`, urgent: true });
    expect(JSON.stringify(push!.payload)).not.toMatch(/Riêng Tư|Nguyễn|001190012345|Xử lý đơn/);
  });

  it('pushes a new petition in scope to its officers, without the petition’s text or sender', async () => {
    const device = await subscribe(officer);
    const petition = await t.request('POST', '/api/petitions', { cookie: leader, body: { type: 'TO_CAO', summary: 'Tố cáo ông Trần Văn Bí Mật nhận hối lộ', unitId: hanoiId } });
    expect(petition.status).toBe(201);
    await waitFor(() => device.received.length === 1, 5_000);
    expect(device.received[0]!.payload).toEqual({ kind: 'NEW_PETITION', title: 'Đơn mới / New petition', body: 'Có đơn mới trong phạm vi của bạn. / A new petition in your scope.', url: `/petitions/${petition.body.id}`, urgent: false });
    expect(JSON.stringify(device.received[0]!.payload)).not.toMatch(/Trần|Bí Mật|hối lộ|Tố cáo/);
  });

  it('sends nothing to an official with an open live connection (the alert arrives live instead)', async () => {
    const online = await subscribe(officer);
    const offline = await subscribe(hcmOfficer);
    const live = await connectLive(t, officer);
    try {
      const issued = await issue({ unitIds: [hanoiId, hcmId] });
      await waitFor(() => offline.received.length === 1, 5_000);
      await live.waitFor(() => [...live.unique.values()].some((e) => e.type === 'notification.created' && e.payload.link === `/directives/${issued.body.id}`), 2_000);
      await new Promise((r) => setTimeout(r, 300)); // both were decided in one dispatch; give a stray push time to land
      expect(online.received).toEqual([]);
    } finally {
      await live.end();
    }
    // Offline again: the next alert is pushed.
    const { rows } = await t.database.pool.query(`SELECT id FROM users WHERE identifier_code = 'canbo.hn'`);
    await waitFor(() => !t.app.broker.hasLiveClient(rows[0].id), 2_000);
    await issue({ priority: 'NORMAL' });
    await waitFor(() => online.received.length === 1, 5_000);
    expect(online.received[0]!.payload.urgent).toBe(false);
  });

  it('respects preferences: a muted kind is not pushed; quiet hours hold back all but urgent alerts', async () => {
    const device = await subscribe(officer);
    expect((await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: ['DIRECTIVE'], quietFrom: null, quietTo: null } })).status).toBe(204);
    await issue();
    const hour = (new Date().getUTCHours() + 7) % 24;
    // Quiet for the whole day around now: a normal directive waits, an urgent one is pushed.
    await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: [], quietFrom: hour, quietTo: (hour + 23) % 24 } });
    expect((await t.request('GET', '/api/me/alert-preferences', { cookie: officer })).body).toEqual({ mutedKinds: [], quietFrom: hour, quietTo: (hour + 23) % 24 });
    await issue({ priority: 'NORMAL' });
    await issue({ priority: 'URGENT', title: 'Khẩn: báo cáo ngay' });
    await waitFor(() => device.received.length >= 1, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(device.received.map((p) => p.payload.urgent)).toEqual([true]);
    // In-app alerts are all kept, whatever is pushed.
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.identifier_code = 'canbo.hn' AND n.kind = 'DIRECTIVE'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(3);

    const before = await t.count('alert_preferences');
    const bad = await t.request('PUT', '/api/me/alert-preferences', { cookie: officer, body: { mutedKinds: ['SPAM'], quietFrom: 25, quietTo: null } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['quietFrom']));
    expect(bad.body.error.messageEn).toBeTruthy();
    expect((await t.request('GET', '/api/me/alert-preferences', { cookie: officer })).body.quietFrom).toBe(hour);
    expect(await t.count('alert_preferences')).toBe(before);
  });
});

describe('subscriptions', () => {
  it('removes a subscription the push service reports gone (410) or unknown (404), keeps it on a passing failure (500)', async () => {
    const gone = await subscribe(officer, 410);
    const unknown = await subscribe(officer, 404);
    const failing = await subscribe(officer, 500);
    await issue();
    await waitFor(() => gone.received.length === 1 && unknown.received.length === 1 && failing.received.length === 1, 5_000);
    const left = async () => [await subscriptions(gone.subscription.endpoint), await subscriptions(unknown.subscription.endpoint), await subscriptions(failing.subscription.endpoint)];
    for (let i = 0; i < 50 && (await left()).join() !== '0,0,1'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await left()).toEqual([0, 0, 1]);
  });

  it('subscribes and unsubscribes a device; refuses a subscription that is not a push service’s, writing nothing', async () => {
    const device = await pushReceiver(201);
    expect((await t.request('POST', '/api/push/subscriptions', { cookie: officer, body: device.subscription })).status).toBe(204);
    // Subscribing again is one device.
    expect((await t.request('POST', '/api/push/subscriptions', { cookie: officer, body: device.subscription })).status).toBe(204);
    expect((await t.request('GET', '/api/push/key', { cookie: officer })).body.devices).toBe(1);
    expect((await t.request('DELETE', '/api/push/subscriptions', { cookie: officer, body: { endpoint: device.subscription.endpoint } })).status).toBe(204);
    expect(await subscriptions(device.subscription.endpoint)).toBe(0);
    await issue();
    await new Promise((r) => setTimeout(r, 300));
    expect(device.received).toEqual([]);

    const before = await t.count('push_subscriptions');
    const bad = [
      { ...device.subscription, endpoint: 'http://127.0.0.1:9/push/plain' },
      { ...device.subscription, endpoint: 'javascript:alert(1)//push' },
      { ...device.subscription, keys: { ...device.subscription.keys, p256dh: Buffer.alloc(64, 4).toString('base64url') + 'AA' } },
      { ...device.subscription, keys: { ...device.subscription.keys, auth: 'không-phải-base64!' } },
      { endpoint: device.subscription.endpoint }
    ];
    for (const body of bad) {
      const r = await t.request('POST', '/api/push/subscriptions', { cookie: officer, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(/[^\x00-\x7f]/);
      expect(r.body.error.messageEn).toMatch(/[a-z]/);
    }
    expect((await t.request('POST', '/api/push/subscriptions', { body: device.subscription })).status).toBe(401);
    expect(await t.count('push_subscriptions')).toBe(before);
  });
});
