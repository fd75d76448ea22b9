/**
 * The steps of the procedure after intake (issue 4 item 4–6). The state machine in
 * shared/procedure/state-machine.ts says what is allowed; this service checks it against the
 * locked row, records who/when/what, moves the deadline clock, moves the petition between units
 * on a transfer, and writes the step, the outbox events and the audit entry in one transaction.
 */
import { sql } from 'drizzle-orm';
import { addDays, diffDays, getDeadlineRule, toVnDate, type DeadlineRuleId, type IsoDate } from '../../../shared/calendar/index.ts';
import { ACTIONS, checkAction, nextStatus, type ActionCode, type ActionField } from '../../../shared/procedure/state-machine.ts';
import { isOpenStatus, type PetitionStatus } from '../../../shared/procedure/states.ts';
import type { PetitionType } from '../../../shared/petition.ts';
import type { FieldError } from '../../../shared/api-error.ts';
import type { Db, Tx } from '../../db/client.ts';
import { outsideScope, withScope } from '../../db/scoped.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { CalendarService, CalendarInForce } from '../calendar/calendar.service.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import type { UnitRow } from '../units/units.table.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { petitionErrors } from './petitions.errors.ts';
import { endOfVnDay, extensionsLeft, startClock, STOPPED, type Clock } from './petition-clock.ts';
import { createPetitionsRepository } from './petitions.repository.ts';
import type { ActionInput } from './petitions.schemas.ts';
import type { PetitionRow } from './petitions.table.ts';

export interface ProcedureDeps {
  db: Db;
  calendar: CalendarService;
  now?: () => Date;
}

const FIELD_MESSAGES: Record<ActionField, FieldError> = {
  classification: { field: 'classification', message: 'Cần phân loại: loại đơn, lĩnh vực, thẩm quyền, đủ điều kiện hay không.', messageEn: 'Classification is required: type, field, competence, eligibility.' },
  reason: { field: 'reason', message: 'Cần ghi rõ lý do (ít nhất 5 ký tự).', messageEn: 'Reasons are required (5 characters at least).' },
  archiveReason: { field: 'archiveReason', message: 'Cần chọn lý do lưu đơn.', messageEn: 'Choose why the petition is archived.' },
  caseId: { field: 'caseId', message: 'Cần chọn vụ việc để gộp đơn vào.', messageEn: 'Choose the case to merge into.' },
  targetUnitId: { field: 'targetUnitId', message: 'Cần chọn đơn vị nhận đơn.', messageEn: 'Choose the receiving unit.' },
  targetBody: { field: 'targetBody', message: 'Cần ghi tên cơ quan có thẩm quyền.', messageEn: 'Name the competent body.' },
  decision: { field: 'decisionNo', message: 'Cần số và ngày của văn bản.', messageEn: 'The document number and date are required.' },
  result: { field: 'result', message: 'Cần chọn kết quả giải quyết.', messageEn: 'Choose the result.' },
  assigneeId: { field: 'assigneeId', message: 'Cần chọn cán bộ được phân công.', messageEn: 'Choose the officer to assign.' }
};

function missingFields(requires: readonly ActionField[], body: ActionInput): FieldError[] {
  const present: Record<ActionField, boolean> = {
    classification: body.classification !== undefined,
    reason: (body.reason?.trim().length ?? 0) >= 5,
    archiveReason: body.archiveReason !== undefined,
    caseId: body.caseId !== undefined,
    targetUnitId: body.targetUnitId !== undefined,
    targetBody: (body.targetBody?.trim().length ?? 0) >= 3,
    decision: body.decisionNo !== undefined && body.decisionDate !== undefined,
    result: body.result !== undefined,
    assigneeId: body.assigneeId !== undefined
  };
  return requires.filter((f) => !present[f]).map((f) => FIELD_MESSAGES[f]);
}

/** The clock after the action, and whether that closes the petition's active work. */
export function nextClock(
  inForce: CalendarInForce,
  code: ActionCode,
  p: PetitionRow,
  subject: { type: PetitionType; round: number; complexity: string },
  today: IsoDate,
  decisionDate: IsoDate | undefined
): Partial<PetitionRow> {
  const effect = ACTIONS[code].clock;
  const circumstances = { complexity: subject.complexity, remoteArea: p.remoteArea };
  const fresh = (clock: Clock): Partial<PetitionRow> => ({ ...clock, deadlineState: 'ON_TRACK', pausedAt: null });
  switch (effect.kind) {
    case 'KEEP':
      return {};
    case 'STOP':
      return { ...STOPPED, pausedAt: null };
    case 'START': {
      const start = effect.from === 'DECISION_DATE' ? (decisionDate ?? today) : effect.from === 'NOW' ? today : (p.clockStart ?? toVnDate(p.receivedAt));
      return fresh(startClock(inForce, effect.rule(subject), start, circumstances));
    }
    case 'EXTEND': {
      if (!p.dueRule || extensionsLeft(inForce, p.dueRule, subject.complexity, p.extensions) === 0) throw petitionErrors.noExtensionLeft();
      return fresh(startClock(inForce, p.dueRule as DeadlineRuleId, p.clockStart!, { ...circumstances, extensions: p.extensions + 1 }));
    }
    case 'PAUSE':
      // The limit stops running while suspended (Luật KN Điều 28, Luật TC Điều 31): no due instant.
      return { dueAt: null, pausedAt: new Date() };
    case 'RESUME': {
      if (!p.dueDate || !p.pausedAt) return {};
      const pausedDays = Math.max(0, diffDays(toVnDate(p.pausedAt), today));
      const dueDate = inForce.calendar.workingDayOnOrAfter(addDays(p.dueDate, pausedDays));
      return { dueDate, dueAt: endOfVnDay(dueDate), pausedAt: null, deadlineState: 'ON_TRACK' };
    }
  }
}

export function createProcedureService(deps: ProcedureDeps) {
  const now = deps.now ?? (() => new Date());
  const units = createUnitsRepository(deps.db);

  async function targetUnitOf(code: ActionCode, body: ActionInput, p: PetitionRow): Promise<UnitRow | null> {
    const moves = ACTIONS[code].movesUnit;
    if (!moves) return null;
    const id = moves === 'TO_TARGET' ? body.targetUnitId : p.transferredFromUnitId;
    if (!id) throw moves === 'TO_TARGET' ? petitionErrors.missingField([FIELD_MESSAGES.targetUnitId]) : petitionErrors.noSender();
    const unit = await units.findById(id);
    if (!unit || unit.validTo !== null || unit.id === p.unitId) throw petitionErrors.targetUnitInvalid([{ field: 'targetUnitId', message: 'Đơn vị nhận không hợp lệ.', messageEn: 'Invalid receiving unit.' }]);
    return unit;
  }

  async function checkAssignee(body: ActionInput, p: PetitionRow): Promise<void> {
    if (!body.assigneeId) return;
    const assignee = await createUsersRepository(deps.db).findById(body.assigneeId);
    const ok = assignee && !assignee.disabled && (assignee.role === 'OFFICER' || assignee.role === 'LEADER') && (assignee.unitPath === p.unitPath || assignee.unitPath.startsWith(`${p.unitPath}.`) || p.unitPath.startsWith(`${assignee.unitPath}.`));
    if (!ok) throw petitionErrors.assigneeInvalid([{ field: 'assigneeId', message: 'Cán bộ không hợp lệ.', messageEn: 'Invalid officer.' }]);
  }

  /** A denunciation is transferred only once for the same content (Luật TC Điều 24): checked across its case. */
  async function assertNotTransferredBefore(tx: Tx, p: PetitionRow): Promise<void> {
    const result = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM petition_events e JOIN petitions q ON q.id = e.petition_id
      WHERE e.action IN ('CHUYEN_DON_NOI_BO', 'CHUYEN_DON_NGOAI') AND (q.id = ${p.id} OR (q.case_id = ${p.caseId} AND ${p.caseId}::uuid IS NOT NULL))`);
    if ((result.rows[0]?.n ?? 0) > 0) throw petitionErrors.transferredOnce();
  }

  return {
    async act(user: AuthUser, petitionId: string, code: ActionCode, body: ActionInput) {
      const scope = requirePetitionRead(user);
      const action = ACTIONS[code];
      const inForce = await deps.calendar.current();
      const at = now();
      const today = toVnDate(at);
      if (body.decisionDate && body.decisionDate > today) throw petitionErrors.decisionInFuture([{ field: 'decisionDate', message: 'Ngày văn bản ở tương lai.', messageEn: 'Document date in the future.' }]);

      return withScope(deps.db, scope, async (tx) => {
        const repo = createPetitionsRepository(tx);
        const p = await repo.findForUpdate(petitionId, scope);
        if (!p) throw petitionErrors.notFound();
        const status = p.status as PetitionStatus;
        if (body.expectedStatus && body.expectedStatus !== status) throw petitionErrors.staleStatus();
        const refusal = checkAction(code, { status, type: p.type as PetitionType }, user.role);
        if (refusal === 'WRONG_STATE') throw petitionErrors.wrongState();
        if (refusal === 'WRONG_TYPE') throw petitionErrors.wrongType();
        if (refusal === 'WRONG_ROLE') throw petitionErrors.wrongRole();
        const missing = missingFields(action.requires, body);
        if (missing.length > 0) throw petitionErrors.missingField(missing);

        const target = await targetUnitOf(code, body, p);
        await checkAssignee(body, p);
        if ((code === 'CHUYEN_DON_NOI_BO' || code === 'CHUYEN_DON_NGOAI') && p.type === 'TO_CAO') await assertNotTransferredBefore(tx, p);
        const joinedCase = body.caseId ? await repo.findCase(body.caseId, scope) : null;
        if (body.caseId && code === 'GOP_VU_VIEC' && (!joinedCase || joinedCase.id === p.caseId)) throw petitionErrors.caseNotFound([{ field: 'caseId', message: 'Vụ việc không hợp lệ.', messageEn: 'Invalid case.' }]);

        const c = body.classification;
        const subject = { type: (c?.type ?? p.type) as PetitionType, round: p.round, complexity: c?.complexity ?? body.complexity ?? p.complexity };
        const to = nextStatus(code, status);
        const changes: Partial<PetitionRow> = {
          status: to,
          ...(c ? { type: c.type, field: c.field, competence: c.competence, eligible: c.eligible, complexity: subject.complexity } : {}),
          ...(body.complexity ? { complexity: body.complexity } : {}),
          ...(code === 'GOP_VU_VIEC' && joinedCase ? { caseId: joinedCase.id } : {}),
          ...(body.assigneeId ? { assignedTo: body.assigneeId } : {}),
          ...(body.result ? { result: body.result } : {}),
          ...nextClock(inForce, code, p, subject, today, body.decisionDate)
        };
        // Leaving active work: on time if the last open step's day had not passed.
        if (!isOpenStatus(to) && p.closedAt === null) {
          changes.closedAt = at;
          changes.closedOnTime = p.dueDate === null ? (p.pausedAt === null ? null : true) : today <= p.dueDate;
        }
        if (target) {
          changes.unitId = target.id;
          changes.unitPath = target.path;
          changes.transferredFromUnitId = action.movesUnit === 'TO_TARGET' ? p.unitId : null;
          changes.assignedTo = null;
        }

        const fromUnit = (await units.findById(p.unitId))!;
        const event = {
          petitionId: p.id,
          actorId: user.id,
          action: code,
          fromStatus: status,
          toStatus: to,
          note: body.note?.trim() || null,
          unitPath: p.unitPath,
          fromUnitId: target ? p.unitId : null,
          targetUnitId: target?.id ?? null,
          targetBody: body.targetBody?.trim() || null,
          reason: body.reason?.trim() || (body.archiveReason ?? null),
          documentNo: body.decisionNo ?? null,
          documentDate: body.decisionDate ?? null,
          decision: body.result || c ? { ...(body.result ? { result: body.result } : {}), ...(c ? { classification: c } : {}) } : null
        };
        const outbox = createOutboxRepository(tx);
        // A transfer writes outside the caller's subtree by nature (the policy allowed the step above).
        const write = async () => {
          const updated = await repo.update(p.id, changes);
          await repo.insertEvent(event);
          return updated;
        };
        const updated = target ? await outsideScope(tx, write) : await write();
        const holder = target ?? fromUnit;
        const changed = {
          petitionId: p.id,
          code: p.code,
          type: updated.type as PetitionType,
          action: code,
          previousStatus: status,
          status: to,
          unitId: holder.id,
          unitName: holder.name,
          dueDate: updated.dueDate,
          deadlineState: updated.deadlineState as 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE',
          closed: updated.closedAt !== null
        };
        if (target) {
          const moved = { petitionId: p.id, code: p.code, type: updated.type as PetitionType, action: code, status: to, fromUnitId: fromUnit.id, fromUnitName: fromUnit.name, toUnitId: target.id, toUnitName: target.name };
          await outbox.enqueueUnitEvent({ type: 'petition.transferred', unitPath: fromUnit.path, payload: moved });
          await outsideScope(tx, () => outbox.enqueueUnitEvent({ type: 'petition.transferred', unitPath: target.path, payload: moved }));
        } else {
          await outbox.enqueueUnitEvent({ type: 'petition.changed', unitPath: p.unitPath, payload: changed });
        }
        await appendAudit(tx, {
          actorId: user.id,
          actorLabel: user.identifierCode,
          action: `petition.${code.toLowerCase()}`,
          entityType: 'petition',
          entityId: p.id,
          unitPath: p.unitPath,
          details: { code: p.code, from: status, to, ...(target ? { toUnit: target.code } : {}), ...(body.decisionNo ? { documentNo: body.decisionNo } : {}) }
        });
        return changed;
      });
    },

    /** The rule behind a due date, for the detail page ("10 ngày làm việc từ ngày nhận đơn"). */
    async ruleOf(ruleId: string) {
      const { rules } = await deps.calendar.current();
      return getDeadlineRule(ruleId as DeadlineRuleId, rules);
    }
  };
}
export type ProcedureService = ReturnType<typeof createProcedureService>;
