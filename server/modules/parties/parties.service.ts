/**
 * Parties of petitions: their personal data is encrypted before it reaches the database and
 * decrypted only for callers who may see it (DESIGN.md security model; DOMAIN.md §7: the
 * denouncer's identity is kept secret). Reading a protected identity is recorded in the audit log
 * (that it was read, never what).
 */
import { randomUUID } from 'node:crypto';
import {
  checkFullName,
  checkIdNumber,
  checkPhone,
  identityProtectedByLaw,
  nameMatchKey,
  RESPONDENT_ROLES,
  normalizeAddress,
  WITHHELD,
  type PartyRole
} from '../../../shared/identity.ts';
import type { FieldError } from '../../../shared/api-error.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { commonErrors } from '../../http/errors.ts';
import { requirePetitionRead } from '../access/policy.ts';
import { canSeePartyIdentity, protectedIdentityScope } from '../access/identity-policy.ts';
import { appendAudit, type AuditEntry } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createPartiesRepository, type DuplicateRow } from './parties.repository.ts';
import { partyFieldLabel, type DuplicateMatchDto, type PartyDto, type PartyInput } from './parties.schemas.ts';
import { BLIND_INDEX, partyAad, type NewPartyRow, type PartyRow } from './parties.table.ts';

export interface PartiesServiceDeps {
  db: Db;
  cipher: FieldCipher;
  /** Where "a protected identity was read" goes (default: the audit log). */
  recordAudit?: (entry: AuditEntry) => Promise<void>;
}

/** A party after validation: canonical values, ready to encrypt. */
export interface PreparedParty {
  role: PartyRole;
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  identityProtected: boolean;
}

const DUPLICATES_LIMIT = 50;

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === '';

/**
 * Validates and normalises the parties of a request; throws one validation error naming every
 * field that is wrong (fields `${prefix}.${i}.${name}`, labels "Đương sự 2 – Số điện thoại").
 */
export function prepareParties(parties: readonly PartyInput[], prefix = 'parties'): PreparedParty[] {
  const errors: FieldError[] = [];
  const fail = (i: number, field: keyof PartyInput, result: { message: string; messageEn: string }) => {
    const label = partyFieldLabel(i, field);
    errors.push({ field: `${prefix}.${i}.${field}`, message: `${label.vi}: ${result.message}.`, messageEn: `${label.en}: ${result.messageEn}.` });
  };
  const prepared = parties.map((p, i): PreparedParty => {
    const name = checkFullName(p.fullName);
    if (!name.ok) fail(i, 'fullName', name);
    let idNumber: string | null = null;
    if (!blank(p.idNumber)) {
      const checked = checkIdNumber(p.idNumber);
      if (checked.ok) idNumber = checked.value;
      else fail(i, 'idNumber', checked);
    }
    let phone: string | null = null;
    if (!blank(p.phone)) {
      const checked = checkPhone(p.phone);
      if (checked.ok) phone = checked.value;
      else fail(i, 'phone', checked);
    }
    const address = blank(p.address) ? null : normalizeAddress(p.address);
    return { role: p.role, fullName: name.ok ? name.value : '', idNumber, phone, address, identityProtected: p.identityProtected === true };
  });
  if (errors.length > 0) throw commonErrors.validation(errors);
  return prepared;
}

export function createPartiesService(deps: PartiesServiceDeps) {
  const { cipher } = deps;
  const recordAudit = deps.recordAudit ?? ((entry: AuditEntry) => appendAudit(deps.db, entry));

  const open = (value: Buffer | null, aad: string): string | null => (value ? cipher.decrypt(value, aad) : null);

  function seal(id: string, p: Pick<PreparedParty, 'fullName' | 'idNumber' | 'phone' | 'address'>) {
    return {
      fullNameEnc: cipher.encrypt(p.fullName, partyAad.fullName(id)),
      idNumberEnc: p.idNumber === null ? null : cipher.encrypt(p.idNumber, partyAad.idNumber(id)),
      addressEnc: p.address === null ? null : cipher.encrypt(p.address, partyAad.address(id)),
      phoneEnc: p.phone === null ? null : cipher.encrypt(p.phone, partyAad.phone(id)),
      idNumberHash: p.idNumber === null ? null : cipher.blindIndex(BLIND_INDEX.idNumber, p.idNumber),
      phoneHash: p.phone === null ? null : cipher.blindIndex(BLIND_INDEX.phone, p.phone),
      nameHash: cipher.blindIndex(BLIND_INDEX.name, nameMatchKey(p.fullName)),
      keyId: cipher.keyId
    };
  }

  function toDto(row: PartyRow, identityProtected: boolean, visible: boolean): PartyDto {
    const base = { id: row.id, position: row.position, role: row.role as PartyRole, identityProtected };
    if (!visible) return { ...base, withheld: true, fullName: WITHHELD, idNumber: null, phone: null, address: null };
    return {
      ...base,
      withheld: false,
      fullName: cipher.decrypt(row.fullNameEnc, partyAad.fullName(row.id)),
      idNumber: open(row.idNumberEnc, partyAad.idNumber(row.id)),
      phone: open(row.phoneEnc, partyAad.phone(row.id)),
      address: open(row.addressEnc, partyAad.address(row.id))
    };
  }

  return {
    /** Validate early (before the petition's transaction); addParties validates again anyway. */
    validate: prepareParties,

    /**
     * Adds parties to a petition inside the caller's transaction (the petitions service's create
     * transaction, run as dt_scoped: the petition must be visible to it). Encrypts every value,
     * computes the blind indexes and the protection flag. Returns ids and roles only.
     */
    async addParties(
      tx: DbOrTx,
      petitionId: string,
      parties: readonly PartyInput[]
    ): Promise<{ id: string; role: PartyRole; identityProtected: boolean }[]> {
      if (parties.length === 0) return [];
      const prepared = prepareParties(parties);
      const repo = createPartiesRepository(tx);
      const petition = await repo.petitionRef(petitionId);
      if (!petition) throw commonErrors.notFound();
      const first = await repo.nextPosition(petitionId);
      const rows: NewPartyRow[] = prepared.map((p, i) => {
        const id = randomUUID();
        return {
          id,
          petitionId,
          position: first + i,
          role: p.role,
          identityProtected: p.identityProtected || identityProtectedByLaw(p.role, petition.type),
          ...seal(id, p)
        };
      });
      await repo.insertMany(rows);
      return rows.map((r) => ({ id: r.id!, role: r.role as PartyRole, identityProtected: r.identityProtected! }));
    },

    /**
     * The parties of a petition in the caller's scope (404 otherwise, as for a petition that does
     * not exist). Protected identities are withheld unless canSeeProtectedIdentity; reading one
     * is audited as petition.read_identity.
     */
    async listParties(user: AuthUser, petitionId: string): Promise<PartyDto[]> {
      const scope = requirePetitionRead(user);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(petitionId)) throw commonErrors.notFound();
      const found = await withScope(deps.db, scope, async (tx) => {
        const repo = createPartiesRepository(tx);
        const petition = await repo.petitionRef(petitionId, scope);
        return petition ? { petition, rows: await repo.listForPetition(petitionId) } : null;
      });
      if (!found) throw commonErrors.notFound();
      const { petition, rows } = found;
      let protectedShown = 0;
      const result = rows.map((row) => {
        const identityProtected = row.identityProtected || identityProtectedByLaw(row.role as PartyRole, petition.type);
        const visible = canSeePartyIdentity(user, petition.unitPath, identityProtected);
        if (visible && identityProtected) protectedShown++;
        return toDto(row, identityProtected, visible);
      });
      // Audited before anything is returned: no record, no disclosure.
      if (protectedShown > 0) {
        await recordAudit({
          actorId: user.id,
          actorLabel: user.identifierCode,
          action: 'petition.read_identity',
          entityType: 'petition',
          entityId: petition.id,
          unitPath: petition.unitPath,
          details: { code: petition.code, protectedParties: protectedShown }
        });
      }
      return result;
    },

    /**
     * Petitions in the caller's scope naming a person with this identity number or phone, matched
     * by blind index under every key of the ring (so rows indexed before a key rotation match).
     * A protected party matches only where the caller may see protected identities: otherwise
     * the match itself would tell who denounced.
     */
    async findDuplicates(
      user: AuthUser,
      query: { idNumber?: string; phone?: string; excludePetitionId?: string },
      options: { limit?: number } = {}
    ): Promise<DuplicateMatchDto[]> {
      const scope = requirePetitionRead(user);
      const errors: FieldError[] = [];
      let idNumber: string | null = null;
      let phone: string | null = null;
      if (!blank(query.idNumber)) {
        const checked = checkIdNumber(query.idNumber);
        if (checked.ok) idNumber = checked.value;
        else errors.push({ field: 'idNumber', message: `Số CCCD/CMND/hộ chiếu: ${checked.message}.`, messageEn: `Identity number: ${checked.messageEn}.` });
      }
      if (!blank(query.phone)) {
        const checked = checkPhone(query.phone);
        if (checked.ok) phone = checked.value;
        else errors.push({ field: 'phone', message: `Số điện thoại: ${checked.message}.`, messageEn: `Phone: ${checked.messageEn}.` });
      }
      if (errors.length === 0 && idNumber === null && phone === null) {
        errors.push({ field: 'idNumber', message: 'Cần số CCCD/CMND/hộ chiếu hoặc số điện thoại để kiểm tra trùng.', messageEn: 'Give an identity number or a phone to check for duplicates.' });
      }
      if (errors.length > 0) throw commonErrors.validation(errors);

      const rows = await withScope(deps.db, scope, (tx) =>
        createPartiesRepository(tx).findByHashes({
          idNumberHashes: idNumber === null ? [] : cipher.blindIndexes(BLIND_INDEX.idNumber, idNumber),
          phoneHashes: phone === null ? [] : cipher.blindIndexes(BLIND_INDEX.phone, phone),
          scopePaths: scope,
          protectedScopePaths: protectedIdentityScope(user),
          excludePetitionId: query.excludePetitionId,
          limit: Math.min(options.limit ?? DUPLICATES_LIMIT, DUPLICATES_LIMIT)
        })
      );
      return rows.map((r) => ({
        petitionId: r.petitionId,
        petitionCode: r.petitionCode,
        petitionType: r.petitionType,
        unitId: r.unitId,
        receivedAt: r.receivedAt.toISOString(),
        partyId: r.partyId,
        role: r.role,
        matchedOn: [...(r.byIdNumber ? (['idNumber'] as const) : []), ...(r.byPhone ? (['phone'] as const) : [])]
      }));
    },

    /**
     * The last digits of the senders' phones and identity numbers, for the public look-up where a
     * citizen proves a receipt is theirs. A system read (no user); nothing else leaves here.
     */
    async senderDigits(tx: DbOrTx, petitionId: string, count: number): Promise<string[]> {
      const rows = await createPartiesRepository(tx).listForPetition(petitionId);
      return rows
        .filter((row) => !RESPONDENT_ROLES.includes(row.role as PartyRole))
        .flatMap((row) => [open(row.phoneEnc, partyAad.phone(row.id)), open(row.idNumberEnc, partyAad.idNumber(row.id))])
        .map((value) => (value ?? '').replace(/\D/g, ''))
        .filter((digits) => digits.length >= count)
        .map((digits) => digits.slice(-count));
    },

    /**
     * Senders of earlier petitions matching any of these people by identity number, phone or
     * accent-folded name (keyed hashes only; nothing is decrypted), for the duplicate check at
     * intake. Inputs that do not normalise (a malformed phone) are simply not matched on.
     */
    async matchSenders(
      tx: DbOrTx,
      user: AuthUser,
      people: readonly { fullName?: string; idNumber?: string; phone?: string }[],
      options: { since: Date; excludePetitionId?: string; limit: number }
    ): Promise<DuplicateRow[]> {
      const idNumberHashes: Buffer[] = [];
      const phoneHashes: Buffer[] = [];
      const nameHashes: Buffer[] = [];
      for (const person of people) {
        const id = blank(person.idNumber) ? null : checkIdNumber(person.idNumber);
        if (id?.ok) idNumberHashes.push(...cipher.blindIndexes(BLIND_INDEX.idNumber, id.value));
        const phone = blank(person.phone) ? null : checkPhone(person.phone);
        if (phone?.ok) phoneHashes.push(...cipher.blindIndexes(BLIND_INDEX.phone, phone.value));
        if (!blank(person.fullName) && nameMatchKey(person.fullName).length >= 3) nameHashes.push(...cipher.blindIndexes(BLIND_INDEX.name, nameMatchKey(person.fullName)));
      }
      if (idNumberHashes.length + phoneHashes.length + nameHashes.length === 0) return [];
      return createPartiesRepository(tx).findByHashes({
        idNumberHashes,
        phoneHashes,
        nameHashes,
        since: options.since,
        scopePaths: requirePetitionRead(user),
        protectedScopePaths: protectedIdentityScope(user),
        excludePetitionId: options.excludePetitionId,
        limit: options.limit
      });
    },

    /**
     * Key rotation: re-encrypts up to `batchSize` rows written under an old key with the current
     * key and recomputes their blind indexes; returns how many it did (0 = done). A system job,
     * run with the application's own rights (not a user's scope). Rows stay readable throughout,
     * since the old key remains in DATA_KEYS_OLD until this returns 0.
     */
    async reencryptStale(batchSize = 500): Promise<number> {
      return deps.db.transaction(async (tx) => {
        const repo = createPartiesRepository(tx);
        const stale = await repo.lockStale(cipher.keyId, batchSize);
        for (const row of stale) {
          const plain = {
            fullName: cipher.decrypt(row.fullNameEnc, partyAad.fullName(row.id)),
            idNumber: open(row.idNumberEnc, partyAad.idNumber(row.id)),
            phone: open(row.phoneEnc, partyAad.phone(row.id)),
            address: open(row.addressEnc, partyAad.address(row.id))
          };
          await repo.updateEncrypted(row.id, seal(row.id, plain));
        }
        return stale.length;
      });
    }
  };
}
export type PartiesService = ReturnType<typeof createPartiesService>;
