import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { RealtimeService } from './realtime.service.ts';

const EventEnvelope = Type.Object({
  id: Type.String(),
  seq: Type.String(),
  type: Type.String(),
  unitPath: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  payload: Type.Object({}, { additionalProperties: true, description: 'Nội dung sự kiện, không có dữ liệu cá nhân / event payload, no personal data' })
});

export const realtimeRoutes: FastifyPluginAsyncTypebox<{ realtime: RealtimeService }> = async (app, { realtime }) => {
  app.post(
    '/api/realtime/token',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Cấp mã kết nối MQTT ngắn hạn / Issue a short-lived MQTT token',
        description: 'Dùng làm mật khẩu MQTT tại /mqtt (WebSocket) hoặc cổng MQTT_PORT (TCP). / Use as the MQTT password.',
        response: {
          200: Type.Object({ token: Type.String(), username: Type.String(), expiresAt: Type.String(), subscriptions: Type.Array(Type.String()) }),
          401: ErrorReply
        }
      },
      preHandler: app.requireUser
    },
    async (request) => realtime.issueToken(request.user!)
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Sự kiện đã phát sau một mốc / Events delivered after a seq (resume after reconnect)',
        querystring: Type.Object(
          {
            after: Type.String({ pattern: '^[0-9]{1,18}$', description: 'seq cuối cùng đã nhận / last seq received' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 }))
          },
          { additionalProperties: false }
        ),
        response: { 200: Type.Object({ events: Type.Array(EventEnvelope), hasMore: Type.Boolean() }), 400: ErrorReply, 401: ErrorReply }
      },
      config: { fieldLabels: { after: { vi: 'Mốc sự kiện', en: 'Event cursor' } } },
      preHandler: app.requireUser
    },
    async (request) => realtime.missedEvents(request.user!, request.query.after, request.query.limit ?? 500)
  );
};
