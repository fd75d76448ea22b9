/**
 * SUBSCRIBE: a client may subscribe only to its own account's topics and to unit subtrees inside
 * its scope; the administrator never to unit (petition) topics. A refused filter gets a SUBACK
 * return code 0x80 [MQTT-3.9.3-2] and the connection stays up.
 */
import type { Client, Subscription } from 'aedes';
import { mayUseFilter } from '../../shared/topics.ts';
import { getClientScope } from '../client-scope.ts';

export function authorizeSubscribe(
  client: Client,
  subscription: Subscription,
  callback: (error: Error | null, subscription?: Subscription | null) => void
): void {
  const scope = getClientScope(client);
  if (!scope) return callback(null, null);
  const unitPaths = scope.mayReadPetitions ? scope.unitPaths : [];
  callback(null, mayUseFilter(subscription.topic, { userId: scope.userId, unitPaths }) ? subscription : null);
}
