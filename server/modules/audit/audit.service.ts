/**
 * Reading and verifying the audit log. Only the system administrator may: the log holds no
 * petition data (audit.log.ts), and an officer must not see who looked at what.
 */
import type { Db } from '../../db/client.ts';
import { commonErrors } from '../../http/errors.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createAuditRepository, type AuditRow } from './audit.repository.ts';
import type { AuditItemDto, AuditListInput } from './audit.schemas.ts';
import { verifyAuditChainIn, type AuditVerifyResult } from './audit.verify.ts';

export interface AuditServiceDeps {
  db: Db;
}

export function requireAuditRead(user: AuthUser): void {
  if (user.role !== 'ADMIN') throw commonErrors.forbidden();
}

function toDto(row: AuditRow): AuditItemDto {
  return { ...row, prevHash: row.prevHash.toString('hex'), hash: row.hash.toString('hex') };
}

export function createAuditService(deps: AuditServiceDeps) {
  const audit = createAuditRepository(deps.db);
  // One walk of the chain at a time; callers arriving meanwhile share its result.
  let verifying: Promise<AuditVerifyResult> | null = null;

  return {
    async list(user: AuthUser, query: AuditListInput): Promise<{ items: AuditItemDto[]; nextBefore: string | null }> {
      requireAuditRead(user);
      const limit = query.limit ?? 50;
      const prefix = query.action?.endsWith('*') ?? false;
      const rows = await audit.list(
        {
          beforeId: query.before,
          action: prefix ? query.action!.slice(0, -1) : query.action,
          actionPrefix: prefix,
          actorLabel: query.actorLabel
        },
        limit + 1
      );
      const page = rows.slice(0, limit);
      return { items: page.map(toDto), nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
    },

    async verify(user: AuthUser): Promise<AuditVerifyResult> {
      requireAuditRead(user);
      verifying ??= verifyAuditChainIn(deps.db).finally(() => {
        verifying = null;
      });
      return verifying;
    }
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
