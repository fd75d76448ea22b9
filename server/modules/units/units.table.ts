import { date, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, ltree, updatedAt } from '../../db/columns.ts';

/** Bodies that handle petitions, as a tree (ltree path of codes, root 'VN'). Schema: migrations/0001. */
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
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type UnitRow = typeof unitsTable.$inferSelect;
