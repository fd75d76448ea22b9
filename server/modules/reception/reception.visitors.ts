/**
 * Visitors' personal data, sealed and opened with the application's one FieldCipher and the same
 * blind indexes as petition parties (server/modules/parties): a person who came to the desk and
 * later wrote a letter matches on the same keyed hashes, and nothing here is a second cipher.
 */
import { randomUUID } from 'node:crypto';
import { nameMatchKey, WITHHELD } from '../../../shared/identity.ts';
import type { VisitClassification } from '../../../shared/reception.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import { prepareParties, type PreparedParty } from '../parties/parties.service.ts';
import { BLIND_INDEX } from '../parties/parties.table.ts';
import type { VisitorInputDto, VisitorDto } from './reception.schemas.ts';
import { visitorAad, type NewVisitorRow, type VisitorRow } from './reception.table.ts';

export interface PreparedVisitor extends Pick<PreparedParty, 'fullName' | 'idNumber' | 'phone' | 'address'> {
  identityProtected: boolean;
}

/**
 * Validates and normalises the visitors with the parties' rules (one error naming every wrong
 * field, `visitors.<i>.<field>`). The role only selects the parties' checks; visitors have none.
 */
export function prepareVisitors(visitors: readonly VisitorInputDto[]): PreparedVisitor[] {
  const prepared = prepareParties(
    visitors.map((v) => ({ role: 'NGUOI_DAI_DIEN' as const, fullName: v.fullName, idNumber: v.idNumber, phone: v.phone, address: v.address })),
    'visitors'
  );
  return prepared.map((p, i) => ({ fullName: p.fullName, idNumber: p.idNumber, phone: p.phone, address: p.address, identityProtected: visitors[i]?.identityProtected === true }));
}

/** A denouncer's identity is secret (Luật Tố cáo Điều 8.3, 56): so is every visitor who comes to denounce. */
export function visitorProtected(row: { identityProtected: boolean }, classification: VisitClassification | string): boolean {
  return row.identityProtected || classification === 'TO_CAO';
}

export function createVisitorCipher(cipher: FieldCipher) {
  const open = (value: Buffer | null, aad: string): string | null => (value ? cipher.decrypt(value, aad) : null);

  return {
    /** Rows ready to insert for a visit: every value encrypted, blind indexes computed. */
    seal(visitId: string, visitors: readonly PreparedVisitor[], isGroup: boolean, classification: VisitClassification): NewVisitorRow[] {
      return visitors.map((p, position) => {
        const id = randomUUID();
        return {
          id,
          visitId,
          position,
          isRepresentative: isGroup,
          fullNameEnc: cipher.encrypt(p.fullName, visitorAad.fullName(id)),
          idNumberEnc: p.idNumber === null ? null : cipher.encrypt(p.idNumber, visitorAad.idNumber(id)),
          addressEnc: p.address === null ? null : cipher.encrypt(p.address, visitorAad.address(id)),
          phoneEnc: p.phone === null ? null : cipher.encrypt(p.phone, visitorAad.phone(id)),
          idNumberHash: p.idNumber === null ? null : cipher.blindIndex(BLIND_INDEX.idNumber, p.idNumber),
          phoneHash: p.phone === null ? null : cipher.blindIndex(BLIND_INDEX.phone, p.phone),
          nameHash: cipher.blindIndex(BLIND_INDEX.name, nameMatchKey(p.fullName)),
          keyId: cipher.keyId,
          identityProtected: visitorProtected(p, classification)
        };
      });
    },

    /** Blind indexes of a person under every key of the ring (earlier visits before a key rotation match too). */
    lookupHashes(visitors: readonly PreparedVisitor[]): { idNumber: Buffer[]; phone: Buffer[] } {
      return {
        idNumber: visitors.flatMap((v) => (v.idNumber ? cipher.blindIndexes(BLIND_INDEX.idNumber, v.idNumber) : [])),
        phone: visitors.flatMap((v) => (v.phone ? cipher.blindIndexes(BLIND_INDEX.phone, v.phone) : []))
      };
    },

    /** The visitor as the API shows it: in clear only when `visible`. */
    toDto(row: VisitorRow, identityProtected: boolean, visible: boolean): VisitorDto {
      const base = { id: row.id, position: row.position, isRepresentative: row.isRepresentative, identityProtected };
      if (!visible) return { ...base, withheld: true, fullName: WITHHELD, idNumber: null, phone: null, address: null };
      return {
        ...base,
        withheld: false,
        fullName: cipher.decrypt(row.fullNameEnc, visitorAad.fullName(row.id)),
        idNumber: open(row.idNumberEnc, visitorAad.idNumber(row.id)),
        phone: open(row.phoneEnc, visitorAad.phone(row.id)),
        address: open(row.addressEnc, visitorAad.address(row.id))
      };
    }
  };
}
export type VisitorCipher = ReturnType<typeof createVisitorCipher>;
