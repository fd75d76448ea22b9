import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { createUnitsRepository } from './units.repository.ts';

const Unit = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  path: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()])
});

export const unitsRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const units = createUnitsRepository(db);
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Đơn vị trong phạm vi của tài khoản / Units within the account’s scope',
        querystring: Type.Object({ depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, default: 2 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Unit) }), 401: ErrorReply }
      },
      preHandler: app.requireUser
    },
    async (request) => {
      const rows = await units.listWithin(request.user!.scopePaths, request.query.depth ?? 2);
      return {
        items: rows.map((u) => ({ id: u.id, code: u.code, name: u.name, shortName: u.shortName, kind: u.kind, path: u.path, parentId: u.parentId }))
      };
    }
  );
};
