/**
 * Petition intake and reading. A change is one transaction: the petition, its petition_events
 * row and its outbox event commit together or not at all (DESIGN.md data flow). The steps of
 * the procedure after intake are in petition-procedure.service.ts.
 */
import { toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { FORWARDED_SOURCES } from '../../../shared/procedure/intake.ts';
import { allowedActions, intakeRule } from '../../../shared/procedure/state-machine.ts';
import { formatPetitionCode, PETITION_SUMMARY_MIN, type PetitionStatus, type PetitionType } from '../../../shared/petition.ts';
import { vnYear } from '../../../shared/vn-time.ts';
import type { Db, Tx } from '../../db/client.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { assertUnitOpen } from '../units/units.service.ts';
import type { PartiesService } from '../parties/parties.service.ts';
import { requirePetitionCreate, requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { commonErrors } from '../../http/errors.ts';
import { petitionErrors } from './petitions.errors.ts';
import { endOfVnDay, startClock } from './petition-clock.ts';
import { createPetitionsRepository, type PetitionFilters, type PetitionWithUnit } from './petitions.repository.ts';
import type { PetitionRow } from './petitions.table.ts';
import type { CreatePetitionInput, ListPetitionsInput, PetitionDetailDto, PetitionDto } from './petitions.schemas.ts';

export interface PetitionsServiceDeps {
  db: Db;
  /** Encrypted personal data of the petition's parties. */
  parties: PartiesService;
  calendar: CalendarService;
  now?: () => Date;
}

export function toPetitionDto(p: PetitionWithUnit): PetitionDto {
  return {
    id: p.id,
    code: p.code,
    type: p.type as PetitionType,
    status: p.status as PetitionStatus,
    summary: p.summary,
    unitId: p.unitId,
    unitName: p.unitName,
    receivedAt: p.receivedAt.toISOString(),
    createdAt: p.createdAt.toISOString(),
    source: p.source,
    field: p.field,
    senderKind: p.senderKind,
    respondent: p.respondent,
    provinceCode: p.provinceCode,
    communeCode: p.communeCode,
    caseId: p.caseId,
    assignedTo: p.assignedTo,
    dueDate: p.dueDate,
    deadlineState: p.deadlineState,
    closedAt: p.closedAt?.toISOString() ?? null
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

  function filtersOf(user: AuthUser, scope: string[], query: ListPetitionsInput, subtree?: string): PetitionFilters {
    return {
      scopePaths: scope,
      subtree,
      q: query.q?.trim() || undefined,
      status: query.status,
      type: query.type,
      field: query.field,
      provinceCode: query.provinceCode,
      communeCode: query.communeCode,
      assignedTo: query.assignedTo === 'me' ? user.id : query.assignedTo,
      dueBefore: query.dueBefore ? endOfVnDay(query.dueBefore) : undefined,
      deadline: query.deadline,
      open: query.open,
      caseId: query.caseId
    };
  }

  async function subtreeOf(unitId: string | undefined): Promise<string | undefined> {
    if (!unitId) return undefined;
    const unit = await createUnitsRepository(deps.db).findById(unitId);
    if (!unit) throw petitionErrors.unitNotFound([{ field: 'unitId', message: 'Đơn vị không tồn tại.', messageEn: 'No such unit.' }]);
    return unit.path;
  }

  return {
    /**
     * Record a petition. `options.onCreated` runs inside the intake transaction (under the caller's
     * scope), so another area's rows (a reception visit, a document) commit with the petition or not at all.
     */
    async create(
      user: AuthUser,
      input: CreatePetitionInput,
      options: { onCreated?: (tx: Tx, petition: PetitionRow) => Promise<void>; secondComplaintOf?: PetitionRow } = {}
    ): Promise<PetitionDto> {
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
      const source = input.source ?? 'TRUC_TIEP';
      if (FORWARDED_SOURCES.includes(source) && !input.forwarding) {
        throw petitionErrors.forwardingRequired([{ field: 'forwarding', message: 'Cần ghi cơ quan chuyển đơn.', messageEn: 'The forwarding body is required.' }]);
      }
      const unit = await createUnitsRepository(deps.db).findById(input.unitId ?? user.unitId);
      if (!unit) throw petitionErrors.unitNotFound();
      assertUnitOpen(unit);
      requirePetitionCreate(user, unit.path);
      const at = now();
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : at;
      // A few minutes of clock skew between a clerk's PC and the server is not "the future".
      if (receivedAt.getTime() > at.getTime() + 5 * 60_000) throw petitionErrors.receivedInFuture();
      const receivedOn: IsoDate = toVnDate(receivedAt);
      if (input.writtenOn && input.writtenOn > receivedOn) throw petitionErrors.writtenAfterReceived();
      const senderKind = input.senderKind ?? ((input.parties?.length ?? 0) === 0 ? 'NAC_DANH' : (input.parties?.length ?? 0) > 1 ? 'NHIEU_NGUOI' : 'CA_NHAN');
      const inForce = await deps.calendar.current();
      const parent = options.secondComplaintOf;
      const round = parent ? 2 : 1;
      const clock = startClock(inForce, intakeRule({ type: input.type, round }), receivedOn, { remoteArea: input.remoteArea });

      const row = await withScope(deps.db, user.scopePaths, async (tx) => {
        const repo = createPetitionsRepository(tx);
        // A second complaint continues the first one's case, wherever the first was decided.
        const existingCase = parent?.caseId ? { id: parent.caseId } : input.caseId ? await repo.findCase(input.caseId, user.scopePaths) : null;
        if (input.caseId && !existingCase) throw petitionErrors.caseNotFound([{ field: 'caseId', message: 'Không tìm thấy vụ việc.', messageEn: 'No such case.' }]);
        const seq = await repo.nextSequence(unit.id, vnYear(receivedAt));
        const code = formatPetitionCode(unit.code, vnYear(receivedAt), seq);
        const theCase = existingCase ?? (await repo.insertCase({ code: `VV-${code}`, unitId: unit.id, unitPath: unit.path, type: input.type, createdBy: user.id }));
        const status: PetitionStatus = 'NHAN_DON';
        const petition = await repo.insert({
          code,
          unitId: unit.id,
          unitPath: unit.path,
          type: input.type,
          status,
          summary,
          receivedAt,
          createdBy: user.id,
          source,
          forwarding: input.forwarding ?? null,
          field: input.field ?? null,
          senderKind,
          signerCount: input.signerCount ?? Math.max(input.parties?.length ?? 0, senderKind === 'NAC_DANH' ? 0 : 1),
          respondent: input.respondent?.trim() || null,
          provinceCode: input.provinceCode ?? unit.provinceCode ?? null,
          communeCode: input.communeCode ?? null,
          writtenOn: input.writtenOn ?? null,
          remoteArea: input.remoteArea ?? false,
          caseId: theCase.id,
          round,
          parentId: parent?.id ?? null,
          ...clock
        });
        await repo.insertEvent({ petitionId: petition.id, actorId: user.id, action: parent ? 'KHIEU_NAI_LAN_2' : 'TIEP_NHAN', toStatus: status, unitPath: unit.path, note: parent ? `Khiếu nại lần hai đối với đơn ${parent.code}` : null });
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
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'petition.create', entityType: 'petition', entityId: petition.id, unitPath: unit.path, details: { code: petition.code, type: input.type, caseId: theCase.id, joinedCase: existingCase !== null } });
        await options.onCreated?.(tx, petition);
        return petition;
      });
      return toPetitionDto({ ...row, unitName: unit.name });
    },

    /**
     * The second-time complaint (Luật Khiếu nại Điều 33): when the first decision is issued or its
     * time limit has passed, the complainant may complain to the next level. A new petition of
     * round 2, in the same case, at the unit competent for the second round.
     */
    async secondComplaint(user: AuthUser, firstId: string, input: CreatePetitionInput): Promise<PetitionDto> {
      const scope = requirePetitionRead(user);
      const first = await withScope(deps.db, scope, async (tx) => (await createPetitionsRepository(tx).findDetail(firstId, scope))?.petition ?? null);
      if (!first) throw petitionErrors.notFound();
      const decided = first.status === 'DA_CO_KET_LUAN' || first.status === 'KET_THUC';
      const lapsed = first.closedAt === null && first.deadlineState === 'OVERDUE' && ['DANG_GIAI_QUYET', 'XAC_MINH', 'TAM_DINH_CHI'].includes(first.status);
      if (first.type !== 'KHIEU_NAI' || first.round !== 1 || !(decided || lapsed)) throw petitionErrors.secondComplaintNotOpen();
      // The second round usually sits at the next level, outside the first unit's subtree: ask unscoped.
      if (await createPetitionsRepository(deps.db).hasSecondRound(first.id)) throw petitionErrors.secondComplaintExists();
      return this.create(user, { ...input, type: 'KHIEU_NAI', caseId: undefined }, { secondComplaintOf: first });
    },

    async list(user: AuthUser, query: ListPetitionsInput) {
      const scope = requirePetitionRead(user);
      const limit = query.limit ?? 20;
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const filters = filtersOf(user, scope, query, await subtreeOf(query.unitId));
      const rows = await withScope(deps.db, scope, async (tx) => {
        const repo = createPetitionsRepository(tx);
        return repo.byIds(await outsideScope(tx, () => repo.listIds(filters, limit + 1, after)), scope);
      });
      const page = rows.slice(0, limit);
      return { items: page.map(toPetitionDto), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
    },

    /** The count behind a filtered list (the same filter definition as the list). */
    async count(user: AuthUser, query: ListPetitionsInput): Promise<number> {
      const scope = requirePetitionRead(user);
      const filters = filtersOf(user, scope, query, await subtreeOf(query.unitId));
      // A number, not rows: counted by the application's scope filter with the indexes usable.
      return withScope(deps.db, scope, (tx) => outsideScope(tx, () => createPetitionsRepository(tx).count(filters)));
    },

    async get(user: AuthUser, id: string): Promise<PetitionDetailDto> {
      const scope = requirePetitionRead(user);
      const found = await withScope(deps.db, scope, async (tx) => {
        const repo = createPetitionsRepository(tx);
        const detail = await repo.findDetail(id, scope);
        return detail ? { detail, history: await repo.history(id) } : null;
      });
      if (!found) throw petitionErrors.notFound();
      const { detail, history } = found;
      const p = detail.petition;
      return {
        ...toPetitionDto({ ...p, unitName: detail.unitName }),
        caseCode: detail.caseCode,
        forwarding: (p.forwarding as Record<string, unknown> | null) ?? null,
        signerCount: p.signerCount,
        writtenOn: p.writtenOn,
        competence: p.competence,
        eligible: p.eligible,
        complexity: p.complexity,
        remoteArea: p.remoteArea,
        round: p.round,
        dueRule: p.dueRule,
        extensions: p.extensions,
        closedOnTime: p.closedOnTime,
        result: p.result,
        transferredFromUnitId: p.transferredFromUnitId,
        transferredFromUnitName: detail.fromUnitName,
        assignedToName: detail.assignedToName,
        allowedActions: allowedActions({ status: p.status as PetitionStatus, type: p.type as PetitionType }, user.role),
        history: history.map((h) => ({
          id: String(h.event.id),
          action: h.event.action,
          fromStatus: h.event.fromStatus,
          toStatus: h.event.toStatus,
          actorName: h.actorName,
          unitName: h.unitName,
          targetUnitName: h.targetUnitName,
          targetBody: h.event.targetBody,
          reason: h.event.reason,
          note: h.event.note,
          documentNo: h.event.documentNo,
          documentDate: h.event.documentDate,
          decision: h.event.decision ?? null,
          occurredAt: h.event.occurredAt.toISOString()
        }))
      };
    },

    async stats(user: AuthUser) {
      const scope = requirePetitionRead(user);
      const [total, receivedToday] = await withScope(deps.db, scope, async (tx) => {
        const repo = createPetitionsRepository(tx);
        return [await repo.countInScope(scope), await repo.countInScope(scope, toVnDate(now()))] as const;
      });
      const lastSeq = await outbox.lastSeq();
      return { total, receivedToday, lastSeq };
    }
  };
}
export type PetitionsService = ReturnType<typeof createPetitionsService>;
