import { bigint, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ltree, timestamptz, updatedAt } from '../../db/columns.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';

export const petitionsTable = pgTable('petitions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  /** Copy of the unit's path at intake, so scope filters need no join. */
  unitPath: ltree('unit_path').notNull(),
  type: text('type').notNull(),
  status: text('status').notNull(),
  summary: text('summary').notNull(),
  receivedAt: timestamptz('received_at').notNull(),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type PetitionRow = typeof petitionsTable.$inferSelect;

export const petitionEventsTable = pgTable('petition_events', {
  id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
  petitionId: uuid('petition_id').notNull().references(() => petitionsTable.id),
  actorId: uuid('actor_id').references(() => usersTable.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  note: text('note'),
  occurredAt: timestamptz('occurred_at').notNull().defaultNow()
});

export const petitionCountersTable = pgTable(
  'petition_counters',
  {
    unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
    year: integer('year').notNull(),
    last: integer('last').notNull()
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })]
);
