/**
 * The notification centre (issue 5 item 4): one alert row per account, created in the
 * transaction of the change it tells of, with a user event on that account's own topic (the
 * alert's id, kind and link; no text) so an open page shows it at once and a reconnecting page
 * gets it from GET /api/events. The relay then hands the same event to web-push for accounts
 * with no open connection (push.dispatch.ts). Read/unread, preferences and the login summary.
 */
import { isQuietHour, vnHour, type NotificationKind } from '../../../shared/notifications.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { petitionScope } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { createNotificationsRepository, type AlertPreferences } from './notifications.repository.ts';

export interface AlertInput {
  kind: NotificationKind;
  /** Shown in the centre only (never in events or pushes). */
  title: string;
  titleEn: string;
  /** The page to open: an app path. */
  link: string;
  urgent: boolean;
}

const TITLE_MAX = 200;
/** A login summary counts what is new since the previous login, or over this many days for a first one. */
const FIRST_LOGIN_DAYS = 7;

export function createNotificationsService(deps: {
  db: Db;
  /** How many open directives wait for the caller's unit to acknowledge (the directives area answers). */
  directivesAwaitingAcknowledgement?: (user: AuthUser) => Promise<number>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const repo = createNotificationsRepository(deps.db);

  return {
    /**
     * In the caller's transaction: an alert for each of these accounts, and its live event.
     * Returns how many were created.
     */
    async notify(tx: DbOrTx, userIds: Iterable<string>, alert: AlertInput): Promise<number> {
      const unique = [...new Set(userIds)];
      if (unique.length === 0) return 0;
      const created = await createNotificationsRepository(tx).insert(
        unique.map((userId) => ({ userId, kind: alert.kind, title: alert.title.slice(0, TITLE_MAX), titleEn: alert.titleEn.slice(0, TITLE_MAX), link: alert.link, urgent: alert.urgent }))
      );
      const outbox = createOutboxRepository(tx);
      for (const n of created) {
        await outbox.enqueueUserEvent({ type: 'notification.created', userId: n.userId, payload: { notificationId: n.id, kind: alert.kind, urgent: alert.urgent, link: alert.link } });
      }
      return created.length;
    },

    async list(user: AuthUser, options: { limit?: number; unreadOnly?: boolean } = {}) {
      const [items, unread] = await Promise.all([repo.list(user.id, options.limit ?? 50, options.unreadOnly ?? false), repo.unreadCount(user.id)]);
      return { unread, items: items.map((n) => ({ ...n, read: n.readAt !== null })) };
    },

    async markRead(user: AuthUser, ids: readonly string[] | 'ALL'): Promise<{ changed: number; unread: number }> {
      const changed = await repo.markRead(user.id, ids);
      return { changed, unread: await repo.unreadCount(user.id) };
    },

    async preferences(user: AuthUser): Promise<AlertPreferences> {
      return (await repo.preferencesOf([user.id])).get(user.id) ?? { mutedKinds: [], quietFrom: null, quietTo: null };
    },

    async setPreferences(user: AuthUser, prefs: AlertPreferences): Promise<void> {
      const mutedKinds = [...new Set(prefs.mutedKinds)];
      await deps.db.transaction(async (tx) => {
        await createNotificationsRepository(tx).setPreferences(user.id, { ...prefs, mutedKinds });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'alerts.preferences', entityType: 'user', entityId: user.id, unitPath: user.unitPath, details: { muted: mutedKinds.length, quietFrom: prefs.quietFrom, quietTo: prefs.quietTo } });
      });
    },

    /**
     * Of these accounts, those who want this alert pushed now: the kind is not muted, and outside
     * their quiet hours (Vietnam time) unless it is urgent. In-app alerts are always kept.
     */
    async wantPush(userIds: readonly string[], kind: string, urgent: boolean, at = now()): Promise<string[]> {
      const prefs = await repo.preferencesOf(userIds);
      const hour = vnHour(at);
      return userIds.filter((id) => {
        const p = prefs.get(id);
        if (!p) return true;
        if ((p.mutedKinds as string[]).includes(kind)) return false;
        return urgent || !isQuietHour(hour, p.quietFrom, p.quietTo);
      });
    },

    /** What waits for the caller (shown after login): new petitions since the previous login, directives to acknowledge, deadlines. */
    async summary(user: AuthUser) {
      const since = (await repo.previousLogin(user.id, user.sessionId)) ?? new Date(now().getTime() - FIRST_LOGIN_DAYS * 86_400_000);
      const scope = petitionScope(user);
      const [petitions, directives, unread] = await Promise.all([
        scope.length ? withScope(deps.db, scope, (tx) => createNotificationsRepository(tx).petitionFigures(scope, since, user.id)) : { fresh: 0, dueSoon: 0, overdue: 0 },
        deps.directivesAwaitingAcknowledgement?.(user) ?? 0,
        repo.unreadCount(user.id)
      ]);
      return {
        since: since.toISOString(),
        newPetitions: petitions.fresh,
        directivesToAcknowledge: directives,
        dueSoon: petitions.dueSoon,
        overdue: petitions.overdue,
        unreadAlerts: unread
      };
    }
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
