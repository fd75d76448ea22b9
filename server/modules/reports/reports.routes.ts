import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PERIOD_KINDS } from '../../../shared/reports/periods.ts';
import { refuseNonReadersEarly } from '../access/policy.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { ReportsService } from './reports.service.ts';
import type { ReportSubscriptions } from './subscriptions.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const PeriodQuery = Type.Object(
  {
    period: Type.Optional(Type.Enum([...PERIOD_KINDS], { description: 'MONTH, QUARTER, SIX_MONTHS, NINE_MONTHS, YEAR hoặc CUSTOM (from, to)' })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    index: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'Tháng hoặc quý / month or quarter' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới (mặc định: đơn vị của mình) / unit and its subtree' })),
    own: Type.Optional(Type.Boolean({ description: 'Chỉ việc của chính đơn vị (dòng đầu của biểu), không gồm cấp dưới / the unit alone, not its subtree' }))
  },
  { additionalProperties: false }
);
const labels = {
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  year: { vi: 'Năm', en: 'Year' },
  index: { vi: 'Tháng, quý', en: 'Month or quarter' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  own: { vi: 'Chỉ đơn vị này', en: 'This unit only' },
  limit: { vi: 'Số dòng tối đa', en: 'Row limit' },
  form: { vi: 'Biểu mẫu', en: 'Form' },
  cell: { vi: 'Ô số liệu', en: 'Cell' }
};
const FormParams = Type.Object({ form: Type.String({ pattern: '^[0-9A-Z-]{3,20}$' }) });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };
const FILE = { 200: Type.Unknown({ description: 'Tệp / the file' }), ...errors };

export const reportsRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService; subscriptions: ReportSubscriptions }> = async (app, { reports, subscriptions }) => {
  app.addHook('preValidation', refuseNonReadersEarly);
  const config = { fieldLabels: labels };

  app.get('/api/reports/forms', {
    schema: { tags: ['reports'], summary: 'Các biểu mẫu báo cáo: cột, nhãn, định nghĩa từng ô / Report forms: columns, labels, what each cell counts', response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errors } },
    preHandler: app.requireUser
  }, async () => ({ items: [...reports.forms()] }));

  const Subscriptions = Type.Object({}, { additionalProperties: true, description: 'Đăng ký và các tệp đã tạo / subscriptions and generated files' });
  app.get('/api/reports/subscriptions', {
    schema: { tags: ['reports'], summary: 'Báo cáo định kỳ đã đăng ký và tệp đã tạo / My scheduled reports and files', response: { 200: Subscriptions, ...errors } },
    preHandler: app.requireUser
  }, async (request) => subscriptions.list(request.user!));
  app.post('/api/reports/subscriptions', {
    schema: {
      tags: ['reports'],
      summary: 'Đăng ký báo cáo hằng tuần / hằng tháng (lãnh đạo) / Subscribe to a weekly or monthly report (leader)',
      body: Type.Object({ form: Type.String({ pattern: '^[0-9A-Z-]{3,20}$' }), frequency: Type.Enum(['WEEKLY', 'MONTHLY']), unitId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
      response: { 201: Subscriptions, ...errors }
    },
    config: { fieldLabels: { ...labels, frequency: { vi: 'Tần suất', en: 'Frequency' } } },
    preHandler: app.requireUser
  }, async (request, reply) => reply.code(201).send(await subscriptions.subscribe(request.user!, request.body)));
  app.delete('/api/reports/subscriptions/:id', {
    schema: { tags: ['reports'], summary: 'Hủy đăng ký / Unsubscribe', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null(), ...errors } },
    preHandler: app.requireUser
  }, async (request, reply) => {
    await subscriptions.unsubscribe(request.user!, request.params.id);
    return reply.code(204).send(null);
  });
  app.get('/api/reports/files/:id', {
    schema: { tags: ['reports'], summary: 'Tải báo cáo định kỳ đã tạo (người đăng ký) / Download a generated report', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: FILE },
    preHandler: app.requireUser
  }, async (request, reply) => {
    const { fileName, mediaType, stream } = await subscriptions.open(request.user!, request.params.id);
    return reply.header('content-type', mediaType).header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
  });

  app.get('/api/reports/kpis', {
    schema: {
      tags: ['reports'],
      summary: 'Chỉ số tổng hợp của phạm vi mình: đơn đang giữ, đang mở, sắp đến hạn, quá hạn, nhận hôm nay / tháng này, đã giải quyết năm nay và đúng hạn / Dashboard KPIs of my scope',
      response: {
        200: Type.Object({
          total: Type.Integer(), open: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer(), receivedToday: Type.Integer(), receivedMonth: Type.Integer(),
          closedYear: Type.Integer(), onTimeYear: Type.Integer(), onTimeRate: Type.Union([Type.Number(), Type.Null()])
        }),
        ...errors
      }
    },
    preHandler: app.requireUser
  }, async (request) => reports.kpis(request.user!));

  app.get('/api/reports/analytics', {
    schema: { tags: ['reports'], summary: 'Phân tích cho lãnh đạo: đúng hạn theo đơn vị, thời gian xử lý, tồn đọng, lĩnh vực, địa bàn, xu hướng / Analytics for leaders', querystring: PeriodQuery, response: { 200: Type.Object({}, { additionalProperties: true }), ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => reports.analytics(request.user!, request.query));

  app.get('/api/reports/:form', {
    schema: { tags: ['reports'], summary: 'Số liệu của biểu mẫu cho một đơn vị và một kỳ / A form’s figures', params: FormParams, querystring: PeriodQuery, response: { 200: Type.Object({}, { additionalProperties: true }), ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => reports.figures(request.user!, request.params.form, request.query));

  app.get('/api/reports/:form/cells/:cell/petitions', {
    schema: {
      tags: ['reports'],
      summary: 'Danh sách đơn sau một số liệu (đếm bằng chính số liệu) / The petitions behind a figure',
      params: Type.Object({ form: Type.String({ pattern: '^[0-9A-Z-]{3,20}$' }), cell: Type.String({ pattern: '^[A-Z0-9_]{2,40}$' }) }),
      querystring: Type.Object({ ...PeriodQuery.properties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ total: Type.Integer({ description: 'Số dòng của danh sách (= số liệu; với ô "người": tổng cột số người) / rows of the list' }), items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errors }
    },
    config, preHandler: app.requireUser
  }, async (request) => {
    const { total, items } = await reports.cellList(request.user!, request.params.form, request.params.cell, request.query, request.query.limit ?? 1000);
    return { total, items };
  });

  app.get('/api/reports/:form/export.xlsx', {
    schema: { tags: ['reports'], summary: 'Xuất XLSX theo mẫu / Export as XLSX', params: FormParams, querystring: PeriodQuery, response: FILE },
    config, preHandler: app.requireUser
  }, async (request, reply) => {
    const { bytes, fileName } = await reports.exportXlsx(request.user!, request.params.form, request.query);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${fileName}"`).send(bytes);
  });

  app.get('/api/reports/:form/export.pdf', {
    schema: { tags: ['reports'], summary: 'Xuất PDF để ký / Export as PDF for signing', params: FormParams, querystring: PeriodQuery, response: FILE },
    config, preHandler: app.requireUser
  }, async (request, reply) => {
    const { bytes, fileName } = await reports.exportPdf(request.user!, request.params.form, request.query);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).send(bytes);
  });

  app.get('/api/reports/:form/cells/:cell/export.csv', {
    schema: { tags: ['reports'], summary: 'Xuất CSV danh sách sau một số liệu / Export a list as CSV', params: Type.Object({ form: Type.String({ pattern: '^[0-9A-Z-]{3,20}$' }), cell: Type.String({ pattern: '^[A-Z0-9_]{2,40}$' }) }), querystring: PeriodQuery, response: FILE },
    config, preHandler: app.requireUser
  }, async (request, reply) => {
    const { bytes, fileName } = await reports.exportCsv(request.user!, request.params.form, request.params.cell, request.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(bytes);
  });
};
