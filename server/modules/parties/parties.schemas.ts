import { Type, type Static } from 'typebox';
import { ADDRESS_MAX, FULL_NAME_MAX, FULL_NAME_MIN, PARTY_ROLES } from '../../../shared/identity.ts';
import { PETITION_TYPES } from '../../../shared/petition.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';

/** Parties one petition may carry in one request (a group names at most 5 representatives, Luật TCD Điều 30; signatories are more). */
export const PARTIES_MAX = 50;

/**
 * One person named in a petition, as the intake form sends it. idNumber and phone are checked
 * by shared/identity.ts in the service (the schema only bounds their length), so the clerk reads
 * why a number is wrong rather than "wrong format".
 */
export const PartyInput = Type.Object(
  {
    role: Type.Enum([...PARTY_ROLES], { description: 'Tư cách (người khiếu nại, người tố cáo, …) / role in the petition' }),
    fullName: Type.String({ minLength: FULL_NAME_MIN, maxLength: FULL_NAME_MAX, description: 'Họ và tên / full name' }),
    idNumber: Type.Optional(Type.String({ maxLength: 32, description: 'Số CCCD (12 số), CMND (9 số) hoặc hộ chiếu / identity number' })),
    phone: Type.Optional(Type.String({ maxLength: 32, description: 'Số điện thoại (di động 10 số, máy bàn 11 số; +84 được chấp nhận) / phone' })),
    address: Type.Optional(Type.String({ maxLength: ADDRESS_MAX, description: 'Địa chỉ / address' })),
    identityProtected: Type.Optional(
      Type.Boolean({ description: 'Giữ bí mật danh tính (luôn bật với người tố cáo) / keep identity secret (always on for a denouncer)' })
    )
  },
  { additionalProperties: false }
);
export type PartyInput = Static<typeof PartyInput>;

/** For the petition body: `parties: Type.Optional(PartiesInput)`. */
export const PartiesInput = Type.Array(PartyInput, { maxItems: PARTIES_MAX, description: 'Đương sự / parties' });

const FIELD_LABELS: Record<keyof PartyInput, { vi: string; en: string }> = {
  role: { vi: 'Tư cách', en: 'role' },
  fullName: { vi: 'Họ và tên', en: 'full name' },
  idNumber: { vi: 'Số CCCD/CMND/hộ chiếu', en: 'identity number' },
  phone: { vi: 'Số điện thoại', en: 'phone' },
  address: { vi: 'Địa chỉ', en: 'address' },
  identityProtected: { vi: 'Giữ bí mật danh tính', en: 'keep identity secret' }
};

/** "Đương sự 2 – Số điện thoại" / "Party 2 – phone" for the field parties.1.phone. */
export function partyFieldLabel(index: number, field: keyof PartyInput): { vi: string; en: string } {
  const label = FIELD_LABELS[field];
  return { vi: `Đương sự ${index + 1} – ${label.vi}`, en: `Party ${index + 1} – ${label.en}` };
}

/** Labels for every field of every party under `prefix` (merge into the route's config.fieldLabels). */
export function partyLabels(prefix = 'parties'): FieldLabels {
  const labels: FieldLabels = { [prefix]: { vi: 'Đương sự', en: 'Parties' } };
  for (let i = 0; i < PARTIES_MAX; i++) {
    labels[`${prefix}.${i}`] = { vi: `Đương sự ${i + 1}`, en: `Party ${i + 1}` };
    for (const field of Object.keys(FIELD_LABELS) as (keyof PartyInput)[]) labels[`${prefix}.${i}.${field}`] = partyFieldLabel(i, field);
  }
  return labels;
}

/** A party as the API shows it; withheld identities carry WITHHELD as name and null details. */
export const Party = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer({ minimum: 0 }),
  role: Type.Enum([...PARTY_ROLES]),
  identityProtected: Type.Boolean({ description: 'Danh tính được giữ bí mật / identity kept secret' }),
  withheld: Type.Boolean({ description: 'Người xem không có quyền xem danh tính này / the caller may not see this identity' }),
  fullName: Type.String(),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()])
});
export type PartyDto = Static<typeof Party>;

/** Duplicate check: send in a POST body, never a query string (URLs are logged). */
export const DuplicateQuery = Type.Object(
  {
    idNumber: Type.Optional(Type.String({ maxLength: 32, description: 'Số CCCD/CMND/hộ chiếu / identity number' })),
    phone: Type.Optional(Type.String({ maxLength: 32, description: 'Số điện thoại / phone' })),
    excludePetitionId: Type.Optional(Type.String({ format: 'uuid', description: 'Bỏ qua đơn này / leave this petition out' }))
  },
  { additionalProperties: false }
);
export type DuplicateQueryInput = Static<typeof DuplicateQuery>;

export const duplicateQueryLabels: FieldLabels = {
  idNumber: { vi: 'Số CCCD/CMND/hộ chiếu', en: 'Identity number' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  excludePetitionId: { vi: 'Đơn bỏ qua', en: 'Petition left out' }
};

/** A petition where the same person appears; no personal data (listParties shows it to those allowed). */
export const DuplicateMatch = Type.Object({
  petitionId: Type.String({ format: 'uuid' }),
  petitionCode: Type.String(),
  petitionType: Type.Enum([...PETITION_TYPES]),
  unitId: Type.String({ format: 'uuid' }),
  receivedAt: Type.String({ format: 'date-time' }),
  partyId: Type.String({ format: 'uuid' }),
  role: Type.Enum([...PARTY_ROLES]),
  matchedOn: Type.Array(Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]))
});
export type DuplicateMatchDto = Static<typeof DuplicateMatch>;
