/**
 * Wall screens (kiosk mode, issue 5 item 3). A leader or an administrator pairs a screen with a
 * dedicated screen account (role Viewer, in their subtree) and gets a device token, shown once;
 * the screen keeps it (localStorage) and trades it for an ordinary login session whenever it has
 * none, so the wall never shows a login prompt. Only the token's SHA-256 is stored. A renewal
 * revokes the device's previous session; revoking the device ends its session at once.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requireWallScreenPairing, WALL_SCREEN_ROLE } from '../access/policy.ts';
import { createSessionsRepository } from '../auth/auth.repository.ts';
import { hashToken } from '../auth/auth.service.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { commandErrors } from './command.errors.ts';
import { createCommandRepository } from './command.repository.ts';

export const DEVICE_TOKEN_PREFIX = 'dtk_';
/** dtk_ + 32 random bytes in base64url. */
export const DEVICE_TOKEN_PATTERN = '^dtk_[A-Za-z0-9_-]{43}$';

export interface KioskServiceDeps {
  db: Db;
  sessionTtlMinutes: number;
  now?: () => Date;
}

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

export function createKioskService(deps: KioskServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const { db } = deps;

  return {
    async pair(user: AuthUser, input: { screenAccount: string; label: string }, meta: ClientMeta) {
      requireWallScreenPairing(user);
      const account = await createUsersRepository(db).findByIdentifierCode(input.screenAccount.trim());
      // Outside the caller's subtree looks the same as missing: no probing for accounts elsewhere.
      if (!account || account.role === 'ADMIN') throw commandErrors.screenAccountNotFound();
      requireWallScreenPairingOrHide(user, account.unitPath);
      if (account.role !== WALL_SCREEN_ROLE) throw commandErrors.screenAccountRole();
      if (account.disabled) throw commandErrors.screenAccountDisabled();
      const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const device = await db.transaction(async (tx) => {
        const row = await createCommandRepository(tx).insertDevice({ label: input.label.trim(), accountId: account.id, tokenHash: hashToken(token), createdBy: user.id });
        await appendAudit(tx, {
          actorId: user.id,
          actorLabel: user.identifierCode,
          action: 'command.screen_pair',
          entityType: 'kiosk_device',
          entityId: row.id,
          unitPath: account.unitPath,
          ip: meta.ip ?? null,
          details: { account: account.identifierCode }
        });
        return row;
      });
      return {
        device: { id: device.id, label: device.label, accountCode: account.identifierCode, accountName: account.fullName, unitName: account.unitName, createdAt: device.createdAt.toISOString(), lastUsedAt: null, revokedAt: null },
        token,
        // The token travels in the fragment, which browsers never send to a server or log.
        pairingPath: `/command?kiosk=1#pair=${token}`
      };
    },

    async list(user: AuthUser) {
      requireWallScreenPairing(user);
      const rows = await createCommandRepository(db).listDevices(user.scopePaths);
      return {
        items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null }))
      };
    },

    async revoke(user: AuthUser, id: string, meta: ClientMeta): Promise<void> {
      requireWallScreenPairing(user);
      const found = await createCommandRepository(db).findDevice(id);
      if (!found) throw commandErrors.deviceNotFound();
      requireWallScreenPairingOrHide(user, found.accountUnitPath, commandErrors.deviceNotFound);
      const at = now();
      await db.transaction(async (tx) => {
        await createCommandRepository(tx).revokeDevice(id, user.id, at);
        if (found.device.lastSessionId) await createSessionsRepository(tx).revoke(found.device.lastSessionId, at);
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'command.screen_revoke', entityType: 'kiosk_device', entityId: id, unitPath: found.accountUnitPath, ip: meta.ip ?? null });
      });
    },

    /** Trade a device token for a login session of its screen account. */
    async openSession(deviceToken: string, meta: ClientMeta) {
      const repo = createCommandRepository(db);
      const device = await repo.findActiveDeviceByTokenHash(hashToken(deviceToken));
      if (!device) throw commandErrors.deviceTokenInvalid();
      const account = await createUsersRepository(db).findById(device.accountId);
      if (!account || account.disabled || account.role !== WALL_SCREEN_ROLE) throw commandErrors.deviceTokenInvalid();
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = new Date(at.getTime() + deps.sessionTtlMinutes * 60_000);
      await db.transaction(async (tx) => {
        const sessions = createSessionsRepository(tx);
        if (device.lastSessionId) await sessions.revoke(device.lastSessionId, at);
        const session = await sessions.insert({ tokenHash: hashToken(token), userId: account.id, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300), mfaVerified: false });
        await createCommandRepository(tx).markDeviceUsed(device.id, session.id, at);
        await appendAudit(tx, {
          actorId: account.id,
          actorLabel: account.identifierCode,
          action: 'command.screen_session',
          entityType: 'session',
          entityId: session.id,
          unitPath: account.unitPath,
          ip: meta.ip ?? null,
          details: { device: device.id }
        });
      });
      return { token, expiresAt, account: { fullName: account.fullName, role: account.role, unitName: account.unitName } };
    }
  };
}
export type KioskService = ReturnType<typeof createKioskService>;

/** The policy's scope rule, answered as "not found" so accounts and devices elsewhere stay invisible. */
function requireWallScreenPairingOrHide(user: AuthUser, unitPath: string, notFound: () => Error = commandErrors.screenAccountNotFound): void {
  try {
    requireWallScreenPairing(user, unitPath);
  } catch {
    throw notFound();
  }
}
