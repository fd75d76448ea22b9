/**
 * Load clients for the broker stress bench, in their own process (so the broker's CPU can be
 * measured apart): N MQTT subscribers on one topic; each message carries its publish time; at the
 * end the latencies go to stdout as JSON. Args: url topic count seconds [username password].
 */
import mqtt, { type MqttClient } from 'mqtt';

const [url, topic, countText, secondsText, username, password] = process.argv.slice(2);
const count = Number(countText);
const latencies: number[] = [];
let received = 0;
const clients: MqttClient[] = [];

for (let i = 0; i < count; i += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, count - i) }, async (_, k) => {
      const client = mqtt.connect(url!, { clientId: `stress-${process.pid}-${i + k}`, username, password, reconnectPeriod: 0, connectTimeout: 60_000, protocolVersion: 4 });
      client.on('message', (_t, payload) => {
        const sent = Number(payload.toString().slice(0, 13));
        latencies.push(Date.now() - sent);
        received += 1;
      });
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
      await client.subscribeAsync(topic!, { qos: 1 });
      clients.push(client);
    })
  );
}
process.send?.({ ready: true });
// The run plus a grace period: what has not arrived by then counts as not delivered.
await new Promise((r) => setTimeout(r, (Number(secondsText) + 15) * 1000));
await Promise.all(clients.map((c) => c.endAsync(true)));
process.send?.({ latencies, received });
process.exit(0);
