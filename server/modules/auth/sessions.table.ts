import { boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from '../../db/columns.ts';
import { usersTable } from '../users/users.table.ts';

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessionsTable = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: bytea('token_hash').notNull(),
  userId: uuid('user_id').notNull().references(() => usersTable.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
  revokedAt: timestamptz('revoked_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  mfaVerified: boolean('mfa_verified').notNull().default(false)
});
