/**
 * Scheduled reports (issue 6 item 4): at each due subscription, the form is generated as XLSX
 * with the subscriber's own rights (so it never holds more than the subscriber may see), kept
 * under DATA_DIR/files, and announced through the notification centre in the same transaction
 * (an alert with the file's link; the centre's web-push dispatch tells an offline leader, with
 * no data in the push). Each tick also folds the dashboard KPI deltas (report_kpis_compact).
 */
import { sql } from 'drizzle-orm';
import { addDays, toVnDate } from '../../shared/calendar/index.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { toAuthUser } from '../modules/auth/auth.service.ts';
import type { AlertInput } from '../modules/notifications/notifications.service.ts';
import type { ReportsService } from '../modules/reports/reports.service.ts';
import { createUsersRepository } from '../modules/users/users.repository.ts';
import type { FileStore } from '../storage/file-store.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The period a run covers: the 7 days before it, or the previous calendar month. */
export function scheduledPeriod(frequency: 'WEEKLY' | 'MONTHLY', at: Date): { from: string; to: string } {
  const today = toVnDate(at);
  if (frequency === 'WEEKLY') return { from: addDays(today, -7), to: addDays(today, -1) };
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01`;
  return { from: first, to: addDays(`${y}-${String(m).padStart(2, '0')}-01`, -1) };
}

export function nextRun(frequency: 'WEEKLY' | 'MONTHLY', after: Date): Date {
  const next = new Date(after);
  if (frequency === 'WEEKLY') next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

export function createReportSchedule(deps: {
  db: Db;
  reports: ReportsService;
  files: FileStore;
  /** The notification centre (server/modules/notifications): an alert in the caller's transaction. */
  notifications: { notify: (tx: DbOrTx, userIds: Iterable<string>, alert: AlertInput) => Promise<number> };
  log: { error: (o: object, m?: string) => void };
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function runOnce(): Promise<number> {
    let done = 0;
    for (;;) {
      const ran = await deps.db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ id: string; user_id: string; form: string; frequency: 'WEEKLY' | 'MONTHLY'; unit_id: string }>(sql`
          SELECT id, user_id, form, frequency, unit_id FROM report_subscriptions WHERE next_run_at <= ${now()} ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`);
        const sub = rows[0];
        if (!sub) return false;
        await tx.execute(sql`UPDATE report_subscriptions SET next_run_at = ${nextRun(sub.frequency, now())} WHERE id = ${sub.id}`);
        const account = await createUsersRepository(tx).findById(sub.user_id);
        if (!account || account.disabled) return true;
        const period = scheduledPeriod(sub.frequency, now());
        const user = toAuthUser(account, 'scheduled-report');
        const { bytes, fileName } = await deps.reports.exportXlsx(user, sub.form, { period: 'CUSTOM', from: period.from, to: period.to, unitId: sub.unit_id });
        const stored = await deps.files.put(bytes, { [XLSX_MEDIA_TYPE]: 'XLSX', 'application/zip': 'XLSX' });
        const { rows: files } = await tx.execute<{ id: string }>(sql`
          INSERT INTO report_files (subscription_id, user_id, file_name, sha256, period_from, period_to)
          VALUES (${sub.id}, ${sub.user_id}, ${fileName}, ${stored.sha256}, ${period.from}::date, ${period.to}::date) RETURNING id`);
        const link = `/api/reports/files/${files[0]!.id}`;
        await deps.notifications.notify(tx, [sub.user_id], {
          kind: 'REPORT',
          title: `Báo cáo định kỳ ${sub.form} (${period.from} – ${period.to}) đã sẵn sàng`,
          titleEn: `Your scheduled report ${sub.form} is ready`,
          link,
          urgent: false
        });
        return true;
      });
      if (!ran) break;
      done += 1;
    }
    await deps.db.execute(sql`SELECT report_kpis_compact()`);
    await deps.db.execute(sql`SELECT command_counts_compact()`);
    return done;
  }

  return {
    runOnce(): Promise<number> {
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
    start(intervalSeconds = 60): void {
      const tick = () => void this.runOnce().catch((error: unknown) => deps.log.error({ err: error }, 'scheduled reports failed'));
      timer = setInterval(tick, intervalSeconds * 1000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    }
  };
}
export type ReportSchedule = ReturnType<typeof createReportSchedule>;
