/**
 * The deadline watcher (issue 4 item 6): marks each open step "due soon" (a configurable number of
 * working days before its last day) and "overdue" (past the end of its last day) exactly once per
 * step, and emits the 'petition.deadline' events the dashboard and alerts use, in the same
 * transaction. A new step resets the mark (petition-procedure.service.ts), so marks move forward only.
 */
import { sql } from 'drizzle-orm';
import { toVnDate } from '../../shared/calendar/index.ts';
import type { Db } from '../db/client.ts';
import type { CalendarService } from '../modules/calendar/calendar.service.ts';
import { createOutboxRepository } from '../modules/outbox/outbox.repository.ts';

const BATCH = 1000;

type Marked = {
  id: string;
  code: string;
  type: string;
  status: string;
  unit_id: string;
  unit_path: string;
  due_date: string;
  due_at: Date;
};

export function createDeadlineWatch(deps: {
  db: Db;
  calendar: CalendarService;
  dueSoonWorkingDays: number;
  intervalSeconds: number;
  log: { error: (o: object, m?: string) => void };
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function markBatch(state: 'DUE_SOON' | 'OVERDUE'): Promise<number> {
    const at = now();
    const { calendar } = await deps.calendar.current();
    const threshold = calendar.addWorkingDays(toVnDate(at), deps.dueSoonWorkingDays);
    return deps.db.transaction(async (tx) => {
      const condition =
        state === 'OVERDUE'
          ? sql`due_at < ${at} AND deadline_state <> 'OVERDUE'`
          : sql`due_date <= ${threshold}::date AND due_at >= ${at} AND deadline_state = 'ON_TRACK'`;
      const { rows } = await tx.execute<Marked>(sql`
        UPDATE petitions SET deadline_state = ${state}
         WHERE id IN (SELECT id FROM petitions WHERE closed_at IS NULL AND due_at IS NOT NULL AND ${condition}
                      ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id, code, type, status, unit_id, unit_path::text, due_date::text, due_at`);
      const outbox = createOutboxRepository(tx);
      for (const r of rows) {
        await outbox.enqueueUnitEvent({
          type: 'petition.deadline',
          unitPath: r.unit_path,
          payload: { petitionId: r.id, code: r.code, type: r.type as never, status: r.status as never, state, dueDate: r.due_date, dueAt: new Date(r.due_at).toISOString(), unitId: r.unit_id }
        });
      }
      return rows.length;
    });
  }

  /** One pass: every step that crossed a mark since the last pass; returns how many were marked. */
  async function runOnce(): Promise<number> {
    let total = 0;
    for (const state of ['OVERDUE', 'DUE_SOON'] as const) {
      for (;;) {
        const n = await markBatch(state);
        total += n;
        if (n < BATCH) break;
      }
    }
    return total;
  }

  return {
    runOnce(): Promise<number> {
      running ??= runOnce().finally(() => (running = undefined));
      return running;
    },
    start(): void {
      const tick = () => {
        this.runOnce().catch((error: unknown) => deps.log.error({ err: error }, 'deadline watch failed'));
      };
      tick();
      timer = setInterval(tick, deps.intervalSeconds * 1000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
    }
  };
}
export type DeadlineWatch = ReturnType<typeof createDeadlineWatch>;
