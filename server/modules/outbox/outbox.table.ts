import { bigint, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ltree, timestamptz } from '../../db/columns.ts';

/** Transactional outbox (DESIGN.md data flow). Rows are written with the change, in its transaction. */
export const outboxTable = pgTable('outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  eventType: text('event_type').notNull(),
  unitPath: ltree('unit_path'),
  userId: uuid('user_id'),
  topics: text('topics').array().notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  seq: bigint('seq', { mode: 'number' }),
  publishedAt: timestamptz('published_at'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error')
});
