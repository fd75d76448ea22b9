import { bigint, boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, timestamptz, updatedAt } from '../../db/columns.ts';
import { unitsTable } from '../units/units.table.ts';

export const usersTable = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  identifierCode: text('identifier_code').notNull(),
  fullName: text('full_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  passwordChangedAt: timestamptz('password_changed_at'),
  /** TOTP secret, sealed with the data key (never stored in clear). */
  totpSecretEnc: bytea('totp_secret_enc'),
  totpEnabledAt: timestamptz('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamptz('locked_until'),
  /** Subject of the TLS client certificate that logs this account in (optional). */
  certificateSubject: text('certificate_subject'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type UserRow = typeof usersTable.$inferSelect;
