/**
 * Scans attached to a petition: a real PDF and a PNG are kept (by content hash, once), listed and
 * served back byte for byte to those in scope only; a file whose content is not a document is
 * refused whatever its name says, and nothing is written.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let petitionId: string;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));

async function upload(fileName: string, bytes: Buffer, cookie = officer, id = petitionId) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${t.url}/api/petitions/${id}/attachments`, { method: 'POST', headers: { cookie }, body: form });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  petitionId = (await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại có kèm bản quét quyết định' } })).body.id;
});
afterAll(async () => t?.close());

describe('petition attachments', () => {
  it('keeps a PDF and an image, lists them, and serves the same bytes back', async () => {
    const a = await upload('Quyết định thu hồi đất.pdf', pdf);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ fileName: 'Quyết định thu hồi đất.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const b = await upload('../../etc/ảnh hiện trạng.png', png);
    expect(b.body).toMatchObject({ fileName: 'ảnh hiện trạng.png', mediaType: 'image/png' });
    const again = await upload('bản sao.pdf', pdf);
    expect(again.body.sha256).toBe(a.body.sha256);

    const list = await t.request('GET', `/api/petitions/${petitionId}/attachments`, { cookie: officer });
    expect(list.body.items.map((i: { fileName: string }) => i.fileName)).toEqual(['Quyết định thu hồi đất.pdf', 'ảnh hiện trạng.png', 'bản sao.pdf']);
    const download = await fetch(`${t.url}/api/petitions/${petitionId}/attachments/${a.body.id}`, { headers: { cookie: officer } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    // One file on disk for the two identical PDFs, named by its hash.
    const dir = path.join(t.app.config.dataDir, 'files', a.body.sha256.slice(0, 2));
    expect(await readdir(dir)).toEqual([a.body.sha256]);
  });

  it('never serves them outside the petition’s scope, nor to the administrator', async () => {
    const { body } = await t.request('GET', `/api/petitions/${petitionId}/attachments`, { cookie: officer });
    const id = body.items[0].id;
    for (const account of ['canbo.hcm', 'quantri']) {
      const cookie = await t.login(account);
      const response = await fetch(`${t.url}/api/petitions/${petitionId}/attachments/${id}`, { headers: { cookie } });
      expect([403, 404]).toContain(response.status);
      expect((await upload('x.pdf', pdf, cookie)).status).toBeGreaterThanOrEqual(403);
    }
  });

  it('refuses an executable named .pdf, an empty file, a file over 20 MB and a missing file with a clear message, keeping none of them (exactly 20 MB is kept)', async () => {
    const before = await t.count('petition_attachments');
    const exe = await upload('hoso.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]));
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toMatch(/PDF hoặc ảnh/);
    expect((await upload('rong.pdf', Buffer.alloc(0))).status).toBe(400);
    // A file cut by the size limit is refused, not kept as its first 20 MB.
    for (const extra of [0, 1, 64 * 1024]) {
      const big = await upload('qua-lon.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 - pdf.length + 1 + extra)]));
      expect(big.status).toBe(413);
      expect(big.body.error.message).toMatch(/Tệp quá lớn \(tối đa 20 MB\)/);
    }
    // Exactly 20 MB is still accepted.
    expect((await upload('vua-du.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 - pdf.length)]))).status).toBe(201);
    const noFile = await t.request('POST', `/api/petitions/${petitionId}/attachments`, { cookie: officer, body: { file: 'x' } });
    expect(noFile.status).toBe(400);
    expect(await t.count('petition_attachments')).toBe(before + 1);
  });
});
