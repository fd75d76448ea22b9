/** Where an account goes after login, or when the server says it must do something first. */
import { goto } from '$app/navigation';
import type { EventEnvelope } from '$shared/events.ts';
import { alerts } from './alerts.svelte.ts';
import { ApiError } from './api.ts';
import { LiveConnection } from './live/live-connection.svelte.ts';

export interface Me {
  id: string;
  identifierCode: string;
  fullName: string;
  role: string;
  unitName: string;
  otpEnabled: boolean;
  restriction: 'CHANGE_PASSWORD' | 'ENROL_OTP' | null;
}

export function landingFor(me: Pick<Me, 'restriction'>): string {
  if (me.restriction === 'CHANGE_PASSWORD') return '/account/password';
  if (me.restriction === 'ENROL_OTP') return '/account/otp';
  return '/dashboard';
}

/** Follow the server's "do this first" answers (403 auth.must_change_password / auth.must_enrol_otp). */
export function redirectForRestriction(code: string): boolean {
  if (code === 'auth.must_change_password') return void goto('/account/password'), true;
  if (code === 'auth.must_enrol_otp') return void goto('/account/otp'), true;
  return false;
}

/**
 * What a page does with a failed call: to the login page when the session is gone, to the
 * required step when the server asks for one; otherwise the message to show, in the UI language.
 */
export function pageErrorMessage(error: unknown, locale: 'vi' | 'en', fallback: string): string | undefined {
  if (error instanceof ApiError && error.status === 401) return void goto('/login'), undefined;
  if (error instanceof ApiError && redirectForRestriction(error.code)) return undefined;
  return error instanceof ApiError ? error.localized(locale) : fallback;
}

/**
 * The page's live connection, resuming after `lastSeq`; stop it when the page goes. The account's
 * alerts become toasts and bump the bell (alerts.svelte.ts). (`_myUnitId` is no longer needed:
 * alerts are addressed to the account itself.)
 */
export function startLive(lastSeq: string, onEvent: (event: EventEnvelope) => void, _myUnitId?: string): LiveConnection {
  const live = new LiveConnection({
    lastSeq,
    onEvent,
    onNotification: (event) => alerts.fromNotification(event),
    onUnauthorized: () => goto('/login')
  });
  live.start();
  return live;
}
