import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import { Type } from 'typebox';
import type { AuthUser } from './auth.types.ts';
import type { AuthService, LoginResult } from './auth.service.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { authLabels, ChangePasswordBody, ErrorReply, LoginBody, Me, OtpConfirmBody, OtpLoginBody, OtpRequired, SessionInfo } from './auth.schemas.ts';

function toMe(user: AuthUser) {
  const { sessionId: _session, ...me } = user;
  return me;
}

const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

function answerLogin(result: LoginResult, request: FastifyRequest, reply: FastifyReply) {
  if (result.kind === 'otp_required') {
    return reply.code(202).send({ otpRequired: true as const, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() });
  }
  reply.setCookie(SESSION_COOKIE, result.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: result.expiresAt
  });
  return reply.code(200).send(toMe(result.user));
}

const LOGIN_ERRORS = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 423: ErrorReply, 429: ErrorReply };

/** The client certificate the TLS layer verified against TLS_CA, as "CN=…,O=…" (empty without TLS). */
function clientCertificate(request: FastifyRequest): { authorized: boolean; subject: string | null } {
  const socket = request.raw.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function') return { authorized: false, subject: null };
  const certificate = socket.getPeerCertificate();
  const subject = certificate?.subject ? Object.entries(certificate.subject).map(([k, v]) => `${k}=${[v].flat().join('+')}`).join(',') : null;
  return { authorized: socket.authorized === true, subject };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/certificate',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng chứng thư số (khi máy chủ chạy với TLS_CA) / Log in with a TLS client certificate',
        description: '200: đã đăng nhập. 202: cần mã OTP như khi đăng nhập bằng mật khẩu. 401: chứng thư không hợp lệ hoặc chưa gắn tài khoản. / 200 logged in; 202 OTP needed; 401 invalid or unmapped certificate.',
        response: { 200: Me, 202: OtpRequired, ...LOGIN_ERRORS }
      }
    },
    async (request, reply) => answerLogin(await auth.loginWithCertificate(clientCertificate(request), meta(request)), request, reply)
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Log in',
        description: '200: đã đăng nhập (cookie phiên). 202: cần mã OTP, gửi tới /api/auth/login/otp. / 200: logged in; 202: an OTP code is needed.',
        body: LoginBody,
        response: { 200: Me, 202: OtpRequired, ...LOGIN_ERRORS }
      },
      config: { fieldLabels: authLabels }
    },
    async (request, reply) => answerLogin(await auth.login(request.body.identifierCode, request.body.password, meta(request)), request, reply)
  );

  app.post(
    '/api/auth/login/otp',
    {
      schema: { tags: ['auth'], summary: 'Bước 2: mã OTP hoặc mã dự phòng / Step 2: OTP or backup code', body: OtpLoginBody, response: { 200: Me, ...LOGIN_ERRORS } },
      config: { fieldLabels: authLabels }
    },
    async (request, reply) => answerLogin(await auth.verifyOtp(request.body.challenge, request.body.code, meta(request)), request, reply)
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất / Log out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.user) await auth.logout(request.user, meta(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/api/auth/logout-all',
    {
      schema: { tags: ['auth'], summary: 'Đăng xuất mọi nơi / Log out everywhere', response: { 200: Type.Object({ revoked: Type.Integer() }), 401: ErrorReply } },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      const revoked = await auth.logoutEverywhere(request.user!, meta(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { revoked };
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

  app.get(
    '/api/auth/sessions',
    {
      schema: { tags: ['auth'], summary: 'Các phiên đăng nhập của tôi / My sessions', response: { 200: Type.Object({ items: Type.Array(SessionInfo) }), 401: ErrorReply } },
      preHandler: app.requireUser
    },
    async (request) => ({ items: await auth.listSessions(request.user!) })
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Thu hồi một phiên / Revoke one of my sessions',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply, 404: ErrorReply }
      },
      config: { fieldLabels: { id: { vi: 'Mã phiên', en: 'Session id' } } },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      await auth.revokeSession(request.user!, request.params.id, meta(request));
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], summary: 'Đổi mật khẩu / Change password', body: ChangePasswordBody, response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply } },
      config: { fieldLabels: authLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      await auth.changePassword(request.user!, request.body.currentPassword, request.body.newPassword, meta(request));
      return reply.code(204).send(null);
    }
  );

  app.post(
    '/api/auth/otp/enrol',
    {
      schema: {
        tags: ['auth'],
        summary: 'Bắt đầu bật OTP: mã QR / Start OTP enrolment: QR code',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrSvg: Type.String() }), 401: ErrorReply, 409: ErrorReply }
      },
      preHandler: app.requireUser
    },
    async (request) => auth.startOtpEnrolment(request.user!)
  );

  app.post(
    '/api/auth/otp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Xác nhận OTP, nhận 10 mã dự phòng / Confirm OTP, get 10 backup codes',
        body: OtpConfirmBody,
        response: { 200: Type.Object({ backupCodes: Type.Array(Type.String()) }), 400: ErrorReply, 401: ErrorReply, 409: ErrorReply }
      },
      config: { fieldLabels: authLabels },
      preHandler: app.requireUser
    },
    async (request) => auth.confirmOtpEnrolment(request.user!, request.body.code, meta(request))
  );
};
