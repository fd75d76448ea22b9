/**
 * Resolves the session cookie into `request.user` (null when absent or expired) and offers
 * `requireUser` for routes. A user who must change their password may only reach auth routes.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commonErrors, defineError } from '../../http/errors.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthUser } from './auth.types.ts';

export const SESSION_COOKIE = 'dt_session';

const mustChangePassword = defineError('auth.must_change_password', 403, 'Bạn cần đổi mật khẩu trước khi tiếp tục.', 'You must change your password before continuing.');

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyInstance {
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export const authPlugin = fp<{ auth: AuthService }>(
  async (app, { auth }) => {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.user = token ? await auth.authenticate(token) : null;
    });
    app.decorate('requireUser', async (request: FastifyRequest) => {
      if (!request.user) throw commonErrors.unauthenticated();
      if (request.user.mustChangePassword && !request.url.startsWith('/api/auth/')) throw mustChangePassword();
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] }
);
