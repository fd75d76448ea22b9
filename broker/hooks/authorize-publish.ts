/**
 * PUBLISH from a client: browsers and devices never publish events (only the server's outbox
 * relay does, from inside the process, with client = null). The one exception is a client's own
 * presence topic (its last will), so leaders can see who is online.
 * MQTT 3.1.1 has no negative PUBACK: a refused publish closes the connection.
 */
import type { Client, PublishPacket } from 'aedes';
import { userTopic } from '../../shared/topics.ts';
import { getClientScope } from '../client-scope.ts';

export function authorizePublish(client: Client | null, packet: PublishPacket, callback: (error?: Error | null) => void): void {
  if (client === null) return callback(null);
  const scope = getClientScope(client);
  if (scope && packet.topic === userTopic(scope.userId, 'presence')) return callback(null);
  callback(new Error(`Publishing to ${packet.topic} is not allowed`));
}
