/**
 * Web-push (issue 5 item 4): to each device an official subscribed, when that official has no open
 * live connection. The payload holds no personal data (a fixed title per kind and the page to
 * open); it is encrypted for the device (aes128gcm, RFC 8291) and signed with our VAPID key
 * (RFC 8292) by the `web-push` package. A subscription the push service says is gone (404/410) is
 * deleted.
 */
import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushPayload } from '../../../shared/notifications.ts';
import type { Db } from '../../db/client.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { pushErrors } from './push.errors.ts';
import { createPushRepository } from './push.repository.ts';

export type PushMessage = Omit<PushPayload, 'kind'> & { kind?: string };

/** Devices kept per account; the oldest goes when a new one subscribes past this. */
const MAX_DEVICES = 20;
const TTL_SECONDS = 24 * 3600;

function base64urlBytes(value: string): number {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url').length : -1;
}

export function createPushService(deps: {
  db: Db;
  vapid: { publicKey: string; privateKey: string };
  subject: string;
  /** Has this account an open live connection now? (the broker knows) */
  isOnline: (userId: string) => boolean;
  /** Of these accounts, those whose preferences let this alert be pushed now. Default: all. */
  wantPush?: (userIds: readonly string[], kind: string, urgent: boolean) => Promise<string[]>;
  log: { warn: (o: object, m?: string) => void };
  /** An HTTPS agent for the push services (tests trust their stand-in's certificate through it). */
  agent?: Agent;
}) {
  const repo = createPushRepository(deps.db);
  const options = { vapidDetails: { subject: deps.subject, publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey }, TTL: TTL_SECONDS, ...(deps.agent ? { agent: deps.agent } : {}) };

  return {
    publicKey: deps.vapid.publicKey,

    async subscribe(user: AuthUser, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
      let url: URL | undefined;
      try {
        url = new URL(subscription.endpoint);
      } catch {
        url = undefined;
      }
      const fields = [
        ...(!url || url.protocol !== 'https:' || url.username || url.password ? [{ field: 'endpoint', message: 'Cần địa chỉ https của dịch vụ thông báo đẩy.', messageEn: 'An https push service URL is needed.' }] : []),
        // A P-256 public key, uncompressed (65 bytes), and a 16-byte authentication secret (RFC 8291).
        ...(base64urlBytes(subscription.keys.p256dh) !== 65 ? [{ field: 'keys.p256dh', message: 'Khóa của trình duyệt không hợp lệ.', messageEn: 'Invalid browser key.' }] : []),
        ...(base64urlBytes(subscription.keys.auth) !== 16 ? [{ field: 'keys.auth', message: 'Mã xác thực của trình duyệt không hợp lệ.', messageEn: 'Invalid browser secret.' }] : [])
      ];
      if (fields.length) throw pushErrors.badSubscription(fields);
      await deps.db.transaction(async (tx) => {
        const r = createPushRepository(tx);
        await r.upsert(user.id, subscription.endpoint, subscription.keys);
        await r.keepNewest(user.id, MAX_DEVICES);
        // No endpoint in the audit: it identifies the device.
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'push.subscribe', entityType: 'user', entityId: user.id, unitPath: user.unitPath, details: { host: url!.host } });
      });
    },

    async unsubscribe(user: AuthUser, endpoint: string): Promise<boolean> {
      return deps.db.transaction(async (tx) => {
        const removed = await createPushRepository(tx).remove(user.id, endpoint);
        if (removed) await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'push.unsubscribe', entityType: 'user', entityId: user.id, unitPath: user.unitPath, details: {} });
        return removed;
      });
    },

    async devices(user: AuthUser): Promise<number> {
      return repo.count(user.id);
    },

    /**
     * Push to every device of these accounts that are offline and want it (not a muted kind, not
     * in their quiet hours unless urgent). Returns how many pushes the push services accepted.
     */
    async notifyOffline(userIds: readonly string[], message: PushMessage): Promise<number> {
      const offline = [...new Set(userIds)].filter((id) => !deps.isOnline(id));
      if (offline.length === 0) return 0;
      const wanted = deps.wantPush ? await deps.wantPush(offline, message.kind ?? '', message.urgent) : offline;
      const devices = await repo.ofUsers(wanted);
      const payload: PushPayload = { kind: message.kind ?? '', title: message.title, body: message.body, url: message.url, urgent: message.urgent };
      let sent = 0;
      await Promise.all(
        devices.map(async (d) => {
          try {
            await webpush.sendNotification({ endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } }, JSON.stringify(payload), {
              ...options,
              urgency: message.urgent ? 'high' : 'normal',
              // One notification per page on the device: a newer one replaces it (RFC 8030 Topic).
              topic: createHash('sha256').update(message.url).digest('base64url').slice(0, 32)
            });
            sent += 1;
          } catch (error) {
            const status = (error as { statusCode?: number }).statusCode;
            if (status === 404 || status === 410) await repo.removeById(d.id);
            else deps.log.warn({ status, host: new URL(d.endpoint).host }, 'web-push delivery failed');
          }
        })
      );
      return sent;
    }
  };
}
export type PushService = ReturnType<typeof createPushService>;
