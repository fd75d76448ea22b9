/**
 * Files on disk under DATA_DIR/files, named by the SHA-256 of their content (a file sent twice is
 * stored once, and a name can never be guessed or traversed). Whoever stores a file keeps its
 * metadata and decides who may read it; this module only checks type and size and keeps bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { defineError } from '../http/errors.ts';

/** Scans and photos of letters and documents: what officials attach (issue 4 item 2). */
export const DOCUMENT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/webp': 'WebP'
};
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const fileErrors = {
  tooLarge: defineError('files.too_large', 413, `Tệp quá lớn (tối đa ${MAX_FILE_BYTES / 1024 / 1024} MB).`, `The file is too large (${MAX_FILE_BYTES / 1024 / 1024} MB at most).`),
  empty: defineError('files.empty', 400, 'Tệp rỗng.', 'The file is empty.'),
  badType: defineError('files.bad_type', 415, 'Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG, TIFF, WebP); nội dung tệp không phải các loại này.', 'Only PDF or image files (JPEG, PNG, TIFF, WebP) are accepted; this file’s content is none of them.'),
  missing: defineError('files.missing', 404, 'Tệp không còn trên máy chủ.', 'The file is no longer on the server.')
};

/**
 * The bytes of an uploaded part, refusing one cut at the size limit. @fastify/multipart only
 * notices the cut when a chunk arrives after busboy marked the stream truncated; when the cut
 * falls on the last chunk it hands back exactly MAX_FILE_BYTES, so the flag is checked again here.
 */
export async function readUploadedFile(part: { toBuffer(): Promise<Buffer>; file: { truncated?: boolean } }): Promise<Buffer> {
  const bytes = await part.toBuffer().catch((error: { code?: string }) => {
    throw error.code === 'FST_REQ_FILE_TOO_LARGE' ? fileErrors.tooLarge() : error;
  });
  if (part.file.truncated) throw fileErrors.tooLarge();
  return bytes;
}

export interface StoredFile {
  sha256: string;
  size: number;
  /** Detected from the content, never from the name or the browser's claim. */
  mediaType: string;
}

export function createFileStore(dataDir: string) {
  const root = path.join(dataDir, 'files');
  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  return {
    /** Checks and keeps the bytes; throws a clerk-readable error for an empty, huge or unaccepted file. */
    async put(bytes: Buffer, accepted: Readonly<Record<string, string>> = DOCUMENT_MEDIA_TYPES): Promise<StoredFile> {
      if (bytes.length === 0) throw fileErrors.empty();
      if (bytes.length > MAX_FILE_BYTES) throw fileErrors.tooLarge();
      const detected = await fileTypeFromBuffer(bytes);
      if (!detected || !(detected.mime in accepted)) throw fileErrors.badType();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      const exists = await stat(target).then(() => true, () => false);
      if (!exists) {
        await mkdir(path.dirname(target), { recursive: true });
        // Write then rename: a reader never sees half a file.
        const temp = `${target}.${process.pid}.${Date.now()}.part`;
        await writeFile(temp, bytes, { mode: 0o600 });
        await rename(temp, target);
      }
      return { sha256, size: bytes.length, mediaType: detected.mime };
    },

    async open(sha256: string): Promise<Readable> {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw fileErrors.missing();
      const target = pathOf(sha256);
      if (!(await stat(target).then(() => true, () => false))) throw fileErrors.missing();
      return createReadStream(target);
    }
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
