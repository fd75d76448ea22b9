/**
 * Lock-out after repeated failures, per account and per client address, with growing delays.
 *
 * Account: from the 5th failure in a row each further attempt must wait 2, 4, 8, 16 s; the 10th
 * failure locks the account for 15 minutes, and every further failure doubles that (at most a
 * day). A success resets the count; a user manager can unlock earlier.
 * Address: 30 failures within 15 minutes block that address for 15 minutes, doubling likewise.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

export interface ThrottlePolicy {
  /** Failures before delays begin. */
  delayAfter: number;
  /** First delay; 0 turns delays off (tests that count to the lock). */
  delayBaseMs: number;
  /** Failures that lock the account. */
  lockAfter: number;
  lockMinutes: number;
  addressLimit: number;
  addressWindowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  delayAfter: 5,
  delayBaseMs: 2_000,
  lockAfter: 10,
  lockMinutes: 15,
  addressLimit: 30,
  addressWindowMinutes: 15
};

const MAX_LOCK_MS = 24 * 60 * 60_000;

/** When may the account try again after its `failures`-th failure in a row (null = now)? */
export function accountRetryAt(failures: number, at: Date, policy: ThrottlePolicy): { until: Date; locked: boolean } | null {
  if (failures >= policy.lockAfter) {
    const ms = Math.min(policy.lockMinutes * 60_000 * 2 ** (failures - policy.lockAfter), MAX_LOCK_MS);
    return { until: new Date(at.getTime() + ms), locked: true };
  }
  if (failures >= policy.delayAfter && policy.delayBaseMs > 0) {
    return { until: new Date(at.getTime() + policy.delayBaseMs * 2 ** (failures - policy.delayAfter)), locked: false };
  }
  return null;
}

export function createAddressThrottle(db: DbOrTx, policy: ThrottlePolicy) {
  return {
    async blockedUntil(address: string, at: Date): Promise<Date | null> {
      const { rows } = await db.execute<{ locked_until: string | null }>(
        sql`SELECT locked_until FROM login_throttle WHERE address = ${address} AND locked_until > ${at.toISOString()}::timestamptz`
      );
      return rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
    },
    async recordFailure(address: string, at: Date): Promise<void> {
      const windowStart = new Date(at.getTime() - policy.addressWindowMinutes * 60_000).toISOString();
      await db.execute(sql`
        INSERT INTO login_throttle AS t (address, failures, window_start) VALUES (${address}, 1, ${at.toISOString()}::timestamptz)
        ON CONFLICT (address) DO UPDATE SET
          failures = CASE WHEN t.window_start < ${windowStart}::timestamptz THEN 1 ELSE t.failures + 1 END,
          window_start = CASE WHEN t.window_start < ${windowStart}::timestamptz THEN ${at.toISOString()}::timestamptz ELSE t.window_start END`);
      await db.execute(sql`
        UPDATE login_throttle SET locked_until = ${at.toISOString()}::timestamptz
            + make_interval(mins => ${policy.lockMinutes} * power(2, least(failures / ${policy.addressLimit} - 1, 6))::int)
         WHERE address = ${address} AND failures >= ${policy.addressLimit} AND failures % ${policy.addressLimit} = 0`);
    }
  };
}
