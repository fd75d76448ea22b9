import { Type, type Static } from 'typebox';
import { PETITION_STATUSES, PETITION_SUMMARY_MAX, PETITION_SUMMARY_MIN, PETITION_TYPES } from '../../../shared/petition.ts';
import { ARCHIVE_REASONS, COMPETENCES, COMPLEXITIES, PETITION_FIELDS, PETITION_SOURCES, SENDER_KINDS } from '../../../shared/procedure/intake.ts';
import { ACTION_CODES } from '../../../shared/procedure/state-machine.ts';
import { RESOLUTION_RESULTS } from '../../../shared/procedure/states.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';
import { PartiesInput, partyLabels } from '../parties/parties.schemas.ts';

const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD)` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Forwarding = Type.Object(
  {
    body: Type.String({ minLength: 2, maxLength: 300, description: 'Cơ quan, đại biểu chuyển đơn / forwarding body or deputy' }),
    documentNo: Type.Optional(Type.String({ maxLength: 100, description: 'Số văn bản chuyển / forwarding document number' })),
    documentDate: Type.Optional(IsoDate('Ngày văn bản chuyển / forwarding document date'))
  },
  { additionalProperties: false }
);

export const CreatePetitionBody = Type.Object(
  {
    type: Type.Enum([...PETITION_TYPES], { description: 'Loại đơn / petition type' }),
    summary: Type.String({ minLength: PETITION_SUMMARY_MIN, maxLength: PETITION_SUMMARY_MAX, description: 'Tóm tắt nội dung / content summary' }),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Ngày nhận đơn (mặc định: bây giờ) / date received (default: now)' })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị tiếp nhận (mặc định: đơn vị của cán bộ) / receiving unit' })),
    parties: Type.Optional(PartiesInput),
    source: Type.Optional(Type.Enum([...PETITION_SOURCES], { description: 'Nguồn đơn / channel' })),
    forwarding: Type.Optional(Forwarding),
    field: Type.Optional(Type.Enum([...PETITION_FIELDS], { description: 'Lĩnh vực / field of life' })),
    senderKind: Type.Optional(Type.Enum([...SENDER_KINDS], { description: 'Người đứng tên / who signed' })),
    signerCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: 'Số người đứng tên / number of signers' })),
    respondent: Type.Optional(Type.String({ maxLength: 500, description: 'Người, cơ quan bị khiếu nại, tố cáo / subject complained about or denounced' })),
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'Tỉnh, thành phố nơi xảy ra vụ việc / province' })),
    communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'Xã, phường nơi xảy ra vụ việc / commune' })),
    writtenOn: Type.Optional(IsoDate('Ngày viết đơn / date written')),
    remoteArea: Type.Optional(Type.Boolean({ description: 'Vùng sâu, vùng xa / remote area (longer limits)' })),
    caseId: Type.Optional(Type.String({ format: 'uuid', description: 'Gộp vào vụ việc đã có / join an existing case; absent: a new case' }))
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
  source: { vi: 'Nguồn đơn', en: 'Channel' },
  forwarding: { vi: 'Cơ quan chuyển đơn', en: 'Forwarding body' },
  'forwarding.body': { vi: 'Cơ quan chuyển đơn', en: 'Forwarding body' },
  'forwarding.documentDate': { vi: 'Ngày văn bản chuyển', en: 'Forwarding document date' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  senderKind: { vi: 'Người đứng tên', en: 'Signers' },
  signerCount: { vi: 'Số người đứng tên', en: 'Number of signers' },
  respondent: { vi: 'Người, cơ quan bị khiếu nại, tố cáo', en: 'Subject' },
  provinceCode: { vi: 'Tỉnh, thành phố', en: 'Province' },
  communeCode: { vi: 'Xã, phường', en: 'Commune' },
  writtenOn: { vi: 'Ngày viết đơn', en: 'Date written' },
  remoteArea: { vi: 'Vùng sâu, vùng xa', en: 'Remote area' },
  caseId: { vi: 'Vụ việc', en: 'Case' },
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
  createdAt: Type.String({ format: 'date-time' }),
  source: Type.String(),
  field: Nullable(Type.String()),
  senderKind: Type.String(),
  respondent: Nullable(Type.String()),
  provinceCode: Nullable(Type.String()),
  communeCode: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  assignedTo: Nullable(Type.String()),
  dueDate: Nullable(Type.String({ description: 'Hạn của bước đang mở / due date of the open step (YYYY-MM-DD)' })),
  deadlineState: Type.String(),
  closedAt: Nullable(Type.String({ format: 'date-time' }))
});
export type PetitionDto = Static<typeof Petition>;

export const PetitionEvent = Type.Object({
  id: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  targetUnitName: Nullable(Type.String()),
  targetBody: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  documentNo: Nullable(Type.String()),
  documentDate: Nullable(Type.String()),
  decision: Nullable(Type.Object({}, { additionalProperties: true })),
  occurredAt: Type.String({ format: 'date-time' })
});

export const PetitionDetail = Type.Object({
  ...Petition.properties,
  caseCode: Nullable(Type.String()),
  forwarding: Nullable(Type.Object({}, { additionalProperties: true })),
  signerCount: Type.Integer(),
  writtenOn: Nullable(Type.String()),
  competence: Nullable(Type.String()),
  eligible: Nullable(Type.Boolean()),
  complexity: Type.String(),
  remoteArea: Type.Boolean(),
  round: Type.Integer(),
  dueRule: Nullable(Type.String()),
  extensions: Type.Integer(),
  closedOnTime: Nullable(Type.Boolean()),
  result: Nullable(Type.String()),
  transferredFromUnitId: Nullable(Type.String()),
  transferredFromUnitName: Nullable(Type.String()),
  assignedToName: Nullable(Type.String()),
  allowedActions: Type.Array(Type.Enum([...ACTION_CODES]), { description: 'Các bước người xem được làm lúc này / actions the caller may take now' }),
  history: Type.Array(PetitionEvent)
});
export type PetitionDetailDto = Static<typeof PetitionDetail>;

export const ListPetitionsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 100, description: 'Con trỏ trang tiếp / next-page cursor' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Tìm theo mã, nội dung, đối tượng (không dấu cũng được) / search, accents optional' })),
    status: Type.Optional(Type.Array(Type.Enum([...PETITION_STATUSES]), { maxItems: 20 })),
    type: Type.Optional(Type.Array(Type.Enum([...PETITION_TYPES]), { maxItems: 5 })),
    field: Type.Optional(Type.Array(Type.Enum([...PETITION_FIELDS]), { maxItems: 10 })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới / unit and its subtree' })),
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
    assignedTo: Type.Optional(Type.String({ pattern: '^(me|[0-9a-f-]{36})$', description: "'me' hoặc mã cán bộ / 'me' or an officer id" })),
    dueBefore: Type.Optional(IsoDate('Hạn trước ngày / due on or before')),
    deadline: Type.Optional(Type.Enum(['ON_TRACK', 'DUE_SOON', 'OVERDUE'])),
    open: Type.Optional(Type.Boolean({ description: 'Chỉ đơn đang xử lý / open only' })),
    caseId: Type.Optional(Type.String({ format: 'uuid' }))
  },
  { additionalProperties: false }
);
export type ListPetitionsInput = Static<typeof ListPetitionsQuery>;
export const listLabels: FieldLabels = {
  limit: { vi: 'Số dòng', en: 'Page size' },
  q: { vi: 'Từ khóa', en: 'Search' },
  status: { vi: 'Trạng thái', en: 'Status' },
  type: { vi: 'Loại đơn', en: 'Type' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  provinceCode: { vi: 'Tỉnh', en: 'Province' },
  communeCode: { vi: 'Xã', en: 'Commune' },
  assignedTo: { vi: 'Cán bộ', en: 'Officer' },
  dueBefore: { vi: 'Hạn trước ngày', en: 'Due before' },
  deadline: { vi: 'Tình trạng hạn', en: 'Deadline state' }
};

export const PetitionPage = Type.Object({
  items: Type.Array(Petition),
  nextCursor: Type.Union([Type.String(), Type.Null()])
});

export const PetitionStats = Type.Object({
  total: Type.Integer(),
  receivedToday: Type.Integer(),
  lastSeq: Type.String({ description: 'Sự kiện mới nhất đã phát / newest delivered event seq' })
});

export const ActionBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 5000, description: 'Ghi chú / note' })),
    reason: Type.Optional(Type.String({ minLength: 5, maxLength: 5000, description: 'Lý do / reasons' })),
    archiveReason: Type.Optional(Type.Enum([...ARCHIVE_REASONS])),
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    targetUnitId: Type.Optional(Type.String({ format: 'uuid' })),
    targetBody: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    decisionNo: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Số văn bản / document number' })),
    decisionDate: Type.Optional(IsoDate('Ngày văn bản / document date')),
    result: Type.Optional(Type.Enum([...RESOLUTION_RESULTS])),
    assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
    classification: Type.Optional(
      Type.Object(
        {
          type: Type.Enum([...PETITION_TYPES]),
          field: Type.Enum([...PETITION_FIELDS]),
          competence: Type.Enum([...COMPETENCES]),
          eligible: Type.Boolean(),
          complexity: Type.Optional(Type.Enum([...COMPLEXITIES]))
        },
        { additionalProperties: false }
      )
    ),
    complexity: Type.Optional(Type.Enum([...COMPLEXITIES])),
    /** The version the official saw; a stale one gets 409 instead of overwriting a colleague's step. */
    expectedStatus: Type.Optional(Type.Enum([...PETITION_STATUSES]))
  },
  { additionalProperties: false }
);
export type ActionInput = Static<typeof ActionBody>;
export const actionLabels: FieldLabels = {
  note: { vi: 'Ghi chú', en: 'Note' },
  reason: { vi: 'Lý do', en: 'Reasons' },
  archiveReason: { vi: 'Lý do lưu đơn', en: 'Archive reason' },
  caseId: { vi: 'Vụ việc', en: 'Case' },
  targetUnitId: { vi: 'Đơn vị nhận', en: 'Receiving unit' },
  targetBody: { vi: 'Cơ quan nhận', en: 'Receiving body' },
  decisionNo: { vi: 'Số văn bản', en: 'Document number' },
  decisionDate: { vi: 'Ngày văn bản', en: 'Document date' },
  result: { vi: 'Kết quả', en: 'Result' },
  assigneeId: { vi: 'Cán bộ được phân công', en: 'Assigned officer' },
  classification: { vi: 'Phân loại', en: 'Classification' },
  'classification.type': { vi: 'Loại đơn', en: 'Type' },
  'classification.field': { vi: 'Lĩnh vực', en: 'Field' },
  'classification.competence': { vi: 'Thẩm quyền', en: 'Competence' },
  'classification.eligible': { vi: 'Đủ điều kiện xử lý', en: 'Eligible' },
  complexity: { vi: 'Mức độ phức tạp', en: 'Complexity' },
  expectedStatus: { vi: 'Trạng thái đang xem', en: 'Status seen' },
  action: { vi: 'Bước xử lý', en: 'Action' }
};

export const DuplicateCheckBody = Type.Object(
  {
    parties: Type.Optional(PartiesInput),
    respondent: Type.Optional(Type.String({ maxLength: 500 })),
    summary: Type.Optional(Type.String({ maxLength: PETITION_SUMMARY_MAX })),
    provinceCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
    windowMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: 24, description: 'Khoảng thời gian tìm (tháng) / window in months' })),
    excludePetitionId: Type.Optional(Type.String({ format: 'uuid' }))
  },
  { additionalProperties: false }
);
export type DuplicateCheckInput = Static<typeof DuplicateCheckBody>;

export const MATCH_REASONS = ['ID_NUMBER', 'PHONE', 'NAME', 'RESPONDENT', 'CONTENT', 'LOCALITY'] as const;
export const DuplicateCandidate = Type.Object({
  petitionId: Type.String({ format: 'uuid' }),
  code: Type.String(),
  type: Type.Enum([...PETITION_TYPES]),
  status: Type.Enum([...PETITION_STATUSES]),
  summary: Type.String(),
  unitName: Type.String(),
  caseId: Nullable(Type.String()),
  receivedAt: Type.String({ format: 'date-time' }),
  score: Type.Number(),
  reasons: Type.Array(Type.Enum([...MATCH_REASONS]))
});
export const DuplicateCheckReply = Type.Object({ candidates: Type.Array(DuplicateCandidate) });
