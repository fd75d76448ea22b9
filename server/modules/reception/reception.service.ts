/**
 * Citizen reception (tiếp công dân; TT 04/2021/TT-TTCP, Luật Tiếp công dân 2013): sessions and
 * the reception book. A visit is one transaction: the line, its encrypted visitors, its audit
 * entry and its outbox event, and, when the visitor leaves a petition, the petition too (the
 * petitions service's intake transaction, through its onCreated hook).
 */
import { getDeadlineRule, computeDeadline, toVnDate, startOfVnDay, addDays, type IsoDate } from '../../../shared/calendar/index.ts';
import type { FieldError } from '../../../shared/api-error.ts';
import type { PartyRole } from '../../../shared/identity.ts';
import type { PetitionType } from '../../../shared/petition.ts';
import {
  checkVisitors,
  classificationOfPetitionType,
  DEFAULT_DESK,
  type Channel,
  type HostMode,
  type SessionStatus,
  type SessionType,
  type VisitClassification,
  type VisitOutcome,
  type VisitRound
} from '../../../shared/reception.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import { vnYear } from '../../../shared/vn-time.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { commonErrors } from '../../http/errors.ts';
import { canSeePartyIdentity } from '../access/identity-policy.ts';
import { requireReceptionRead, requireReceptionRecord } from '../access/policy.ts';
import { appendAudit, type AuditEntry } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { createOutboxRepository } from '../outbox/outbox.repository.ts';
import type { PetitionsService } from '../petitions/petitions.service.ts';
import type { PetitionRow } from '../petitions/petitions.table.ts';
import type { CreatePetitionInput } from '../petitions/petitions.schemas.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { assertUnitOpen } from '../units/units.service.ts';
import type { UnitRow } from '../units/units.table.ts';
import { receptionErrors } from './reception.errors.ts';
import { createReceptionRepository, type SessionWithNames, type VisitWithContext } from './reception.repository.ts';
import { checkChannel, checkHost, checkTimes } from './reception.rules.ts';
import type {
  CloseSessionInput,
  CreateSessionInput,
  CreateVisitInput,
  ListSessionsInput,
  ListVisitsInput,
  SessionDto,
  UpdateSessionInput,
  UpdateVisitInput,
  VisitDto,
  VisitorDto
} from './reception.schemas.ts';
import type { SessionRow, VisitorRow, VisitRow } from './reception.table.ts';
import { createVisitorCipher, prepareVisitors, visitorProtected, type PreparedVisitor } from './reception.visitors.ts';

export interface ReceptionServiceDeps {
  db: Db;
  /** The application's one FieldCipher (visitors' personal data). */
  cipher: FieldCipher;
  petitions: PetitionsService;
  calendar: CalendarService;
  now?: () => Date;
}

/** Who files a petition left at the desk, by its type (a group's representatives are complainants themselves: Luật TCD Điều 30). */
const FILER_ROLE: Record<PetitionType, PartyRole> = {
  KHIEU_NAI: 'NGUOI_KHIEU_NAI',
  TO_CAO: 'NGUOI_TO_CAO',
  KIEN_NGHI: 'NGUOI_KIEN_NGHI',
  PHAN_ANH: 'NGUOI_PHAN_ANH',
  NHIEU_NOI_DUNG: 'NGUOI_KIEN_NGHI'
};

/** Outcomes that take the matter in and start the 10-working-day answer (Luật TCD Điều 28.1). */
const ANSWER_DUE_OUTCOMES: readonly VisitOutcome[] = ['NHAN_DON', 'CHUYEN_DON'];

const VN_TIME = (date: IsoDate, time: string) => new Date(`${date}T${time}:00+07:00`);

export function toSessionDto(s: SessionWithNames): SessionDto {
  return {
    id: s.id,
    unitId: s.unitId,
    unitName: s.unitName,
    scheduleId: s.scheduleId,
    type: s.type as SessionType,
    date: s.sessionDate,
    startTime: s.startTime,
    endTime: s.endTime,
    place: s.place,
    desk: s.desk,
    hostUserId: s.hostUserId,
    hostName: s.hostName,
    hostMode: s.hostMode as HostMode | null,
    channel: s.channel as Channel,
    meetingUrl: s.meetingUrl,
    identityCheckMethod: s.identityCheckMethod,
    status: s.status as SessionStatus,
    edited: s.edited,
    conclusionNoticeNo: s.conclusionNoticeNo,
    conclusionNoticeDate: s.conclusionNoticeDate,
    cancelReason: s.cancelReason,
    note: s.note,
    visits: s.visits,
    people: s.people,
    closedAt: s.closedAt?.toISOString() ?? null
  };
}

function encodeCursor(v: VisitRow): string {
  return Buffer.from(`${v.visitedAt.toISOString()}|${v.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) throw receptionErrors.badCursor();
  return { at: date, id };
}

const fieldError = (field: string, message: string, messageEn: string): FieldError => ({ field, message, messageEn });

export function createReceptionService(deps: ReceptionServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const visitorCipher = createVisitorCipher(deps.cipher);
  const units = createUnitsRepository(deps.db);

  async function unitOf(user: AuthUser, unitId: string | undefined): Promise<UnitRow> {
    const unit = await units.findById(unitId ?? user.unitId);
    if (!unit) throw receptionErrors.unitNotFound([fieldError('unitId', 'Đơn vị: không tồn tại.', 'Unit: does not exist.')]);
    return unit;
  }

  /** The subtree a read is narrowed to; a unit outside the caller's scope is refused, not silently empty. */
  async function subtreeOf(user: AuthUser, scope: string[], unitId: string | undefined): Promise<UnitRow | undefined> {
    if (!unitId) return undefined;
    const unit = await unitOf(user, unitId);
    if (!isWithinAny(unit.path, scope)) throw commonErrors.forbidden();
    return unit;
  }

  async function audit(tx: DbOrTx, user: AuthUser, entry: Omit<AuditEntry, 'actorId' | 'actorLabel'>): Promise<void> {
    await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, ...entry });
  }

  async function sessionEvent(tx: DbOrTx, s: SessionRow): Promise<void> {
    await createOutboxRepository(tx).enqueueUnitEvent({
      type: 'reception.session_changed',
      unitPath: s.unitPath,
      payload: { sessionId: s.id, unitId: s.unitId, type: s.type as SessionType, date: s.sessionDate, status: s.status as SessionStatus, channel: s.channel as Channel }
    });
  }

  async function readSession(user: AuthUser, id: string): Promise<SessionDto> {
    const scope = requireReceptionRead(user);
    const found = await withScope(deps.db, scope, (tx) => createReceptionRepository(tx).findSession(id, scope));
    if (!found) throw receptionErrors.sessionNotFound();
    return toSessionDto(found);
  }

  /** Decrypts the visitors the caller may see; records in the audit log that protected identities were shown. */
  async function visitDtos(tx: DbOrTx, user: AuthUser, rows: VisitWithContext[], visitors: VisitorRow[], purpose: string): Promise<VisitDto[]> {
    const byVisit = new Map<string, VisitorRow[]>();
    for (const v of visitors) byVisit.set(v.visitId, [...(byVisit.get(v.visitId) ?? []), v]);
    let protectedShown = 0;
    const result = rows.map((r) => {
      const v = r.visit;
      const people: VisitorDto[] = (byVisit.get(v.id) ?? []).map((row) => {
        const isProtected = visitorProtected(row, v.classification);
        const visible = canSeePartyIdentity(user, v.unitPath, isProtected);
        if (visible && isProtected) protectedShown++;
        return visitorCipher.toDto(row, isProtected, visible);
      });
      return toVisitDto(r, people);
    });
    if (protectedShown > 0) {
      await audit(tx, user, {
        action: 'reception.read_identity',
        entityType: rows.length === 1 ? 'reception_visit' : 'reception_book',
        entityId: rows.length === 1 ? rows[0]!.visit.id : null,
        unitPath: rows.length === 1 ? rows[0]!.visit.unitPath : user.unitPath,
        details: { purpose, visits: rows.length, protectedVisitors: protectedShown }
      });
    }
    return result;
  }

  function toVisitDto(r: VisitWithContext, visitors: VisitorDto[]): VisitDto {
    const v = r.visit;
    return {
      id: v.id,
      number: v.seq,
      year: v.year,
      sessionId: v.sessionId,
      sessionType: r.sessionType as SessionType,
      hostMode: r.hostMode as HostMode | null,
      unitId: v.unitId,
      unitName: r.unitName,
      visitedAt: v.visitedAt.toISOString(),
      place: v.place,
      receivedById: v.receivedBy,
      receivedByName: r.receivedByName,
      leaderUserId: v.leaderUserId,
      leaderName: r.leaderName,
      channel: v.channel as Channel,
      isGroup: v.isGroup,
      groupSize: v.groupSize,
      representativeCount: v.representativeCount,
      people: v.groupSize,
      round: v.round as VisitRound,
      summary: v.summary,
      classification: v.classification as VisitClassification,
      priorBody: v.priorBody,
      documents: v.documents,
      outcome: v.outcome as VisitOutcome,
      outcomeBody: v.outcomeBody,
      outcomeDocNo: v.outcomeDocNo,
      refusalReason: v.refusalReason as VisitDto['refusalReason'],
      refusalNoticeNo: v.refusalNoticeNo,
      replyDueDate: v.replyDueDate,
      followUp: v.followUp,
      notes: v.notes,
      petitionId: v.petitionId,
      petitionCode: v.petitionCode,
      petitionType: r.petitionType as PetitionType | null,
      identityCheckMethod: v.identityCheckMethod,
      identityCheckedByName: r.checkedByName,
      visitors
    };
  }

  /** What an outcome must carry: a refusal its reason (Luật TCD Điều 9), guidance or transfer the body. */
  function checkOutcome(o: { outcome: VisitOutcome; refusalReason?: string | null; outcomeBody?: string | null; withPetition: boolean }): void {
    if ((o.outcome === 'TU_CHOI') !== Boolean(o.refusalReason)) {
      throw receptionErrors.refusalReason([
        o.outcome === 'TU_CHOI'
          ? fieldError('refusalReason', 'Lý do từ chối: bắt buộc khi từ chối tiếp (Luật Tiếp công dân Điều 9).', 'Reason for refusal: required to refuse (Law on Citizen Reception, Art. 9).')
          : fieldError('refusalReason', 'Lý do từ chối: chỉ ghi khi kết quả là từ chối tiếp.', 'Reason for refusal: only for a refusal.')
      ]);
    }
    if (o.outcome === 'TU_CHOI' && o.withPetition) throw receptionErrors.refusedWithPetition([fieldError('petition', 'Đơn: không tạo đơn khi đã từ chối tiếp.', 'Petition: none for a refused visitor.')]);
    if ((o.outcome === 'HUONG_DAN' || o.outcome === 'CHUYEN_DON') && !o.outcomeBody?.trim()) {
      throw receptionErrors.outcomeBodyRequired([fieldError('outcomeBody', 'Cơ quan hướng dẫn / chuyển đến: cần ghi tên cơ quan có thẩm quyền.', 'Body guided or transferred to: name the competent body.')]);
    }
  }

  async function replyDue(outcome: VisitOutcome, visitedOn: IsoDate): Promise<IsoDate | null> {
    if (!ANSWER_DUE_OUTCOMES.includes(outcome)) return null;
    const inForce = await deps.calendar.current();
    return computeDeadline(getDeadlineRule('TCD_TRA_LOI', inForce.rules), visitedOn, inForce.calendar);
  }

  return {
    /** Visits as the API shows them, visitors decrypted where the caller may see them (the book uses it). */
    toVisitDtos: visitDtos,

    // ================================================================ sessions

    async listSessions(user: AuthUser, query: ListSessionsInput): Promise<SessionDto[]> {
      const scope = requireReceptionRead(user);
      const unit = await subtreeOf(user, scope, query.unitId);
      const today = toVnDate(now());
      const from = query.from ?? today;
      const to = query.to ?? addDays(from, 30);
      if (to < from) throw receptionErrors.period([fieldError('to', 'Đến ngày: phải từ "Từ ngày" trở đi.', 'To: must not precede From.')]);
      const rows = await withScope(deps.db, scope, (tx) =>
        createReceptionRepository(tx).listSessions({ scopePaths: scope, subtree: unit?.path, from, to, type: query.type, status: query.status }, query.limit ?? 200)
      );
      return rows.map(toSessionDto);
    },

    getSession: readSession,

    /** Accounts that may host a leader's reception of the unit (for the schedule and session forms). */
    async hosts(user: AuthUser, unitId: string | undefined) {
      const scope = requireReceptionRead(user);
      const unit = (await subtreeOf(user, scope, unitId)) ?? (await unitOf(user, undefined));
      const rows = await withScope(deps.db, scope, (tx) => createReceptionRepository(tx).hostsFor(unit.path, ['LEADER', 'OFFICER']));
      return rows.map((r) => ({ id: r.id, fullName: r.fullName, role: r.role, unitName: r.unitName }));
    },

    async createSession(user: AuthUser, input: CreateSessionInput): Promise<SessionDto> {
      const unit = await unitOf(user, input.unitId);
      requireReceptionRecord(user, unit.path);
      assertUnitOpen(unit);
      const channel = input.channel ?? 'TRUC_TIEP';
      const regular = input.type === 'THUONG_XUYEN';
      if (!regular && input.desk) throw receptionErrors.desk([fieldError('desk', 'Bàn tiếp: chỉ dùng cho tiếp thường xuyên.', 'Desk: only for the regular reception.')]);
      checkChannel(channel, input.meetingUrl, input.identityCheckMethod, input.date);
      checkTimes(input.startTime, input.endTime);
      const id = await withScope(deps.db, user.scopePaths, async (tx) => {
        const repo = createReceptionRepository(tx);
        if (!regular) await checkHost(repo, unit.path, input.hostUserId, input.hostMode);
        const values = {
          unitId: unit.id,
          unitPath: unit.path,
          type: input.type,
          sessionDate: input.date,
          startTime: input.startTime ?? null,
          endTime: input.endTime ?? null,
          place: input.place.trim(),
          desk: regular ? (input.desk?.trim() || DEFAULT_DESK) : null,
          hostUserId: input.hostUserId ?? null,
          hostMode: regular ? (input.hostMode ?? null) : input.hostMode!,
          channel,
          meetingUrl: input.meetingUrl ?? null,
          identityCheckMethod: input.identityCheckMethod ?? null,
          status: 'DU_KIEN',
          note: input.note?.trim() || null,
          createdBy: user.id
        };
        const session = regular ? await repo.deskSession({ ...values, desk: values.desk! }) : (await repo.insertSessions([values]))[0]!;
        await audit(tx, user, { action: 'reception.session_create', entityType: 'reception_session', entityId: session.id, unitPath: unit.path, details: { type: input.type, date: input.date, channel } });
        await sessionEvent(tx, session);
        return session.id;
      });
      return readSession(user, id);
    },

    async updateSession(user: AuthUser, id: string, input: UpdateSessionInput): Promise<SessionDto> {
      const scope = requireReceptionRead(user);
      await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const session = await repo.lockSession(id, scope);
        if (!session) throw receptionErrors.sessionNotFound();
        requireReceptionRecord(user, session.unitPath);
        if (session.status !== 'DU_KIEN') throw receptionErrors.sessionClosed();
        if (input.date && input.date !== session.sessionDate && (await repo.countVisits(id)) > 0) throw receptionErrors.sessionHasVisits();
        const merged = {
          sessionDate: input.date ?? session.sessionDate,
          startTime: input.startTime === undefined ? session.startTime : input.startTime,
          endTime: input.endTime === undefined ? session.endTime : input.endTime,
          place: input.place?.trim() ?? session.place,
          hostUserId: input.hostUserId ?? session.hostUserId,
          hostMode: input.hostMode ?? session.hostMode,
          channel: input.channel ?? session.channel,
          meetingUrl: input.meetingUrl === undefined ? session.meetingUrl : input.meetingUrl,
          identityCheckMethod: input.identityCheckMethod === undefined ? session.identityCheckMethod : input.identityCheckMethod,
          note: input.note === undefined ? session.note : input.note?.trim() || null
        };
        checkChannel(merged.channel as Channel, merged.meetingUrl, merged.identityCheckMethod, merged.sessionDate);
        checkTimes(merged.startTime, merged.endTime);
        if (session.type !== 'THUONG_XUYEN') await checkHost(repo, session.unitPath, merged.hostUserId, merged.hostMode as HostMode | null);
        const updated = await repo.updateSession(id, { ...merged, edited: true });
        await audit(tx, user, {
          action: 'reception.session_update',
          entityType: 'reception_session',
          entityId: id,
          unitPath: session.unitPath,
          details: { fields: Object.keys(input), date: updated.sessionDate, channel: updated.channel }
        });
        await sessionEvent(tx, updated);
      });
      return readSession(user, id);
    },

    /** Ends a session; a leader's periodic or ad-hoc reception that received people ends with its conclusion notice. */
    async closeSession(user: AuthUser, id: string, input: CloseSessionInput): Promise<SessionDto> {
      const scope = requireReceptionRead(user);
      await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const session = await repo.lockSession(id, scope);
        if (!session) throw receptionErrors.sessionNotFound();
        requireReceptionRecord(user, session.unitPath);
        if (session.status !== 'DU_KIEN') throw receptionErrors.sessionClosed();
        const visits = await repo.countVisits(id);
        if (session.type !== 'THUONG_XUYEN' && visits > 0 && !input.conclusionNoticeNo?.trim()) {
          throw receptionErrors.conclusionRequired([fieldError('conclusionNoticeNo', 'Số thông báo kết luận: bắt buộc.', 'Conclusion notice number: required.')]);
        }
        const today = toVnDate(now());
        if (input.conclusionNoticeDate && input.conclusionNoticeDate > today) {
          throw receptionErrors.period([fieldError('conclusionNoticeDate', 'Ngày thông báo kết luận: không được ở tương lai.', 'Notice date: cannot be in the future.')]);
        }
        const updated = await repo.updateSession(id, {
          status: 'DA_TIEP',
          conclusionNoticeNo: input.conclusionNoticeNo?.trim() || null,
          conclusionNoticeDate: input.conclusionNoticeNo ? (input.conclusionNoticeDate ?? today) : null,
          closedAt: now(),
          closedBy: user.id
        });
        await audit(tx, user, { action: 'reception.session_close', entityType: 'reception_session', entityId: id, unitPath: session.unitPath, details: { visits, conclusionNoticeNo: updated.conclusionNoticeNo } });
        await sessionEvent(tx, updated);
      });
      return readSession(user, id);
    },

    async cancelSession(user: AuthUser, id: string, reason: string): Promise<SessionDto> {
      const scope = requireReceptionRead(user);
      await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const session = await repo.lockSession(id, scope);
        if (!session) throw receptionErrors.sessionNotFound();
        requireReceptionRecord(user, session.unitPath);
        if (session.status !== 'DU_KIEN') throw receptionErrors.sessionClosed();
        if ((await repo.countVisits(id)) > 0) throw receptionErrors.sessionHasVisits();
        const updated = await repo.updateSession(id, { status: 'HUY', cancelReason: reason.trim(), edited: true, closedAt: now(), closedBy: user.id });
        await audit(tx, user, { action: 'reception.session_cancel', entityType: 'reception_session', entityId: id, unitPath: session.unitPath, details: { date: session.sessionDate } });
        await sessionEvent(tx, updated);
      });
      return readSession(user, id);
    },

    // ================================================================ visits

    /**
     * Records a visit in the book. With `petition`, the petition is created in the same
     * transaction (petitions.create → onCreated): both commit, or neither.
     */
    async createVisit(user: AuthUser, input: CreateVisitInput): Promise<VisitDto> {
      // 1. Everything that can be checked without the database: nothing is written if it fails.
      const isGroup = input.isGroup === true;
      const groupSize = isGroup ? (input.groupSize ?? 0) : input.visitors.length;
      const problems = checkVisitors({ isGroup, groupSize: input.groupSize, visitorCount: input.visitors.length });
      if (problems.length > 0) throw receptionErrors.group(problems.map((p) => fieldError(p.field, p.message, p.messageEn)));
      const visitors = prepareVisitors(input.visitors);
      const petition = input.petition;
      const classification = input.classification ?? (petition ? classificationOfPetitionType(petition.type) : undefined);
      if (!classification) throw receptionErrors.classificationRequired([fieldError('classification', 'Phân loại: bắt buộc.', 'Classification: required.')]);
      const outcome = input.outcome ?? (petition ? 'NHAN_DON' : undefined);
      if (!outcome) throw receptionErrors.outcomeRequired([fieldError('outcome', 'Kết quả tiếp: bắt buộc.', 'Outcome: required.')]);
      checkOutcome({ outcome, refusalReason: input.refusalReason, outcomeBody: input.outcomeBody, withPetition: petition !== undefined });

      // 2. Where and when: a named session (in scope, open, on its day) or today's desk.
      const scope = requireReceptionRead(user);
      const at = now();
      let session: SessionWithNames | null = null;
      let unit: UnitRow;
      if (input.sessionId) {
        session = await withScope(deps.db, scope, (tx) => createReceptionRepository(tx).findSession(input.sessionId!, scope));
        if (!session) throw receptionErrors.sessionNotFound();
        unit = await unitOf(user, session.unitId);
      } else {
        unit = await unitOf(user, input.unitId);
      }
      requireReceptionRecord(user, unit.path);
      assertUnitOpen(unit);
      if (session && session.status !== 'DU_KIEN') throw receptionErrors.sessionClosed();
      if (session && session.sessionDate > toVnDate(at)) throw receptionErrors.futureSessionVisit();
      const visitedAt = input.visitedAt
        ? new Date(input.visitedAt)
        : session && session.sessionDate !== toVnDate(at)
          ? VN_TIME(session.sessionDate, session.startTime ?? '08:00')
          : at;
      if (visitedAt.getTime() > at.getTime() + 5 * 60_000 || (session && toVnDate(visitedAt) !== session.sessionDate)) {
        throw receptionErrors.visitDate([fieldError('visitedAt', 'Thời điểm tiếp: phải thuộc ngày của buổi tiếp và không ở tương lai.', 'Time of the visit: on the session’s day, not in the future.')]);
      }
      const visitedOn = toVnDate(visitedAt);
      const channel: Channel = (session?.channel as Channel | undefined) ?? 'TRUC_TIEP';
      if (channel === 'TRUC_TUYEN' && !input.identityCheck) {
        throw receptionErrors.identityCheck([fieldError('identityCheck.method', 'Cách xác thực danh tính: bắt buộc khi tiếp trực tuyến.', 'Identity check: required online.')]);
      }
      const checkedBy = input.identityCheck ? (input.identityCheck.checkedByUserId ?? user.id) : null;
      const replyDueDate = await replyDue(outcome, visitedOn);

      // 3. The writes, in one transaction (the petition's, when there is one).
      const write = async (tx: Tx, created: PetitionRow | null): Promise<string> => {
        const repo = createReceptionRepository(tx);
        if (checkedBy && checkedBy !== user.id) {
          const checker = await repo.user(checkedBy);
          if (!checker || checker.disabled || !['OFFICER', 'LEADER'].includes(checker.role) || !isWithinAny(checker.unitPath, user.scopePaths)) {
            throw receptionErrors.identityCheck([fieldError('identityCheck.checkedByUserId', 'Người xác thực: phải là cán bộ, lãnh đạo trong phạm vi của bạn.', 'Checked by: an officer or leader within your scope.')]);
          }
        }
        const target = session
          ? await repo.lockSession(session.id, scope)
          : await repo.deskSession({
              unitId: unit.id,
              unitPath: unit.path,
              type: 'THUONG_XUYEN',
              sessionDate: visitedOn,
              place: `${DEFAULT_DESK} – ${unit.name}`,
              desk: input.desk?.trim() || DEFAULT_DESK,
              channel: 'TRUC_TIEP',
              status: 'DU_KIEN',
              createdBy: user.id
            });
        if (!target) throw receptionErrors.sessionNotFound();
        if (target.status !== 'DU_KIEN') throw receptionErrors.sessionClosed();
        const round: VisitRound =
          input.round ??
          (petition?.caseId || (await repo.visitedBefore(visitorCipher.lookupHashes(visitors), user.scopePaths, visitedAt)) ? 'NHIEU_LAN' : 'LAN_DAU');
        const year = vnYear(visitedAt);
        const seq = await repo.nextNumber(unit.id, year);
        const visit = await repo.insertVisit({
          sessionId: target.id,
          unitId: unit.id,
          unitPath: unit.path,
          year,
          seq,
          visitedAt,
          place: input.place?.trim() || target.place,
          receivedBy: user.id,
          leaderUserId: target.type === 'THUONG_XUYEN' ? null : target.hostUserId,
          channel: target.channel,
          isGroup,
          groupSize,
          representativeCount: isGroup ? visitors.length : 0,
          round,
          summary: input.summary.trim(),
          classification,
          priorBody: input.priorBody?.trim() || null,
          documents: input.documents?.trim() || null,
          outcome,
          outcomeBody: input.outcomeBody?.trim() || null,
          outcomeDocNo: input.outcomeDocNo?.trim() || null,
          refusalReason: input.refusalReason ?? null,
          refusalNoticeNo: input.refusalNoticeNo?.trim() || null,
          replyDueDate,
          followUp: input.followUp?.trim() || null,
          notes: input.notes?.trim() || null,
          petitionId: created?.id ?? null,
          petitionCode: created?.code ?? null,
          identityCheckMethod: input.identityCheck?.method ?? null,
          identityCheckedBy: checkedBy,
          createdBy: user.id
        });
        await repo.insertVisitors(visitorCipher.seal(visit.id, visitors, isGroup, classification));
        await audit(tx, user, {
          action: 'reception.visit_record',
          entityType: 'reception_visit',
          entityId: visit.id,
          unitPath: unit.path,
          details: { number: seq, year, sessionId: target.id, sessionType: target.type, isGroup, people: groupSize, outcome, petitionCode: created?.code ?? null }
        });
        await createOutboxRepository(tx).enqueueUnitEvent({
          type: 'reception.visit_recorded',
          unitPath: unit.path,
          payload: {
            visitId: visit.id,
            sessionId: target.id,
            sessionType: target.type as SessionType,
            hostMode: target.type === 'THUONG_XUYEN' ? null : (target.hostMode as HostMode | null),
            channel: target.channel as Channel,
            unitId: unit.id,
            unitName: unit.name,
            visitedAt: visitedAt.toISOString(),
            isGroup,
            people: groupSize,
            round,
            classification,
            outcome,
            petitionId: created?.id ?? null,
            petitionCode: created?.code ?? null,
            petitionType: (created?.type as PetitionType | undefined) ?? null
          }
        });
        return visit.id;
      };

      let visitId = '';
      if (petition) {
        const filer = FILER_ROLE[petition.type];
        const parties = petition.parties ?? visitors.map((v, i) => partyOf(input.visitors[i]!, v, filer));
        const petitionInput: CreatePetitionInput = {
          ...petition,
          summary: petition.summary ?? input.summary,
          unitId: unit.id,
          receivedAt: visitedAt.toISOString(),
          source: 'TRUC_TIEP',
          parties,
          ...(isGroup && petition.signerCount === undefined ? { signerCount: groupSize } : {}),
          ...((isGroup || parties.length > 1) && petition.senderKind === undefined ? { senderKind: 'NHIEU_NGUOI' as const } : {})
        };
        await deps.petitions.create(user, petitionInput, {
          onCreated: async (tx, created) => {
            visitId = await write(tx, created);
          }
        });
      } else {
        visitId = await withScope(deps.db, user.scopePaths, (tx) => write(tx, null));
      }
      return this.getVisit(user, visitId);
    },

    async getVisit(user: AuthUser, id: string): Promise<VisitDto> {
      const scope = requireReceptionRead(user);
      const dto = await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const rows = await repo.visits({ scopePaths: scope, ids: [id] }, { limit: 1, order: 'newest' });
        if (rows.length === 0) return null;
        return (await visitDtos(tx, user, rows, await repo.visitorsOf([id]), 'visit'))[0]!;
      });
      if (!dto) throw receptionErrors.visitNotFound();
      return dto;
    },

    async listVisits(user: AuthUser, query: ListVisitsInput): Promise<{ items: VisitDto[]; nextCursor: string | null }> {
      const scope = requireReceptionRead(user);
      const unit = await subtreeOf(user, scope, query.unitId);
      const limit = query.limit ?? 50;
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      if (query.from && query.to && query.to < query.from) throw receptionErrors.period([fieldError('to', 'Đến ngày: phải từ "Từ ngày" trở đi.', 'To: must not precede From.')]);
      return withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const rows = await repo.visits(
          {
            scopePaths: scope,
            subtree: unit?.path,
            sessionId: query.sessionId,
            from: query.from ? startOfVnDay(query.from) : undefined,
            to: query.to ? startOfVnDay(addDays(query.to, 1)) : undefined,
            outcome: query.outcome,
            isGroup: query.isGroup
          },
          { limit: limit + 1, order: 'newest', after }
        );
        const page = rows.slice(0, limit);
        const items = await visitDtos(tx, user, page, await repo.visitorsOf(page.map((r) => r.visit.id)), 'list');
        return { items, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.visit) : null };
      });
    },

    /** The outcome and its follow-up (result, documents, notes) as the matter progresses. */
    async updateVisit(user: AuthUser, id: string, input: UpdateVisitInput): Promise<VisitDto> {
      const scope = requireReceptionRead(user);
      await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const visit = await repo.lockVisit(id, scope);
        if (!visit) throw receptionErrors.visitNotFound();
        requireReceptionRecord(user, visit.unitPath);
        const outcome = input.outcome ?? (visit.outcome as VisitOutcome);
        const refusalReason = input.refusalReason === undefined ? (input.outcome && input.outcome !== 'TU_CHOI' ? null : visit.refusalReason) : input.refusalReason;
        const outcomeBody = input.outcomeBody === undefined ? visit.outcomeBody : input.outcomeBody;
        checkOutcome({ outcome, refusalReason, outcomeBody, withPetition: visit.petitionId !== null });
        const changed = outcome !== visit.outcome;
        const updated = await repo.updateVisit(id, {
          outcome,
          refusalReason,
          outcomeBody: outcomeBody?.trim() || null,
          outcomeDocNo: input.outcomeDocNo === undefined ? visit.outcomeDocNo : input.outcomeDocNo?.trim() || null,
          refusalNoticeNo: input.refusalNoticeNo === undefined ? visit.refusalNoticeNo : input.refusalNoticeNo?.trim() || null,
          followUp: input.followUp === undefined ? visit.followUp : input.followUp?.trim() || null,
          notes: input.notes === undefined ? visit.notes : input.notes?.trim() || null,
          round: input.round ?? visit.round,
          classification: input.classification ?? visit.classification,
          priorBody: input.priorBody === undefined ? visit.priorBody : input.priorBody?.trim() || null,
          replyDueDate: changed ? await replyDue(outcome, toVnDate(visit.visitedAt)) : visit.replyDueDate
        });
        await audit(tx, user, {
          action: 'reception.visit_update',
          entityType: 'reception_visit',
          entityId: id,
          unitPath: visit.unitPath,
          details: { fields: Object.keys(input), from: visit.outcome, to: updated.outcome }
        });
        await createOutboxRepository(tx).enqueueUnitEvent({
          type: 'reception.visit_updated',
          unitPath: visit.unitPath,
          payload: { visitId: id, sessionId: visit.sessionId, unitId: visit.unitId, outcome: updated.outcome as VisitOutcome }
        });
      });
      return this.getVisit(user, id);
    }
  };
}
export type ReceptionService = ReturnType<typeof createReceptionService>;

/** A visitor as a party of the petition left at the visit (normalised values; the petition validates again). */
function partyOf(raw: { identityProtected?: boolean }, v: PreparedVisitor, role: PartyRole) {
  return {
    role,
    fullName: v.fullName,
    ...(v.idNumber ? { idNumber: v.idNumber } : {}),
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.address ? { address: v.address } : {}),
    ...(raw.identityProtected ? { identityProtected: true } : {})
  };
}

