/**
 * Login, session check and logout. The session token lives only in the cookie; the database
 * keeps its SHA-256, so a copy of the database cannot be used to log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/roles.ts';
import type { SessionsRepository } from './auth.repository.ts';
import type { UsersRepository, UserWithUnit } from '../users/users.repository.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthUser } from './auth.types.ts';
import { verifyPassword } from './password.ts';

export interface AuthServiceDeps {
  users: UsersRepository;
  sessions: SessionsRepository;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  now?: () => Date;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function toAuthUser(user: UserWithUnit, sessionId: string): AuthUser {
  return {
    id: user.id,
    sessionId,
    identifierCode: user.identifierCode,
    fullName: user.fullName,
    role: user.role as Role,
    unitId: user.unitId,
    unitPath: user.unitPath,
    unitName: user.unitName,
    scopePaths: [user.unitPath],
    mustChangePassword: user.mustChangePassword
  };
}

export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? (() => new Date());

  async function userForSession(session: { id: string; userId: string; lastSeenAt: Date } | null): Promise<AuthUser | null> {
    if (!session) return null;
    const at = now();
    if (at.getTime() - session.lastSeenAt.getTime() > deps.sessionIdleMinutes * 60_000) {
      await deps.sessions.revoke(session.id, at);
      return null;
    }
    const user = await deps.users.findById(session.userId);
    if (!user || user.disabled) return null;
    // Refresh "last seen" at most once a minute: a hot path should not write on every request.
    if (at.getTime() - session.lastSeenAt.getTime() > 60_000) await deps.sessions.touch(session.id, at);
    return toAuthUser(user, session.id);
  }

  return {
    async login(identifierCode: string, password: string, meta: { ip?: string; userAgent?: string }) {
      const user = await deps.users.findByIdentifierCode(identifierCode.trim());
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok) throw authErrors.badCredentials();
      if (user.disabled) throw authErrors.disabled();
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const session = await deps.sessions.insert({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(at.getTime() + deps.sessionTtlMinutes * 60_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300)
      });
      return { token, user: toAuthUser(user, session.id), expiresAt: session.expiresAt };
    },

    async authenticate(token: string): Promise<AuthUser | null> {
      return userForSession(await deps.sessions.findActiveByTokenHash(hashToken(token), now()));
    },

    /** For realtime tokens: the session must still be active when the broker connection is made. */
    async authenticateSession(sessionId: string): Promise<AuthUser | null> {
      return userForSession(await deps.sessions.findActiveById(sessionId, now()));
    },

    async logout(sessionId: string): Promise<void> {
      await deps.sessions.revoke(sessionId, now());
    }
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
