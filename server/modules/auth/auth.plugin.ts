/**
 * Resolves the session cookie into `request.user` (null when absent or expired) and offers
 * `requireUser` for routes. An account with a pending restriction (password change, OTP
 * enrolment) may only reach the auth routes.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commonErrors } from '../../http/errors.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthUser } from './auth.types.ts';

export const SESSION_COOKIE = 'dt_session';

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
      // A new or reset account changes its password first; a leader or administrator sets up OTP.
      if (request.user.restriction && !request.url.startsWith('/api/auth/')) {
        throw request.user.restriction === 'CHANGE_PASSWORD' ? authErrors.mustChangePassword() : authErrors.mustEnrolOtp();
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] }
);
