import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DAY_KINDS, DEADLINE_UNITS, type DeadlineSetting, type OfficialDayOverride } from '../../../shared/calendar/index.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { CalendarService } from './calendar.service.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const CalendarDay = Type.Object({
  date: IsoDate,
  kind: Type.Enum([...DAY_KINDS]),
  name: Type.String(),
  nameEn: Type.String(),
  legalRef: Type.String(),
  source: Type.String(),
  isDayOff: Type.Boolean()
}, { additionalProperties: true });

const DayBody = Type.Object(
  {
    kind: Type.Enum([...DAY_KINDS], { description: 'NGHI_LE, NGHI_BU, NGHI_HOAN_DOI, LAM_BU, NGAY_LAM_VIEC' }),
    name: Type.String({ minLength: 3, maxLength: 200 }),
    nameEn: Type.Optional(Type.String({ maxLength: 200 })),
    legalRef: Type.String({ minLength: 3, maxLength: 300, description: 'Văn bản công bố / announcing document' })
  },
  { additionalProperties: false }
);
const dayLabels = {
  kind: { vi: 'Loại ngày', en: 'Day kind' },
  name: { vi: 'Tên ngày', en: 'Name' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  legalRef: { vi: 'Văn bản công bố', en: 'Announcing document' },
  date: { vi: 'Ngày', en: 'Date' },
  year: { vi: 'Năm', en: 'Year' }
};

const RuleBody = Type.Object(
  {
    amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    unit: Type.Optional(Type.Enum([...DEADLINE_UNITS])),
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
    effectiveFrom: Type.Optional(IsoDate),
    effectiveTo: Type.Optional(IsoDate)
  },
  { additionalProperties: false }
);

export const calendarRoutes: FastifyPluginAsyncTypebox<{ calendar: CalendarService }> = async (app, { calendar }) => {
  app.get('/api/calendar/:year', {
    schema: {
      tags: ['calendar'],
      summary: 'Ngày nghỉ, nghỉ bù, làm bù của một năm / Official days of a year',
      params: Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2199 }) }),
      response: { 200: Type.Object({ days: Type.Array(CalendarDay) }), 400: ErrorReply, 401: ErrorReply }
    },
    config: { fieldLabels: dayLabels },
    preHandler: app.requireUser
  }, async (request) => ({ days: await calendar.year(request.params.year) }));

  app.put('/api/calendar/days/:date', {
    schema: {
      tags: ['calendar'],
      summary: 'Thêm hoặc sửa một ngày theo thông báo của Chính phủ (quản trị) / Set an announced day (admin)',
      params: Type.Object({ date: IsoDate }),
      body: DayBody,
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
    },
    config: { fieldLabels: dayLabels },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await calendar.setDay(request.user!, { date: request.params.date, ...request.body } as OfficialDayOverride);
    return reply.code(204).send(null);
  });

  app.delete('/api/calendar/days/:date', {
    schema: {
      tags: ['calendar'],
      summary: 'Bỏ một ngày đã thêm (quản trị) / Remove an added day (admin)',
      params: Type.Object({ date: IsoDate }),
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
    },
    config: { fieldLabels: dayLabels },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await calendar.removeDay(request.user!, request.params.date);
    return reply.code(204).send(null);
  });

  app.get('/api/deadline-rules', {
    schema: {
      tags: ['calendar'],
      summary: 'Các quy tắc thời hạn đang áp dụng / Time-limit rules in force',
      response: { 200: Type.Object({ rules: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), amount: Type.Integer(), unit: Type.String(), legalBasis: Type.String(), configurable: Type.Boolean() }, { additionalProperties: true })) }), 401: ErrorReply }
    },
    preHandler: app.requireUser
  }, async () => ({ rules: await calendar.rules() }));

  app.put('/api/deadline-rules/:id', {
    schema: {
      tags: ['calendar'],
      summary: 'Đặt giá trị cho một quy tắc thời hạn (quản trị) / Set a time-limit rule (admin)',
      params: Type.Object({ id: Type.String({ pattern: '^[A-Z0-9_]{2,60}$' }) }),
      body: RuleBody,
      response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
    },
    config: { fieldLabels: { amount: { vi: 'Số ngày', en: 'Amount' }, unit: { vi: 'Đơn vị', en: 'Unit' }, legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' } } },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await calendar.setRule(request.user!, request.params.id, request.body as DeadlineSetting);
    return reply.code(204).send(null);
  });
};
