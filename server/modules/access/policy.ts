/**
 * The one policy module: every route and query asks here what the caller may do.
 * Rights are bounded by unit subtrees (ltree paths); the administrator never reads petitions.
 */
import { canCreatePetitions, canReadPetitions } from '../../../shared/roles.ts';
import { RECEPTION_RECORDERS } from '../../../shared/reception.ts';
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

/**
 * A hook for every route of petition data, run before input validation: an account whose role may
 * never read petitions (the administrator) is refused 403 whatever it sent, so even the shape of
 * a validation error tells it nothing about the petition routes.
 */
export async function refuseNonReadersEarly(request: { user: AuthUser | null }): Promise<void> {
  if (request.user && !canReadPetitions(request.user.role)) throw commonErrors.forbidden();
}

/** Command centre: pairing wall screens is for administrators and leaders, for screen accounts in their subtree. */
export function mayPairWallScreens(user: AuthUser): boolean {
  return user.role === 'ADMIN' || user.role === 'LEADER';
}

export function requireWallScreenPairing(user: AuthUser, screenAccountUnitPath?: string): void {
  if (!mayPairWallScreens(user) || (screenAccountUnitPath !== undefined && !isWithinAny(screenAccountUnitPath, user.scopePaths))) throw commonErrors.forbidden();
}

/** A wall screen logs in as a dedicated account of this role (it may read, never write). */
export const WALL_SCREEN_ROLE = 'VIEWER';

/** Who is online (command centre): leaders, and paired wall screens, each within their own scope. */
export function mayViewPresence(user: AuthUser, isWallScreen: boolean): boolean {
  return user.role === 'LEADER' || (isWallScreen && user.role === WALL_SCREEN_ROLE);
}

/**
 * Citizen reception (sổ tiếp công dân): it holds visitors' personal data, so it is read like
 * petitions (never by the administrator), in the caller's subtrees.
 */
export function requireReceptionRead(user: AuthUser): string[] {
  return requirePetitionRead(user);
}

/** Keeping the reception book (sessions, schedules, visits): officers and leaders, inside their scope. */
export function requireReceptionRecord(user: AuthUser, unitPath: string): void {
  if (!RECEPTION_RECORDERS.includes(user.role) || !isWithinAny(unitPath, user.scopePaths)) throw commonErrors.forbidden();
}
