/**
 * Leaders' periodic reception schedules (lịch tiếp công dân định kỳ): a rule per unit and leader
 * (the commune chair at least weekly, Luật TCD Điều 15; the province chair and agency heads at
 * least monthly, Điều 12.5 and 18.2) from which sessions are generated, moved off days off by the
 * working calendar. Generated sessions stay editable; changing the rule replaces only the future
 * sessions nobody has touched.
 */
import { addDays, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import type { FieldError } from '../../../shared/api-error.ts';
import { describeRule, requiredFrequency, sessionDates, type Channel, type HostMode, type ScheduleRule } from '../../../shared/reception.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { commonErrors } from '../../http/errors.ts';
import { requireReceptionRead, requireReceptionRecord } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { assertUnitOpen } from '../units/units.service.ts';
import type { UnitRow } from '../units/units.table.ts';
import { receptionErrors } from './reception.errors.ts';
import { createReceptionRepository, type ReceptionRepository } from './reception.repository.ts';
import { checkChannel, checkHost, checkTimes } from './reception.rules.ts';
import type { CreateScheduleInput, ScheduleDto, UpdateScheduleInput } from './reception.schemas.ts';
import type { NewSessionRow, ScheduleRow } from './reception.table.ts';

export interface ScheduleServiceDeps {
  db: Db;
  calendar: CalendarService;
  now?: () => Date;
}

/** Sessions are generated this far ahead unless the form says otherwise. */
const DEFAULT_HORIZON_DAYS = 92;
/** …and never further than this in one step. */
const MAX_HORIZON_DAYS = 366;

const fieldError = (field: string, message: string, messageEn: string): FieldError => ({ field, message, messageEn });

function checkRule(rule: { frequency: string; weekday: number; week?: number }, unit: UnitRow): ScheduleRule {
  if (rule.frequency === 'MONTHLY' && rule.week === undefined) throw receptionErrors.ruleWeek([fieldError('rule.week', 'Tuần trong tháng: bắt buộc với lịch hằng tháng.', 'Week of the month: required for a monthly rule.')]);
  const required = requiredFrequency(unit.kind);
  if (required.frequency === 'WEEKLY' && rule.frequency !== 'WEEKLY') {
    throw receptionErrors.frequency([fieldError('rule.frequency', `Tần suất: ít nhất 1 ngày mỗi tuần (${required.legalRef}).`, `Frequency: at least one day a week (${required.legalRef}).`)]);
  }
  return rule.frequency === 'WEEKLY' ? { frequency: 'WEEKLY', weekday: rule.weekday } : { frequency: 'MONTHLY', weekday: rule.weekday, week: rule.week! };
}

export function createScheduleService(deps: ScheduleServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const units = createUnitsRepository(deps.db);

  async function unitOf(user: AuthUser, unitId: string | undefined): Promise<UnitRow> {
    const unit = await units.findById(unitId ?? user.unitId);
    if (!unit) throw receptionErrors.unitNotFound([fieldError('unitId', 'Đơn vị: không tồn tại.', 'Unit: does not exist.')]);
    return unit;
  }

  /** Creates the sessions of the rule from `from` to `until` that do not exist yet; returns how many. */
  async function generate(repo: ReceptionRepository, s: ScheduleRow, from: IsoDate, until: IsoDate): Promise<number> {
    const last = s.validTo && s.validTo < until ? s.validTo : until;
    const first = s.validFrom > from ? s.validFrom : from;
    if (!s.active || last < first) return 0;
    const { calendar } = await deps.calendar.current();
    const taken = await repo.scheduleSlots(s.id);
    const rows: NewSessionRow[] = sessionDates(s.rule, first, last, calendar)
      .filter((d) => !taken.has(d.scheduledFor))
      .map((d) => ({
        unitId: s.unitId,
        unitPath: s.unitPath,
        scheduleId: s.id,
        scheduledFor: d.scheduledFor,
        type: 'DINH_KY',
        sessionDate: d.date,
        startTime: s.startTime,
        endTime: s.endTime,
        place: s.place,
        hostUserId: s.hostUserId,
        hostMode: s.hostMode,
        channel: s.channel,
        meetingUrl: s.meetingUrl,
        identityCheckMethod: s.identityCheckMethod,
        status: 'DU_KIEN',
        createdBy: s.createdBy
      }));
    return (await repo.insertSessions(rows)).length;
  }

  function horizon(from: IsoDate, requested: IsoDate | undefined): IsoDate {
    const until = requested ?? addDays(from, DEFAULT_HORIZON_DAYS);
    if (until < from || until > addDays(from, MAX_HORIZON_DAYS)) {
      throw receptionErrors.period([fieldError('generateUntil', 'Tạo buổi tiếp đến ngày: phải sau ngày bắt đầu và không quá 1 năm.', 'Generate until: after the start, within one year.')]);
    }
    return until;
  }

  async function read(tx: DbOrTx, scope: string[], id: string): Promise<ScheduleDto> {
    const repo = createReceptionRepository(tx);
    const found = await repo.findSchedule(id, scope);
    if (!found) throw receptionErrors.scheduleNotFound();
    const s = found.schedule;
    return {
      id: s.id,
      unitId: s.unitId,
      unitName: found.unitName,
      title: s.title,
      hostUserId: s.hostUserId,
      hostName: found.hostName,
      hostMode: s.hostMode as HostMode,
      channel: s.channel as Channel,
      meetingUrl: s.meetingUrl,
      identityCheckMethod: s.identityCheckMethod,
      place: s.place,
      startTime: s.startTime,
      endTime: s.endTime,
      rule: s.rule,
      ruleLabel: describeRule(s.rule),
      validFrom: s.validFrom,
      validTo: s.validTo,
      generatedUntil: s.generatedUntil,
      active: s.active,
      upcoming: (await repo.upcomingOfSchedule(s.id, toVnDate(now()), 12)).map((u) => ({ id: u.id, date: u.date, status: u.status }))
    };
  }

  return {
    async list(user: AuthUser, unitId: string | undefined): Promise<ScheduleDto[]> {
      const scope = requireReceptionRead(user);
      const unit = unitId ? await unitOf(user, unitId) : undefined;
      if (unit && !isWithinAny(unit.path, scope)) throw commonErrors.forbidden();
      return withScope(deps.db, scope, async (tx) => {
        const rows = await createReceptionRepository(tx).listSchedules(scope, unit?.path);
        // In turn: they share the transaction's one connection.
        const out: Awaited<ReturnType<typeof read>>[] = [];
        for (const r of rows) out.push(await read(tx, scope, r.schedule.id));
        return out;
      });
    },

    async get(user: AuthUser, id: string): Promise<ScheduleDto> {
      const scope = requireReceptionRead(user);
      return withScope(deps.db, scope, (tx) => read(tx, scope, id));
    },

    async create(user: AuthUser, input: CreateScheduleInput): Promise<{ schedule: ScheduleDto; generated: number; removed: number }> {
      const unit = await unitOf(user, input.unitId);
      requireReceptionRecord(user, unit.path);
      assertUnitOpen(unit);
      const rule = checkRule(input.rule, unit);
      const channel = input.channel ?? 'TRUC_TIEP';
      const hostMode = input.hostMode ?? 'THU_TRUONG';
      checkChannel(channel, input.meetingUrl, input.identityCheckMethod, input.validFrom);
      checkTimes(input.startTime, input.endTime);
      if (input.validTo && input.validTo < input.validFrom) throw receptionErrors.period([fieldError('validTo', 'Đến ngày: phải sau ngày áp dụng.', 'Until: after From.')]);
      const today = toVnDate(now());
      const start = input.validFrom > today ? input.validFrom : today;
      const until = horizon(start, input.generateUntil);
      return withScope(deps.db, user.scopePaths, async (tx) => {
        const repo = createReceptionRepository(tx);
        await checkHost(repo, unit.path, input.hostUserId, hostMode);
        const schedule = await repo.insertSchedule({
          unitId: unit.id,
          unitPath: unit.path,
          title: input.title.trim(),
          hostUserId: input.hostUserId,
          hostMode,
          channel,
          meetingUrl: input.meetingUrl ?? null,
          identityCheckMethod: input.identityCheckMethod ?? null,
          place: input.place.trim(),
          startTime: input.startTime,
          endTime: input.endTime,
          rule,
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
          generatedUntil: until,
          createdBy: user.id
        });
        const generated = await generate(repo, schedule, start, until);
        await appendAudit(tx, {
          actorId: user.id,
          actorLabel: user.identifierCode,
          action: 'reception.schedule_create',
          entityType: 'reception_schedule',
          entityId: schedule.id,
          unitPath: unit.path,
          details: { rule, hostMode, channel, generated, until }
        });
        return { schedule: await read(tx, user.scopePaths, schedule.id), generated, removed: 0 };
      });
    },

    /** Changes the schedule; its future sessions nobody has touched are replaced by the new rule's. */
    async update(user: AuthUser, id: string, input: UpdateScheduleInput): Promise<{ schedule: ScheduleDto; generated: number; removed: number }> {
      const scope = requireReceptionRead(user);
      return withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const found = await repo.findSchedule(id, scope);
        if (!found) throw receptionErrors.scheduleNotFound();
        const current = found.schedule;
        requireReceptionRecord(user, current.unitPath);
        const unit = await unitOf(user, current.unitId);
        const rule = input.rule ? checkRule(input.rule, unit) : current.rule;
        const merged = {
          title: input.title?.trim() ?? current.title,
          hostUserId: input.hostUserId ?? current.hostUserId,
          hostMode: input.hostMode ?? current.hostMode,
          channel: input.channel ?? current.channel,
          meetingUrl: input.meetingUrl === undefined ? current.meetingUrl : input.meetingUrl,
          identityCheckMethod: input.identityCheckMethod === undefined ? current.identityCheckMethod : input.identityCheckMethod,
          place: input.place?.trim() ?? current.place,
          startTime: input.startTime ?? current.startTime,
          endTime: input.endTime ?? current.endTime,
          rule,
          validTo: input.validTo === undefined ? current.validTo : input.validTo,
          active: input.active ?? current.active
        };
        const today = toVnDate(now());
        checkChannel(merged.channel as Channel, merged.meetingUrl, merged.identityCheckMethod, current.validFrom > today ? current.validFrom : today);
        checkTimes(merged.startTime, merged.endTime);
        if (merged.validTo && merged.validTo < current.validFrom) throw receptionErrors.period([fieldError('validTo', 'Đến ngày: phải sau ngày áp dụng.', 'Until: after From.')]);
        if (input.hostUserId || input.hostMode) await checkHost(repo, current.unitPath, merged.hostUserId, merged.hostMode as HostMode);
        const start = current.validFrom > today ? current.validFrom : today;
        const until = horizon(start, input.generateUntil ?? (current.generatedUntil && current.generatedUntil > start ? current.generatedUntil : undefined));
        const reshaped = Object.keys(input).some((k) => k !== 'title' && k !== 'generateUntil');
        const removed = reshaped ? await repo.removeUntouchedSessions(id, today) : 0;
        const updated = await repo.updateSchedule(id, { ...merged, generatedUntil: until });
        const generated = await generate(repo, updated, start, until);
        await appendAudit(tx, {
          actorId: user.id,
          actorLabel: user.identifierCode,
          action: 'reception.schedule_update',
          entityType: 'reception_schedule',
          entityId: id,
          unitPath: current.unitPath,
          details: { fields: Object.keys(input), generated, removed, active: updated.active }
        });
        return { schedule: await read(tx, scope, id), generated, removed };
      });
    }
  };
}
export type ScheduleService = ReturnType<typeof createScheduleService>;
