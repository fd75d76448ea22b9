/**
 * Roles (DESIGN.md security model; DOMAIN.md §7). Every right is bounded by a unit subtree.
 * The system administrator manages accounts and units only and can never read petition data.
 */
export const ROLES = ['ADMIN', 'USER_MANAGER', 'LEADER', 'OFFICER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  ADMIN: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  USER_MANAGER: { vi: 'Quản lý người dùng', en: 'User manager' },
  LEADER: { vi: 'Lãnh đạo', en: 'Leader' },
  OFFICER: { vi: 'Cán bộ xử lý', en: 'Officer' },
  VIEWER: { vi: 'Người xem', en: 'Viewer' }
};

/** Roles that may read petition data at all (the administrator may not, by rule 06-QĐ/UBKTTW). */
export const PETITION_READERS: readonly Role[] = ['USER_MANAGER', 'LEADER', 'OFFICER', 'VIEWER'];
/** Roles that may record a new petition. */
export const PETITION_WRITERS: readonly Role[] = ['OFFICER', 'LEADER'];

export function canReadPetitions(role: Role): boolean {
  return PETITION_READERS.includes(role);
}
export function canCreatePetitions(role: Role): boolean {
  return PETITION_WRITERS.includes(role);
}
