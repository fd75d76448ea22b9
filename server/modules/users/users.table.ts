import { boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../db/columns.ts';
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
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type UserRow = typeof usersTable.$inferSelect;
