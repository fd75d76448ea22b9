/**
 * Issues broker tokens to logged-in users, checks them for the broker, and answers
 * "what did I miss" for a client that reconnects.
 */
import { canReadPetitions } from '../../../shared/roles.ts';
import { unitSubtreeFilter, userFilter } from '../../../shared/topics.ts';
import type { ClientScope } from '../../../broker/client-scope.ts';
import { petitionScope } from '../access/policy.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { OutboxRepository } from '../outbox/outbox.repository.ts';
import { REALTIME_TOKEN_TTL_SECONDS, signRealtimeToken, verifyRealtimeToken } from './realtime-token.ts';

export interface RealtimeServiceDeps {
  auth: AuthService;
  outbox: OutboxRepository;
  tokenKey: string;
}

export function createRealtimeService(deps: RealtimeServiceDeps) {
  return {
    issueToken(user: AuthUser) {
      const exp = Math.floor(Date.now() / 1000) + REALTIME_TOKEN_TTL_SECONDS;
      return {
        token: signRealtimeToken(deps.tokenKey, { uid: user.id, sid: user.sessionId, exp }),
        username: user.id,
        expiresAt: new Date(exp * 1000).toISOString(),
        // What this user should subscribe to; the broker ACL enforces the same rule.
        subscriptions: [...petitionScope(user).map(unitSubtreeFilter), userFilter(user.id)]
      };
    },

    async verifyForBroker(token: string): Promise<ClientScope | null> {
      const claims = verifyRealtimeToken(deps.tokenKey, token);
      if (!claims) return null;
      const user = await deps.auth.authenticateSession(claims.sid);
      if (!user || user.id !== claims.uid || user.mustChangePassword) return null;
      return {
        userId: user.id,
        sessionId: user.sessionId,
        role: user.role,
        unitPaths: user.scopePaths,
        mayReadPetitions: canReadPetitions(user.role)
      };
    },

    /** After a cut: the events of the caller's units and of its own account after `afterSeq`, in order. */
    async missedEvents(user: AuthUser, afterSeq: string, limit: number) {
      const events = await deps.outbox.eventsAfter(afterSeq, petitionScope(user), user.id, limit + 1);
      return { events: events.slice(0, limit), hasMore: events.length > limit };
    }
  };
}
export type RealtimeService = ReturnType<typeof createRealtimeService>;
