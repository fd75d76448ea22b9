import mqtt from 'mqtt';
import { petitionIdOf } from '../../shared/events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitEventTopic } from '../../shared/topics.ts';
import { connectLive, issueToken, waitFor } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** Connect and report how the broker answered: 'connected' or the refusal's error code. */
async function tryConnect(url: string, options: mqtt.IClientOptions): Promise<string | number> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 4_000, ...options });
  try {
    return await new Promise<string | number>((resolve) => {
      client.once('connect', () => resolve('connected'));
      client.once('error', (error) => resolve((error as { code?: number }).code ?? error.message));
      client.once('close', () => resolve('closed'));
    });
  } finally {
    client.end(true);
  }
}

describe('broker authentication', () => {
  it('refuses anonymous connections over WebSocket and TCP', async () => {
    expect(await tryConnect(t.mqttWsUrl, { protocolVersion: 4 })).toBe(5); // 5 = not authorized
    expect(await tryConnect(t.mqttTcpUrl, { protocolVersion: 4 })).toBe(5);
  });

  it('refuses a forged or tampered token', async () => {
    const { token, username } = await issueToken(t, await t.login('canbo.hn'));
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(await tryConnect(t.mqttWsUrl, { protocolVersion: 4, username, password: tampered })).toBe(5);
    expect(await tryConnect(t.mqttTcpUrl, { protocolVersion: 4, username, password: 'not-a-token' })).toBe(5);
    expect(await tryConnect(t.mqttTcpUrl, { protocolVersion: 4, username, password: token })).toBe('connected');
  });

  it('issues tokens only to a logged-in user', async () => {
    const { status, body } = await t.request('POST', '/api/realtime/token');
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/đăng nhập/);
  });
});

describe('broker authorization', () => {
  it('refuses subscriptions outside the user’s scope and grants those inside', async () => {
    const live = await connectLive(t, await t.login('canbo.hn'));
    try {
      const refused = [
        'dt/u/VN/79/#', // Hồ Chí Minh City
        'dt/u/VN/#', // the whole country
        'dt/u/+/01/#', // a wildcard above the scope
        '#',
        'dt/user/someone-else/#'
      ];
      for (const topic of refused) {
        // A SUBACK with the failure code 0x80 makes mqtt.js reject the subscription.
        const error = await live.client.subscribeAsync(topic, { qos: 1 }).then(() => undefined, (e: Error) => e);
        expect(error?.message, topic).toMatch(/Subscribe error/);
      }
      const granted = await live.client.subscribeAsync('dt/u/VN/01/00004/#', { qos: 1 }); // inside Hà Nội: allowed
      expect(granted[0]!.qos).toBe(1);
    } finally {
      await live.end();
    }
  });

  it('delivers an event only to clients whose scope holds its unit', async () => {
    const hanoi = await connectLive(t, await t.login('canbo.hn'));
    const hcm = await connectLive(t, await t.login('canbo.hcm'));
    const national = await connectLive(t, await t.login('lanhdao'));
    try {
      const created = await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hcm'), body: { type: 'KIEN_NGHI', summary: 'Kiến nghị về lịch tiếp công dân' } });
      expect(created.status).toBe(201);
      await waitFor(() => [...national.unique.values()].some((e) => petitionIdOf(e) === created.body.id));
      await waitFor(() => [...hcm.unique.values()].some((e) => petitionIdOf(e) === created.body.id));
      // Let any misrouted copy arrive before asserting that none did.
      await new Promise((r) => setTimeout(r, 300));
      expect([...hanoi.unique.values()].some((e) => petitionIdOf(e) === created.body.id)).toBe(false);
    } finally {
      await Promise.all([hanoi.end(), hcm.end(), national.end()]);
    }
  });

  it('does not let a client publish to an event topic', async () => {
    const listener = await connectLive(t, await t.login('lanhdao'));
    const intruder = await connectLive(t, await t.login('canbo.hn'));
    try {
      const fake = JSON.stringify({ id: 'forged', seq: '999999', type: 'petition.created', unitPath: 'VN.01', occurredAt: new Date().toISOString(), payload: {} });
      const closed = new Promise<void>((resolve) => intruder.client.once('close', () => resolve()));
      intruder.client.publish(unitEventTopic('VN.01'), fake, { qos: 0 });
      await closed; // the broker drops a client that publishes where it may not
      await new Promise((r) => setTimeout(r, 300));
      expect(listener.unique.has('forged')).toBe(false);
      expect(listener.client.connected).toBe(true);
    } finally {
      await Promise.all([listener.end(), intruder.end().catch(() => undefined)]);
    }
  });
});
