import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from '../../db/columns.ts';
import { sessionsTable } from '../auth/sessions.table.ts';
import { usersTable } from '../users/users.table.ts';

/** Wall screens paired to a screen account (migration 0012); the device token is stored as its SHA-256. */
export const kioskDevicesTable = pgTable('command_kiosk_devices', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull(),
  accountId: uuid('account_id').notNull().references(() => usersTable.id),
  tokenHash: bytea('token_hash').notNull(),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  lastUsedAt: timestamptz('last_used_at'),
  lastSessionId: uuid('last_session_id').references(() => sessionsTable.id),
  revokedAt: timestamptz('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => usersTable.id)
});
export type KioskDeviceRow = typeof kioskDevicesTable.$inferSelect;
