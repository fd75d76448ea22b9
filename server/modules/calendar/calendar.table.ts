import { date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/columns.ts';
import { usersTable } from '../users/users.table.ts';

export const calendarOverridesTable = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  legalRef: text('legal_ref').notNull(),
  updatedBy: uuid('updated_by').references(() => usersTable.id),
  updatedAt: timestamptz('updated_at').notNull().defaultNow()
});

export const deadlineSettingsTable = pgTable('deadline_settings', {
  ruleId: text('rule_id').primaryKey(),
  setting: jsonb('setting').notNull(),
  updatedBy: uuid('updated_by').references(() => usersTable.id),
  updatedAt: timestamptz('updated_at').notNull().defaultNow()
});
