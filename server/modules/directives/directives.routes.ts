import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { MAX_FILE_BYTES, readUploadedFile } from '../../storage/file-store.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { directiveErrors } from './directives.errors.ts';
import { Attachment, AttachmentParams, Directive, DirectiveList, fieldLabels, IssueBody, ListQuery, Params, StepBody, StepParams } from './directives.schemas.ts';
import type { DirectivesService } from './directives.service.ts';

const tags = ['directives'];
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const config = { fieldLabels };

export const directivesRoutes: FastifyPluginAsyncTypebox<{ directives: DirectivesService }> = async (app, { directives }) => {
  app.post('/api/directives', {
    schema: { tags, summary: 'Ban hành chỉ đạo về một đơn, một vụ việc hoặc công việc của đơn vị (lãnh đạo) / Issue a directive (leader)', body: IssueBody, response: { 201: Directive, ...errors } },
    config, preHandler: app.requireUser
  }, async (request, reply) => reply.code(201).send(await directives.issue(request.user!, request.body)));

  app.get('/api/directives', {
    schema: { tags, summary: 'Chỉ đạo gửi đến đơn vị tôi, tôi ban hành, hoặc trong phạm vi / Directives to my unit, issued by me, or in my scope', querystring: ListQuery, response: { 200: DirectiveList, 400: ErrorReply, 401: ErrorReply } },
    config, preHandler: app.requireUser
  }, async (request) => directives.list(request.user!, request.query));

  app.get('/api/directives/:id', {
    schema: { tags, summary: 'Một chỉ đạo, các đơn vị nhận và luồng trao đổi / A directive, its targets and thread', params: Params, response: { 200: Directive, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => directives.get(request.user!, request.params.id));

  app.post('/api/directives/:id/steps/:kind', {
    schema: {
      tags,
      summary: 'Xác nhận, trả lời, báo cáo hoàn thành (đơn vị nhận); cho ý kiến, đôn đốc, gia hạn, kết thúc (lãnh đạo ban hành) / A step in the thread',
      params: StepParams,
      body: StepBody,
      response: { 200: Directive, ...errors }
    },
    config, preHandler: app.requireUser
  }, async (request) => directives.step(request.user!, request.params.id, request.params.kind, request.body));

  app.get('/api/directives/:id/attachments/:attachmentId', {
    schema: {
      tags,
      summary: 'Tải tệp của luồng trao đổi (chỉ người tham gia) / Download a thread file (participants only)',
      params: AttachmentParams,
      response: { 200: Type.Unknown({ description: 'Nội dung tệp / the file' }), 400: ErrorReply, 401: ErrorReply, 404: ErrorReply }
    },
    config, preHandler: app.requireUser
  }, async (request, reply) => {
    const file = await directives.openAttachment(request.user!, request.params.id, request.params.attachmentId);
    return reply
      .header('content-type', file.mediaType)
      .header('content-length', file.sizeBytes)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  });

  // Multipart only for the upload: every other route keeps refusing form data with 415.
  const uploadRoutes: FastifyPluginAsyncTypebox = async (upload) => {
    await upload.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0 } });
    upload.post('/api/directives/:id/attachments', {
      schema: {
        tags,
        summary: 'Tải lên tệp (PDF, ảnh) để gửi kèm tin tiếp theo / Upload a file (PDF, image) for your next message',
        consumes: ['multipart/form-data'],
        params: Params,
        response: { 201: Attachment, ...errors, 413: ErrorReply, 415: ErrorReply }
      },
      config, preHandler: app.requireUser
    }, async (request, reply) => {
      if (!request.isMultipart()) throw directiveErrors.noFile();
      const part = await request.file().catch(() => undefined);
      if (!part) throw directiveErrors.noFile();
      const bytes = await readUploadedFile(part);
      return reply.code(201).send(await directives.attach(request.user!, request.params.id, { fileName: part.filename, bytes }));
    });
  };
  await app.register(uploadRoutes);
};
