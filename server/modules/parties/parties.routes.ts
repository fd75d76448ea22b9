import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { refuseNonReadersEarly } from '../access/policy.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { PartiesService } from './parties.service.ts';
import { DuplicateMatch, DuplicateQuery, duplicateQueryLabels, Party } from './parties.schemas.ts';

export const partiesRoutes: FastifyPluginAsyncTypebox<{ parties: PartiesService }> = async (app, { parties }) => {
  app.addHook('preValidation', refuseNonReadersEarly);

  app.get('/api/petitions/:id/parties', {
    schema: {
      tags: ['petitions'],
      summary: 'Người gửi và người liên quan; danh tính được bảo vệ chỉ hiện cho người có quyền (và được ghi nhật ký) / Parties; protected identities only for those entitled (audited)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: { 200: Type.Array(Party), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
    },
    config: { fieldLabels: { id: { vi: 'Mã đơn', en: 'Petition id' } } },
    preHandler: app.requireUser
  }, async (request) => parties.listParties(request.user!, request.params.id));

  app.post('/api/parties/duplicates', {
    schema: {
      tags: ['petitions'],
      summary: 'Đơn có người gửi trùng số định danh hoặc số điện thoại / Petitions whose sender has this identity number or phone',
      body: DuplicateQuery,
      response: { 200: Type.Object({ matches: Type.Array(DuplicateMatch) }), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
    },
    config: { fieldLabels: duplicateQueryLabels },
    preHandler: app.requireUser
  }, async (request) => ({ matches: await parties.findDuplicates(request.user!, request.body) }));
};
