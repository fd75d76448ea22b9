/**
 * Petition intake and reading. A change is one transaction: the petition, its petition_events
 * row and its outbox event commit together or not at all (DESIGN.md data flow).
 */
import { formatPetitionCode, PETITION_SUMMARY_MIN, type PetitionStatus, type PetitionType } from '../../../shared/petition.ts';
import { startOfVnDay, vnYear } from '../../../shared/vn-time.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { assertUnitOpen } from '../units/units.service.ts';
import type { PartiesService } from '../parties/parties.service.ts';
import { requirePetitionCreate, requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { commonErrors } from '../../http/errors.ts';
import { petitionErrors } from './petitions.errors.ts';
import { createPetitionsRepository, type PetitionWithUnit } from './petitions.repository.ts';
import type { PetitionRow } from './petitions.table.ts';
import type { CreatePetitionInput, PetitionDto } from './petitions.schemas.ts';

export interface PetitionsServiceDeps {
  db: Db;
  /** Encrypted personal data of the petition's parties. */
  parties: PartiesService;
  now?: () => Date;
}

function toDto(p: PetitionWithUnit): PetitionDto {
  return {
    id: p.id,
    code: p.code,
    type: p.type as PetitionType,
    status: p.status as PetitionStatus,
    summary: p.summary,
    unitId: p.unitId,
    unitName: p.unitName,
    receivedAt: p.receivedAt.toISOString(),
    createdAt: p.createdAt.toISOString()
  };
}

function encodeCursor(p: PetitionWithUnit): string {
  return Buffer.from(`${p.receivedAt.toISOString()}|${p.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const receivedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(receivedAt.getTime())) throw petitionErrors.badCursor();
  return { receivedAt, id };
}

export function createPetitionsService(deps: PetitionsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const outbox = createOutboxRepository(deps.db);

  return {
    /**
     * Record a petition. `options.onCreated` runs inside the intake transaction (under the caller's
     * scope), so another area's rows (a reception visit, a document) commit with the petition or not at all.
     */
    async create(user: AuthUser, input: CreatePetitionInput, options: { onCreated?: (tx: Tx, petition: PetitionRow) => Promise<void> } = {}): Promise<PetitionDto> {
      const summary = input.summary.trim();
      // The schema counts characters; spaces alone are not a summary a clerk can act on.
      if (summary.length < PETITION_SUMMARY_MIN) {
        throw commonErrors.validation([
          {
            field: 'summary',
            message: `Tóm tắt nội dung: cần ít nhất ${PETITION_SUMMARY_MIN} ký tự (không tính khoảng trắng ở đầu và cuối).`,
            messageEn: `Content summary: must be at least ${PETITION_SUMMARY_MIN} characters (leading and trailing spaces do not count).`
          }
        ]);
      }
      const unit = await createUnitsRepository(deps.db).findById(input.unitId ?? user.unitId);
      if (!unit) throw petitionErrors.unitNotFound();
      assertUnitOpen(unit);
      requirePetitionCreate(user, unit.path);
      const at = now();
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : at;
      // A few minutes of clock skew between a clerk's PC and the server is not "the future".
      if (receivedAt.getTime() > at.getTime() + 5 * 60_000) throw petitionErrors.receivedInFuture();

      const row = await withScope(deps.db, user.scopePaths, async (tx) => {
        const repo = createPetitionsRepository(tx);
        const seq = await repo.nextSequence(unit.id, vnYear(receivedAt));
        const status: PetitionStatus = 'NHAN_DON';
        const petition = await repo.insert({
          code: formatPetitionCode(unit.code, vnYear(receivedAt), seq),
          unitId: unit.id,
          unitPath: unit.path,
          type: input.type,
          status,
          summary,
          receivedAt,
          createdBy: user.id
        });
        await repo.insertEvent({ petitionId: petition.id, actorId: user.id, action: 'TIEP_NHAN', toStatus: status });
        await createOutboxRepository(tx).enqueueUnitEvent({
          type: 'petition.created',
          unitPath: unit.path,
          payload: {
            petitionId: petition.id,
            code: petition.code,
            type: input.type,
            status,
            unitId: unit.id,
            unitName: unit.name,
            receivedAt: receivedAt.toISOString()
          }
        });
        await deps.parties.addParties(tx, petition.id, input.parties ?? []);
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'petition.create', entityType: 'petition', entityId: petition.id, unitPath: unit.path, details: { code: petition.code, type: input.type } });
        await options.onCreated?.(tx, petition);
        return petition;
      });
      return toDto({ ...row, unitName: unit.name });
    },

    async list(user: AuthUser, query: { limit?: number; cursor?: string }) {
      const scope = requirePetitionRead(user);
      const limit = query.limit ?? 20;
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await withScope(deps.db, scope, (tx) => createPetitionsRepository(tx).listInScope(scope, limit + 1, after));
      const page = rows.slice(0, limit);
      return { items: page.map(toDto), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
    },

    async stats(user: AuthUser) {
      const scope = requirePetitionRead(user);
      const [total, receivedToday] = await withScope(deps.db, scope, async (tx) => {
        const repo = createPetitionsRepository(tx);
        return [await repo.countInScope(scope), await repo.countInScope(scope, startOfVnDay(now()))] as const;
      });
      const lastSeq = await outbox.lastSeq();
      return { total, receivedToday, lastSeq };
    }
  };
}
export type PetitionsService = ReturnType<typeof createPetitionsService>;
