import type { Role } from '../../../shared/roles.ts';

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
  /** Unit subtrees whose data this account may see (its own unit's for now; managers get a union). */
  scopePaths: string[];
  mustChangePassword: boolean;
}
