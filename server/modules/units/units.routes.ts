import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import {
  CloseUnitBody,
  CreateUnitBody,
  ListUnitsQuery,
  MovedUnit,
  MoveUnitBody,
  RenameUnitBody,
  Unit,
  UnitDetail,
  UnitHistoryPage,
  UnitIdParams,
  UnitPage,
  unitLabels
} from './units.schemas.ts';
import { createUnitsService } from './units.service.ts';

const config = { fieldLabels: unitLabels };

export const unitsRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const units = createUnitsService({ db });

  app.get(
    '/api/units/directory',
    {
      schema: {
        tags: ['units'],
        summary: 'Danh bạ cơ quan toàn quốc để chuyển đơn, hướng dẫn (tìm theo tên hoặc mã) / National directory of bodies, for transfers',
        querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Unit) }), 400: ErrorReply, 401: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => ({ items: await units.directory(request.query) })
  );

  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Đơn vị trong phạm vi của tài khoản: duyệt cây, lọc, tìm không dấu / Units within the account’s scope: browse, filter, accent-insensitive search',
        querystring: ListUnitsQuery,
        response: { 200: UnitPage, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.list(request.user!, request.query)
  );

  app.get(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Một đơn vị và các cấp trên của nó / One unit with its ancestors',
        params: UnitIdParams,
        response: { 200: UnitDetail, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.get(request.user!, request.params.id)
  );

  app.get(
    '/api/units/:id/history',
    {
      schema: {
        tags: ['units'],
        summary: 'Lịch sử tạo, đổi tên, chuyển, đóng đơn vị / History of creating, renaming, moving and closing a unit',
        params: UnitIdParams,
        response: { 200: UnitHistoryPage, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.history(request.user!, request.params.id)
  );

  app.post(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Quản trị: thêm cơ quan, đơn vị trực thuộc / Admin: add a body under a parent unit',
        body: CreateUnitBody,
        response: { 201: Unit, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 409: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request, reply) => reply.code(201).send(await units.create(request.user!, request.body, { ip: request.ip }))
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Quản trị: đổi tên đơn vị / Admin: rename a unit',
        params: UnitIdParams,
        body: RenameUnitBody,
        response: { 200: Unit, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.rename(request.user!, request.params.id, request.body, { ip: request.ip })
  );

  app.post(
    '/api/units/:id/move',
    {
      schema: {
        tags: ['units'],
        summary: 'Quản trị: chuyển đơn vị (cả cây con và đơn thư của nó) sang đơn vị cấp trên khác / Admin: move a unit, its subtree and their petitions, under another parent',
        params: UnitIdParams,
        body: MoveUnitBody,
        response: { 200: MovedUnit, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.move(request.user!, request.params.id, request.body, { ip: request.ip })
  );

  app.post(
    '/api/units/:id/close',
    {
      schema: {
        tags: ['units'],
        summary: 'Quản trị: cho đơn vị ngừng hoạt động (giữ lịch sử, không nhận đơn mới) / Admin: close a unit (history kept, no new petitions)',
        params: UnitIdParams,
        body: CloseUnitBody,
        response: { 200: Unit, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
      },
      config,
      preHandler: app.requireUser
    },
    async (request) => units.close(request.user!, request.params.id, request.body, { ip: request.ip })
  );
};
