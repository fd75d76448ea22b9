/** Read-only audit API: the log can be read and verified, never written, through HTTP. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { AuditListQuery, AuditPage, AuditVerifyReply, auditListLabels } from './audit.schemas.ts';
import { createAuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const audit = createAuditService({ db });

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán, mới nhất trước (chỉ quản trị hệ thống) / Audit log, newest first (system administrator only)',
        querystring: AuditListQuery,
        response: { 200: AuditPage, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply }
      },
      config: { fieldLabels: auditListLabels },
      preHandler: app.requireUser
    },
    async (request) => audit.list(request.user!, request.query)
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Kiểm tra chuỗi băm của nhật ký (chỉ quản trị hệ thống) / Verify the audit hash chain (system administrator only)',
        response: { 200: AuditVerifyReply, 401: ErrorReply, 403: ErrorReply }
      },
      preHandler: app.requireUser
    },
    async (request) => audit.verify(request.user!)
  );
};
