/** Where an account goes after login, or when the server says it must do something first. */
import { goto } from '$app/navigation';

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
