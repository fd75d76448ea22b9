import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { refuseNonReadersEarly } from '../access/policy.ts';
import { Type } from 'typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { DOCUMENT_KINDS } from './document-model.ts';
import type { DocumentsService } from './documents.service.ts';

const MEDIA = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

export const documentsRoutes: FastifyPluginAsyncTypebox<{ documents: DocumentsService }> = async (app, { documents }) => {
  app.addHook('preValidation', refuseNonReadersEarly);
  app.get('/api/petitions/:id/documents/:kind', {
    schema: {
      tags: ['petitions'],
      summary: 'Giấy biên nhận, thông báo thụ lý / không thụ lý, phiếu hướng dẫn, phiếu chuyển đơn (PDF hoặc DOCX) / Documents of a petition',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.Enum([...DOCUMENT_KINDS]) }),
      querystring: Type.Object({ format: Type.Optional(Type.Enum(['pdf', 'docx'], { default: 'pdf' })) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: 'Tệp văn bản / the file' }), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply }
    },
    config: { fieldLabels: { kind: { vi: 'Loại văn bản', en: 'Document kind' }, format: { vi: 'Định dạng', en: 'Format' } } },
    preHandler: app.requireUser
  }, async (request, reply) => {
    const format = request.query.format ?? 'pdf';
    if (request.params.kind === 'RECEIPT' && format === 'docx') return reply.code(400).send({ error: { code: 'documents.receipt_pdf_only', message: 'Giấy biên nhận chỉ có bản PDF.', messageEn: 'The receipt is PDF only.' } });
    const { bytes, fileName } = await documents.render(request.user!, request.params.id, request.params.kind, format);
    return reply
      .header('content-type', MEDIA[format])
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
};
