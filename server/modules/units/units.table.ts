import { bigint, date, jsonb, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, ltree, timestamptz, updatedAt } from '../../db/columns.ts';

/**
 * Bodies that handle petitions and the territorial units they sit in, as one tree (ltree path of
 * labels made from codes, root 'VN'). Schema: migrations/0001, 0005. A unit is closed when
 * validTo (the closing date) is set; it stays readable.
 */
export const unitsTable = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  kind: text('kind').notNull(),
  parentId: uuid('parent_id').references((): AnyPgColumn => unitsTable.id),
  path: ltree('path').notNull(),
  provinceCode: text('province_code'),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  closedReason: text('closed_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type UnitRow = typeof unitsTable.$inferSelect;

export const UNIT_HISTORY_ACTIONS = ['CREATE', 'RENAME', 'MOVE', 'CLOSE'] as const;
export type UnitHistoryAction = (typeof UNIT_HISTORY_ACTIONS)[number];

/** Append-only (a trigger refuses UPDATE and DELETE). */
export const unitHistoryTable = pgTable('unit_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  action: text('action').$type<UnitHistoryAction>().notNull(),
  actorId: uuid('actor_id'),
  actorLabel: text('actor_label'),
  occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
  oldValues: jsonb('old_values').$type<Record<string, unknown>>(),
  newValues: jsonb('new_values').$type<Record<string, unknown>>(),
  note: text('note'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({})
});
export type UnitHistoryRow = typeof unitHistoryTable.$inferSelect;
