import { Type } from 'typebox';
import {
  DIRECTIVE_ATTACHMENTS_MAX,
  DIRECTIVE_PRIORITIES,
  DIRECTIVE_STATUSES,
  DIRECTIVE_SUBJECT_KINDS,
  DIRECTIVE_TARGETS_MAX,
  DIRECTIVE_TEXT_MAX,
  DIRECTIVE_TITLE_MAX,
  MESSAGE_KINDS,
  STEP_KINDS,
  TARGET_STATES
} from '../../../shared/directives.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Uuid = Type.String({ format: 'uuid' });
const IdempotencyKey = Type.String({ pattern: '^[A-Za-z0-9_-]{8,80}$', description: 'Khóa do máy khách tạo; gửi lại cùng khóa không tạo bản trùng / client key: a retry with the same key is stored once' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Params = Type.Object({ id: Uuid });
export const StepParams = Type.Object({ id: Uuid, kind: Type.Enum([...STEP_KINDS]) });
export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid });

export const IssueBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: DIRECTIVE_TITLE_MAX }),
    content: Type.String({ minLength: 3, maxLength: DIRECTIVE_TEXT_MAX }),
    priority: Type.Enum([...DIRECTIVE_PRIORITIES]),
    dueDate: IsoDate,
    unitIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: DIRECTIVE_TARGETS_MAX, description: 'Đơn vị nhận; bỏ trống khi chỉ đạo về một đơn/vụ việc thì gửi đơn vị đang giữ đơn/vụ việc / target units; default: the unit holding the petition or case' })),
    petitionId: Type.Optional(Uuid),
    caseId: Type.Optional(Uuid),
    idempotencyKey: Type.Optional(IdempotencyKey)
  },
  { additionalProperties: false }
);

export const StepBody = Type.Object(
  {
    body: Type.Optional(Type.String({ maxLength: DIRECTIVE_TEXT_MAX })),
    dueDate: Type.Optional(IsoDate),
    correctsSeq: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Tin được đính chính / the message this one corrects' })),
    attachmentIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: DIRECTIVE_ATTACHMENTS_MAX })),
    idempotencyKey: Type.Optional(IdempotencyKey)
  },
  { additionalProperties: false }
);

export const ListQuery = Type.Object(
  {
    box: Type.Optional(Type.Enum(['all', 'inbox', 'issued'], { description: 'inbox: gửi đến đơn vị tôi; issued: tôi ban hành / inbox: to my unit; issued: issued by me' })),
    status: Type.Optional(Type.Enum(['all', 'open', 'closed'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 }))
  },
  { additionalProperties: false }
);

const File = Type.Object({ id: Uuid, fileName: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), url: Type.String() });

const Summary = {
  id: Uuid,
  title: Type.String(),
  priority: Type.Enum([...DIRECTIVE_PRIORITIES]),
  dueDate: IsoDate,
  status: Type.Enum([...DIRECTIVE_STATUSES]),
  overdue: Type.Boolean(),
  issuerName: Type.String(),
  issuerUnitName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  subject: Type.Object({ kind: Type.Enum([...DIRECTIVE_SUBJECT_KINDS]), id: Nullable(Uuid), code: Nullable(Type.String()) }),
  targets: Type.Array(
    Type.Object({ unitId: Uuid, unitName: Type.String(), state: Type.Enum([...TARGET_STATES]), acknowledgedAt: Nullable(Type.String({ format: 'date-time' })), completedAt: Nullable(Type.String({ format: 'date-time' })) })
  ),
  acknowledged: Type.Integer(),
  completed: Type.Integer(),
  lastSeq: Type.Integer(),
  isIssuer: Type.Boolean(),
  actingForUnitId: Nullable(Uuid)
};

export const DirectiveSummary = Type.Object(Summary);
export const DirectiveList = Type.Object({ items: Type.Array(DirectiveSummary) });

export const Directive = Type.Object({
  ...Summary,
  content: Type.String(),
  messages: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      kind: Type.Enum([...MESSAGE_KINDS]),
      body: Nullable(Type.String()),
      authorName: Type.String(),
      unitName: Type.String(),
      mine: Type.Boolean(),
      correctsSeq: Nullable(Type.Integer()),
      createdAt: Type.String({ format: 'date-time' }),
      attachments: Type.Array(File)
    })
  ),
  pendingAttachments: Type.Array(File),
  allowedSteps: Type.Array(Type.Enum([...STEP_KINDS]))
});

export const Attachment = File;

export const fieldLabels = {
  id: { vi: 'Mã chỉ đạo', en: 'Directive id' },
  kind: { vi: 'Bước', en: 'Step' },
  attachmentId: { vi: 'Tệp đính kèm', en: 'Attachment' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  content: { vi: 'Nội dung chỉ đạo', en: 'Content' },
  priority: { vi: 'Độ khẩn', en: 'Priority' },
  dueDate: { vi: 'Hạn thực hiện', en: 'Due date' },
  unitIds: { vi: 'Đơn vị nhận', en: 'Target units' },
  petitionId: { vi: 'Đơn thư', en: 'Petition' },
  caseId: { vi: 'Vụ việc', en: 'Case' },
  body: { vi: 'Nội dung', en: 'Text' },
  correctsSeq: { vi: 'Tin được đính chính', en: 'Corrected message' },
  attachmentIds: { vi: 'Tệp đính kèm', en: 'Attachments' },
  idempotencyKey: { vi: 'Khóa chống gửi trùng', en: 'Idempotency key' },
  box: { vi: 'Hộp chỉ đạo', en: 'Box' },
  status: { vi: 'Trạng thái', en: 'Status' },
  limit: { vi: 'Số dòng', en: 'Limit' }
};
