import { Type, type Static } from 'typebox';
import type { FieldLabels } from '../../http/validation-messages.ts';

const NullableString = (options: { format?: string } = {}) => Type.Union([Type.String(options), Type.Null()]);

export const AuditListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Số dòng mỗi trang (≤ 200) / Rows per page (≤ 200)' })),
    before: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'Chỉ lấy các dòng có id nhỏ hơn (con trỏ trang) / Only rows with a smaller id (page cursor)' })
    ),
    action: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Hành động, khớp chính xác; kết thúc bằng * để lọc theo tiền tố (auth.*) / Action, exact; end with * for a prefix (auth.*)'
      })
    ),
    actorLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Mã định danh người thực hiện / Actor identity code' }))
  },
  { additionalProperties: false }
);
export type AuditListInput = Static<typeof AuditListQuery>;

export const auditListLabels: FieldLabels = {
  limit: { vi: 'Số dòng mỗi trang', en: 'Rows per page' },
  before: { vi: 'Con trỏ trang', en: 'Page cursor' },
  action: { vi: 'Hành động', en: 'Action' },
  actorLabel: { vi: 'Người thực hiện', en: 'Actor' }
};

export const AuditItem = Type.Object({
  id: Type.String({ description: 'bigint as text' }),
  occurredAt: Type.String({ format: 'date-time', description: 'UTC, microseconds, exactly as hashed' }),
  actorId: NullableString({ format: 'uuid' }),
  actorLabel: NullableString(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: NullableString(),
  unitPath: NullableString(),
  ip: NullableString(),
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String({ description: 'hex SHA-256' }),
  hash: Type.String({ description: 'hex SHA-256' })
});
export type AuditItemDto = Static<typeof AuditItem>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditItem),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: NullableString()
});

export const AuditVerifyReply = Type.Union([
  Type.Object({ ok: Type.Literal(true), rows: Type.Integer() }),
  Type.Object({ ok: Type.Literal(false), rows: Type.Integer(), firstBrokenId: Type.String(), reason: Type.String() })
]);
