/**
 * Demo data of the reception area (called once by seedDemo on an empty database): for Hà Nội and
 * TP Hồ Chí Minh, the province chair's monthly reception schedule with its coming sessions, a
 * past leader's day closed with its conclusion notice, and a few days of the reception desk with
 * visits (one a group, one a denunciation, one whose letter became a demo petition). Visitors are
 * encrypted with the app's FieldCipher like any other.
 */
import { sql } from 'drizzle-orm';
import { addDays, computeDeadline, createWorkingCalendar, getDeadlineRule, OFFICIAL_DAYS, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { DEFAULT_DESK, sessionDates, type ScheduleRule, type VisitClassification, type VisitOutcome } from '../../../shared/reception.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { Db } from '../../db/client.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { createReceptionRepository } from './reception.repository.ts';
import type { NewVisitRow } from './reception.table.ts';
import { createVisitorCipher, type PreparedVisitor } from './reception.visitors.ts';

interface DemoVisit {
  daysAgo: number;
  time: string;
  visitors: PreparedVisitor[];
  groupSize?: number;
  summary: string;
  classification: VisitClassification;
  outcome: VisitOutcome;
  outcomeBody?: string;
  refusalReason?: string;
  priorBody?: string;
  documents?: string;
  withPetition?: boolean;
  leaderDay?: boolean;
}

const person = (fullName: string, idNumber: string | null, phone: string | null, address: string | null): PreparedVisitor => ({ fullName, idNumber, phone, address, identityProtected: false });

function demoVisits(city: string): DemoVisit[] {
  return [
    { daysAgo: 1, time: '08:40', visitors: [person('Nguyễn Văn Bình', '001080012345', '0912345001', `Tổ 5, ${city}`)], summary: 'Khiếu nại việc bồi thường khi thu hồi đất làm đường giao thông chưa thỏa đáng', classification: 'KHIEU_NAI', outcome: 'NHAN_DON', documents: 'Đơn khiếu nại, bản sao quyết định thu hồi đất', withPetition: true },
    { daysAgo: 1, time: '09:30', visitors: [person('Trần Thị Hoa', null, '0987654002', `Khu phố 3, ${city}`)], summary: 'Hỏi về thủ tục đăng ký hộ tịch cho con sinh ở nước ngoài', classification: 'KIEN_NGHI_PHAN_ANH', outcome: 'TRA_LOI_TRUC_TIEP' },
    {
      daysAgo: 2,
      time: '14:00',
      visitors: [person('Lê Văn Dũng', '001075000111', '0903000111', `Thôn Đông, ${city}`), person('Phạm Thị Lan', '001078000222', null, `Thôn Đông, ${city}`), person('Hoàng Văn Nam', null, null, `Thôn Đông, ${city}`)],
      groupSize: 12,
      summary: 'Đoàn hộ dân kiến nghị về ô nhiễm từ cơ sở chăn nuôi gần khu dân cư',
      classification: 'KIEN_NGHI_PHAN_ANH',
      outcome: 'CHUYEN_DON',
      outcomeBody: 'Sở Nông nghiệp và Môi trường',
      priorBody: 'UBND xã'
    },
    { daysAgo: 3, time: '10:15', visitors: [person('Đỗ Minh Tuấn', '001090004444', '0977444555', null)], summary: 'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận', classification: 'TO_CAO', outcome: 'HUONG_DAN', outcomeBody: 'Thanh tra thành phố' },
    { daysAgo: 3, time: '15:20', visitors: [person('Vũ Văn Khải', null, null, null)], summary: 'Tiếp tục khiếu nại vụ việc đã được giải quyết đúng và đã có thông báo chấm dứt thụ lý', classification: 'KHIEU_NAI', outcome: 'TU_CHOI', refusalReason: 'DA_GIAI_QUYET_DUNG' },
    { daysAgo: 20, time: '08:30', visitors: [person('Bùi Thị Mai', '001085006666', '0966111222', `Phường Trung tâm, ${city}`)], summary: 'Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng', classification: 'KHIEU_NAI', outcome: 'HUONG_DAN', outcomeBody: 'Chủ tịch UBND phường', leaderDay: true }
  ];
}

export async function seedReceptionDemo(db: Db, options: { cipher: FieldCipher; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const today = toVnDate(now);
  const calendar = createWorkingCalendar({ overrides: OFFICIAL_DAYS });
  const units = createUnitsRepository(db);
  const users = createUsersRepository(db);
  const visitorCipher = createVisitorCipher(options.cipher);
  const leader = await users.findByIdentifierCode('lanhdao');
  if (!leader) return;
  const rule: ScheduleRule = { frequency: 'MONTHLY', weekday: 4, week: 2 };

  await db.transaction(async (tx) => {
    const repo = createReceptionRepository(tx);
    for (const [code, officerCode, city] of [['01', 'canbo.hn', 'Hà Nội'], ['79', 'canbo.hcm', 'TP Hồ Chí Minh']] as const) {
      const unit = await units.findByCode(code);
      const officer = await users.findByIdentifierCode(officerCode);
      if (!unit || !officer) continue;
      const place = `Trụ sở tiếp công dân ${city}`;
      const until = addDays(today, 92);
      const schedule = await repo.insertSchedule({
        unitId: unit.id,
        unitPath: unit.path,
        title: `Lịch tiếp công dân định kỳ của Chủ tịch UBND ${city}`,
        hostUserId: leader.id,
        hostMode: 'THU_TRUONG',
        channel: 'TRUC_TIEP',
        place,
        startTime: '08:00',
        endTime: '11:30',
        rule,
        validFrom: addDays(today, -60),
        generatedUntil: until,
        createdBy: officer.id
      });
      const slots = sessionDates(rule, addDays(today, -60), until, calendar);
      const sessions = await repo.insertSessions(
        slots.map((s) => ({
          unitId: unit.id,
          unitPath: unit.path,
          scheduleId: schedule.id,
          scheduledFor: s.scheduledFor,
          type: 'DINH_KY',
          sessionDate: s.date,
          startTime: '08:00',
          endTime: '11:30',
          place,
          hostUserId: leader.id,
          hostMode: 'THU_TRUONG',
          channel: 'TRUC_TIEP',
          status: s.date < today ? 'DA_TIEP' : 'DU_KIEN',
          conclusionNoticeNo: s.date < today ? `${s.date.slice(5, 7)}/TB-UBND` : null,
          conclusionNoticeDate: s.date < today ? s.date : null,
          closedAt: s.date < today ? new Date(`${s.date}T11:30:00+07:00`) : null,
          closedBy: s.date < today ? officer.id : null,
          createdBy: officer.id
        }))
      );
      const pastLeaderDay = sessions.filter((s) => s.sessionDate < today).at(-1);

      // The demo petition that one visit's letter became (the newest of the unit).
      const { rows: petitions } = await tx.execute<{ id: string; code: string }>(sql`SELECT id, code FROM petitions WHERE unit_id = ${unit.id}::uuid ORDER BY received_at DESC LIMIT 1`);
      let seq = 0;
      for (const v of demoVisits(city)) {
        const leaderSession = v.leaderDay ? pastLeaderDay : undefined;
        const day = leaderSession?.sessionDate ?? calendar.addWorkingDays(today, -v.daysAgo);
        const session =
          leaderSession ??
          (await repo.deskSession({
            unitId: unit.id,
            unitPath: unit.path,
            type: 'THUONG_XUYEN',
            sessionDate: day,
            place: `${DEFAULT_DESK} – ${unit.name}`,
            desk: DEFAULT_DESK,
            channel: 'TRUC_TIEP',
            status: 'DA_TIEP',
            closedAt: new Date(`${day}T17:00:00+07:00`),
            closedBy: officer.id,
            createdBy: officer.id
          }));
        const visitedAt = new Date(`${day}T${v.time}:00+07:00`);
        const year = Number(day.slice(0, 4));
        seq += 1;
        const petition = v.withPetition ? petitions[0] : undefined;
        const isGroup = v.groupSize !== undefined;
        const values: NewVisitRow = {
          sessionId: session.id,
          unitId: unit.id,
          unitPath: unit.path,
          year,
          seq,
          visitedAt,
          place: session.place,
          receivedBy: officer.id,
          leaderUserId: leaderSession ? leader.id : null,
          channel: 'TRUC_TIEP',
          isGroup,
          groupSize: v.groupSize ?? v.visitors.length,
          representativeCount: isGroup ? v.visitors.length : 0,
          round: v.outcome === 'TU_CHOI' ? 'NHIEU_LAN' : 'LAN_DAU',
          summary: v.summary,
          classification: v.classification,
          priorBody: v.priorBody ?? null,
          documents: v.documents ?? null,
          outcome: v.outcome,
          outcomeBody: v.outcomeBody ?? null,
          refusalReason: v.refusalReason ?? null,
          replyDueDate: v.outcome === 'NHAN_DON' || v.outcome === 'CHUYEN_DON' ? computeDeadline(getDeadlineRule('TCD_TRA_LOI'), day as IsoDate, calendar) : null,
          petitionId: petition?.id ?? null,
          petitionCode: petition?.code ?? null,
          identityCheckMethod: 'GIAY_TO_TRUC_TIEP',
          identityCheckedBy: officer.id,
          createdBy: officer.id
        };
        const visit = await repo.insertVisit(values);
        await repo.insertVisitors(visitorCipher.seal(visit.id, v.visitors, isGroup, v.classification));
      }
      // Numbers continue from the seeded lines (the demo's visits all fall in one year or the previous).
      await tx.execute(sql`
        INSERT INTO reception_counters (unit_id, year, last)
        SELECT unit_id, year, max(seq) FROM reception_visits WHERE unit_id = ${unit.id}::uuid GROUP BY unit_id, year
        ON CONFLICT (unit_id, year) DO UPDATE SET last = EXCLUDED.last`);
    }
  });
}
