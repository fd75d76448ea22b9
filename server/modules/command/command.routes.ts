import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { commonErrors } from '../../http/errors.ts';
import { SESSION_COOKIE } from '../auth/auth.plugin.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { CommandArea } from './command.area.ts';
import {
  DeadlinesReply,
  DrilldownQuery,
  DrilldownReply,
  drilldownLabels,
  FeedReply,
  LimitQuery,
  limitLabels,
  PairScreenBody,
  PairScreenReply,
  pairLabels,
  PresenceReply,
  ScreenIdParams,
  screenIdLabels,
  ScreenSessionBody,
  ScreenSessionReply,
  screenSessionLabels,
  ScreensReply,
  SnapshotReply
} from './command.schemas.ts';

const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });
const READ_ERRORS = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply };
/** A wall screen renews its session about twice a day; this only slows down guessing. */
const SCREEN_SESSION_RATE = { max: 30, timeWindow: 10 * 60_000 };

export const commandRoutes: FastifyPluginAsyncTypebox<{ command: CommandArea }> = async (app, { command }) => {
  const { service, kiosk } = command;
  const detachPresence = command.presence.attach(app.server);
  app.addHook('onReady', async () => command.start());
  app.addHook('onClose', async () => {
    detachPresence();
    await command.stop();
  });
  await app.register(rateLimit, { global: false, keyGenerator: (request) => request.ip, errorResponseBuilder: () => commonErrors.rateLimited() });

  app.get(
    '/api/command/snapshot',
    {
      schema: {
        tags: ['command'],
        summary: 'Số liệu hiện tại trong phạm vi (màn hình chỉ huy) / Current figures in scope (wall screen)',
        description: 'Cùng số liệu được giữ (retained) trên các chủ đề MQTT `topics`. / The same figures are retained on the MQTT `topics`.',
        response: { 200: SnapshotReply, ...READ_ERRORS }
      },
      preHandler: app.requireUser
    },
    async (request) => service.snapshot(request.user!)
  );

  app.get(
    '/api/command/deadlines',
    {
      schema: {
        tags: ['command'],
        summary: 'Cảnh báo thời hạn: đơn đang xử lý, sắp hết hạn trước / Deadline warnings, least time left first',
        querystring: LimitQuery(200, 50),
        response: { 200: DeadlinesReply, ...READ_ERRORS }
      },
      config: { fieldLabels: limitLabels },
      preHandler: app.requireUser
    },
    async (request) => service.deadlines(request.user!, request.query.limit ?? 50)
  );

  app.get(
    '/api/command/drilldown',
    {
      schema: {
        tags: ['command'],
        summary: 'Các đơn vị trực thuộc một đơn vị, nhiều đơn đang xử lý trước / Units below a unit, busiest first',
        querystring: DrilldownQuery,
        response: { 200: DrilldownReply, ...READ_ERRORS, 404: ErrorReply }
      },
      config: { fieldLabels: drilldownLabels },
      preHandler: app.requireUser
    },
    async (request) => service.drilldown(request.user!, request.query.unit)
  );

  app.get(
    '/api/command/feed',
    {
      schema: {
        tags: ['command'],
        summary: 'Các sự kiện mới nhất trong phạm vi / Latest events in scope',
        querystring: LimitQuery(100, 30),
        response: { 200: FeedReply, ...READ_ERRORS }
      },
      config: { fieldLabels: limitLabels },
      preHandler: app.requireUser
    },
    async (request) => service.feed(request.user!, request.query.limit ?? 30)
  );

  app.get(
    '/api/command/presence',
    {
      schema: {
        tags: ['command'],
        summary: 'Cán bộ đang trực tuyến trong phạm vi (lãnh đạo, màn hình chỉ huy) / Officials online in scope (leaders, wall screens)',
        response: { 200: PresenceReply, ...READ_ERRORS }
      },
      preHandler: app.requireUser
    },
    async (request) => service.presence(request.user!)
  );

  app.post(
    '/api/command/screens',
    {
      schema: {
        tags: ['command'],
        summary: 'Ghép nối một màn hình chỉ huy với tài khoản màn hình / Pair a wall screen with a screen account',
        body: PairScreenBody,
        response: { 201: PairScreenReply, ...READ_ERRORS, 404: ErrorReply, 409: ErrorReply }
      },
      config: { fieldLabels: pairLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await kiosk.pair(request.user!, request.body, meta(request)));
    }
  );

  app.get(
    '/api/command/screens',
    {
      schema: { tags: ['command'], summary: 'Các màn hình chỉ huy đã ghép nối / Paired wall screens', response: { 200: ScreensReply, ...READ_ERRORS } },
      preHandler: app.requireUser
    },
    async (request) => kiosk.list(request.user!)
  );

  app.delete(
    '/api/command/screens/:id',
    {
      schema: {
        tags: ['command'],
        summary: 'Thu hồi một màn hình (phiên của nó kết thúc ngay) / Revoke a wall screen (its session ends at once)',
        params: ScreenIdParams,
        response: { 204: Type.Null(), ...READ_ERRORS, 404: ErrorReply }
      },
      config: { fieldLabels: screenIdLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      await kiosk.revoke(request.user!, request.params.id, meta(request));
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/api/command/screen-session',
    {
      schema: {
        tags: ['command'],
        summary: 'Màn hình đã ghép nối mở phiên đăng nhập bằng mã thiết bị / A paired screen opens a session with its device token',
        body: ScreenSessionBody,
        response: { 200: ScreenSessionReply, 400: ErrorReply, 401: ErrorReply, 429: ErrorReply }
      },
      config: { fieldLabels: screenSessionLabels, rateLimit: SCREEN_SESSION_RATE }
    },
    async (request, reply) => {
      const opened = await kiosk.openSession(request.body.token, meta(request));
      reply.setCookie(SESSION_COOKIE, opened.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: opened.expiresAt });
      reply.header('cache-control', 'no-store');
      return { ...opened.account, expiresAt: opened.expiresAt.toISOString() };
    }
  );
};
