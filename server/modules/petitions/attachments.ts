/**
 * Attachments of a petition: scans and photos, type- and size-checked, stored by content hash,
 * listed and served only to those who may read the petition (RLS on the rows; the file name on
 * disk is the hash, so nothing else can reach it). Every upload is audited.
 */
import { and, asc, eq } from 'drizzle-orm';
import { pgTable, integer, text, uuid } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { timestamptz } from '../../db/columns.ts';
import { withScope } from '../../db/scoped.ts';
import { commonErrors, defineError } from '../../http/errors.ts';
import { MAX_FILE_BYTES, readUploadedFile, type FileStore } from '../../storage/file-store.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { refuseNonReadersEarly, requirePetitionCreate, requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { usersTable } from '../users/users.table.ts';
import { petitionErrors } from './petitions.errors.ts';
import { createPetitionsRepository } from './petitions.repository.ts';
import { petitionsTable } from './petitions.table.ts';

export const petitionAttachmentsTable = pgTable('petition_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  petitionId: uuid('petition_id').notNull().references(() => petitionsTable.id),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => usersTable.id),
  uploadedAt: timestamptz('uploaded_at').notNull().defaultNow()
});

const attachmentErrors = {
  noFile: defineError('attachments.no_file', 400, 'Chưa chọn tệp để đính kèm (gửi dạng multipart/form-data, trường "file").', 'No file to attach (send multipart/form-data with a "file" field).')
};

const Attachment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String({ format: 'date-time' })
});

/** A safe display name: no path, no control characters, at most 200 characters. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'tep-dinh-kem';
}

export function createAttachmentsService(deps: { db: Db; files: FileStore }) {
  async function petitionInScope(user: AuthUser, petitionId: string, scope: string[]) {
    const row = await withScope(deps.db, scope, async (tx) => (await createPetitionsRepository(tx).findDetail(petitionId, scope))?.petition ?? null);
    if (!row) throw petitionErrors.notFound();
    return row;
  }

  return {
    async add(user: AuthUser, petitionId: string, upload: { fileName: string | undefined; bytes: Buffer }) {
      const scope = requirePetitionRead(user);
      const petition = await petitionInScope(user, petitionId, scope);
      requirePetitionCreate(user, petition.unitPath);
      const stored = await deps.files.put(upload.bytes);
      return withScope(deps.db, scope, async (tx) => {
        const [row] = await tx
          .insert(petitionAttachmentsTable)
          .values({ petitionId, fileName: cleanName(upload.fileName), mediaType: stored.mediaType, sizeBytes: stored.size, sha256: stored.sha256, uploadedBy: user.id })
          .returning();
        await appendAudit(tx, { actorId: user.id, actorLabel: user.identifierCode, action: 'petition.attach', entityType: 'petition', entityId: petitionId, unitPath: petition.unitPath, details: { attachmentId: row!.id, sha256: stored.sha256, size: stored.size } });
        return { ...row!, uploadedAt: row!.uploadedAt.toISOString() };
      });
    },

    async list(user: AuthUser, petitionId: string) {
      const scope = requirePetitionRead(user);
      await petitionInScope(user, petitionId, scope);
      const rows = await withScope(deps.db, scope, (tx) =>
        tx.select().from(petitionAttachmentsTable).where(eq(petitionAttachmentsTable.petitionId, petitionId)).orderBy(asc(petitionAttachmentsTable.uploadedAt))
      );
      return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
    },

    async open(user: AuthUser, petitionId: string, attachmentId: string) {
      const scope = requirePetitionRead(user);
      const [row] = await withScope(deps.db, scope, (tx) =>
        tx.select().from(petitionAttachmentsTable).where(and(eq(petitionAttachmentsTable.id, attachmentId), eq(petitionAttachmentsTable.petitionId, petitionId)))
      );
      if (!row) throw commonErrors.notFound();
      return { row, stream: await deps.files.open(row.sha256) };
    }
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const attachmentsRoutes: FastifyPluginAsyncTypebox<{ attachments: AttachmentsService }> = async (app, { attachments }) => {
  app.addHook('preValidation', refuseNonReadersEarly);
  // Multipart only here: every other route keeps refusing form data with 415.
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0 } });

  app.post('/api/petitions/:id/attachments', {
    schema: {
      tags: ['petitions'],
      summary: 'Đính kèm bản quét (PDF, ảnh) / Attach a scan (PDF or image)',
      consumes: ['multipart/form-data'],
      params: Params,
      response: { 201: Attachment, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 413: ErrorReply, 415: ErrorReply }
    },
    config: { fieldLabels: { id: { vi: 'Mã đơn', en: 'Petition id' } } },
    preHandler: app.requireUser
  }, async (request, reply) => {
    if (!request.isMultipart()) throw attachmentErrors.noFile();
    const part = await request.file().catch(() => undefined);
    if (!part) throw attachmentErrors.noFile();
    const bytes = await readUploadedFile(part);
    return reply.code(201).send(await attachments.add(request.user!, request.params.id, { fileName: part.filename, bytes }));
  });

  app.get('/api/petitions/:id/attachments', {
    schema: { tags: ['petitions'], summary: 'Tệp đính kèm của đơn / A petition’s attachments', params: Params, response: { 200: Type.Object({ items: Type.Array(Attachment) }), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply } },
    preHandler: app.requireUser
  }, async (request) => ({ items: await attachments.list(request.user!, request.params.id) }));

  app.get('/api/petitions/:id/attachments/:attachmentId', {
    schema: {
      tags: ['petitions'],
      summary: 'Tải tệp đính kèm / Download an attachment',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
      response: { 200: Type.Unknown({ description: 'Nội dung tệp / the file' }), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply }
    },
    preHandler: app.requireUser
  }, async (request, reply) => {
    const { row, stream } = await attachments.open(request.user!, request.params.id, request.params.attachmentId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-length', row.sizeBytes)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
};
