/**
 * Who may see a protected identity (a denouncer's: Luật Tố cáo 2018 Điều 8.3, 9.1.b, 56).
 * Only the leaders and officers who handle the petition: a leader or officer of a unit whose
 * subtree contains the petition's unit. Never a viewer, never a user manager (its rights are a
 * union of accounts', for administration, not case handling), never the system administrator
 * (who may not read petition data at all).
 * Parties whose identity is not protected are visible to everyone who may read the petition.
 */
import type { Role } from '../../../shared/roles.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { petitionScope } from './policy.ts';

export const PROTECTED_IDENTITY_READERS: readonly Role[] = ['LEADER', 'OFFICER'];

/** Subtrees in which the caller may see protected identities; empty for every other role. */
export function protectedIdentityScope(user: AuthUser): string[] {
  return PROTECTED_IDENTITY_READERS.includes(user.role) ? user.scopePaths : [];
}

export function canSeeProtectedIdentity(user: AuthUser, petitionUnitPath: string): boolean {
  return isWithinAny(petitionUnitPath, protectedIdentityScope(user));
}

/** May the caller see this party's name and contact details in clear? */
export function canSeePartyIdentity(user: AuthUser, petitionUnitPath: string, identityProtected: boolean): boolean {
  if (identityProtected) return canSeeProtectedIdentity(user, petitionUnitPath);
  return isWithinAny(petitionUnitPath, petitionScope(user));
}
