import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { NotificationsService } from './notifications.service.ts';
import { fieldLabels, ListQuery, MarkRead, NotificationList, Preferences, Summary } from './notifications.schemas.ts';

const tags = ['notifications'];
const config = { fieldLabels };

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get('/api/notifications', {
    schema: { tags, summary: 'Trung tâm thông báo: chưa đọc trước, mới nhất trước / Notification centre: unread first, newest first', querystring: ListQuery, response: { 200: NotificationList, 400: ErrorReply, 401: ErrorReply } },
    config, preHandler: app.requireUser
  }, async (request) => notifications.list(request.user!, { limit: request.query.limit, unreadOnly: request.query.unread }));

  app.post('/api/notifications/read', {
    schema: {
      tags,
      summary: 'Đánh dấu đã đọc (các thông báo đã chọn, hoặc tất cả) / Mark read (chosen alerts, or all)',
      body: MarkRead,
      response: { 200: Type.Object({ changed: Type.Integer(), unread: Type.Integer() }), 400: ErrorReply, 401: ErrorReply }
    },
    config, preHandler: app.requireUser
  }, async (request) => notifications.markRead(request.user!, request.body.all ? 'ALL' : (request.body.ids ?? [])));

  app.get('/api/me/summary', {
    schema: { tags, summary: 'Việc đang chờ tôi (hiện sau khi đăng nhập) / What waits for me (shown after login)', response: { 200: Summary, 401: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => notifications.summary(request.user!));

  app.get('/api/me/alert-preferences', {
    schema: { tags, summary: 'Tùy chọn thông báo / Alert preferences', response: { 200: Preferences, 401: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => notifications.preferences(request.user!));

  app.put('/api/me/alert-preferences', {
    schema: { tags, summary: 'Đặt tùy chọn: loại không đẩy, giờ yên lặng (trừ tin khẩn) / Set: muted kinds, quiet hours except urgent', body: Preferences, response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply } },
    config, preHandler: app.requireUser
  }, async (request, reply) => {
    await notifications.setPreferences(request.user!, request.body);
    return reply.code(204).send(null);
  });
};
