import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { PetitionsService } from './petitions.service.ts';
import { CreatePetitionBody, ListPetitionsQuery, Petition, PetitionPage, PetitionStats, petitionLabels } from './petitions.schemas.ts';

export const petitionsRoutes: FastifyPluginAsyncTypebox<{ petitions: PetitionsService }> = async (app, { petitions }) => {
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

  app.get(
    '/api/petitions',
    {
      schema: {
        tags: ['petitions'],
        summary: 'Danh sách đơn trong phạm vi, mới nhất trước / Petitions in scope, newest first',
        querystring: ListPetitionsQuery,
        response: { 200: PetitionPage, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      preHandler: app.requireUser
    },
    async (request) => petitions.list(request.user!, request.query)
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
};
