/**
 * CONNECT: the password is a realtime token issued by POST /api/realtime/token to a logged-in
 * user. No token, a forged or expired one, or a revoked session: CONNACK 5 "not authorized"
 * [MQTT-3.2.2-3]. The error goes back as a return code and is never thrown across the socket.
 */
import type { AuthenticateError, Client } from 'aedes';
import { setClientScope, type ClientScope } from '../client-scope.ts';

export type TokenVerifier = (token: string) => Promise<ClientScope | null>;

function refused(message: string): AuthenticateError {
  const error = new Error(message) as AuthenticateError;
  error.returnCode = 5; // AuthErrorCode.NOT_AUTHORIZED (a const enum: not importable at runtime)
  return error;
}

export function createAuthenticate(verify: TokenVerifier) {
  return (
    client: Client,
    _username: Readonly<string | undefined>,
    password: Readonly<Buffer | undefined>,
    done: (error: AuthenticateError | null, success: boolean | null) => void
  ): void => {
    if (!password || password.length === 0) {
      done(refused('Not authorized: no token'), false);
      return;
    }
    verify(password.toString('utf8'))
      .then((scope) => {
        if (!scope) return done(refused('Not authorized: invalid or expired token'), false);
        setClientScope(client, scope);
        done(null, true);
      })
      .catch(() => done(refused('Not authorized: token check failed'), false));
  };
}
