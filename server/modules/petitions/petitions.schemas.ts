import { Type, type Static } from 'typebox';
import { PETITION_STATUSES, PETITION_SUMMARY_MAX, PETITION_SUMMARY_MIN, PETITION_TYPES } from '../../../shared/petition.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';
import { PartiesInput, partyLabels } from '../parties/parties.schemas.ts';

export const CreatePetitionBody = Type.Object(
  {
    type: Type.Enum([...PETITION_TYPES], { description: 'Loại đơn / petition type' }),
    summary: Type.String({ minLength: PETITION_SUMMARY_MIN, maxLength: PETITION_SUMMARY_MAX, description: 'Tóm tắt nội dung / content summary' }),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Ngày nhận đơn (mặc định: bây giờ) / date received (default: now)' })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị tiếp nhận (mặc định: đơn vị của cán bộ) / receiving unit' })),
    parties: Type.Optional(PartiesInput)
  },
  { additionalProperties: false }
);
export type CreatePetitionInput = Static<typeof CreatePetitionBody>;

export const petitionLabels: FieldLabels = {
  type: { vi: 'Loại đơn', en: 'Petition type' },
  summary: { vi: 'Tóm tắt nội dung', en: 'Content summary' },
  receivedAt: { vi: 'Ngày nhận đơn', en: 'Date received' },
  unitId: { vi: 'Đơn vị tiếp nhận', en: 'Receiving unit' },
  parties: { vi: 'Đương sự', en: 'Parties' },
  ...partyLabels('parties')
};

export const Petition = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Mã đơn / receipt number' }),
  type: Type.Enum([...PETITION_TYPES]),
  status: Type.Enum([...PETITION_STATUSES]),
  summary: Type.String(),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' })
});
export type PetitionDto = Static<typeof Petition>;

export const ListPetitionsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 100, description: 'Con trỏ trang tiếp / next-page cursor' }))
  },
  { additionalProperties: false }
);

export const PetitionPage = Type.Object({
  items: Type.Array(Petition),
  nextCursor: Type.Union([Type.String(), Type.Null()])
});

export const PetitionStats = Type.Object({
  total: Type.Integer(),
  receivedToday: Type.Integer(),
  lastSeq: Type.String({ description: 'Sự kiện mới nhất đã phát / newest delivered event seq' })
});
