/**
 * Unit paths are PostgreSQL ltree paths of unit codes, e.g. 'VN.01' (Hà Nội) or 'VN.01.00004'.
 * One rule for "is this inside that subtree", used by the API policy, the broker ACL and the web.
 */
export type UnitPath = string;

export const ROOT_UNIT_CODE = 'VN';

/** Labels of an ltree path: letters, digits and underscore only (we avoid '-' for PostgreSQL < 16). */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;

export function isWithin(path: UnitPath, scopeRoot: UnitPath): boolean {
  return path === scopeRoot || path.startsWith(`${scopeRoot}.`);
}

export function isWithinAny(path: UnitPath, scopeRoots: readonly UnitPath[]): boolean {
  return scopeRoots.some((root) => isWithin(path, root));
}
