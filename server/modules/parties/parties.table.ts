import { boolean, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from '../../db/columns.ts';
import { petitionsTable } from '../petitions/petitions.table.ts';

/** Parties of a petition; every personal value encrypted (schema: migrations/0004_parties.sql). */
export const petitionPartiesTable = pgTable('petition_parties', {
  id: uuid('id').primaryKey(),
  petitionId: uuid('petition_id').notNull().references(() => petitionsTable.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  role: text('role').notNull(),
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
export type PartyRow = typeof petitionPartiesTable.$inferSelect;
export type NewPartyRow = typeof petitionPartiesTable.$inferInsert;

/** Associated data of each encrypted column: the value is bound to its column and its row. */
export const partyAad = {
  fullName: (id: string) => `petition_parties.full_name:${id}`,
  idNumber: (id: string) => `petition_parties.id_number:${id}`,
  address: (id: string) => `petition_parties.address:${id}`,
  phone: (id: string) => `petition_parties.phone:${id}`
};

/** Blind-index kinds (HMAC domain separation). */
export const BLIND_INDEX = { idNumber: 'id_number', phone: 'phone', name: 'name' } as const;
