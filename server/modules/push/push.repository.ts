/** SQL of web-push subscriptions: one row per device (its push service endpoint and keys). */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';

export type Device = {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
};

export function createPushRepository(db: DbOrTx) {
  return {
    /** A device subscribing again (or passed to another account on a shared phone) keeps one row. */
    async upsert(userId: string, endpoint: string, keys: { p256dh: string; auth: string }): Promise<void> {
      await db.execute(sql`
        INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES (${userId}, ${endpoint}, ${keys.p256dh}, ${keys.auth})
        ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, created_at = now()`);
    },

    async keepNewest(userId: string, max: number): Promise<void> {
      await db.execute(sql`
        DELETE FROM push_subscriptions WHERE user_id = ${userId} AND id NOT IN
          (SELECT id FROM push_subscriptions WHERE user_id = ${userId} ORDER BY created_at DESC LIMIT ${max})`);
    },

    async remove(userId: string, endpoint: string): Promise<boolean> {
      const { rowCount } = await db.execute(sql`DELETE FROM push_subscriptions WHERE user_id = ${userId} AND endpoint = ${endpoint}`);
      return (rowCount ?? 0) > 0;
    },

    async removeById(id: string): Promise<void> {
      await db.execute(sql`DELETE FROM push_subscriptions WHERE id = ${id}`);
    },

    async count(userId: string): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = ${userId}`);
      return rows[0]?.n ?? 0;
    },

    async ofUsers(userIds: readonly string[]): Promise<Device[]> {
      if (userIds.length === 0) return [];
      const { rows } = await db.execute<Device>(sql`
        SELECT id::text, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ANY(${arrayParam(userIds, 'uuid')})`);
      return rows;
    }
  };
}
