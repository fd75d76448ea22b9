import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { refuseNonReadersEarly } from '../access/policy.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { BookService } from './reception.book.ts';
import type { ScheduleService } from './reception.schedules.ts';
import type { ReceptionService } from './reception.service.ts';
import {
  BookQuery,
  BookReply,
  bookLabels,
  CancelSessionBody,
  CloseSessionBody,
  CreateScheduleBody,
  CreateSessionBody,
  CreateVisitBody,
  Host,
  HostsQuery,
  ListSessionsQuery,
  ListVisitsQuery,
  listSessionLabels,
  listVisitLabels,
  Schedule,
  ScheduleReply,
  scheduleLabels,
  Session,
  sessionLabels,
  UpdateScheduleBody,
  UpdateSessionBody,
  UpdateVisitBody,
  Visit,
  VisitPage,
  visitLabels
} from './reception.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TAGS = ['reception'];
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const receptionRoutes: FastifyPluginAsyncTypebox<{ reception: ReceptionService; schedules: ScheduleService; book: BookService }> = async (
  app,
  { reception, schedules, book }
) => {
  // The administrator may not read citizens' data: refused before its input is even looked at.
  app.addHook('preValidation', refuseNonReadersEarly);

  // ---------------------------------------------------------------- sessions
  app.get(
    '/api/reception/sessions',
    {
      schema: { tags: TAGS, summary: 'Các buổi tiếp công dân theo đơn vị, khoảng ngày / Reception sessions by unit and dates', querystring: ListSessionsQuery, response: { 200: Type.Object({ items: Type.Array(Session) }), ...errors } },
      config: { fieldLabels: listSessionLabels },
      preHandler: app.requireUser
    },
    async (request) => ({ items: await reception.listSessions(request.user!, request.query) })
  );

  app.post(
    '/api/reception/sessions',
    {
      schema: { tags: TAGS, summary: 'Tạo buổi tiếp (thường xuyên, định kỳ, đột xuất; trực tiếp hoặc trực tuyến) / Create a session', body: CreateSessionBody, response: { 201: Session, ...errors } },
      config: { fieldLabels: sessionLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await reception.createSession(request.user!, request.body))
  );

  app.get(
    '/api/reception/sessions/:id',
    {
      schema: { tags: TAGS, summary: 'Một buổi tiếp / One session', params: IdParams, response: { 200: Session, ...errors, 404: ErrorReply } },
      config: { fieldLabels: sessionLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.getSession(request.user!, request.params.id)
  );

  app.patch(
    '/api/reception/sessions/:id',
    {
      schema: { tags: TAGS, summary: 'Sửa buổi tiếp / Edit a session', params: IdParams, body: UpdateSessionBody, response: { 200: Session, ...errors, 404: ErrorReply, 409: ErrorReply } },
      config: { fieldLabels: sessionLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.updateSession(request.user!, request.params.id, request.body)
  );

  app.post(
    '/api/reception/sessions/:id/close',
    {
      schema: { tags: TAGS, summary: 'Kết thúc buổi tiếp (số thông báo kết luận) / Close a session (conclusion notice)', params: IdParams, body: CloseSessionBody, response: { 200: Session, ...errors, 404: ErrorReply, 409: ErrorReply } },
      config: { fieldLabels: sessionLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.closeSession(request.user!, request.params.id, request.body)
  );

  app.post(
    '/api/reception/sessions/:id/cancel',
    {
      schema: { tags: TAGS, summary: 'Hủy buổi tiếp chưa có lượt tiếp / Cancel a session without visits', params: IdParams, body: CancelSessionBody, response: { 200: Session, ...errors, 404: ErrorReply, 409: ErrorReply } },
      config: { fieldLabels: sessionLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.cancelSession(request.user!, request.params.id, request.body.reason)
  );

  app.get(
    '/api/reception/hosts',
    {
      schema: { tags: TAGS, summary: 'Lãnh đạo, cán bộ có thể chủ trì tiếp của đơn vị / Who may host a reception of the unit', querystring: HostsQuery, response: { 200: Type.Object({ items: Type.Array(Host) }), ...errors } },
      config: { fieldLabels: { unitId: { vi: 'Đơn vị', en: 'Unit' } } },
      preHandler: app.requireUser
    },
    async (request) => ({ items: await reception.hosts(request.user!, request.query.unitId) })
  );

  // ---------------------------------------------------------------- schedules
  app.get(
    '/api/reception/schedules',
    {
      schema: { tags: TAGS, summary: 'Lịch tiếp công dân định kỳ của lãnh đạo / Leaders’ periodic reception schedules', querystring: HostsQuery, response: { 200: Type.Object({ items: Type.Array(Schedule) }), ...errors } },
      config: { fieldLabels: scheduleLabels },
      preHandler: app.requireUser
    },
    async (request) => ({ items: await schedules.list(request.user!, request.query.unitId) })
  );

  app.post(
    '/api/reception/schedules',
    {
      schema: { tags: TAGS, summary: 'Lập lịch tiếp định kỳ và tạo các buổi tiếp / Create a schedule and its sessions', body: CreateScheduleBody, response: { 201: ScheduleReply, ...errors } },
      config: { fieldLabels: scheduleLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await schedules.create(request.user!, request.body))
  );

  app.get(
    '/api/reception/schedules/:id',
    {
      schema: { tags: TAGS, summary: 'Một lịch tiếp định kỳ / One schedule', params: IdParams, response: { 200: Schedule, ...errors, 404: ErrorReply } },
      config: { fieldLabels: scheduleLabels },
      preHandler: app.requireUser
    },
    async (request) => schedules.get(request.user!, request.params.id)
  );

  app.patch(
    '/api/reception/schedules/:id',
    {
      schema: { tags: TAGS, summary: 'Sửa lịch tiếp định kỳ (các buổi chưa ai đụng tới được tạo lại) / Change a schedule', params: IdParams, body: UpdateScheduleBody, response: { 200: ScheduleReply, ...errors, 404: ErrorReply } },
      config: { fieldLabels: scheduleLabels },
      preHandler: app.requireUser
    },
    async (request) => schedules.update(request.user!, request.params.id, request.body)
  );

  // ---------------------------------------------------------------- visits
  app.get(
    '/api/reception/visits',
    {
      schema: { tags: TAGS, summary: 'Các lượt tiếp, lọc theo buổi, ngày, kết quả, đoàn đông người / Visits', querystring: ListVisitsQuery, response: { 200: VisitPage, ...errors } },
      config: { fieldLabels: listVisitLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.listVisits(request.user!, request.query)
  );

  app.post(
    '/api/reception/visits',
    {
      schema: {
        tags: TAGS,
        summary: 'Ghi lượt tiếp vào sổ (có thể tạo đơn cùng lúc) / Record a visit (optionally with its petition)',
        body: CreateVisitBody,
        response: { 201: Visit, ...errors, 404: ErrorReply, 409: ErrorReply, 413: ErrorReply }
      },
      config: { fieldLabels: visitLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await reception.createVisit(request.user!, request.body))
  );

  app.get(
    '/api/reception/visits/:id',
    {
      schema: { tags: TAGS, summary: 'Một lượt tiếp / One visit', params: IdParams, response: { 200: Visit, ...errors, 404: ErrorReply } },
      config: { fieldLabels: visitLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.getVisit(request.user!, request.params.id)
  );

  app.patch(
    '/api/reception/visits/:id',
    {
      schema: { tags: TAGS, summary: 'Cập nhật kết quả, theo dõi kết quả / Update the outcome and its follow-up', params: IdParams, body: UpdateVisitBody, response: { 200: Visit, ...errors, 404: ErrorReply } },
      config: { fieldLabels: visitLabels },
      preHandler: app.requireUser
    },
    async (request) => reception.updateVisit(request.user!, request.params.id, request.body)
  );

  // ---------------------------------------------------------------- the book
  app.get(
    '/api/reception/book',
    {
      schema: { tags: TAGS, summary: 'Sổ tiếp công dân (Mẫu số 03, 12 cột) / The reception book (Form 03, 12 columns)', querystring: BookQuery, response: { 200: BookReply, ...errors } },
      config: { fieldLabels: bookLabels },
      preHandler: app.requireUser
    },
    async (request) => book.book(request.user!, request.query)
  );

  app.get(
    '/api/reception/book/export',
    {
      schema: { tags: TAGS, summary: 'Sổ tiếp công dân dạng Excel (.xlsx) / The reception book as .xlsx', querystring: BookQuery, response: { 200: Type.Unknown({ description: 'Tệp .xlsx / the workbook' }), ...errors } },
      config: { fieldLabels: bookLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => {
      const { fileName, data } = await book.exportXlsx(request.user!, request.query);
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(data);
    }
  );
};
