import type { Role } from '../../../shared/roles.ts';

/** What an account must do before it may use anything but the auth routes. */
export type AuthRestriction = 'CHANGE_PASSWORD' | 'ENROL_OTP' | null;

/** The caller of a request, as the policy sees it. */
export interface AuthUser {
  id: string;
  sessionId: string;
  identifierCode: string;
  fullName: string;
  role: Role;
  unitId: string;
  unitPath: string;
  unitName: string;
  /** Unit subtrees whose data this account may see: its unit's; for a user manager, the union of its accounts' units. */
  scopePaths: string[];
  mustChangePassword: boolean;
  otpEnabled: boolean;
  restriction: AuthRestriction;
}
