import { Type } from 'typebox';
import { NOTIFICATION_KINDS } from '../../../shared/notifications.ts';

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  titleEn: Type.String(),
  link: Type.String(),
  urgent: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  read: Type.Boolean()
});

export const NotificationList = Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) });

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    unread: Type.Optional(Type.Boolean({ description: 'Chỉ thông báo chưa đọc / unread only' }))
  },
  { additionalProperties: false }
);

export const MarkRead = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,18}$' }), { minItems: 1, maxItems: 500, uniqueItems: true })),
    all: Type.Optional(Type.Literal(true))
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 }
);

export const Summary = Type.Object({
  since: Type.String({ format: 'date-time', description: 'Lần đăng nhập trước / previous login' }),
  newPetitions: Type.Integer({ description: 'Đơn mới trong phạm vi từ lần đăng nhập trước / new petitions in scope since then' }),
  directivesToAcknowledge: Type.Integer({ description: 'Chỉ đạo chờ đơn vị xác nhận / directives waiting for my unit' }),
  dueSoon: Type.Integer(),
  overdue: Type.Integer(),
  unreadAlerts: Type.Integer()
});

export const Preferences = Type.Object(
  {
    mutedKinds: Type.Array(Type.Enum([...NOTIFICATION_KINDS]), { maxItems: NOTIFICATION_KINDS.length, uniqueItems: true, description: 'Loại không đẩy về thiết bị / kinds not pushed' }),
    quietFrom: Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()], { description: 'Giờ bắt đầu yên lặng (giờ Việt Nam) / quiet hours start' }),
    quietTo: Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()], { description: 'Giờ kết thúc yên lặng / quiet hours end' })
  },
  { additionalProperties: false }
);

export const fieldLabels = {
  ids: { vi: 'Thông báo', en: 'Alerts' },
  all: { vi: 'Tất cả', en: 'All' },
  limit: { vi: 'Số dòng', en: 'Limit' },
  unread: { vi: 'Chưa đọc', en: 'Unread' },
  mutedKinds: { vi: 'Loại không nhận thông báo đẩy', en: 'Muted kinds' },
  quietFrom: { vi: 'Giờ bắt đầu yên lặng', en: 'Quiet from' },
  quietTo: { vi: 'Giờ kết thúc yên lặng', en: 'Quiet to' }
};
