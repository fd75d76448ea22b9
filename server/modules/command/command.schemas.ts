import { Type } from 'typebox';
import type { FieldLabels } from '../../http/validation-messages.ts';
import { DEVICE_TOKEN_PATTERN } from './kiosk.service.ts';

const Count = Type.Integer({ minimum: 0 });
const Counts = Type.Record(Type.String(), Count);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const CommandSnapshotSchema = Type.Object({
  scope: Type.Array(Type.String(), { description: 'Các cây đơn vị được tính / unit subtrees counted' }),
  computedAt: Type.String({ format: 'date-time' }),
  day: Type.String({ description: 'Ngày (giờ Việt Nam) của số liệu trong ngày, tháng, năm / Vietnamese day of the figures (YYYY-MM-DD)' }),
  figures: Type.Object({
    receivedToday: Count,
    receivedThisMonth: Count,
    inProcess: Count,
    dueSoon: Count,
    overdue: Count,
    closedThisYear: Count,
    closedOnTimeThisYear: Count,
    onTimeRate: Nullable(Type.Number({ minimum: 0, maximum: 100, description: 'Tỷ lệ giải quyết đúng hạn trong năm (%) / resolved on time this year (%)' }))
  }),
  byStatus: Counts,
  byProvince: Type.Record(Type.String(), Type.Object({ open: Count, overdue: Count }), { description: 'Theo tỉnh của đơn vị đang giữ đơn / by province of the holding unit' }),
  trend: Type.Array(Count, { description: 'Số đơn nhận mỗi ngày, 30 ngày / received per day, 30 days' }),
  byType: Counts,
  byField: Counts
});

export const SnapshotReply = Type.Object({
  snapshot: CommandSnapshotSchema,
  topics: Type.Array(Type.String(), { description: 'Chủ đề MQTT giữ số liệu hiện tại (retained) / retained MQTT topics of these figures' }),
  lastSeq: Type.String({ description: 'Mốc sự kiện để nối tiếp (GET /api/events?after=) / event cursor to resume from' })
});

export const LimitQuery = (max: number, fallback: number) =>
  Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback })) }, { additionalProperties: false });
export const limitLabels: FieldLabels = { limit: { vi: 'Số dòng', en: 'Number of rows' } };

export const DeadlinesReply = Type.Object({
  items: Type.Array(
    Type.Object({
      petitionId: Type.String({ format: 'uuid' }),
      code: Type.String(),
      type: Type.String(),
      status: Type.String(),
      unitName: Type.String(),
      provinceCode: Nullable(Type.String()),
      dueDate: Type.String(),
      dueAt: Type.String({ format: 'date-time' }),
      state: Type.Union([Type.Literal('ON_TRACK'), Type.Literal('DUE_SOON'), Type.Literal('OVERDUE')]),
      workingDaysLeft: Type.Integer({ description: 'Số ngày làm việc còn lại (âm: đã quá hạn) / working days left (negative: overdue)' })
    })
  )
});

export const DrilldownQuery = Type.Object(
  { unit: Type.String({ pattern: '^[A-Za-z0-9_]{1,32}(\\.[A-Za-z0-9_]{1,32}){0,9}$', description: 'Đường dẫn đơn vị, ví dụ VN.01 / unit path, e.g. VN.01' }) },
  { additionalProperties: false }
);
export const drilldownLabels: FieldLabels = { unit: { vi: 'Đơn vị', en: 'Unit' } };

export const DrilldownReply = Type.Object({
  unitPath: Type.String(),
  unitName: Type.String(),
  items: Type.Array(Type.Object({ unitPath: Type.String(), unitName: Type.String(), open: Count, overdue: Count, receivedThisMonth: Count }))
});

export const FeedReply = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      seq: Type.String(),
      type: Type.String(),
      unitPath: Type.String(),
      occurredAt: Type.String({ format: 'date-time' }),
      payload: Type.Object({}, { additionalProperties: true })
    })
  )
});

export const PresenceReply = Type.Object({
  online: Type.Array(Type.Object({ userId: Type.String(), fullName: Type.String(), role: Type.String(), unitName: Type.String(), since: Type.String({ format: 'date-time' }) }))
});

export const PairScreenBody = Type.Object(
  {
    screenAccount: Type.String({ minLength: 1, maxLength: 100, description: 'Mã định danh tài khoản màn hình (vai trò Người xem) / identity code of the screen account (Viewer)' }),
    label: Type.String({ minLength: 2, maxLength: 100, description: 'Tên màn hình, ví dụ "Phòng chỉ huy tầng 3" / screen name' })
  },
  { additionalProperties: false }
);
export const pairLabels: FieldLabels = {
  screenAccount: { vi: 'Tài khoản màn hình', en: 'Screen account' },
  label: { vi: 'Tên màn hình', en: 'Screen name' }
};

const ScreenDevice = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String(),
  accountCode: Type.String(),
  accountName: Type.String(),
  unitName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' }))
});

export const PairScreenReply = Type.Object({
  device: ScreenDevice,
  token: Type.String({ description: 'Mã thiết bị, chỉ hiện một lần / device token, shown once' }),
  pairingPath: Type.String({ description: 'Mở đường dẫn này trên màn hình một lần / open once on the screen' })
});
export const ScreensReply = Type.Object({ items: Type.Array(ScreenDevice) });

export const ScreenIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const screenIdLabels: FieldLabels = { id: { vi: 'Mã màn hình', en: 'Screen id' } };

export const ScreenSessionBody = Type.Object({ token: Type.String({ pattern: DEVICE_TOKEN_PATTERN, description: 'Mã thiết bị / device token' }) }, { additionalProperties: false });
export const screenSessionLabels: FieldLabels = { token: { vi: 'Mã ghép nối màn hình', en: 'Screen pairing code' } };
export const ScreenSessionReply = Type.Object({ fullName: Type.String(), role: Type.String(), unitName: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
