import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthUser } from './auth.types.ts';
import type { AuthService } from './auth.service.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { ErrorReply, LoginBody, loginLabels, Me } from './auth.schemas.ts';

function toMe(user: AuthUser) {
  const { sessionId: _session, ...me } = user;
  return me;
}

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Log in',
        body: LoginBody,
        response: { 200: Me, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config: { fieldLabels: loginLabels }
    },
    async (request, reply) => {
      const { token, user, expiresAt } = await auth.login(request.body.identifierCode, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent']
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: expiresAt
      });
      return toMe(user);
    }
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất / Log out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.user) await auth.logout(request.user.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    }
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'Tài khoản đang đăng nhập / Current account', response: { 200: Me, 401: ErrorReply } },
      preHandler: app.requireUser
    },
    async (request) => toMe(request.user!)
  );
};
