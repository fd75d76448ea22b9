import { Type, type Static } from 'typebox';
import { AGENCY_UNIT_KINDS, UNIT_KINDS } from '../../../shared/unit-kinds.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';
import { UNIT_HISTORY_ACTIONS } from './units.table.ts';

/** Codes become ltree labels ('-' turns into '_'), so letters, digits, '-' and '_' only. */
export const UNIT_CODE_INPUT_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$';
const NAME = { minLength: 2, maxLength: 200 };
const NOTE = { maxLength: 1000 };

const unitFields = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Mã đơn vị / unit code' }),
  name: Type.String({ description: 'Tên đầy đủ / full name' }),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Enum([...UNIT_KINDS], { description: 'Loại đơn vị / unit kind (shared/unit-kinds.ts)' }),
  path: Type.String({ description: 'Đường dẫn ltree trong cây đơn vị / ltree path in the unit tree' }),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  provinceCode: Type.Union([Type.String(), Type.Null()], { description: 'Mã tỉnh, thành phố chứa đơn vị / province the unit is in' }),
  validFrom: Type.String({ format: 'date' }),
  closedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Ngày ngừng hoạt động / closing date' }),
  closedReason: Type.Union([Type.String(), Type.Null()]),
  hasChildren: Type.Boolean({ description: 'Có đơn vị trực thuộc (đang hoạt động) / has (open) child units' })
};

export const Unit = Type.Object(unitFields);
export type UnitDto = Static<typeof Unit>;

export const UnitDetail = Type.Object({
  ...unitFields,
  ancestors: Type.Array(Unit, { description: 'Các cấp trên, từ gốc xuống / ancestors, root first' })
});
export type UnitDetailDto = Static<typeof UnitDetail>;

export const MovedUnit = Type.Object({
  ...unitFields,
  movedUnits: Type.Integer({ description: 'Số đơn vị đã đổi đường dẫn (cả cây con) / units re-pathed (whole subtree)' }),
  movedPetitions: Type.Integer({ description: 'Số đơn đã cập nhật đường dẫn / petitions re-pathed' })
});
export type MovedUnitDto = Static<typeof MovedUnit>;

export const UnitPage = Type.Object({
  items: Type.Array(Unit),
  nextCursor: Type.Union([Type.String(), Type.Null()])
});
export type UnitPageDto = Static<typeof UnitPage>;

export const UnitIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const ListUnitsQuery = Type.Object(
  {
    parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Chỉ các đơn vị trực thuộc / direct children of this unit' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Tìm theo tên hoặc mã, không phân biệt dấu / search name or code, accent-insensitive' })),
    kind: Type.Optional(Type.Array(Type.Enum([...UNIT_KINDS]), { maxItems: UNIT_KINDS.length, description: 'Lọc theo loại (lặp lại được) / filter by kind (repeatable)' })),
    includeClosed: Type.Optional(Type.Boolean({ default: false, description: 'Gồm cả đơn vị đã ngừng hoạt động / include closed units' })),
    depth: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 8, description: 'Số cấp tối đa tính từ gốc; mặc định 2 khi không lọc / deepest level from the root; 2 when no other filter is given' })
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 300, description: 'Con trỏ trang tiếp / next-page cursor' }))
  },
  { additionalProperties: false }
);
export type ListUnitsQueryInput = Static<typeof ListUnitsQuery>;

export const CreateUnitBody = Type.Object(
  {
    parentId: Type.String({ format: 'uuid', description: 'Đơn vị cấp trên / parent unit' }),
    code: Type.String({ pattern: UNIT_CODE_INPUT_PATTERN, description: 'Mã đơn vị, duy nhất (chữ, số, - và _) / unique code (letters, digits, - and _), e.g. 79-STNMT' }),
    name: Type.String({ ...NAME, description: 'Tên đầy đủ / full name' }),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Tên viết tắt / short name' })),
    kind: Type.Enum([...AGENCY_UNIT_KINDS], { description: 'Loại cơ quan (đơn vị hành chính lấy từ danh mục, không tạo tay) / kind of body (territorial units come from the official list)' }),
    validFrom: Type.Optional(Type.String({ format: 'date', description: 'Ngày bắt đầu hoạt động (mặc định hôm nay) / start date (default today)' }))
  },
  { additionalProperties: false }
);
export type CreateUnitInput = Static<typeof CreateUnitBody>;

export const RenameUnitBody = Type.Object(
  {
    name: Type.Optional(Type.String({ ...NAME, description: 'Tên mới / new name' })),
    shortName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], { description: 'Tên viết tắt mới (null để bỏ) / new short name (null clears it)' })),
    note: Type.Optional(Type.String({ ...NOTE, description: 'Căn cứ, lý do / legal basis or reason' }))
  },
  { additionalProperties: false }
);
export type RenameUnitInput = Static<typeof RenameUnitBody>;

export const MoveUnitBody = Type.Object(
  {
    parentId: Type.String({ format: 'uuid', description: 'Đơn vị cấp trên mới / new parent unit' }),
    note: Type.Optional(Type.String({ ...NOTE, description: 'Căn cứ, lý do / legal basis or reason' }))
  },
  { additionalProperties: false }
);
export type MoveUnitInput = Static<typeof MoveUnitBody>;

export const CloseUnitBody = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 1000, description: 'Lý do, căn cứ ngừng hoạt động / reason and legal basis' }),
    closedOn: Type.String({ format: 'date', description: 'Ngày ngừng hoạt động (YYYY-MM-DD) / closing date' })
  },
  { additionalProperties: false }
);
export type CloseUnitInput = Static<typeof CloseUnitBody>;

export const UnitHistoryEntry = Type.Object({
  id: Type.String(),
  action: Type.Enum([...UNIT_HISTORY_ACTIONS]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.Union([Type.String(), Type.Null()], { description: 'Mã định danh người thực hiện / identity code of the actor' }),
  occurredAt: Type.String({ format: 'date-time' }),
  oldValues: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  newValues: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown())
});
export type UnitHistoryDto = Static<typeof UnitHistoryEntry>;

export const UnitHistoryPage = Type.Object({ items: Type.Array(UnitHistoryEntry) });

export const unitLabels: FieldLabels = {
  id: { vi: 'Mã định danh đơn vị', en: 'Unit id' },
  parentId: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  code: { vi: 'Mã đơn vị', en: 'Unit code' },
  name: { vi: 'Tên đơn vị', en: 'Unit name' },
  shortName: { vi: 'Tên viết tắt', en: 'Short name' },
  kind: { vi: 'Loại đơn vị', en: 'Unit kind' },
  validFrom: { vi: 'Ngày bắt đầu hoạt động', en: 'Start date' },
  note: { vi: 'Căn cứ, lý do', en: 'Legal basis or reason' },
  reason: { vi: 'Lý do ngừng hoạt động', en: 'Reason for closing' },
  closedOn: { vi: 'Ngày ngừng hoạt động', en: 'Closing date' },
  q: { vi: 'Từ khóa tìm kiếm', en: 'Search text' },
  includeClosed: { vi: 'Gồm đơn vị đã ngừng hoạt động', en: 'Include closed units' },
  depth: { vi: 'Số cấp', en: 'Depth' },
  limit: { vi: 'Số dòng mỗi trang', en: 'Page size' },
  cursor: { vi: 'Con trỏ trang', en: 'Page cursor' }
};
