import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ltree, timestamptz, updatedAt } from '../../db/columns.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';

/** A case (vụ việc): many letters about one matter. */
export const casesTable = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  unitPath: ltree('unit_path').notNull(),
  type: text('type').notNull(),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: createdAt()
});
export type CaseRow = typeof casesTable.$inferSelect;

/** Who forwarded the letter to us, when it came through another body or a deputy. */
export interface Forwarding {
  body: string;
  documentNo?: string;
  documentDate?: string;
}

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
  updatedAt: updatedAt(),
  source: text('source').notNull().default('TRUC_TIEP'),
  forwarding: jsonb('forwarding').$type<Forwarding>(),
  field: text('field'),
  senderKind: text('sender_kind').notNull().default('CA_NHAN'),
  signerCount: integer('signer_count').notNull().default(1),
  respondent: text('respondent'),
  provinceCode: text('province_code'),
  communeCode: text('commune_code'),
  writtenOn: date('written_on', { mode: 'string' }),
  competence: text('competence'),
  eligible: boolean('eligible'),
  complexity: text('complexity').notNull().default('THUONG'),
  remoteArea: boolean('remote_area').notNull().default(false),
  round: integer('round').notNull().default(1),
  caseId: uuid('case_id').references(() => casesTable.id),
  parentId: uuid('parent_id'),
  transferredFromUnitId: uuid('transferred_from_unit_id').references(() => unitsTable.id),
  assignedTo: uuid('assigned_to').references(() => usersTable.id),
  clockStart: date('clock_start', { mode: 'string' }),
  dueRule: text('due_rule'),
  extensions: integer('extensions').notNull().default(0),
  dueDate: date('due_date', { mode: 'string' }),
  dueAt: timestamptz('due_at'),
  pausedAt: timestamptz('paused_at'),
  deadlineState: text('deadline_state').notNull().default('ON_TRACK'),
  closedAt: timestamptz('closed_at'),
  closedOnTime: boolean('closed_on_time'),
  result: text('result')
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
  occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
  /** The acting unit at the time (reports count steps by the unit that took them). */
  unitPath: ltree('unit_path'),
  fromUnitId: uuid('from_unit_id').references(() => unitsTable.id),
  targetUnitId: uuid('target_unit_id').references(() => unitsTable.id),
  targetBody: text('target_body'),
  reason: text('reason'),
  documentNo: text('document_no'),
  documentDate: date('document_date', { mode: 'string' }),
  decision: jsonb('decision').$type<Record<string, unknown>>()
});
export type PetitionEventRow = typeof petitionEventsTable.$inferSelect;

export const petitionCountersTable = pgTable(
  'petition_counters',
  {
    unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
    year: integer('year').notNull(),
    last: integer('last').notNull()
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })]
);
