/** Reception tables (schema: migrations/0009_reception.sql). */
import { boolean, date, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import type { ScheduleRule } from '../../../shared/reception.ts';
import { bytea, createdAt, ltree, timestamptz, updatedAt } from '../../db/columns.ts';
import { petitionsTable } from '../petitions/petitions.table.ts';
import { unitsTable } from '../units/units.table.ts';
import { usersTable } from '../users/users.table.ts';

export const receptionSchedulesTable = pgTable('reception_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  unitPath: ltree('unit_path').notNull(),
  title: text('title').notNull(),
  hostUserId: uuid('host_user_id').notNull().references(() => usersTable.id),
  hostMode: text('host_mode').notNull(),
  channel: text('channel').notNull(),
  meetingUrl: text('meeting_url'),
  identityCheckMethod: text('identity_check_method'),
  place: text('place').notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  rule: jsonb('rule').$type<ScheduleRule>().notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  generatedUntil: date('generated_until'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type ScheduleRow = typeof receptionSchedulesTable.$inferSelect;
export type NewScheduleRow = typeof receptionSchedulesTable.$inferInsert;

export const receptionSessionsTable = pgTable('reception_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  unitPath: ltree('unit_path').notNull(),
  scheduleId: uuid('schedule_id').references(() => receptionSchedulesTable.id),
  scheduledFor: date('scheduled_for'),
  type: text('type').notNull(),
  sessionDate: date('session_date').notNull(),
  startTime: text('start_time'),
  endTime: text('end_time'),
  place: text('place').notNull(),
  desk: text('desk'),
  hostUserId: uuid('host_user_id').references(() => usersTable.id),
  hostMode: text('host_mode'),
  channel: text('channel').notNull(),
  meetingUrl: text('meeting_url'),
  identityCheckMethod: text('identity_check_method'),
  status: text('status').notNull(),
  edited: boolean('edited').notNull().default(false),
  conclusionNoticeNo: text('conclusion_notice_no'),
  conclusionNoticeDate: date('conclusion_notice_date'),
  cancelReason: text('cancel_reason'),
  note: text('note'),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  closedAt: timestamptz('closed_at'),
  closedBy: uuid('closed_by').references(() => usersTable.id)
});
export type SessionRow = typeof receptionSessionsTable.$inferSelect;
export type NewSessionRow = typeof receptionSessionsTable.$inferInsert;

export const receptionCountersTable = pgTable(
  'reception_counters',
  {
    unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
    year: integer('year').notNull(),
    last: integer('last').notNull()
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })]
);

export const receptionVisitsTable = pgTable('reception_visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id').notNull().references(() => receptionSessionsTable.id),
  unitId: uuid('unit_id').notNull().references(() => unitsTable.id),
  unitPath: ltree('unit_path').notNull(),
  year: integer('year').notNull(),
  seq: integer('seq').notNull(),
  visitedAt: timestamptz('visited_at').notNull(),
  place: text('place').notNull(),
  receivedBy: uuid('received_by').notNull().references(() => usersTable.id),
  leaderUserId: uuid('leader_user_id').references(() => usersTable.id),
  channel: text('channel').notNull(),
  isGroup: boolean('is_group').notNull(),
  groupSize: integer('group_size').notNull(),
  representativeCount: integer('representative_count').notNull(),
  round: text('round').notNull(),
  summary: text('summary').notNull(),
  classification: text('classification').notNull(),
  priorBody: text('prior_body'),
  documents: text('documents'),
  outcome: text('outcome').notNull(),
  outcomeBody: text('outcome_body'),
  outcomeDocNo: text('outcome_doc_no'),
  refusalReason: text('refusal_reason'),
  refusalNoticeNo: text('refusal_notice_no'),
  replyDueDate: date('reply_due_date'),
  followUp: text('follow_up'),
  notes: text('notes'),
  petitionId: uuid('petition_id').references(() => petitionsTable.id),
  petitionCode: text('petition_code'),
  identityCheckMethod: text('identity_check_method'),
  identityCheckedBy: uuid('identity_checked_by').references(() => usersTable.id),
  createdBy: uuid('created_by').references(() => usersTable.id),
  createdAt: createdAt(),
  updatedAt: updatedAt()
});
export type VisitRow = typeof receptionVisitsTable.$inferSelect;
export type NewVisitRow = typeof receptionVisitsTable.$inferInsert;

/** Every personal value encrypted (the same FieldCipher and blind indexes as petition_parties). */
export const receptionVisitorsTable = pgTable('reception_visitors', {
  id: uuid('id').primaryKey(),
  visitId: uuid('visit_id').notNull().references(() => receptionVisitsTable.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  isRepresentative: boolean('is_representative').notNull(),
  fullNameEnc: bytea('full_name_enc').notNull(),
  idNumberEnc: bytea('id_number_enc'),
  addressEnc: bytea('address_enc'),
  phoneEnc: bytea('phone_enc'),
  idNumberHash: bytea('id_number_hash'),
  phoneHash: bytea('phone_hash'),
  nameHash: bytea('name_hash').notNull(),
  keyId: text('key_id').notNull(),
  identityProtected: boolean('identity_protected').notNull(),
  createdAt: createdAt()
});
export type VisitorRow = typeof receptionVisitorsTable.$inferSelect;
export type NewVisitorRow = typeof receptionVisitorsTable.$inferInsert;

/** Associated data of each encrypted column: a value is bound to its column and its row. */
export const visitorAad = {
  fullName: (id: string) => `reception_visitors.full_name:${id}`,
  idNumber: (id: string) => `reception_visitors.id_number:${id}`,
  address: (id: string) => `reception_visitors.address:${id}`,
  phone: (id: string) => `reception_visitors.phone:${id}`
};
