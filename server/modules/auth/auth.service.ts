/**
 * Login (password, then a second factor when required), sessions, password change and OTP
 * enrolment. The session token lives only in the cookie; the database keeps its SHA-256, so a
 * copy of the database cannot be used to log in. Every login, failure and security change is
 * written to the audit log in the same transaction as the change.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.ts';
import { PASSWORD_PROBLEM_MESSAGES } from '../../../shared/password-rules.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { Db } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { createUsersRepository, type UserWithUnit } from '../users/users.repository.ts';
import { accountLocked, authErrors, tryLater } from './auth.errors.ts';
import { createSessionsRepository } from './auth.repository.ts';
import type { AuthRestriction, AuthUser } from './auth.types.ts';
import { accountRetryAt, createAddressThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblems } from './password-policy.ts';
import { hashBackupCode, newBackupCodes, newTotpSecret, normaliseBackupCode, totpEnrolment, verifyTotp } from './totp.ts';

export interface AuthServiceDeps {
  db: Db;
  /** Seals the TOTP seed with the data key (same keyring and rotation as personal data). */
  cipher: FieldCipher;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  throttle?: ThrottlePolicy;
  now?: () => Date;
}

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

export type LoginResult =
  | { kind: 'session'; token: string; user: AuthUser; expiresAt: Date }
  | { kind: 'otp_required'; challenge: string; expiresAt: Date };

const CHALLENGE_MINUTES = 5;
const CHALLENGE_TRIES = 5;
/** Associated data of a sealed TOTP seed: bound to its column and account. */
export const totpContext = (userId: string) => `users.totp_secret:${userId}`;

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Leaders and administrators must use a second factor; others when their unit asks for it. */
export function mfaRequired(user: Pick<UserWithUnit, 'role' | 'unitRequiresMfa'>): boolean {
  return user.role === 'ADMIN' || user.role === 'LEADER' || user.unitRequiresMfa;
}

function restrictionOf(user: UserWithUnit): AuthRestriction {
  if (user.mustChangePassword) return 'CHANGE_PASSWORD';
  if (mfaRequired(user) && !user.totpEnabledAt) return 'ENROL_OTP';
  return null;
}

/** The rights of an account, as the policy sees them (also for work done on its behalf, e.g. a scheduled report). */
export function toAuthUser(user: UserWithUnit, sessionId: string): AuthUser {
  // A user manager holds the union of its managed accounts' rights (never more than its unit's subtree holds).
  const scopePaths = user.role === 'USER_MANAGER' ? [...new Set(user.managedUnitPaths)] : [user.unitPath];
  return {
    id: user.id,
    sessionId,
    identifierCode: user.identifierCode,
    fullName: user.fullName,
    role: user.role as Role,
    unitId: user.unitId,
    unitPath: user.unitPath,
    unitName: user.unitName,
    scopePaths,
    mustChangePassword: user.mustChangePassword,
    otpEnabled: user.totpEnabledAt !== null,
    restriction: restrictionOf(user)
  };
}

export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const policy = deps.throttle ?? DEFAULT_THROTTLE;
  const { db } = deps;
  const users = createUsersRepository(db);
  const sessions = createSessionsRepository(db);
  const addresses = createAddressThrottle(db, policy);

  async function userForSession(session: { id: string; userId: string; lastSeenAt: Date } | null): Promise<AuthUser | null> {
    if (!session) return null;
    const at = now();
    if (at.getTime() - session.lastSeenAt.getTime() > deps.sessionIdleMinutes * 60_000) {
      await sessions.revoke(session.id, at);
      return null;
    }
    const user = await users.findById(session.userId);
    if (!user || user.disabled) return null;
    // Refresh "last seen" at most once a minute: a hot path should not write on every request.
    if (at.getTime() - session.lastSeenAt.getTime() > 60_000) await sessions.touch(session.id, at);
    return toAuthUser(user, session.id);
  }

  async function openSession(user: UserWithUnit, meta: ClientMeta, mfaVerified: boolean, action: string) {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const session = await db.transaction(async (tx) => {
      const created = await createSessionsRepository(tx).insert({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(at.getTime() + deps.sessionTtlMinutes * 60_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300),
        mfaVerified
      });
      await createUsersRepository(tx).update(user.id, { failedLogins: 0, lockedUntil: null });
      await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action, entityType: 'session', entityId: created.id, ip: meta.ip ?? null, details: { mfa: mfaVerified } });
      return created;
    });
    return { kind: 'session' as const, token, user: toAuthUser(user, session.id), expiresAt: session.expiresAt };
  }

  /** Count a failure against the account (if any) and the address; returns the error to answer with. */
  async function failLogin(user: UserWithUnit | null, identifierCode: string, meta: ClientMeta, reason: string) {
    const at = now();
    if (meta.ip) await addresses.recordFailure(meta.ip, at);
    let error = reason === 'otp' ? authErrors.badOtp() : authErrors.badCredentials();
    await db.transaction(async (tx) => {
      if (user) {
        const failures = await createUsersRepository(tx).recordFailure(user.id);
        const retry = accountRetryAt(failures, at, policy);
        if (retry) {
          await createUsersRepository(tx).update(user.id, { lockedUntil: retry.until });
          if (retry.locked) error = accountLocked(retry.until);
        }
      }
      await appendAudit(tx, {
        actorId: user?.id ?? null,
        actorLabel: identifierCode.slice(0, 100),
        action: 'auth.login_failed',
        entityType: 'account',
        entityId: user?.id ?? null,
        ip: meta.ip ?? null,
        details: { reason }
      });
    });
    return error;
  }

  /** After the first factor: a disabled account stops; whoever has OTP on gives a code; else a session. */
  async function firstFactorPassed(user: UserWithUnit, meta: ClientMeta, action: string): Promise<LoginResult> {
    if (user.disabled) throw authErrors.disabled();
    // Whoever has OTP on (required or by choice) gives a code at every login.
    if (user.totpEnabledAt && !user.mustChangePassword) {
      const challenge = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + CHALLENGE_MINUTES * 60_000);
      await db.execute(sql`INSERT INTO login_challenges (token_hash, user_id, expires_at, ip, user_agent)
        VALUES (${hashToken(challenge)}, ${user.id}, ${expiresAt.toISOString()}::timestamptz, ${meta.ip ?? null}, ${meta.userAgent?.slice(0, 300) ?? null})`);
      return { kind: 'otp_required', challenge, expiresAt };
    }
    return openSession(user, meta, false, action);
  }

  async function refuseIfThrottled(user: UserWithUnit | null, meta: ClientMeta): Promise<void> {
    const at = now();
    const addressUntil = meta.ip ? await addresses.blockedUntil(meta.ip, at) : null;
    if (addressUntil) throw tryLater(addressUntil, at);
    if (user?.lockedUntil && user.lockedUntil > at) {
      throw user.failedLogins >= policy.lockAfter ? accountLocked(user.lockedUntil) : tryLater(user.lockedUntil, at);
    }
  }

  return {
    async login(identifierCode: string, password: string, meta: ClientMeta): Promise<LoginResult> {
      const code = identifierCode.trim();
      const user = await users.findByIdentifierCode(code);
      await refuseIfThrottled(user, meta);
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok) throw await failLogin(user, code, meta, user ? 'password' : 'unknown_account');
      return firstFactorPassed(user, meta, 'auth.login');
    },

    /**
     * First factor by TLS client certificate (when the server runs with TLS_CA): the certificate
     * verified by the TLS layer and mapped to an account by its subject. The second factor and
     * every refusal are those of a password login.
     */
    async loginWithCertificate(certificate: { authorized: boolean; subject: string | null }, meta: ClientMeta): Promise<LoginResult> {
      const user = certificate.authorized && certificate.subject ? await users.findByCertificateSubject(certificate.subject) : null;
      await refuseIfThrottled(user, meta);
      if (!user) {
        await failLogin(null, certificate.subject ?? '(no certificate)', meta, certificate.authorized ? 'certificate_unmapped' : 'certificate_invalid');
        throw authErrors.certificateRefused();
      }
      return firstFactorPassed(user, meta, 'auth.login_certificate');
    },

    /** Second step: a TOTP code or one of the backup codes. */
    async verifyOtp(challenge: string, code: string, meta: ClientMeta): Promise<LoginResult> {
      const at = now();
      const { rows } = await db.execute<{ id: string; user_id: string; attempts: number }>(
        sql`SELECT id, user_id, attempts FROM login_challenges WHERE token_hash = ${hashToken(challenge)} AND expires_at > ${at.toISOString()}::timestamptz`
      );
      const row = rows[0];
      if (!row || row.attempts >= CHALLENGE_TRIES) throw authErrors.challengeExpired();
      const user = await users.findById(row.user_id);
      if (!user || user.disabled || !user.totpSecretEnc) throw authErrors.challengeExpired();
      await refuseIfThrottled(user, meta);

      let accepted = false;
      const backup = /^\s*\d{4}[\s-]?\d{4}\s*$/.test(code) ? normaliseBackupCode(code) : null;
      if (backup) {
        const used = await db.execute(sql`UPDATE user_backup_codes SET used_at = ${at.toISOString()}::timestamptz
          WHERE user_id = ${user.id} AND code_hash = ${hashBackupCode(backup, user.id)} AND used_at IS NULL RETURNING id`);
        accepted = used.rows.length === 1;
      } else {
        const secret = deps.cipher.decrypt(user.totpSecretEnc, totpContext(user.id));
        const step = await verifyTotp(secret, code.trim(), user.totpLastStep);
        if (step !== null) {
          // Conditional update: two requests racing with the same code cannot both pass.
          const claimed = await db.execute(sql`UPDATE users SET totp_last_step = ${step}
            WHERE id = ${user.id} AND (totp_last_step IS NULL OR totp_last_step < ${step}) RETURNING id`);
          accepted = claimed.rows.length === 1;
        }
      }
      if (!accepted) {
        await db.execute(sql`UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ${row.id}`);
        throw await failLogin(user, user.identifierCode, meta, 'otp');
      }
      await db.execute(sql`DELETE FROM login_challenges WHERE id = ${row.id}`);
      return openSession(user, meta, true, backup ? 'auth.login_backup_code' : 'auth.login');
    },

    async authenticate(token: string): Promise<AuthUser | null> {
      return userForSession(await sessions.findActiveByTokenHash(hashToken(token), now()));
    },

    /** For realtime tokens: the session must still be active when the broker connection is made. */
    async authenticateSession(sessionId: string): Promise<AuthUser | null> {
      return userForSession(await sessions.findActiveById(sessionId, now()));
    },

    async logout(user: AuthUser, meta: ClientMeta): Promise<void> {
      await db.transaction(async (tx) => {
        await createSessionsRepository(tx).revoke(user.sessionId, now());
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'auth.logout', entityType: 'session', entityId: user.sessionId, ip: meta.ip ?? null });
      });
    },

    async logoutEverywhere(user: AuthUser, meta: ClientMeta): Promise<number> {
      return db.transaction(async (tx) => {
        const count = await createSessionsRepository(tx).revokeAllOf(user.id, now());
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'auth.logout_all', entityType: 'account', entityId: user.id, ip: meta.ip ?? null, details: { sessions: count } });
        return count;
      });
    },

    async listSessions(user: AuthUser) {
      const rows = await sessions.listActiveOf(user.id, now());
      return rows.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
        current: s.id === user.sessionId
      }));
    },

    async revokeSession(user: AuthUser, sessionId: string, meta: ClientMeta): Promise<void> {
      await db.transaction(async (tx) => {
        const revoked = await createSessionsRepository(tx).revokeOwn(sessionId, user.id, now());
        if (!revoked) throw authErrors.sessionNotFound();
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'auth.session_revoke', entityType: 'session', entityId: sessionId, ip: meta.ip ?? null });
      });
    },

    async changePassword(user: AuthUser, currentPassword: string, newPassword: string, meta: ClientMeta): Promise<void> {
      const row = await users.findById(user.id);
      if (!row) throw commonErrors.unauthenticated();
      if (!(await verifyPassword(row.passwordHash, currentPassword))) throw authErrors.wrongCurrentPassword();
      const problems = passwordProblems(newPassword, row.identifierCode);
      if (newPassword === currentPassword) problems.push('same_as_current');
      if (problems.length > 0) {
        throw commonErrors.validation(
          problems.map((p) => ({ field: 'newPassword', message: PASSWORD_PROBLEM_MESSAGES[p].vi, messageEn: PASSWORD_PROBLEM_MESSAGES[p].en }))
        );
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await createUsersRepository(tx).update(user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now() });
        // Other sessions may have been opened with the old password: end them.
        await createSessionsRepository(tx).revokeAllOf(user.id, now(), user.sessionId);
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'auth.password_change', entityType: 'account', entityId: user.id, ip: meta.ip ?? null });
      });
    },

    /** Step 1 of enrolment: a new secret, kept sealed until a code from it is confirmed. */
    async startOtpEnrolment(user: AuthUser) {
      const row = await users.findById(user.id);
      if (!row) throw commonErrors.unauthenticated();
      if (row.totpEnabledAt) throw authErrors.otpAlreadyEnabled();
      const secret = newTotpSecret();
      await users.update(user.id, { totpSecretEnc: deps.cipher.encrypt(secret, totpContext(user.id)), totpLastStep: null });
      return { secret, ...(await totpEnrolment(secret, row.identifierCode)) };
    },

    /** Step 2: a correct code turns OTP on and yields ten backup codes, shown once. */
    async confirmOtpEnrolment(user: AuthUser, code: string, meta: ClientMeta): Promise<{ backupCodes: string[] }> {
      const row = await users.findById(user.id);
      if (!row) throw commonErrors.unauthenticated();
      if (row.totpEnabledAt) throw authErrors.otpAlreadyEnabled();
      if (!row.totpSecretEnc) throw authErrors.otpNotStarted();
      const secret = deps.cipher.decrypt(row.totpSecretEnc, totpContext(user.id));
      const step = await verifyTotp(secret, code.trim(), null);
      if (step === null) throw authErrors.badOtp();
      const backupCodes = newBackupCodes();
      await db.transaction(async (tx) => {
        await createUsersRepository(tx).update(user.id, { totpEnabledAt: now(), totpLastStep: step });
        await tx.execute(sql`DELETE FROM user_backup_codes WHERE user_id = ${user.id}`);
        for (const backup of backupCodes) {
          await tx.execute(sql`INSERT INTO user_backup_codes (user_id, code_hash) VALUES (${user.id}, ${hashBackupCode(normaliseBackupCode(backup)!, user.id)})`);
        }
        await tx.execute(sql`UPDATE sessions SET mfa_verified = true WHERE id = ${user.sessionId}`);
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'auth.otp_enrol', entityType: 'account', entityId: user.id, ip: meta.ip ?? null });
      });
      return { backupCodes };
    }
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
