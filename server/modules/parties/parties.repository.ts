import { asc, eq, ne, sql } from 'drizzle-orm';
import type { PetitionType } from '../../../shared/petition.ts';
import { RESPONDENT_ROLES, type PartyRole } from '../../../shared/identity.ts';
import type { DbOrTx } from '../../db/client.ts';
import { arrayParam } from '../../db/columns.ts';
import { petitionPartiesTable, type NewPartyRow, type PartyRow } from './parties.table.ts';

export interface PetitionRef {
  id: string;
  code: string;
  type: PetitionType;
  unitPath: string;
}

export interface DuplicateRow {
  partyId: string;
  role: PartyRole;
  petitionId: string;
  petitionCode: string;
  petitionType: PetitionType;
  unitId: string;
  receivedAt: Date;
  byIdNumber: boolean;
  byPhone: boolean;
  byName: boolean;
}

/**
 * Protected by law, evaluated with the petition's current type (mirror of identityProtectedByLaw
 * in shared/identity.ts, for queries that must filter before any row leaves the database).
 */
const effectivelyProtected = sql`(pp.identity_protected OR pp.role = 'NGUOI_TO_CAO'
  OR (p.type = 'TO_CAO' AND pp.role <> ALL(${arrayParam(RESPONDENT_ROLES, 'text')})))`;

export function createPartiesRepository(db: DbOrTx) {
  return {
    /**
     * The few petition fields this module needs (type for protection, unit path for access).
     * Read here rather than through the petitions service because it must run in the caller's
     * transaction and, for duplicates, inside the same query; it reads no personal data.
     */
    async petitionRef(petitionId: string, scopePaths?: readonly string[]): Promise<PetitionRef | null> {
      const { rows } = await db.execute<{ id: string; code: string; type: PetitionType; unit_path: string }>(sql`
        SELECT id, code, type, unit_path::text AS unit_path FROM petitions
         WHERE id = ${petitionId}::uuid
           ${scopePaths ? sql`AND unit_path <@ ANY(${arrayParam(scopePaths, 'ltree')})` : sql``}`);
      const row = rows[0];
      return row ? { id: row.id, code: row.code, type: row.type, unitPath: row.unit_path } : null;
    },

    async nextPosition(petitionId: string): Promise<number> {
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${petitionPartiesTable.position}) + 1, 0)::int` })
        .from(petitionPartiesTable)
        .where(eq(petitionPartiesTable.petitionId, petitionId));
      return row?.next ?? 0;
    },

    async insertMany(rows: NewPartyRow[]): Promise<void> {
      if (rows.length > 0) await db.insert(petitionPartiesTable).values(rows);
    },

    async listForPetition(petitionId: string): Promise<PartyRow[]> {
      return db.select().from(petitionPartiesTable).where(eq(petitionPartiesTable.petitionId, petitionId)).orderBy(asc(petitionPartiesTable.position));
    },

    /**
     * Parties whose id-number or phone index is one of the given, on petitions inside `scopePaths`;
     * protected identities only on petitions inside `protectedScopePaths` (a match would disclose
     * who denounced). Newest petitions first.
     */
    async findByHashes(query: {
      idNumberHashes: Buffer[];
      phoneHashes: Buffer[];
      /** Also match on the folded name (the duplicate check at intake); absent: never on name. */
      nameHashes?: Buffer[];
      /** Only petitions received since (the duplicate check's window). */
      since?: Date;
      scopePaths: readonly string[];
      protectedScopePaths: readonly string[];
      excludePetitionId?: string;
      limit: number;
    }): Promise<DuplicateRow[]> {
      const byId = sql`pp.id_number_hash = ANY(${arrayParam(query.idNumberHashes, 'bytea')})`;
      const byPhone = sql`pp.phone_hash = ANY(${arrayParam(query.phoneHashes, 'bytea')})`;
      const byName = sql`pp.name_hash = ANY(${arrayParam(query.nameHashes ?? [], 'bytea')})`;
      const { rows } = await db.execute<{
        party_id: string;
        role: PartyRole;
        petition_id: string;
        code: string;
        type: PetitionType;
        unit_id: string;
        received_at: Date;
        by_id_number: boolean;
        by_phone: boolean;
        by_name: boolean;
      }>(sql`
        SELECT pp.id AS party_id, pp.role, p.id AS petition_id, p.code, p.type, p.unit_id, p.received_at,
               coalesce(${byId}, false) AS by_id_number, coalesce(${byPhone}, false) AS by_phone, ${byName} AS by_name
          FROM petition_parties pp
          JOIN petitions p ON p.id = pp.petition_id
         WHERE (${byId} OR ${byPhone} OR ${byName})
           ${query.since ? sql`AND p.received_at >= ${query.since}` : sql``}
           AND p.unit_path <@ ANY(${arrayParam(query.scopePaths, 'ltree')})
           AND (NOT ${effectivelyProtected} OR p.unit_path <@ ANY(${arrayParam(query.protectedScopePaths, 'ltree')}))
           ${query.excludePetitionId ? sql`AND p.id <> ${query.excludePetitionId}::uuid` : sql``}
         ORDER BY p.received_at DESC, p.id DESC, pp.position
         LIMIT ${query.limit}`);
      return rows.map((r) => ({
        partyId: r.party_id,
        role: r.role,
        petitionId: r.petition_id,
        petitionCode: r.code,
        petitionType: r.type,
        unitId: r.unit_id,
        receivedAt: new Date(r.received_at),
        byIdNumber: r.by_id_number,
        byPhone: r.by_phone,
        byName: r.by_name
      }));
    },

    /** Rows still encrypted under another key than `currentKeyId`, locked for re-encryption. */
    async lockStale(currentKeyId: string, limit: number): Promise<PartyRow[]> {
      return db.select().from(petitionPartiesTable).where(ne(petitionPartiesTable.keyId, currentKeyId)).limit(limit).for('update', { skipLocked: true });
    },

    async updateEncrypted(id: string, values: Pick<NewPartyRow, 'fullNameEnc' | 'idNumberEnc' | 'addressEnc' | 'phoneEnc' | 'idNumberHash' | 'phoneHash' | 'nameHash' | 'keyId'>): Promise<void> {
      await db.update(petitionPartiesTable).set(values).where(eq(petitionPartiesTable.id, id));
    }
  };
}
export type PartiesRepository = ReturnType<typeof createPartiesRepository>;
