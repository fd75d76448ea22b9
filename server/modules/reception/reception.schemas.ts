import { Type, type Static } from 'typebox';
import { ADDRESS_MAX, FULL_NAME_MAX, FULL_NAME_MIN } from '../../../shared/identity.ts';
import { PETITION_SUMMARY_MAX, PETITION_SUMMARY_MIN, PETITION_TYPES } from '../../../shared/petition.ts';
import {
  CHANNELS,
  GROUP_SIZE_MAX,
  HOST_MODES,
  IDENTITY_CHECK_METHODS,
  REFUSAL_REASONS,
  SESSION_STATUSES,
  SESSION_TYPES,
  VISIT_CLASSIFICATIONS,
  VISIT_OUTCOMES,
  VISIT_ROUNDS
} from '../../../shared/reception.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';
import { partyLabels } from '../parties/parties.schemas.ts';
import { CreatePetitionBody, petitionLabels } from '../petitions/petitions.schemas.ts';

const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD)` });
const Time = (description: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: `${description} (HH:MM)` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, description: string) => Type.String({ maxLength: max, description });
const MeetingUrl = Type.String({ pattern: '^https://[^\\s]+$', maxLength: 1000, description: 'Đường dẫn phòng họp trực tuyến (https://…) / meeting link' });

// ---------------------------------------------------------------- sessions

export const CreateSessionBody = Type.Object(
  {
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị tổ chức tiếp (mặc định: đơn vị của người ghi) / unit' })),
    type: Type.Enum([...SESSION_TYPES], { description: 'Loại buổi tiếp / kind of reception' }),
    date: IsoDate('Ngày tiếp / date'),
    startTime: Type.Optional(Time('Giờ bắt đầu / start')),
    endTime: Type.Optional(Time('Giờ kết thúc / end')),
    place: Type.String({ minLength: 2, maxLength: 300, description: 'Địa điểm / place' }),
    desk: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Bàn tiếp (tiếp thường xuyên) / desk' })),
    hostUserId: Type.Optional(Type.String({ format: 'uuid', description: 'Lãnh đạo chủ trì tiếp / leader receiving' })),
    hostMode: Type.Optional(Type.Enum([...HOST_MODES], { description: 'Thủ trưởng tiếp hay ủy quyền / head in person or delegated' })),
    channel: Type.Optional(Type.Enum([...CHANNELS], { description: 'Trực tiếp hay trực tuyến / direct or online' })),
    meetingUrl: Type.Optional(MeetingUrl),
    identityCheckMethod: Type.Optional(Type.Enum([...IDENTITY_CHECK_METHODS], { description: 'Cách xác thực danh tính người đến / identity check' })),
    note: Type.Optional(Text(2000, 'Ghi chú / note'))
  },
  { additionalProperties: false }
);
export type CreateSessionInput = Static<typeof CreateSessionBody>;

export const UpdateSessionBody = Type.Object(
  {
    date: Type.Optional(IsoDate('Ngày tiếp / date')),
    startTime: Type.Optional(Nullable(Time('Giờ bắt đầu / start'))),
    endTime: Type.Optional(Nullable(Time('Giờ kết thúc / end'))),
    place: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })),
    hostUserId: Type.Optional(Type.String({ format: 'uuid' })),
    hostMode: Type.Optional(Type.Enum([...HOST_MODES])),
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    meetingUrl: Type.Optional(Nullable(MeetingUrl)),
    identityCheckMethod: Type.Optional(Nullable(Type.Enum([...IDENTITY_CHECK_METHODS]))),
    note: Type.Optional(Nullable(Text(2000, 'Ghi chú / note')))
  },
  { additionalProperties: false }
);
export type UpdateSessionInput = Static<typeof UpdateSessionBody>;

export const CloseSessionBody = Type.Object(
  {
    conclusionNoticeNo: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Số thông báo kết luận buổi tiếp / conclusion notice number' })),
    conclusionNoticeDate: Type.Optional(IsoDate('Ngày thông báo kết luận / notice date'))
  },
  { additionalProperties: false }
);
export type CloseSessionInput = Static<typeof CloseSessionBody>;

export const CancelSessionBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000, description: 'Lý do hủy / reason' }) }, { additionalProperties: false });

export const sessionLabels: FieldLabels = {
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  type: { vi: 'Loại buổi tiếp', en: 'Kind of reception' },
  date: { vi: 'Ngày tiếp', en: 'Date' },
  startTime: { vi: 'Giờ bắt đầu', en: 'Start time' },
  endTime: { vi: 'Giờ kết thúc', en: 'End time' },
  place: { vi: 'Địa điểm', en: 'Place' },
  desk: { vi: 'Bàn tiếp', en: 'Desk' },
  hostUserId: { vi: 'Lãnh đạo chủ trì', en: 'Leader receiving' },
  hostMode: { vi: 'Hình thức chủ trì', en: 'Head in person or delegated' },
  channel: { vi: 'Hình thức tiếp', en: 'Direct or online' },
  meetingUrl: { vi: 'Đường dẫn phòng họp trực tuyến', en: 'Meeting link' },
  identityCheckMethod: { vi: 'Cách xác thực danh tính', en: 'Identity check' },
  note: { vi: 'Ghi chú', en: 'Note' },
  conclusionNoticeNo: { vi: 'Số thông báo kết luận', en: 'Conclusion notice number' },
  conclusionNoticeDate: { vi: 'Ngày thông báo kết luận', en: 'Conclusion notice date' },
  reason: { vi: 'Lý do', en: 'Reason' },
  id: { vi: 'Mã buổi tiếp', en: 'Session id' }
};

export const Session = Type.Object({
  id: Type.String({ format: 'uuid' }),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  scheduleId: Nullable(Type.String()),
  type: Type.Enum([...SESSION_TYPES]),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  startTime: Nullable(Type.String()),
  endTime: Nullable(Type.String()),
  place: Type.String(),
  desk: Nullable(Type.String()),
  hostUserId: Nullable(Type.String()),
  hostName: Nullable(Type.String()),
  hostMode: Nullable(Type.Enum([...HOST_MODES])),
  channel: Type.Enum([...CHANNELS]),
  meetingUrl: Nullable(Type.String()),
  identityCheckMethod: Nullable(Type.String()),
  status: Type.Enum([...SESSION_STATUSES]),
  edited: Type.Boolean(),
  conclusionNoticeNo: Nullable(Type.String()),
  conclusionNoticeDate: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  note: Nullable(Type.String()),
  visits: Type.Integer({ description: 'Số lượt đã ghi / visits recorded' }),
  people: Type.Integer({ description: 'Số người đã tiếp / people received' }),
  closedAt: Nullable(Type.String({ format: 'date-time' }))
});
export type SessionDto = Static<typeof Session>;

export const ListSessionsQuery = Type.Object(
  {
    from: Type.Optional(IsoDate('Từ ngày / from')),
    to: Type.Optional(IsoDate('Đến ngày / to')),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới / unit and its subtree' })),
    type: Type.Optional(Type.Enum([...SESSION_TYPES])),
    status: Type.Optional(Type.Enum([...SESSION_STATUSES])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 }))
  },
  { additionalProperties: false }
);
export type ListSessionsInput = Static<typeof ListSessionsQuery>;
export const listSessionLabels: FieldLabels = {
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  type: { vi: 'Loại buổi tiếp', en: 'Kind of reception' },
  status: { vi: 'Trạng thái', en: 'Status' },
  limit: { vi: 'Số dòng', en: 'Page size' }
};

// ---------------------------------------------------------------- schedules

const RuleBody = Type.Object(
  {
    frequency: Type.Enum(['WEEKLY', 'MONTHLY'], { description: 'Hằng tuần / hằng tháng' }),
    weekday: Type.Integer({ minimum: 0, maximum: 6, description: 'Thứ trong tuần (0 = Chủ nhật … 6 = thứ Bảy) / weekday' }),
    week: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Tuần thứ mấy của tháng (5 = tuần cuối) / week of the month (5 = last)' }))
  },
  { additionalProperties: false }
);

export const CreateScheduleBody = Type.Object(
  {
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    title: Type.String({ minLength: 3, maxLength: 300, description: 'Tên lịch / title' }),
    hostUserId: Type.String({ format: 'uuid', description: 'Lãnh đạo tiếp công dân định kỳ / leader' }),
    hostMode: Type.Optional(Type.Enum([...HOST_MODES])),
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    meetingUrl: Type.Optional(MeetingUrl),
    identityCheckMethod: Type.Optional(Type.Enum([...IDENTITY_CHECK_METHODS])),
    place: Type.String({ minLength: 2, maxLength: 300 }),
    startTime: Time('Giờ bắt đầu / start'),
    endTime: Time('Giờ kết thúc / end'),
    rule: RuleBody,
    validFrom: IsoDate('Áp dụng từ ngày / from'),
    validTo: Type.Optional(IsoDate('Đến ngày / until')),
    generateUntil: Type.Optional(IsoDate('Tạo các buổi tiếp đến ngày (mặc định 3 tháng) / generate sessions until'))
  },
  { additionalProperties: false }
);
export type CreateScheduleInput = Static<typeof CreateScheduleBody>;

export const UpdateScheduleBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    hostUserId: Type.Optional(Type.String({ format: 'uuid' })),
    hostMode: Type.Optional(Type.Enum([...HOST_MODES])),
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    meetingUrl: Type.Optional(Nullable(MeetingUrl)),
    identityCheckMethod: Type.Optional(Nullable(Type.Enum([...IDENTITY_CHECK_METHODS]))),
    place: Type.Optional(Type.String({ minLength: 2, maxLength: 300 })),
    startTime: Type.Optional(Time('Giờ bắt đầu / start')),
    endTime: Type.Optional(Time('Giờ kết thúc / end')),
    rule: Type.Optional(RuleBody),
    validTo: Type.Optional(Nullable(IsoDate('Đến ngày / until'))),
    active: Type.Optional(Type.Boolean()),
    generateUntil: Type.Optional(IsoDate('Tạo các buổi tiếp đến ngày / generate sessions until'))
  },
  { additionalProperties: false }
);
export type UpdateScheduleInput = Static<typeof UpdateScheduleBody>;

export const scheduleLabels: FieldLabels = {
  ...sessionLabels,
  title: { vi: 'Tên lịch', en: 'Title' },
  rule: { vi: 'Lịch lặp lại', en: 'Rule' },
  'rule.frequency': { vi: 'Tần suất', en: 'Frequency' },
  'rule.weekday': { vi: 'Thứ trong tuần', en: 'Weekday' },
  'rule.week': { vi: 'Tuần trong tháng', en: 'Week of the month' },
  validFrom: { vi: 'Áp dụng từ ngày', en: 'From' },
  validTo: { vi: 'Đến ngày', en: 'Until' },
  active: { vi: 'Đang áp dụng', en: 'Active' },
  generateUntil: { vi: 'Tạo buổi tiếp đến ngày', en: 'Generate until' }
};

export const Schedule = Type.Object({
  id: Type.String({ format: 'uuid' }),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  title: Type.String(),
  hostUserId: Type.String(),
  hostName: Nullable(Type.String()),
  hostMode: Type.Enum([...HOST_MODES]),
  channel: Type.Enum([...CHANNELS]),
  meetingUrl: Nullable(Type.String()),
  identityCheckMethod: Nullable(Type.String()),
  place: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  rule: Type.Object({ frequency: Type.String(), weekday: Type.Integer(), week: Type.Optional(Type.Integer()) }),
  ruleLabel: Type.Object({ vi: Type.String(), en: Type.String() }),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  generatedUntil: Nullable(Type.String()),
  active: Type.Boolean(),
  upcoming: Type.Array(Type.Object({ id: Type.String(), date: Type.String(), status: Type.String() }), { description: 'Các buổi tiếp sắp tới / next sessions' })
});
export type ScheduleDto = Static<typeof Schedule>;

export const ScheduleReply = Type.Object({ schedule: Schedule, generated: Type.Integer({ description: 'Số buổi tiếp vừa tạo / sessions generated' }), removed: Type.Integer() });

// ---------------------------------------------------------------- visits

export const VisitorInput = Type.Object(
  {
    fullName: Type.String({ minLength: FULL_NAME_MIN, maxLength: FULL_NAME_MAX, description: 'Họ và tên / full name' }),
    idNumber: Type.Optional(Type.String({ maxLength: 32, description: 'Số CCCD/CMND/hộ chiếu / identity number' })),
    phone: Type.Optional(Type.String({ maxLength: 32, description: 'Số điện thoại / phone' })),
    address: Type.Optional(Type.String({ maxLength: ADDRESS_MAX, description: 'Địa chỉ / address' })),
    identityProtected: Type.Optional(Type.Boolean({ description: 'Giữ bí mật danh tính (luôn bật khi tố cáo) / keep identity secret (always for a denunciation)' }))
  },
  { additionalProperties: false }
);
export type VisitorInputDto = Static<typeof VisitorInput>;

const petitionFields = Type.Omit(CreatePetitionBody, ['unitId', 'receivedAt', 'source', 'forwarding', 'summary']);
/**
 * The petition created in the same step as the visit: what the intake takes (the petitions
 * module's CreatePetitionBody, whatever it gains), minus what the visit fixes (unit, date, the
 * in-person channel). Without a summary the visit's summary is used; without parties, the visitors.
 */
export const VisitPetitionBody = Type.Object(
  {
    ...petitionFields.properties,
    summary: Type.Optional(Type.String({ minLength: PETITION_SUMMARY_MIN, maxLength: PETITION_SUMMARY_MAX, description: 'Tóm tắt nội dung đơn (mặc định: nội dung buổi tiếp) / summary' }))
  },
  { additionalProperties: false }
);
export type VisitPetitionInput = Static<typeof VisitPetitionBody>;

export const CreateVisitBody = Type.Object(
  {
    sessionId: Type.Optional(Type.String({ format: 'uuid', description: 'Buổi tiếp; không có: buổi tiếp thường xuyên hôm nay tại bàn tiếp / session; absent: today’s desk' })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị (khi không nêu buổi tiếp) / unit when no session is named' })),
    desk: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Bàn tiếp thường xuyên / desk' })),
    visitedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Thời điểm tiếp (mặc định: bây giờ) / when' })),
    place: Type.Optional(Type.String({ minLength: 2, maxLength: 300, description: 'Địa điểm (mặc định: của buổi tiếp) / place' })),
    isGroup: Type.Optional(Type.Boolean({ description: 'Đoàn đông người / a group' })),
    groupSize: Type.Optional(Type.Integer({ minimum: 1, maximum: GROUP_SIZE_MAX, description: 'Số người của đoàn / people in the group' })),
    visitors: Type.Array(VisitorInput, { minItems: 1, maxItems: 10, description: 'Người đến, hoặc người đại diện của đoàn / the visitor, or the group’s representatives' }),
    round: Type.Optional(Type.Enum([...VISIT_ROUNDS], { description: 'Lần đầu / nhiều lần (mặc định: tự nhận biết) / first time or repeat (default: detected)' })),
    summary: Type.String({ minLength: PETITION_SUMMARY_MIN, maxLength: PETITION_SUMMARY_MAX, description: 'Tóm tắt nội dung / summary' }),
    classification: Type.Optional(Type.Enum([...VISIT_CLASSIFICATIONS], { description: 'Phân loại (mặc định theo loại đơn) / classification' })),
    priorBody: Type.Optional(Text(300, 'Cơ quan đã giải quyết / body that already handled it')),
    documents: Type.Optional(Text(2000, 'Giấy tờ, tài liệu công dân cung cấp / documents handed over')),
    outcome: Type.Optional(Type.Enum([...VISIT_OUTCOMES], { description: 'Kết quả (mặc định: tiếp nhận đơn khi tạo đơn) / outcome' })),
    outcomeBody: Type.Optional(Text(300, 'Cơ quan được hướng dẫn / chuyển đến / body guided or transferred to')),
    outcomeDocNo: Type.Optional(Text(100, 'Số văn bản (phiếu chuyển, phiếu hướng dẫn) / document number')),
    refusalReason: Type.Optional(Type.Enum([...REFUSAL_REASONS], { description: 'Lý do từ chối (Luật TCD Điều 9) / reason for refusal' })),
    refusalNoticeNo: Type.Optional(Text(100, 'Số thông báo từ chối tiếp / refusal notice number')),
    followUp: Type.Optional(Text(2000, 'Theo dõi kết quả / follow-up')),
    notes: Type.Optional(Text(2000, 'Ghi chú / notes')),
    identityCheck: Type.Optional(
      Type.Object(
        {
          method: Type.Enum([...IDENTITY_CHECK_METHODS]),
          checkedByUserId: Type.Optional(Type.String({ format: 'uuid', description: 'Người xác thực (mặc định: người ghi) / who checked (default: the recorder)' }))
        },
        { additionalProperties: false }
      )
    ),
    petition: Type.Optional(VisitPetitionBody)
  },
  { additionalProperties: false }
);
export type CreateVisitInput = Static<typeof CreateVisitBody>;

export const UpdateVisitBody = Type.Object(
  {
    outcome: Type.Optional(Type.Enum([...VISIT_OUTCOMES])),
    outcomeBody: Type.Optional(Nullable(Text(300, 'Cơ quan / body'))),
    outcomeDocNo: Type.Optional(Nullable(Text(100, 'Số văn bản / document number'))),
    refusalReason: Type.Optional(Nullable(Type.Enum([...REFUSAL_REASONS]))),
    refusalNoticeNo: Type.Optional(Nullable(Text(100, 'Số thông báo từ chối / refusal notice number'))),
    followUp: Type.Optional(Nullable(Text(2000, 'Theo dõi kết quả / follow-up'))),
    notes: Type.Optional(Nullable(Text(2000, 'Ghi chú / notes'))),
    round: Type.Optional(Type.Enum([...VISIT_ROUNDS])),
    classification: Type.Optional(Type.Enum([...VISIT_CLASSIFICATIONS])),
    priorBody: Type.Optional(Nullable(Text(300, 'Cơ quan đã giải quyết / prior body')))
  },
  { additionalProperties: false }
);
export type UpdateVisitInput = Static<typeof UpdateVisitBody>;

function prefixed(prefix: string, labels: FieldLabels): FieldLabels {
  return Object.fromEntries(
    Object.entries(labels).map(([field, label]) => [`${prefix}.${field}`, { vi: `Đơn – ${label.vi}`, en: `Petition – ${label.en}` }])
  );
}

export const visitLabels: FieldLabels = {
  sessionId: { vi: 'Buổi tiếp', en: 'Session' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  desk: { vi: 'Bàn tiếp', en: 'Desk' },
  visitedAt: { vi: 'Thời điểm tiếp', en: 'Time of the visit' },
  place: { vi: 'Địa điểm', en: 'Place' },
  isGroup: { vi: 'Đoàn đông người', en: 'Group' },
  groupSize: { vi: 'Số người của đoàn', en: 'People in the group' },
  round: { vi: 'Lần đầu / nhiều lần', en: 'First time or repeat' },
  summary: { vi: 'Tóm tắt nội dung', en: 'Summary' },
  classification: { vi: 'Phân loại', en: 'Classification' },
  priorBody: { vi: 'Cơ quan đã giải quyết', en: 'Body that already handled it' },
  documents: { vi: 'Tài liệu công dân cung cấp', en: 'Documents handed over' },
  outcome: { vi: 'Kết quả tiếp', en: 'Outcome' },
  outcomeBody: { vi: 'Cơ quan hướng dẫn / chuyển đến', en: 'Body guided or transferred to' },
  outcomeDocNo: { vi: 'Số văn bản', en: 'Document number' },
  refusalReason: { vi: 'Lý do từ chối', en: 'Reason for refusal' },
  refusalNoticeNo: { vi: 'Số thông báo từ chối tiếp', en: 'Refusal notice number' },
  followUp: { vi: 'Theo dõi kết quả', en: 'Follow-up' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  identityCheck: { vi: 'Xác thực danh tính', en: 'Identity check' },
  'identityCheck.method': { vi: 'Cách xác thực danh tính', en: 'Identity check method' },
  'identityCheck.checkedByUserId': { vi: 'Người xác thực', en: 'Checked by' },
  petition: { vi: 'Đơn', en: 'Petition' },
  id: { vi: 'Mã lượt tiếp', en: 'Visit id' },
  ...partyLabels('visitors'),
  visitors: { vi: 'Người đến / người đại diện', en: 'Visitors / representatives' },
  ...prefixed('petition', petitionLabels)
};

export const Visitor = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer(),
  isRepresentative: Type.Boolean(),
  identityProtected: Type.Boolean(),
  withheld: Type.Boolean({ description: 'Người xem không có quyền xem danh tính này / the caller may not see this identity' }),
  fullName: Type.String(),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String())
});
export type VisitorDto = Static<typeof Visitor>;

export const Visit = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.Integer({ description: 'Số thứ tự trong sổ của đơn vị trong năm / number in the unit’s book of the year' }),
  year: Type.Integer(),
  sessionId: Type.String({ format: 'uuid' }),
  sessionType: Type.Enum([...SESSION_TYPES]),
  hostMode: Nullable(Type.Enum([...HOST_MODES])),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  visitedAt: Type.String({ format: 'date-time' }),
  place: Type.String(),
  receivedById: Type.String(),
  receivedByName: Nullable(Type.String()),
  leaderUserId: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  channel: Type.Enum([...CHANNELS]),
  isGroup: Type.Boolean(),
  groupSize: Type.Integer(),
  representativeCount: Type.Integer(),
  people: Type.Integer(),
  round: Type.Enum([...VISIT_ROUNDS]),
  summary: Type.String(),
  classification: Type.Enum([...VISIT_CLASSIFICATIONS]),
  priorBody: Nullable(Type.String()),
  documents: Nullable(Type.String()),
  outcome: Type.Enum([...VISIT_OUTCOMES]),
  outcomeBody: Nullable(Type.String()),
  outcomeDocNo: Nullable(Type.String()),
  refusalReason: Nullable(Type.Enum([...REFUSAL_REASONS])),
  refusalNoticeNo: Nullable(Type.String()),
  replyDueDate: Nullable(Type.String({ description: 'Hạn trả lời công dân (Luật TCD Điều 28) / reply due (YYYY-MM-DD)' })),
  followUp: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  petitionId: Nullable(Type.String()),
  petitionCode: Nullable(Type.String({ description: 'Mã đơn / receipt number' })),
  petitionType: Nullable(Type.Enum([...PETITION_TYPES])),
  identityCheckMethod: Nullable(Type.String()),
  identityCheckedByName: Nullable(Type.String()),
  visitors: Type.Array(Visitor)
});
export type VisitDto = Static<typeof Visit>;

export const ListVisitsQuery = Type.Object(
  {
    sessionId: Type.Optional(Type.String({ format: 'uuid' })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới / unit and its subtree' })),
    from: Type.Optional(IsoDate('Từ ngày / from')),
    to: Type.Optional(IsoDate('Đến ngày / to')),
    outcome: Type.Optional(Type.Enum([...VISIT_OUTCOMES])),
    isGroup: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 }))
  },
  { additionalProperties: false }
);
export type ListVisitsInput = Static<typeof ListVisitsQuery>;
export const listVisitLabels: FieldLabels = {
  sessionId: { vi: 'Buổi tiếp', en: 'Session' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  outcome: { vi: 'Kết quả tiếp', en: 'Outcome' },
  isGroup: { vi: 'Đoàn đông người', en: 'Group' },
  limit: { vi: 'Số dòng', en: 'Page size' },
  cursor: { vi: 'Con trỏ trang', en: 'Cursor' }
};

export const VisitPage = Type.Object({ items: Type.Array(Visit), nextCursor: Nullable(Type.String()) });

// ---------------------------------------------------------------- the book

export const BookQuery = Type.Object(
  {
    from: IsoDate('Từ ngày / from'),
    to: IsoDate('Đến ngày / to'),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới (mặc định: đơn vị của người xem) / unit and its subtree' }))
  },
  { additionalProperties: false }
);
export type BookInput = Static<typeof BookQuery>;
export const bookLabels: FieldLabels = { from: { vi: 'Từ ngày', en: 'From' }, to: { vi: 'Đến ngày', en: 'To' }, unitId: { vi: 'Đơn vị', en: 'Unit' } };

export const BookRow = Type.Object({
  visitId: Type.String({ format: 'uuid' }),
  cells: Type.Array(Type.String(), { minItems: 12, maxItems: 12, description: 'Mười hai cột của Mẫu số 03 / the 12 columns of Form 03' }),
  // What the 01/TCD report counts, as codes.
  unitId: Type.String(),
  sessionId: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  number: Type.Integer(),
  sessionType: Type.Enum([...SESSION_TYPES]),
  hostMode: Nullable(Type.Enum([...HOST_MODES])),
  channel: Type.Enum([...CHANNELS]),
  isGroup: Type.Boolean(),
  people: Type.Integer(),
  representatives: Type.Integer(),
  round: Type.Enum([...VISIT_ROUNDS]),
  classification: Type.Enum([...VISIT_CLASSIFICATIONS]),
  outcome: Type.Enum([...VISIT_OUTCOMES]),
  petitionId: Nullable(Type.String()),
  petitionCode: Nullable(Type.String()),
  caseId: Nullable(Type.String({ description: 'Vụ việc của đơn (để đếm vụ việc) / the petition’s case' }))
});
export type BookRowDto = Static<typeof BookRow>;

export const BookReply = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  columns: Type.Array(Type.Object({ vi: Type.String(), en: Type.String() })),
  rows: Type.Array(BookRow)
});
export type BookReplyDto = Static<typeof BookReply>;

export const Host = Type.Object({ id: Type.String(), fullName: Type.String(), role: Type.String(), unitName: Type.String() });
export const HostsQuery = Type.Object({ unitId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false });
