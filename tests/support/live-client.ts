/**
 * A Node stand-in for a browser tab's live connection: asks the API for a token, connects
 * to the real broker over MQTT/WebSocket, subscribes to what the server says it may, and
 * collects event envelopes by id (the de-duplication every client does).
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { EventEnvelope } from '../../shared/events.ts';
import type { TestApp } from './test-app.ts';

export interface LiveClient {
  client: MqttClient;
  /** Every envelope received, repeats included. */
  received: EventEnvelope[];
  /** Envelopes by id (repeats dropped). */
  unique: Map<string, EventEnvelope>;
  subscriptions: string[];
  waitFor: (predicate: () => boolean, timeoutMs?: number) => Promise<void>;
  end: () => Promise<void>;
}

export async function issueToken(testApp: TestApp, cookie: string): Promise<{ token: string; username: string; subscriptions: string[] }> {
  const { status, body } = await testApp.request('POST', '/api/realtime/token', { cookie });
  if (status !== 200) throw new Error(`token: ${status}`);
  return body;
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function connectLive(testApp: TestApp, cookie: string, options: { reconnectPeriod?: number } = {}): Promise<LiveClient> {
  const { token, username, subscriptions } = await issueToken(testApp, cookie);
  const client = mqtt.connect(testApp.mqttWsUrl, {
    username,
    password: token,
    protocolVersion: 4, // aedes speaks MQTT 3.1.1
    reconnectPeriod: options.reconnectPeriod ?? 0,
    connectTimeout: 5_000,
    clientId: `test-${Math.random().toString(16).slice(2)}`
  });
  const received: EventEnvelope[] = [];
  const unique = new Map<string, EventEnvelope>();
  client.on('message', (_topic, payload) => {
    const envelope = JSON.parse(payload.toString('utf8')) as EventEnvelope;
    received.push(envelope);
    unique.set(envelope.id, envelope);
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const granted = await client.subscribeAsync(Object.fromEntries(subscriptions.map((topic) => [topic, { qos: 1 as const }])));
  for (const grant of granted) if (grant.qos > 2) throw new Error(`subscription refused: ${grant.topic}`);
  return {
    client,
    received,
    unique,
    subscriptions,
    waitFor,
    end: async () => {
      await client.endAsync(true);
    }
  };
}
