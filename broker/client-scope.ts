/** What the broker knows of an authenticated client: who it is and which unit subtrees it may see. */
import type { Client } from 'aedes';
import type { Role } from '../shared/roles.ts';

export interface ClientScope {
  userId: string;
  sessionId: string;
  role: Role;
  /** ltree paths of the unit subtrees this account may read. */
  unitPaths: string[];
  /** False for the system administrator: it may never receive petition events. */
  mayReadPetitions: boolean;
}

const scopes = new WeakMap<Client, ClientScope>();

export function setClientScope(client: Client, scope: ClientScope): void {
  scopes.set(client, scope);
}

export function getClientScope(client: Client | null | undefined): ClientScope | undefined {
  return client ? scopes.get(client) : undefined;
}
