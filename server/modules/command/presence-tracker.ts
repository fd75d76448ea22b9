/**
 * Who is online: officials holding an open live connection (MQTT over WebSocket at /mqtt).
 *
 * The broker keeps each client's scope to itself (broker/ is another area's), and a browser's
 * MQTT last will on dt/user/<id>/presence is readable by that account alone, so the server watches
 * the connection itself: the WebSocket upgrade to /mqtt carries the session cookie, and the socket
 * closes when the client leaves, is cut off, or misses its keep-alive (the broker then drops it:
 * the same moment its last will would fire). One entry per account, with its open connections.
 * In memory, per process: with several nodes, each knows its own connections.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PresenceEntry } from '../../../shared/command.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { AuthUser } from '../auth/auth.types.ts';

export interface PresenceTrackerDeps {
  /** The session behind a cookie value (auth.authenticate). */
  authenticate: (sessionToken: string) => Promise<AuthUser | null>;
  /** The session token in a Cookie header, if any. */
  sessionTokenOf: (cookieHeader: string | undefined) => string | undefined;
  now?: () => Date;
  path?: string;
}

interface Online {
  user: Pick<AuthUser, 'id' | 'fullName' | 'role' | 'unitName' | 'unitPath'>;
  connections: Map<object, Date>;
}

export function createPresenceTracker(deps: PresenceTrackerDeps) {
  const now = deps.now ?? (() => new Date());
  const path = deps.path ?? '/mqtt';
  const online = new Map<string, Online>();

  function connected(user: AuthUser, connection: object): void {
    let entry = online.get(user.id);
    if (!entry) online.set(user.id, (entry = { user, connections: new Map() }));
    entry.user = user;
    entry.connections.set(connection, now());
  }

  function disconnected(userId: string, connection: object): void {
    const entry = online.get(userId);
    if (!entry) return;
    entry.connections.delete(connection);
    if (entry.connections.size === 0) online.delete(userId);
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex): void {
    if (request.url?.split('?')[0] !== path) return;
    const token = deps.sessionTokenOf(request.headers.cookie);
    if (!token) return;
    let closed = false;
    let userId: string | undefined;
    socket.once('close', () => {
      closed = true;
      if (userId) disconnected(userId, socket);
    });
    deps
      .authenticate(token)
      .then((user) => {
        if (!user || closed || user.restriction) return;
        userId = user.id;
        connected(user, socket);
      })
      .catch(() => {
        /* no session, no presence */
      });
  }

  return {
    /** Watch upgrades to the broker's WebSocket path on this HTTP server; returns a detach function. */
    attach(server: Server): () => void {
      server.on('upgrade', onUpgrade);
      return () => server.off('upgrade', onUpgrade);
    },
    connected,
    disconnected,
    /** Has this account an open live connection now? (Web-push goes only to those who have none.) */
    isOnline(userId: string): boolean {
      return online.has(userId);
    },
    /** Online officials inside the subtrees, longest online first. */
    online(scopePaths: readonly string[]): PresenceEntry[] {
      const entries: PresenceEntry[] = [];
      for (const { user, connections } of online.values()) {
        if (!isWithinAny(user.unitPath, scopePaths)) continue;
        const since = Math.min(...[...connections.values()].map((d) => d.getTime()));
        entries.push({ userId: user.id, fullName: user.fullName, role: user.role, unitName: user.unitName, since: new Date(since).toISOString() });
      }
      return entries.sort((a, b) => a.since.localeCompare(b.since) || a.fullName.localeCompare(b.fullName, 'vi'));
    }
  };
}
export type PresenceTracker = ReturnType<typeof createPresenceTracker>;
