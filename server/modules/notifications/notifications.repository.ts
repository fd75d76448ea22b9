/** SQL of the notification centre: alerts per account, alert preferences, the alert feed's cursor. */
import { sql } from 'drizzle-orm';
import type { NotificationKind } from '../../../shared/notifications.ts';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  titleEn: string;
  link: string;
  urgent: boolean;
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  link: string;
  urgent: boolean;
  createdAt: string;
  readAt: string | null;
}

export interface AlertPreferences {
  mutedKinds: NotificationKind[];
  quietFrom: number | null;
  quietTo: number | null;
}

export function createNotificationsRepository(db: DbOrTx) {
  return {
    async insert(rows: readonly NewNotification[]): Promise<{ id: string; userId: string }[]> {
      if (rows.length === 0) return [];
      const { rows: created } = await db.execute<{ id: string; user_id: string }>(sql`
        INSERT INTO notifications (user_id, kind, title, title_en, link, urgent)
        SELECT * FROM unnest(${arrayParam(rows.map((r) => r.userId), 'uuid')}, ${arrayParam(rows.map((r) => r.kind), 'text')},
                             ${arrayParam(rows.map((r) => r.title), 'text')}, ${arrayParam(rows.map((r) => r.titleEn), 'text')},
                             ${arrayParam(rows.map((r) => r.link), 'text')}, ${arrayParam(rows.map((r) => r.urgent), 'boolean')})
        RETURNING id::text, user_id::text`);
      return created.map((r) => ({ id: r.id, userId: r.user_id }));
    },

    /** Unread first, then newest first. */
    async list(userId: string, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
      const { rows } = await db.execute<{ id: string; kind: string; title: string; title_en: string; link: string; urgent: boolean; created_at: Date; read_at: Date | null }>(sql`
        SELECT id::text, kind, title, title_en, link, urgent, created_at, read_at FROM notifications
         WHERE user_id = ${userId} ${unreadOnly ? sql`AND read_at IS NULL` : sql``}
         ORDER BY (read_at IS NULL) DESC, created_at DESC, id DESC LIMIT ${limit}`);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        titleEn: r.title_en,
        link: r.link,
        urgent: r.urgent,
        createdAt: new Date(r.created_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null
      }));
    },

    async unreadCount(userId: string): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`);
      return rows[0]?.n ?? 0;
    },

    /** Marks the account's own alerts read (another account's ids match nothing); returns how many changed. */
    async markRead(userId: string, ids: readonly string[] | 'ALL'): Promise<number> {
      const { rowCount } =
        ids === 'ALL'
          ? await db.execute(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL`)
          : await db.execute(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL AND id = ANY(${arrayParam(ids, 'bigint')})`);
      return rowCount ?? 0;
    },

    async preferencesOf(userIds: readonly string[]): Promise<Map<string, AlertPreferences>> {
      if (userIds.length === 0) return new Map();
      const { rows } = await db.execute<{ user_id: string; muted_kinds: NotificationKind[]; quiet_from: number | null; quiet_to: number | null }>(sql`
        SELECT user_id::text, muted_kinds, quiet_from, quiet_to FROM alert_preferences WHERE user_id = ANY(${arrayParam(userIds, 'uuid')})`);
      return new Map(rows.map((r) => [r.user_id, { mutedKinds: r.muted_kinds, quietFrom: r.quiet_from, quietTo: r.quiet_to }]));
    },

    async setPreferences(userId: string, prefs: AlertPreferences): Promise<void> {
      await db.execute(sql`
        INSERT INTO alert_preferences (user_id, muted_kinds, quiet_from, quiet_to)
        VALUES (${userId}, ${arrayParam(prefs.mutedKinds, 'text')}, ${prefs.quietFrom}, ${prefs.quietTo})
        ON CONFLICT (user_id) DO UPDATE SET muted_kinds = EXCLUDED.muted_kinds, quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, updated_at = now()`);
    },

    /** The feed's cursor, locked for this transaction; null before the feed first ran. */
    async lockCursor(name: string): Promise<string | null> {
      const { rows } = await db.execute<{ last_seq: string }>(sql`SELECT last_seq::text FROM notification_feed WHERE name = ${name} FOR UPDATE`);
      return rows[0]?.last_seq ?? null;
    },

    async setCursor(name: string, seq: string): Promise<void> {
      await db.execute(sql`
        INSERT INTO notification_feed (name, last_seq) VALUES (${name}, ${seq}::bigint)
        ON CONFLICT (name) DO UPDATE SET last_seq = GREATEST(notification_feed.last_seq, EXCLUDED.last_seq)`);
    },

    /** The highest delivered seq now (what the feed may read up to). */
    async deliveredUpTo(): Promise<string> {
      const { rows } = await db.execute<{ seq: string | null }>(sql`SELECT max(seq)::text AS seq FROM outbox WHERE seq IS NOT NULL`);
      return rows[0]?.seq ?? '0';
    },

    /** Active officers whose unit is this one or above it (their scope covers it). */
    async officersCovering(unitPath: string, except: string | null): Promise<string[]> {
      const { rows } = await db.execute<{ id: string }>(sql`
        SELECT u.id::text FROM users u JOIN units un ON un.id = u.unit_id
         WHERE u.role = 'OFFICER' AND NOT u.disabled AND un.path @> ${unitPath}::ltree
           AND u.id IS DISTINCT FROM ${except}::uuid`);
      return rows.map((r) => r.id);
    },

    /** Active accounts among these that may handle petitions (an assignee that was disabled is skipped). */
    async activeHandlers(userIds: readonly string[]): Promise<string[]> {
      if (userIds.length === 0) return [];
      const { rows } = await db.execute<{ id: string }>(sql`
        SELECT id::text FROM users WHERE id = ANY(${arrayParam(userIds, 'uuid')}) AND role IN ('OFFICER', 'LEADER') AND NOT disabled`);
      return rows.map((r) => r.id);
    },

    /**
     * Who recorded a petition and who handles it now. A read of the petitions area's table, kept to
     * these two ids: the feed needs them to tell the right officers, and no petition service offers them.
     */
    async petitionHandlers(petitionId: string): Promise<{ createdBy: string | null; assignedTo: string | null } | null> {
      const { rows } = await db.execute<{ created_by: string | null; assigned_to: string | null }>(sql`
        SELECT created_by::text, assigned_to::text FROM petitions WHERE id = ${petitionId}::uuid`);
      return rows[0] ? { createdBy: rows[0].created_by, assignedTo: rows[0].assigned_to } : null;
    },

    /** When the account's previous session began (its previous login), if it had one. */
    async previousLogin(userId: string, currentSessionId: string): Promise<Date | null> {
      const { rows } = await db.execute<{ at: Date | null }>(sql`SELECT max(created_at) AS at FROM sessions WHERE user_id = ${userId} AND id <> ${currentSessionId}`);
      return rows[0]?.at ? new Date(rows[0].at) : null;
    },

    /**
     * Petition figures of a login summary, in the caller's subtrees. Run inside withScope (RLS is the
     * second wall); reads the petitions area's columns due_at/deadline_state/closed_at (migration 0007).
     */
    async petitionFigures(scopePaths: readonly string[], since: Date, userId: string): Promise<{ fresh: number; dueSoon: number; overdue: number }> {
      // Three index-driven counts (created_at; the open-deadline partial index), not one pass over every petition.
      const scope = arrayParam(scopePaths, 'ltree');
      const { rows } = await db.execute<{ fresh: number; due_soon: number; overdue: number }>(sql`
        SELECT (SELECT count(*) FROM petitions WHERE created_at >= ${since} AND created_by IS DISTINCT FROM ${userId}::uuid AND unit_path <@ ANY(${scope}))::int AS fresh,
               (SELECT count(*) FROM petitions WHERE closed_at IS NULL AND deadline_state = 'DUE_SOON' AND unit_path <@ ANY(${scope}))::int AS due_soon,
               (SELECT count(*) FROM petitions WHERE closed_at IS NULL AND deadline_state = 'OVERDUE' AND unit_path <@ ANY(${scope}))::int AS overdue`);
      const r = rows[0];
      return { fresh: r?.fresh ?? 0, dueSoon: r?.due_soon ?? 0, overdue: r?.overdue ?? 0 };
    },

    async unitPath(unitId: string): Promise<string | null> {
      const { rows } = await db.execute<{ path: string }>(sql`SELECT path::text FROM units WHERE id = ${unitId}::uuid`);
      return rows[0]?.path ?? null;
    }
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
