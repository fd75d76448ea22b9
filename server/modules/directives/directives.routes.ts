import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { DIRECTIVE_PRIORITIES, DIRECTIVE_TEXT_MAX, MESSAGE_KINDS } from '../../../shared/directives.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { PushService } from '../push/push.service.ts';
import type { DirectivesService } from './directives.service.ts';
import type { NotificationsService } from './notifications.service.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Directive = Type.Object({}, { additionalProperties: true, description: 'Chỉ đạo, đơn vị nhận, luồng trao đổi, các bước được làm / directive, targets, thread, allowed steps' });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const labels = {
  title: { vi: 'Tiêu đề', en: 'Title' },
  content: { vi: 'Nội dung chỉ đạo', en: 'Content' },
  priority: { vi: 'Độ khẩn', en: 'Priority' },
  dueDate: { vi: 'Hạn thực hiện', en: 'Due date' },
  unitIds: { vi: 'Đơn vị nhận', en: 'Target units' },
  body: { vi: 'Nội dung', en: 'Text' },
  kind: { vi: 'Bước', en: 'Step' }
};

export const directivesRoutes: FastifyPluginAsyncTypebox<{ directives: DirectivesService; notifications: NotificationsService; push: PushService }> = async (app, { directives, notifications, push }) => {
  const config = { fieldLabels: labels };

  app.post('/api/directives', {
    schema: {
      tags: ['directives'],
      summary: 'Ban hành chỉ đạo (lãnh đạo) / Issue a directive (leader)',
      body: Type.Object(
        {
          title: Type.String({ minLength: 3, maxLength: 200 }),
          content: Type.String({ minLength: 3, maxLength: DIRECTIVE_TEXT_MAX }),
          priority: Type.Enum([...DIRECTIVE_PRIORITIES]),
          dueDate: IsoDate,
          unitIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }),
          petitionId: Type.Optional(Type.String({ format: 'uuid' }))
        },
        { additionalProperties: false }
      ),
      response: { 201: Directive, ...errors }
    },
    config, preHandler: app.requireUser
  }, async (request, reply) => reply.code(201).send(await directives.issue(request.user!, request.body)));

  app.get('/api/directives', {
    schema: { tags: ['directives'], summary: 'Chỉ đạo của tôi / tới đơn vị tôi / My directives', response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), 401: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => directives.list(request.user!));

  app.get('/api/directives/:id', {
    schema: { tags: ['directives'], summary: 'Một chỉ đạo và luồng trao đổi / A directive and its thread', params: Params, response: { 200: Directive, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => directives.get(request.user!, request.params.id));

  app.post('/api/directives/:id/steps/:kind', {
    schema: {
      tags: ['directives'],
      summary: 'Xác nhận, trả lời, báo cáo hoàn thành (đơn vị nhận); ý kiến, đôn đốc, gia hạn, kết thúc (lãnh đạo) / A step in the thread',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.Enum(MESSAGE_KINDS.filter((k) => k !== 'ISSUE')) }),
      body: Type.Object(
        {
          body: Type.Optional(Type.String({ maxLength: DIRECTIVE_TEXT_MAX })),
          dueDate: Type.Optional(IsoDate),
          idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 80, description: 'Gửi lại cùng khóa không tạo tin trùng / a retry with the same key is stored once' }))
        },
        { additionalProperties: false }
      ),
      response: { 200: Directive, ...errors }
    },
    config, preHandler: app.requireUser
  }, async (request) => directives.step(request.user!, request.params.id, request.params.kind, request.body));

  app.get('/api/notifications', {
    schema: { tags: ['directives'], summary: 'Trung tâm thông báo (chưa đọc trước) / Notification centre', response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(Type.Object({}, { additionalProperties: true })) }), 401: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => notifications.list(request.user!));

  app.post('/api/notifications/read', {
    schema: {
      tags: ['directives'],
      summary: 'Đánh dấu đã đọc / Mark read',
      body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,18}$' }), { maxItems: 500 })), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply }
    },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await notifications.markRead(request.user!, request.body.all ? 'ALL' : (request.body.ids ?? []));
    return reply.code(204).send(null);
  });

  app.get('/api/me/summary', {
    schema: {
      tags: ['directives'],
      summary: 'Việc đang chờ tôi (khi đăng nhập) / What waits for me',
      response: { 200: Type.Object({ since: Type.String(), newPetitions: Type.Integer(), directivesToAcknowledge: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer(), unreadAlerts: Type.Integer() }), 401: ErrorReply }
    },
    preHandler: app.requireUser
  }, async (request) => notifications.summary(request.user!));

  const Preferences = Type.Object(
    {
      mutedKinds: Type.Array(Type.Enum(['DIRECTIVE', 'DIRECTIVE_THREAD', 'DIRECTIVE_URGED']), { maxItems: 3, uniqueItems: true, description: 'Loại không đẩy / kinds not pushed' }),
      quietFrom: Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()], { description: 'Giờ bắt đầu yên lặng (giờ Việt Nam) / quiet hours start' }),
      quietTo: Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()], { description: 'Giờ kết thúc yên lặng / quiet hours end' })
    },
    { additionalProperties: false }
  );
  app.get('/api/me/alert-preferences', {
    schema: { tags: ['directives'], summary: 'Tùy chọn thông báo đẩy / Alert preferences', response: { 200: Preferences, 401: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => (await push.preferences(request.user!.id)) as Static<typeof Preferences>);
  app.put('/api/me/alert-preferences', {
    schema: { tags: ['directives'], summary: 'Đặt tùy chọn: loại không đẩy, giờ yên lặng (trừ tin khẩn) / Set: muted kinds, quiet hours except urgent', body: Preferences, response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply } },
    config: { fieldLabels: { mutedKinds: { vi: 'Loại không nhận', en: 'Muted kinds' }, quietFrom: { vi: 'Giờ bắt đầu yên lặng', en: 'Quiet from' }, quietTo: { vi: 'Giờ kết thúc yên lặng', en: 'Quiet to' } } },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await push.setPreferences(request.user!.id, request.body);
    return reply.code(204).send(null);
  });

  app.get('/api/push/key', {
    schema: { tags: ['directives'], summary: 'Khóa công khai VAPID để đăng ký thông báo đẩy / VAPID public key', response: { 200: Type.Object({ publicKey: Type.String() }), 401: ErrorReply } },
    preHandler: app.requireUser
  }, async () => ({ publicKey: push.publicKey }));

  app.post('/api/push/subscriptions', {
    schema: {
      tags: ['directives'],
      summary: 'Đăng ký nhận thông báo đẩy trên thiết bị này / Subscribe this device to web-push',
      body: Type.Object({ endpoint: Type.String({ minLength: 10, maxLength: 1000 }), keys: Type.Object({ p256dh: Type.String({ minLength: 10, maxLength: 200 }), auth: Type.String({ minLength: 8, maxLength: 100 }) }) }),
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply }
    },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await push.subscribe(request.user!.id, request.body);
    return reply.code(204).send(null);
  });
};
