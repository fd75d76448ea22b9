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

/** Scheduled reports (issue 6 item 4): a leader subscribes for a unit inside its own scope. */
export function requireReportSubscription(user: AuthUser, unitPath: string): void {
  if (user.role !== 'LEADER' || !isWithinAny(unitPath, petitionScope(user))) throw commonErrors.forbidden();
}

/**
 * Directives (issue 5 item 3). Leaders issue them, to units inside their own scope. Who takes part:
 * the issuing leader, and whoever may read petition data of a target unit (its officers and
 * leaders, their superiors, the wall screens of that scope) may read the directive; only the
 * officers and leaders of a target unit itself act for it (acknowledge, reply, report completion).
 */
export function mayIssueDirectives(user: AuthUser): boolean {
  return user.role === 'LEADER';
}

export function mayTargetUnit(user: AuthUser, unitPath: string): boolean {
  return mayIssueDirectives(user) && isWithinAny(unitPath, user.scopePaths);
}

export function mayReadDirective(user: AuthUser, directive: { issuedBy: string; targetPaths: readonly string[] }): boolean {
  if (directive.issuedBy === user.id) return true;
  const scope = petitionScope(user);
  return directive.targetPaths.some((p) => isWithinAny(p, scope));
}

/** The target this account acts for: its own unit's, never the issuer's. */
export function directiveTargetOf<T extends { unitId: string }>(user: AuthUser, directive: { issuedBy: string; targets: readonly T[] }): T | null {
  if (directive.issuedBy === user.id || (user.role !== 'OFFICER' && user.role !== 'LEADER')) return null;
  return directive.targets.find((t) => t.unitId === user.unitId) ?? null;
}
