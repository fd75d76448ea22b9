/**
 * The one policy module: every route and query asks here what the caller may do.
 * Rights are bounded by unit subtrees (ltree paths); the administrator never reads petitions.
 */
import { canCreatePetitions, canReadPetitions } from '../../../shared/roles.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import { commonErrors } from '../../http/errors.ts';
import type { AuthUser } from '../auth/auth.types.ts';

/** Subtrees of petition data the caller may read; empty for roles that may read none. */
export function petitionScope(user: AuthUser): string[] {
  return canReadPetitions(user.role) ? user.scopePaths : [];
}

export function requirePetitionRead(user: AuthUser): string[] {
  const scope = petitionScope(user);
  if (scope.length === 0) throw commonErrors.forbidden();
  return scope;
}

export function requirePetitionCreate(user: AuthUser, unitPath: string): void {
  if (!canCreatePetitions(user.role) || !isWithinAny(unitPath, user.scopePaths)) throw commonErrors.forbidden();
}
