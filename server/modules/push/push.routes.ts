import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { PushService } from './push.service.ts';

const tags = ['notifications'];
const Endpoint = Type.String({ minLength: 10, maxLength: 1000, description: 'Địa chỉ của dịch vụ thông báo đẩy (https) / push service endpoint' });
const fieldLabels = {
  endpoint: { vi: 'Địa chỉ dịch vụ thông báo đẩy', en: 'Push endpoint' },
  keys: { vi: 'Khóa của trình duyệt', en: 'Browser keys' },
  p256dh: { vi: 'Khóa công khai của trình duyệt', en: 'Browser public key' },
  auth: { vi: 'Mã xác thực của trình duyệt', en: 'Browser secret' }
};

export const pushRoutes: FastifyPluginAsyncTypebox<{ push: PushService }> = async (app, { push }) => {
  app.get('/api/push/key', {
    schema: {
      tags,
      summary: 'Khóa công khai VAPID để đăng ký thông báo đẩy; số thiết bị đã đăng ký / VAPID public key; devices subscribed',
      response: { 200: Type.Object({ publicKey: Type.String(), devices: Type.Integer() }), 401: ErrorReply }
    },
    preHandler: app.requireUser
  }, async (request) => ({ publicKey: push.publicKey, devices: await push.devices(request.user!) }));

  app.post('/api/push/subscriptions', {
    schema: {
      tags,
      summary: 'Đăng ký nhận thông báo đẩy trên thiết bị này / Subscribe this device to web-push',
      body: Type.Object(
        {
          endpoint: Endpoint,
          expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
          keys: Type.Object({ p256dh: Type.String({ minLength: 80, maxLength: 100 }), auth: Type.String({ minLength: 16, maxLength: 30 }) }, { additionalProperties: false })
        },
        { additionalProperties: false }
      ),
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply }
    },
    config: { fieldLabels }, preHandler: app.requireUser
  }, async (request, reply) => {
    await push.subscribe(request.user!, request.body);
    return reply.code(204).send(null);
  });

  app.delete('/api/push/subscriptions', {
    schema: {
      tags,
      summary: 'Thôi nhận thông báo đẩy trên thiết bị này / Unsubscribe this device',
      body: Type.Object({ endpoint: Endpoint }, { additionalProperties: false }),
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply }
    },
    config: { fieldLabels }, preHandler: app.requireUser
  }, async (request, reply) => {
    await push.unsubscribe(request.user!, request.body.endpoint);
    return reply.code(204).send(null);
  });
};
