/**
 * Web-push (issue 5 item 4): to each device an official subscribed, when that official has no open
 * live connection. The payload holds no personal data (a title and the page to open); a
 * subscription the push service says is gone (404/410) is deleted.
 */
import type { Agent } from 'node:https';
import { sql } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '../../db/client.ts';
import { defineError } from '../../http/errors.ts';

export interface PushMessage {
  title: string;
  body: string;
  /** The page to open, e.g. /directives/<id>. */
  url: string;
  urgent: boolean;
}

export const pushErrors = {
  badSubscription: defineError('push.bad_subscription', 400, 'Đăng ký nhận thông báo đẩy không hợp lệ (cần endpoint https và khóa của trình duyệt).', 'Invalid push subscription (an https endpoint and the browser keys are needed).')
};

export function createPushService(deps: {
  db: Db;
  vapid: { publicKey: string; privateKey: string };
  subject: string;
  isOnline: (userId: string) => boolean;
  log: { warn: (o: object, m?: string) => void };
  /** An HTTPS agent for the push services (tests trust their stand-in's certificate through it). */
  agent?: Agent;
}) {
  const options = { vapidDetails: { subject: deps.subject, publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey }, TTL: 24 * 3600, ...(deps.agent ? { agent: deps.agent } : {}) };

  return {
    publicKey: deps.vapid.publicKey,

    async subscribe(userId: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<void> {
      if (!/^https:\/\//.test(subscription.endpoint)) throw pushErrors.badSubscription();
      await deps.db.execute(sql`
        INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES (${userId}, ${subscription.endpoint}, ${subscription.keys.p256dh}, ${subscription.keys.auth})
        ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth`);
    },

    async preferences(userId: string) {
      const { rows } = await deps.db.execute<{ muted_kinds: string[]; quiet_from: number | null; quiet_to: number | null }>(sql`SELECT muted_kinds, quiet_from, quiet_to FROM alert_preferences WHERE user_id = ${userId}`);
      const row = rows[0];
      return { mutedKinds: row?.muted_kinds ?? [], quietFrom: row?.quiet_from ?? null, quietTo: row?.quiet_to ?? null };
    },

    async setPreferences(userId: string, prefs: { mutedKinds: string[]; quietFrom: number | null; quietTo: number | null }): Promise<void> {
      await deps.db.execute(sql`
        INSERT INTO alert_preferences (user_id, muted_kinds, quiet_from, quiet_to) VALUES (${userId}, ${`{${prefs.mutedKinds.join(',')}}`}::text[], ${prefs.quietFrom}, ${prefs.quietTo})
        ON CONFLICT (user_id) DO UPDATE SET muted_kinds = EXCLUDED.muted_kinds, quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, updated_at = now()`);
    },

    async unsubscribe(userId: string, endpoint: string): Promise<void> {
      await deps.db.execute(sql`DELETE FROM push_subscriptions WHERE user_id = ${userId} AND endpoint = ${endpoint}`);
    },

    /**
     * Push to every device of these accounts that are offline and want it: not a muted kind, and
     * outside their quiet hours unless urgent. Returns how many pushes were accepted.
     */
    async notifyOffline(userIds: readonly string[], message: PushMessage & { kind?: string }): Promise<number> {
      const candidates = [...new Set(userIds)].filter((id) => !deps.isOnline(id));
      if (candidates.length === 0) return 0;
      const hour = (new Date().getUTCHours() + 7) % 24;
      const { rows: muted } = await deps.db.execute<{ user_id: string }>(sql`
        SELECT user_id FROM alert_preferences WHERE user_id = ANY(${`{${candidates.join(',')}}`}::uuid[])
           AND ((${message.kind ?? ''} = ANY(muted_kinds))
             OR (NOT ${message.urgent} AND quiet_from IS NOT NULL AND quiet_to IS NOT NULL
                 AND CASE WHEN quiet_from <= quiet_to THEN ${hour} >= quiet_from AND ${hour} < quiet_to
                          ELSE ${hour} >= quiet_from OR ${hour} < quiet_to END))`);
      const offline = candidates.filter((id) => !muted.some((m) => m.user_id === id));
      if (offline.length === 0) return 0;
      const { rows } = await deps.db.execute<{ id: string; endpoint: string; p256dh: string; auth: string }>(
        sql`SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ANY(${`{${offline.join(',')}}`}::uuid[])`
      );
      let sent = 0;
      await Promise.all(
        rows.map(async (row) => {
          try {
            await webpush.sendNotification({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }, JSON.stringify(message), { ...options, urgency: message.urgent ? 'high' : 'normal' });
            sent += 1;
          } catch (error) {
            const status = (error as { statusCode?: number }).statusCode;
            if (status === 404 || status === 410) await deps.db.execute(sql`DELETE FROM push_subscriptions WHERE id = ${row.id}`);
            else deps.log.warn({ status }, 'web-push delivery failed');
          }
        })
      );
      return sent;
    }
  };
}
export type PushService = ReturnType<typeof createPushService>;
