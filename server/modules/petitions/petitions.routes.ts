import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { refuseNonReadersEarly } from '../access/policy.ts';
import { Type } from 'typebox';
import { ACTION_CODES } from '../../../shared/procedure/state-machine.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { DuplicateCheckService } from './duplicate-check.service.ts';
import type { ProcedureService } from './petition-procedure.service.ts';
import type { PetitionsService } from './petitions.service.ts';
import {
  ActionBody,
  actionLabels,
  CreatePetitionBody,
  DuplicateCheckBody,
  DuplicateCheckReply,
  ListPetitionsQuery,
  listLabels,
  Petition,
  PetitionDetail,
  PetitionPage,
  PetitionStats,
  petitionLabels
} from './petitions.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const idLabels = { id: { vi: 'Mã đơn', en: 'Petition id' } };

export const petitionsRoutes: FastifyPluginAsyncTypebox<{ petitions: PetitionsService; procedure: ProcedureService; duplicates: DuplicateCheckService }> = async (
  app,
  { petitions, procedure, duplicates }
) => {
  app.addHook('preValidation', refuseNonReadersEarly);
  app.post(
    '/api/petitions',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Tiếp nhận đơn / Record a petition',
        body: CreatePetitionBody,
        response: { 201: Petition, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 413: ErrorReply }
      },
      config: { fieldLabels: petitionLabels },
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await petitions.create(request.user!, request.body))
  );

  app.post(
    '/api/petitions/duplicate-check',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Kiểm tra đơn trùng trước khi lưu / Likely duplicates before saving',
        body: DuplicateCheckBody,
        response: { 200: DuplicateCheckReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config: { fieldLabels: petitionLabels },
      preHandler: app.requireUser
    },
    async (request) => duplicates.check(request.user!, request.body)
  );

  app.get(
    '/api/petitions',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Danh sách đơn trong phạm vi, lọc và tìm kiếm, mới nhất trước / Petitions in scope: filter, search, newest first',
        querystring: ListPetitionsQuery,
        response: { 200: PetitionPage, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config: { fieldLabels: listLabels },
      preHandler: app.requireUser
    },
    async (request) => petitions.list(request.user!, request.query)
  );

  app.get(
    '/api/petitions/count',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Số đơn khớp bộ lọc (cùng định nghĩa với danh sách) / Count behind a filtered list',
        querystring: Type.Omit(ListPetitionsQuery, ['limit', 'cursor']),
        response: { 200: Type.Object({ count: Type.Integer() }), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config: { fieldLabels: listLabels },
      preHandler: app.requireUser
    },
    async (request) => ({ count: await petitions.count(request.user!, request.query) })
  );

  app.get(
    '/api/petitions/stats',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Số liệu nhanh trong phạm vi / Quick figures in scope',
        response: { 200: PetitionStats, 401: ErrorReply, 403: ErrorReply }
      },
      preHandler: app.requireUser
    },
    async (request) => petitions.stats(request.user!)
  );

  app.get(
    '/api/petitions/:id',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Chi tiết đơn, lịch sử xử lý và các bước được làm / Petition detail, history, allowed actions',
        params: IdParams,
        response: { 200: PetitionDetail, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
      },
      config: { fieldLabels: idLabels },
      preHandler: app.requireUser
    },
    async (request) => petitions.get(request.user!, request.params.id)
  );

  app.post(
    '/api/petitions/:id/second-complaint',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Tiếp nhận khiếu nại lần hai (Luật Khiếu nại Điều 33) / Record the second-time complaint',
        params: IdParams,
        body: Type.Omit(CreatePetitionBody, ['type', 'caseId']),
        response: { 201: Petition, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
      },
      config: { fieldLabels: { ...idLabels, ...petitionLabels } },
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await petitions.secondComplaint(request.user!, request.params.id, { ...request.body, type: 'KHIEU_NAI' }))
  );

  app.post(
    '/api/petitions/:id/actions/:action',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Thực hiện một bước xử lý theo quy trình / Take a step of the procedure',
        description: 'Bước không hợp lệ với trạng thái hoặc loại đơn: 409. / A step the state machine does not allow: 409.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), action: Type.Enum([...ACTION_CODES]) }),
        body: ActionBody,
        response: {
          200: Type.Object({ petitionId: Type.String(), status: Type.String(), unitId: Type.String(), unitName: Type.String(), dueDate: Type.Union([Type.String(), Type.Null()]), closed: Type.Boolean() }, { additionalProperties: true }),
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
          409: ErrorReply
        }
      },
      config: { fieldLabels: { ...idLabels, ...actionLabels } },
      preHandler: app.requireUser
    },
    async (request) => procedure.act(request.user!, request.params.id, request.params.action, request.body)
  );
};
