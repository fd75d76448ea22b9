/**
 * Documents of the procedure: the citizen's receipt as a PDF whose text keeps its diacritics and
 * whose QR code decodes to the public look-up URL; the notices and slips as PDF and DOCX from
 * one content model; only in scope; every download audited.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// pdf.js (inside unpdf) decodes images with ArrayBuffer.prototype.transferToFixedLength, which
// Node 22 has and Node 20 lacks; this copy-based stand-in is equivalent for reading.
const arrayBufferProto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
arrayBufferProto.transferToFixedLength ??= function (this: ArrayBuffer, length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};

let t: TestApp;
let officer: string;
let petition: { id: string; code: string };

async function download(cookie: string, path: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(t.url + path, { headers: { cookie } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

function docxText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-docx-'));
  writeFileSync(path.join(dir, 'd.docx'), bytes);
  const xml = execFileSync('unzip', ['-p', path.join(dir, 'd.docx'), 'word/document.xml']).toString('utf8');
  return xml.replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  t = await startTestApp({ config: { publicUrl: 'https://dondien.example.gov.vn' } });
  officer = await t.login('canbo.hn');
  const created = await t.request('POST', '/api/petitions', {
    cookie: officer,
    body: { type: 'TO_CAO', summary: 'Tố cáo cán bộ địa chính phường Hoàn Kiếm nhận tiền của dân', parties: [{ role: 'NGUOI_TO_CAO', fullName: 'Đỗ Thị Bí Mật', phone: '0912 345 678' }] }
  });
  petition = created.body;
});
afterAll(async () => t?.close());

describe('the receipt (giấy biên nhận)', () => {
  it('is a PDF whose text has the receipt number and Vietnamese words intact, and whose QR code opens the look-up', async () => {
    const { status, bytes, type } = await download(officer, `/api/petitions/${petition.id}/documents/RECEIPT`);
    expect(status).toBe(200);
    expect(type).toBe('application/pdf');
    const text = await pdfText(bytes);
    expect(text).toContain(petition.code);
    expect(text).toContain('GIẤY BIÊN NHẬN');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('THÀNH PHỐ HÀ NỘI');
    expect(text).toContain('Tố cáo');
    // The citizen's own receipt never needs their name: nothing of the denouncer is printed.
    expect(text).not.toContain('Bí Mật');

    const [image] = await extractImages(await getDocumentProxy(new Uint8Array(bytes)), 1);
    expect(image).toBeDefined();
    const rgba = new Uint8ClampedArray(image!.width * image!.height * 4);
    for (let i = 0, j = 0; i < image!.width * image!.height; i++) {
      const c = image!.channels;
      rgba[j++] = image!.data[i * c]!;
      rgba[j++] = image!.data[i * c + (c >= 3 ? 1 : 0)]!;
      rgba[j++] = image!.data[i * c + (c >= 3 ? 2 : 0)]!;
      rgba[j++] = 255;
    }
    const qr = jsQR(rgba, image!.width, image!.height);
    expect(qr?.data).toBe(`https://dondien.example.gov.vn/tra-cuu?ma=${encodeURIComponent(petition.code)}`);
  });

  it('is refused to the administrator and to an officer of another province, and each download is audited', async () => {
    const admin = await t.login('quantri');
    expect((await download(admin, `/api/petitions/${petition.id}/documents/RECEIPT`)).status).toBe(403);
    const hcmc = await t.login('canbo.hcm');
    expect((await download(hcmc, `/api/petitions/${petition.id}/documents/RECEIPT`)).status).toBe(404);
    const { rows } = await t.database.pool.query(`SELECT details FROM audit_log WHERE action = 'document.export' AND entity_id = $1`, [petition.id]);
    expect(rows.length).toBe(1);
    expect(rows[0].details).toMatchObject({ kind: 'RECEIPT', format: 'pdf', code: petition.code });
  });
});

describe('notices and slips, PDF and DOCX from one model', () => {
  it('the transfer slip of a denunciation (Mẫu 03) names the receiving body, asks for secrecy, never the denouncer', async () => {
    await t.request('POST', `/api/petitions/${petition.id}/actions/PHAN_LOAI`, { cookie: officer, body: { classification: { type: 'TO_CAO', field: 'THAM_NHUNG', competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true } } });
    await t.request('POST', `/api/petitions/${petition.id}/actions/CHUYEN_DON_NGOAI`, { cookie: officer, body: { targetBody: 'Công an thành phố Hà Nội' } });
    for (const format of ['pdf', 'docx'] as const) {
      const { status, bytes } = await download(officer, `/api/petitions/${petition.id}/documents/TRANSFER_SLIP?format=${format}`);
      expect(status).toBe(200);
      const text = format === 'pdf' ? await pdfText(bytes) : docxText(bytes);
      expect(text).toContain('PHIẾU CHUYỂN ĐƠN');
      expect(text).toContain('Mẫu số 03');
      expect(text).toContain('Kính gửi: Công an thành phố Hà Nội');
      expect(text).toContain('giữ bí mật');
      expect(text).toContain(petition.code);
      expect(text).not.toContain('Bí Mật');
    }
  });

  it('the acceptance notice carries the decision number and the resolution deadline; the guidance slip the competent body', async () => {
    const leader = await t.login('lanhdao');
    const complaint = (await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại quyết định thu hồi đất nông nghiệp' } })).body;
    await t.request('POST', `/api/petitions/${complaint.id}/actions/PHAN_LOAI`, { cookie: officer, body: { classification: { type: 'KHIEU_NAI', field: 'DAT_DAI', competence: 'THUOC_THAM_QUYEN', eligible: true } } });
    expect((await download(officer, `/api/petitions/${complaint.id}/documents/ACCEPTANCE_NOTICE`)).status).toBe(409);
    await t.request('POST', `/api/petitions/${complaint.id}/actions/DE_XUAT_THU_LY`, { cookie: officer, body: {} });
    const accepted = await t.request('POST', `/api/petitions/${complaint.id}/actions/THU_LY`, { cookie: leader, body: { decisionNo: '123/QĐ-UBND', decisionDate: '2026-11-02' } });
    expect(accepted.status).toBe(200);
    const [dy, dm, dd] = accepted.body.dueDate.split('-');
    for (const format of ['pdf', 'docx'] as const) {
      const { bytes } = await download(officer, `/api/petitions/${complaint.id}/documents/ACCEPTANCE_NOTICE?format=${format}`);
      const text = format === 'pdf' ? await pdfText(bytes) : docxText(bytes);
      expect(text).toContain('Về việc thụ lý giải quyết khiếu nại');
      expect(text).toContain('123/QĐ-UBND ngày 02/11/2026');
      expect(text).toContain(`Đến hết ngày ${dd}/${dm}/${dy}`);
    }
    const guided = (await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị về chính sách bảo hiểm xã hội' } })).body;
    await t.request('POST', `/api/petitions/${guided.id}/actions/PHAN_LOAI`, { cookie: officer, body: { classification: { type: 'KIEN_NGHI', field: 'CHINH_SACH', competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true } } });
    await t.request('POST', `/api/petitions/${guided.id}/actions/HUONG_DAN`, { cookie: officer, body: { targetBody: 'Bảo hiểm xã hội thành phố Hà Nội' } });
    const slip = docxText((await download(officer, `/api/petitions/${guided.id}/documents/GUIDANCE_SLIP?format=docx`)).bytes);
    expect(slip).toContain('PHIẾU HƯỚNG DẪN');
    expect(slip).toContain('Bảo hiểm xã hội thành phố Hà Nội');
  });

  it('bad input: an unknown document kind or format, a DOCX receipt', async () => {
    expect((await download(officer, `/api/petitions/${petition.id}/documents/BAO_CAO`)).status).toBe(400);
    expect((await download(officer, `/api/petitions/${petition.id}/documents/RECEIPT?format=odt`)).status).toBe(400);
    expect((await download(officer, `/api/petitions/${petition.id}/documents/RECEIPT?format=docx`)).status).toBe(400);
  });
});
