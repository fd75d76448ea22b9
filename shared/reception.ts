/**
 * Citizen reception (tiếp công dân) vocabulary and rules shared by server and web
 * (DOMAIN.md §2 and §9: TT 04/2021/TT-TTCP, Luật Tiếp công dân 42/2013/QH13, Luật 136/2025/QH15).
 * Codes are stored in the database; labels are what officials read (Vietnamese first).
 * Pure TypeScript: nothing here reads the clock.
 */
import { addDays, dateParts, dayOfWeek, isoDate, type IsoDate } from './calendar/iso-date.ts';
import type { PetitionType } from './petition.ts';
import type { Role } from './roles.ts';

type Label = { vi: string; en: string };

// ---------------------------------------------------------------- sessions

/**
 * Kinds of reception (the 01/TCD report splits its figures by them): at the reception office
 * every working day (thường xuyên), the head's periodic days (định kỳ: Luật TCD Điều 12.5, 15,
 * 18.2) and ad-hoc receptions for heated or multi-party matters (đột xuất: Điều 18.3).
 */
export const SESSION_TYPES = ['THUONG_XUYEN', 'DINH_KY', 'DOT_XUAT'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const SESSION_TYPE_LABELS: Record<SessionType, Label> = {
  THUONG_XUYEN: { vi: 'Tiếp thường xuyên', en: 'Regular reception' },
  DINH_KY: { vi: 'Tiếp định kỳ', en: 'Periodic reception' },
  DOT_XUAT: { vi: 'Tiếp đột xuất', en: 'Ad-hoc reception' }
};

/**
 * Who receives on a leader's day: the head in person or a deputy by delegation (01/TCD columns
 * "Thủ trưởng tiếp" / "Ủy quyền tiếp"). The press reports [S] that Luật 136/2025 no longer lets
 * heads delegate from 01/07/2026; until the text is verified both stay recordable.
 */
export const HOST_MODES = ['THU_TRUONG', 'UY_QUYEN'] as const;
export type HostMode = (typeof HOST_MODES)[number];
export const HOST_MODE_LABELS: Record<HostMode, Label> = {
  THU_TRUONG: { vi: 'Thủ trưởng tiếp', en: 'The head in person' },
  UY_QUYEN: { vi: 'Ủy quyền tiếp', en: 'Delegated to a deputy' }
};

/** Direct or online reception (Luật 136/2025/QH15, new Điều 3a of Luật TCD). */
export const CHANNELS = ['TRUC_TIEP', 'TRUC_TUYEN'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Label> = {
  TRUC_TIEP: { vi: 'Trực tiếp', en: 'In person' },
  TRUC_TUYEN: { vi: 'Trực tuyến', en: 'Online' }
};
/** Online reception exists from the day Luật 136/2025/QH15 takes effect. */
export const ONLINE_RECEPTION_FROM: IsoDate = '2026-07-01';

/**
 * How the visitor's identity was checked (TT 04/2021 step 1). For online reception the details
 * are left to a decree not yet verified [U]: the list is ours, KHAC covers anything else.
 */
export const IDENTITY_CHECK_METHODS = ['GIAY_TO_TRUC_TIEP', 'VNEID', 'CCCD_GAN_CHIP', 'DOI_CHIEU_HINH_ANH', 'KHAC'] as const;
export type IdentityCheckMethod = (typeof IDENTITY_CHECK_METHODS)[number];
export const IDENTITY_CHECK_METHOD_LABELS: Record<IdentityCheckMethod, Label> = {
  GIAY_TO_TRUC_TIEP: { vi: 'Kiểm tra giấy tờ tùy thân trực tiếp', en: 'Identity document checked in person' },
  VNEID: { vi: 'Tài khoản định danh điện tử (VNeID)', en: 'Electronic identity account (VNeID)' },
  CCCD_GAN_CHIP: { vi: 'Đọc chip căn cước công dân', en: 'Chip of the citizen identity card read' },
  DOI_CHIEU_HINH_ANH: { vi: 'Đối chiếu giấy tờ qua hình ảnh trực tuyến', en: 'Document compared on video' },
  KHAC: { vi: 'Cách khác', en: 'Other' }
};
/** Methods that work without the visitor in the room. */
export const ONLINE_IDENTITY_CHECK_METHODS: readonly IdentityCheckMethod[] = ['VNEID', 'CCCD_GAN_CHIP', 'DOI_CHIEU_HINH_ANH', 'KHAC'];

export const SESSION_STATUSES = ['DU_KIEN', 'DA_TIEP', 'HUY'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_STATUS_LABELS: Record<SessionStatus, Label> = {
  DU_KIEN: { vi: 'Theo lịch / đang tiếp', en: 'Scheduled / open' },
  DA_TIEP: { vi: 'Đã kết thúc', en: 'Closed' },
  HUY: { vi: 'Đã hủy', en: 'Cancelled' }
};

/** The desk of the regular reception when none is named. */
export const DEFAULT_DESK = 'Trụ sở tiếp công dân';

// ---------------------------------------------------------------- visits

/** The first time this matter is brought, or again (01/TCD "vụ việc lần đầu / nhiều lần"). */
export const VISIT_ROUNDS = ['LAN_DAU', 'NHIEU_LAN'] as const;
export type VisitRound = (typeof VISIT_ROUNDS)[number];
export const VISIT_ROUND_LABELS: Record<VisitRound, Label> = {
  LAN_DAU: { vi: 'Lần đầu', en: 'First time' },
  NHIEU_LAN: { vi: 'Nhiều lần', en: 'Repeat' }
};

/** Classification of what the visitor brings (Mẫu số 03 column 6; DOMAIN.md §9). */
export const VISIT_CLASSIFICATIONS = ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI_PHAN_ANH', 'NHIEU_NOI_DUNG'] as const;
export type VisitClassification = (typeof VISIT_CLASSIFICATIONS)[number];
export const VISIT_CLASSIFICATION_LABELS: Record<VisitClassification, Label> = {
  KHIEU_NAI: { vi: 'Khiếu nại', en: 'Complaint' },
  TO_CAO: { vi: 'Tố cáo', en: 'Denunciation' },
  KIEN_NGHI_PHAN_ANH: { vi: 'Kiến nghị, phản ánh', en: 'Recommendation or reflection' },
  NHIEU_NOI_DUNG: { vi: 'Nhiều nội dung', en: 'Several contents' }
};
export function classificationOfPetitionType(type: PetitionType): VisitClassification {
  if (type === 'KIEN_NGHI' || type === 'PHAN_ANH') return 'KIEN_NGHI_PHAN_ANH';
  return type;
}

/**
 * What came of the visit (TT 04/2021 step 4; Mẫu số 03 columns 8–10 "hướng xử lý"):
 * the petition received for handling (column 8), the visitor guided to the competent body and
 * the letter returned (column 9), the matter transferred (column 10), answered on the spot, or
 * refused (Luật TCD Điều 9). The last two are written in column 12.
 */
export const VISIT_OUTCOMES = ['NHAN_DON', 'HUONG_DAN', 'CHUYEN_DON', 'TRA_LOI_TRUC_TIEP', 'TU_CHOI'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, Label> = {
  NHAN_DON: { vi: 'Tiếp nhận đơn để xử lý', en: 'Petition received for handling' },
  HUONG_DAN: { vi: 'Hướng dẫn, trả lại đơn', en: 'Guided to the competent body' },
  CHUYEN_DON: { vi: 'Chuyển đơn đến cơ quan có thẩm quyền', en: 'Transferred to the competent body' },
  TRA_LOI_TRUC_TIEP: { vi: 'Giải thích, trả lời trực tiếp', en: 'Answered on the spot' },
  TU_CHOI: { vi: 'Từ chối tiếp', en: 'Refused' }
};

/** Luật Tiếp công dân 2013 Điều 9 khoản 1, điểm a–d. */
export const REFUSAL_REASONS = ['SAY_BENH', 'VI_PHAM_NOI_QUY', 'DA_GIAI_QUYET_DUNG', 'KHAC'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const REFUSAL_REASON_LABELS: Record<RefusalReason, Label> = {
  SAY_BENH: {
    vi: 'Say do dùng chất kích thích, mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi (Điều 9.1.a)',
    en: 'Intoxicated, or mentally unable to understand or control their acts (Art. 9.1.a)'
  },
  VI_PHAM_NOI_QUY: {
    vi: 'Đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân (Điều 9.1.b)',
    en: 'Threats, insults or breach of the reception office rules (Art. 9.1.b)'
  },
  DA_GIAI_QUYET_DUNG: {
    vi: 'Vụ việc đã giải quyết đúng, đã được kiểm tra, rà soát, thông báo bằng văn bản nhưng vẫn cố tình khiếu nại, tố cáo kéo dài (Điều 9.1.c)',
    en: 'Matter already resolved correctly, reviewed and answered in writing, yet pursued again (Art. 9.1.c)'
  },
  KHAC: { vi: 'Trường hợp khác theo quy định của pháp luật (Điều 9.1.d)', en: 'Another case provided by law (Art. 9.1.d)' }
};

/** Roles that keep the reception book (record sessions and visits); reading follows the petition readers. */
export const RECEPTION_RECORDERS: readonly Role[] = ['OFFICER', 'LEADER'];

// ---------------------------------------------------------------- groups (đoàn đông người)

/** Luật Tiếp công dân 2013 Điều 30.2: a group of 5–10 people sends 1–2 representatives; more than 10, up to 5. */
export const GROUP_MIN_SIZE = 5;
export const GROUP_SIZE_MAX = 100_000;
/** People without a group (a visitor with a relative, a lawyer): fewer than a group. */
export const NON_GROUP_MAX_PEOPLE = GROUP_MIN_SIZE - 1;

export function maxRepresentatives(groupSize: number): number {
  return groupSize > 10 ? 5 : 2;
}

export interface GroupProblem {
  field: 'groupSize' | 'visitors';
  message: string;
  messageEn: string;
}

/**
 * Checks who came against Luật TCD Điều 30 (groups) and returns what is wrong, worded for the
 * clerk; empty when the visit may be recorded. In a group, every named visitor is a representative.
 */
export function checkVisitors(visit: { isGroup: boolean; groupSize?: number; visitorCount: number }): GroupProblem[] {
  const problems: GroupProblem[] = [];
  if (!visit.isGroup) {
    if (visit.visitorCount < 1) problems.push({ field: 'visitors', message: 'Cần ghi ít nhất một người đến.', messageEn: 'Name at least one visitor.' });
    if (visit.visitorCount > NON_GROUP_MAX_PEOPLE) {
      problems.push({
        field: 'visitors',
        message: `Từ ${GROUP_MIN_SIZE} người trở lên cùng một nội dung là đoàn đông người: hãy đánh dấu "Đoàn đông người" và ghi người đại diện (Luật Tiếp công dân Điều 30).`,
        messageEn: `${GROUP_MIN_SIZE} or more people with one matter are a group: tick "Group" and name its representatives (Law on Citizen Reception, Art. 30).`
      });
    }
    return problems;
  }
  const size = visit.groupSize ?? 0;
  if (!Number.isInteger(size) || size < GROUP_MIN_SIZE) {
    problems.push({
      field: 'groupSize',
      message: `Đoàn đông người phải có từ ${GROUP_MIN_SIZE} người trở lên (Luật Tiếp công dân Điều 30).`,
      messageEn: `A group has ${GROUP_MIN_SIZE} or more people (Law on Citizen Reception, Art. 30).`
    });
    return problems;
  }
  const max = maxRepresentatives(size);
  if (visit.visitorCount < 1 || visit.visitorCount > max) {
    problems.push({
      field: 'visitors',
      message:
        size > 10
          ? `Đoàn ${size} người được cử từ 1 đến 5 người đại diện (Luật Tiếp công dân Điều 30.2.b); đã ghi ${visit.visitorCount} người đại diện.`
          : `Đoàn ${size} người được cử 1 hoặc 2 người đại diện (Luật Tiếp công dân Điều 30.2.a); đã ghi ${visit.visitorCount} người đại diện.`,
      messageEn:
        size > 10
          ? `A group of ${size} sends 1 to 5 representatives (Law on Citizen Reception, Art. 30.2.b); ${visit.visitorCount} were named.`
          : `A group of ${size} sends 1 or 2 representatives (Law on Citizen Reception, Art. 30.2.a); ${visit.visitorCount} were named.`
    });
  }
  if (visit.visitorCount > size) {
    problems.push({ field: 'visitors', message: 'Số người đại diện không thể nhiều hơn số người của đoàn.', messageEn: 'A group cannot have more representatives than members.' });
  }
  return problems;
}

/** People counted by the 01/TCD report for a visit. */
export function peopleOf(visit: { isGroup: boolean; groupSize: number }): number {
  return visit.groupSize;
}

// ---------------------------------------------------------------- periodic schedule

/**
 * A leader's periodic reception rule: a weekday every week, or the n-th (1–4, or 5 = last)
 * weekday of every month. Weekdays as Date#getDay: 0 = Chủ nhật … 6 = thứ Bảy.
 */
export type ScheduleRule = { frequency: 'WEEKLY'; weekday: number } | { frequency: 'MONTHLY'; weekday: number; week: number };
export const SCHEDULE_FREQUENCIES = ['WEEKLY', 'MONTHLY'] as const;
export const LAST_WEEK = 5;

export const WEEKDAY_LABELS: readonly Label[] = [
  { vi: 'Chủ nhật', en: 'Sunday' },
  { vi: 'Thứ Hai', en: 'Monday' },
  { vi: 'Thứ Ba', en: 'Tuesday' },
  { vi: 'Thứ Tư', en: 'Wednesday' },
  { vi: 'Thứ Năm', en: 'Thursday' },
  { vi: 'Thứ Sáu', en: 'Friday' },
  { vi: 'Thứ Bảy', en: 'Saturday' }
];

export function describeRule(rule: ScheduleRule): Label {
  const day = WEEKDAY_LABELS[rule.weekday] ?? { vi: '?', en: '?' };
  if (rule.frequency === 'WEEKLY') return { vi: `${day.vi} hằng tuần`, en: `Every ${day.en}` };
  const nth = rule.week === LAST_WEEK ? { vi: 'cuối cùng', en: 'last' } : { vi: `thứ ${rule.week}`, en: ['', 'first', 'second', 'third', 'fourth'][rule.week] ?? '' };
  return { vi: `${day.vi} tuần ${nth.vi} hằng tháng`, en: `The ${nth.en} ${day.en} of every month` };
}

/**
 * Minimum frequency of the head's periodic reception by the kind of unit: the chair of a
 * commune at least one day a week (Luật TCD Điều 15), of a province at least one day a month
 * (Điều 12.5), heads of agencies at least one day a month (Điều 18.2).
 */
export function requiredFrequency(unitKind: string): { frequency: 'WEEKLY' | 'MONTHLY'; legalRef: string } {
  if (unitKind === 'XA' || unitKind === 'PHUONG' || unitKind === 'DAC_KHU') return { frequency: 'WEEKLY', legalRef: 'Luật Tiếp công dân 2013 Điều 15' };
  if (unitKind === 'TINH' || unitKind === 'TP_TRUC_THUOC_TW') return { frequency: 'MONTHLY', legalRef: 'Luật Tiếp công dân 2013 Điều 12 khoản 5' };
  return { frequency: 'MONTHLY', legalRef: 'Luật Tiếp công dân 2013 Điều 18 khoản 2' };
}

/** The date the rule names in a month (n-th weekday, 1–4, or the last one). */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, week: number): IsoDate {
  if (week >= LAST_WEEK) {
    const last = addDays(isoDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
    return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
  }
  const first = isoDate(year, month, 1);
  // Day 1 + at most 6 + 21: always inside the month.
  return addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + 7 * (week - 1));
}

/**
 * The dates the rule names between from and until (both included), each moved to the next
 * working day when it falls on a day off (workingDayOnOrAfter from the working calendar).
 * `scheduledFor` is the rule's own date, which keeps a moved session tied to its slot.
 */
export function sessionDates(
  rule: ScheduleRule,
  from: IsoDate,
  until: IsoDate,
  calendar?: { workingDayOnOrAfter(d: IsoDate): IsoDate }
): { scheduledFor: IsoDate; date: IsoDate }[] {
  const slots: IsoDate[] = [];
  if (rule.frequency === 'WEEKLY') {
    for (let d = addDays(from, (rule.weekday - dayOfWeek(from) + 7) % 7); d <= until; d = addDays(d, 7)) slots.push(d);
  } else {
    let { year, month } = dateParts(from);
    for (;;) {
      const d = nthWeekdayOfMonth(year, month, rule.weekday, rule.week);
      if (d > until) break;
      if (d >= from) slots.push(d);
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  return slots.map((scheduledFor) => ({ scheduledFor, date: calendar ? calendar.workingDayOnOrAfter(scheduledFor) : scheduledFor }));
}

// ---------------------------------------------------------------- the book (Mẫu số 03)

/** Columns of the Sổ tiếp công dân, TT 04/2021/TT-TTCP Mẫu số 03 (DOMAIN.md §2). */
export const BOOK_COLUMNS: readonly Label[] = [
  { vi: 'STT', en: 'No.' },
  { vi: 'Ngày tiếp', en: 'Date' },
  { vi: 'Họ tên – địa chỉ', en: 'Name – address' },
  { vi: 'Số CMND/CCCD/Hộ chiếu', en: 'Identity number' },
  { vi: 'Tóm tắt nội dung vụ việc', en: 'Summary of the matter' },
  { vi: 'Phân loại đơn / số người', en: 'Classification / people' },
  { vi: 'Cơ quan đã giải quyết', en: 'Body that already handled it' },
  { vi: 'Thụ lý', en: 'Received for handling' },
  { vi: 'Trả lại đơn và hướng dẫn', en: 'Returned and guided' },
  { vi: 'Chuyển đơn đến cơ quan, tổ chức có thẩm quyền', en: 'Transferred to the competent body' },
  { vi: 'Theo dõi kết quả giải quyết', en: 'Follow-up of the result' },
  { vi: 'Ghi chú', en: 'Notes' }
];
