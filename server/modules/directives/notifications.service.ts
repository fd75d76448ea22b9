/**
 * The notification centre (alerts, read/unread) and the summary an official sees on login
 * (issue 5 item 4): new petitions in scope since the previous login, directives waiting for the
 * unit's acknowledgement, petitions due soon and overdue.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { withScope } from '../../db/scoped.ts';
import { petitionScope } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';

export function createNotificationsService(deps: { db: Db }) {
  return {
    async list(user: AuthUser, limit = 50) {
      const { rows } = await deps.db.execute<{ id: string; kind: string; title: string; title_en: string; link: string; urgent: boolean; created_at: Date; read_at: Date | null }>(sql`
        SELECT id::text, kind, title, title_en, link, urgent, created_at, read_at FROM notifications
         WHERE user_id = ${user.id} ORDER BY (read_at IS NULL) DESC, created_at DESC LIMIT ${limit}`);
      const { rows: unread } = await deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${user.id} AND read_at IS NULL`);
      return {
        unread: unread[0]?.n ?? 0,
        items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, titleEn: r.title_en, link: r.link, urgent: r.urgent, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null }))
      };
    },

    async markRead(user: AuthUser, ids: string[] | 'ALL'): Promise<void> {
      if (ids === 'ALL') await deps.db.execute(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${user.id} AND read_at IS NULL`);
      else await deps.db.execute(sql`UPDATE notifications SET read_at = now() WHERE user_id = ${user.id} AND read_at IS NULL AND id = ANY(${arrayParam(ids, 'bigint')})`);
    },

    async summary(user: AuthUser) {
      // The previous login: the newest session of this account other than the current one.
      const { rows: previous } = await deps.db.execute<{ at: Date | null }>(sql`SELECT max(created_at) AS at FROM sessions WHERE user_id = ${user.id} AND id <> ${user.sessionId}`);
      const since = previous[0]?.at ?? new Date(Date.now() - 7 * 86_400_000);
      const { rows: directives } = await deps.db.execute<{ n: number }>(sql`
        SELECT count(DISTINCT d.id)::int AS n FROM directives d JOIN directive_targets t ON t.directive_id = d.id
         WHERE d.status = 'OPEN' AND t.acknowledged_at IS NULL AND t.unit_path <@ ANY(${arrayParam(user.scopePaths, 'ltree')})
           AND ${user.role === 'OFFICER' || user.role === 'LEADER'}`);
      const { rows: unread } = await deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${user.id} AND read_at IS NULL`);
      const scope = petitionScope(user);
      const petitions = scope.length
        ? await withScope(deps.db, scope, async (tx) => {
            const { rows } = await tx.execute<{ fresh: number; due_soon: number; overdue: number }>(sql`
              SELECT count(*) FILTER (WHERE received_at >= ${since})::int AS fresh,
                     count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'DUE_SOON')::int AS due_soon,
                     count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE')::int AS overdue
                FROM petitions WHERE unit_path <@ ANY(${arrayParam(scope, 'ltree')})`);
            return rows[0]!;
          })
        : { fresh: 0, due_soon: 0, overdue: 0 };
      return {
        since: new Date(since).toISOString(),
        newPetitions: petitions.fresh,
        directivesToAcknowledge: directives[0]?.n ?? 0,
        dueSoon: petitions.due_soon,
        overdue: petitions.overdue,
        unreadAlerts: unread[0]?.n ?? 0
      };
    }
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
