/** Subscriptions to scheduled reports, and the generated files (their owner only). */
import { sql } from 'drizzle-orm';
import { REPORT_FORMS } from '../../../shared/reports/forms.ts';
import type { Db } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requireReportSubscription } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { nextRun, XLSX_MEDIA_TYPE } from '../../jobs/report-schedule.ts';
import type { FileStore } from '../../storage/file-store.ts';
import { reportErrors } from './reports.errors.ts';

export function createReportSubscriptions(deps: { db: Db; files: FileStore; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    async subscribe(user: AuthUser, input: { form: string; frequency: 'WEEKLY' | 'MONTHLY'; unitId?: string }) {
      const unitId = input.unitId ?? user.unitId;
      const { rows: units } = await deps.db.execute<{ path: string }>(sql`SELECT path::text FROM units WHERE id = ${unitId} AND valid_to IS NULL`);
      requireReportSubscription(user, units[0]?.path ?? '');
      if (!REPORT_FORMS.some((f) => f.code === input.form)) throw reportErrors.unknownForm();
      const { rows } = await deps.db.execute<{ id: string }>(sql`
        INSERT INTO report_subscriptions (user_id, form, frequency, unit_id, next_run_at) VALUES (${user.id}, ${input.form}, ${input.frequency}, ${unitId}, ${nextRun(input.frequency, now())}) RETURNING id`);
      await appendAudit(deps.db, { actorId: user.id, actorLabel: user.identifierCode, action: 'report.subscribe', entityType: 'report_subscription', entityId: rows[0]!.id, unitPath: units[0]!.path, details: { form: input.form, frequency: input.frequency } });
      return this.list(user);
    },

    async list(user: AuthUser) {
      const { rows } = await deps.db.execute<{ id: string; form: string; frequency: string; unit_name: string; next_run_at: Date }>(sql`
        SELECT s.id, s.form, s.frequency, u.name AS unit_name, s.next_run_at FROM report_subscriptions s JOIN units u ON u.id = s.unit_id WHERE s.user_id = ${user.id} ORDER BY s.created_at`);
      const { rows: files } = await deps.db.execute<{ id: string; file_name: string; period_from: string; period_to: string; created_at: Date }>(sql`
        SELECT id, file_name, period_from::text, period_to::text, created_at FROM report_files WHERE user_id = ${user.id} ORDER BY created_at DESC LIMIT 50`);
      return {
        subscriptions: rows.map((r) => ({ id: r.id, form: r.form, frequency: r.frequency, unitName: r.unit_name, nextRunAt: new Date(r.next_run_at).toISOString() })),
        files: files.map((f) => ({ id: f.id, fileName: f.file_name, from: f.period_from, to: f.period_to, createdAt: new Date(f.created_at).toISOString(), url: `/api/reports/files/${f.id}` }))
      };
    },

    async unsubscribe(user: AuthUser, id: string) {
      const { rowCount } = await deps.db.execute(sql`DELETE FROM report_subscriptions WHERE id = ${id} AND user_id = ${user.id}`);
      if (!rowCount) throw commonErrors.notFound();
    },

    /** A generated report, for the one who subscribed to it. */
    async open(user: AuthUser, fileId: string) {
      const { rows } = await deps.db.execute<{ file_name: string; sha256: string }>(sql`SELECT file_name, sha256 FROM report_files WHERE id = ${fileId} AND user_id = ${user.id}`);
      if (!rows[0]) throw commonErrors.notFound();
      return { fileName: rows[0].file_name, mediaType: XLSX_MEDIA_TYPE, stream: await deps.files.open(rows[0].sha256) };
    }
  };
}
export type ReportSubscriptions = ReturnType<typeof createReportSubscriptions>;
