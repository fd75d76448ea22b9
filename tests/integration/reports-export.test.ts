/**
 * Exports of the report forms (issue 6 item 3): the XLSX read back with exceljs (the form's
 * layout, merged headers, Vietnamese labels, numbers as numbers, real dates), the PDF's text
 * (unpdf) with its labels, diacritics and figures, the CSV of a list; no personal data in any
 * export; every export audited; the administrator refused everywhere; an officer of Hà Nội gets
 * nothing of TP Hồ Chí Minh.
 */
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { formCells, FORM_01_XLD, REPORT_FORMS } from '../../shared/reports/forms.ts';
import { startTestApp } from '../support/test-app.ts';
import { addDays, classify, customPeriod, makeUnit, petition, step, vnIso, type Actors } from './reports-fixtures.ts';

let a: Actors;
const today = toVnDate(new Date());
const F = addDays(today, -10);
const PERIOD = customPeriod(F, today);
let bc3: string;
const DENOUNCER = 'Nguyễn Thị Người Gửi 1';

async function download(cookie: string, path: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const r = await fetch(a.t.url + path, { headers: { cookie } });
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') };
}
async function xlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return book.worksheets[0]!;
}
async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  // Labels wrap inside narrow columns: compare words, not line breaks.
  return text.replace(/\s+/g, ' ');
}
const sheetText = (sheet: ExcelJS.Worksheet) => {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.value instanceof Date ? c.value.toISOString() : c.value))));
  return out.join('\n');
};

beforeAll(async () => {
  const t = await startTestApp();
  a = { t, leader: await t.login('lanhdao'), admin: await t.login('quantri') };
  bc3 = await makeUnit(a, 'BC3');
  // 5 letters in the period and 1 before it (still waiting): TONG 6, KY_TRUOC 1, TRONG_KY 5.
  await petition(a, bc3, 'KHIEU_NAI', { receivedAt: vnIso(addDays(F, -3)) });
  const tc = await petition(a, bc3, 'TO_CAO'); // a denouncer's letter, transferred outside
  await step(a, tc.id, 'PHAN_LOAI', classify('TO_CAO', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, tc.id, 'CHUYEN_DON_NGOAI', { targetBody: 'Công an tỉnh' });
  const kn = await petition(a, bc3, 'KHIEU_NAI');
  await step(a, kn.id, 'PHAN_LOAI', classify('KHIEU_NAI', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, kn.id, 'HUONG_DAN', { targetBody: 'Tòa án nhân dân' });
  await petition(a, bc3, 'KIEN_NGHI');
  await petition(a, bc3, 'PHAN_ANH', { parties: 2 });
  await petition(a, bc3, 'KHIEU_NAI', { parties: 0 });
}, 120_000);
afterAll(async () => a?.t.close());

describe('XLSX', () => {
  it('has the form’s layout: unit, title, period as real dates, merged multi-level headers, one row per unit, numbers as numbers', async () => {
    const file = await download(a.leader, `/api/reports/01-XLD/export.xlsx?${PERIOD}&unitId=${bc3}`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const sheet = await xlsx(file.bytes);
    expect(String(sheet.getCell(1, 1).value)).toBe('ĐƠN VỊ BÁO CÁO BC3');
    expect(String(sheet.getCell(2, 1).value)).toBe('BIỂU SỐ 01/XLD: TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN');
    // The period's first and last day, as dates (midnight UTC of the civil day).
    const [fy, fm, fd] = F.split('-').map(Number) as [number, number, number];
    expect(sheet.getCell(4, 2).value).toEqual(new Date(Date.UTC(fy, fm - 1, fd)));
    expect((sheet.getCell(4, 4).value as Date).toISOString().slice(0, 10)).toBe(today);
    // Headers from row 6: STT and Đơn vị span the header rows; "Tiếp nhận" spans its 6 cells.
    const text = sheetText(sheet);
    for (const label of ['Tiếp nhận', 'Kỳ trước chuyển sang', 'Tiếp nhận trong kỳ', 'Một người đứng tên', 'Đơn đủ điều kiện xử lý', 'Không thuộc thẩm quyền', 'Đơn chưa xử lý chuyển kỳ sau', 'Tổng cộng', 'THỦ TRƯỞNG ĐƠN VỊ']) expect(text).toContain(label);
    const merges = sheet.model.merges;
    expect(merges).toContain('A6:A8'); // STT over the 3 header rows
    expect(merges).toContain('C6:H6'); // "Tiếp nhận" over TONG … KHAC
    expect(String(sheet.getCell(6, 3).value)).toBe('Tiếp nhận');
    expect(String(sheet.getCell(7, 5).value)).toBe('Tiếp nhận trong kỳ');
    expect(String(sheet.getCell(9, 3).value)).toBe('(1)');
    // Row 10: the unit's own row; row 11: the total.
    expect(String(sheet.getCell(10, 2).value)).toBe('Đơn vị báo cáo BC3 (trực tiếp)');
    expect(String(sheet.getCell(11, 2).value)).toBe('Tổng cộng');
    const cells = formCells(FORM_01_XLD);
    const col = (code: string) => 3 + cells.findIndex((c) => c.code === code);
    expect(sheet.getCell(11, col('TONG')).value).toBe(6);
    expect(sheet.getCell(11, col('KY_TRUOC')).value).toBe(1);
    expect(sheet.getCell(11, col('TRONG_KY')).value).toBe(5);
    expect(sheet.getCell(11, col('NHIEU_NGUOI')).value).toBe(1);
    expect(sheet.getCell(11, col('CHUYEN_DON')).value).toBe(1);
    expect(sheet.getCell(11, col('HUONG_DAN')).value).toBe(1);
    expect(typeof sheet.getCell(11, col('TONG')).value).toBe('number');
    // A column the system does not record is blank, not zero.
    expect(sheet.getCell(11, col('DA_GQ_TRUOC')).value).toBeNull();
  });

  it('exports every form, with its own labels', async () => {
    const expected: Record<string, string[]> = {
      '01-KQGQ': ['BIỂU SỐ 01/KQGQ: TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI', 'Hủy, sửa quyết định lần đầu', 'Đất (m²)'],
      '03-KQGQ': ['BIỂU SỐ 03/KQGQ: TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO', 'Tố cáo đúng một phần', 'Số quyết định gia hạn'],
      '01-TCD': ['BIỂU SỐ 01/TCD: TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN', 'Tiếp định kỳ và đột xuất của Thủ trưởng', 'Ủy quyền tiếp', 'Đoàn đông người']
    };
    for (const [form, labels] of Object.entries(expected)) {
      const file = await download(a.leader, `/api/reports/${form}/export.xlsx?${PERIOD}&unitId=${bc3}`);
      expect(file.status, form).toBe(200);
      const text = sheetText(await xlsx(file.bytes));
      for (const label of labels) expect(text, form).toContain(label);
    }
  });
});

describe('PDF for signing', () => {
  it('is landscape A4 with the motto, the title, the labels with diacritics, the figures and the signatures', async () => {
    const file = await download(a.leader, `/api/reports/01-XLD/export.pdf?${PERIOD}&unitId=${bc3}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(file.bytes));
    const viewport = (await doc.getPage(1)).getViewport({ scale: 1 });
    expect(Math.round(viewport.width)).toBe(842); // A4 landscape: 842 × 595 pt
    expect(Math.round(viewport.height)).toBe(595);
    const text = await pdfText(file.bytes);
    for (const label of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIỂU SỐ 01/XLD: TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN', 'Kỳ trước chuyển sang', 'Đơn khác (cơ quan, tổ chức; nặc danh)', 'Đơn trùng, gộp vụ việc', 'NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ']) {
      expect(text).toContain(label);
    }
    // The total row: TONG 6, KY_TRUOC 1, TRONG_KY 5 in the first three columns.
    expect(text).toMatch(/Tổng cộng\s+6\s+1\s+5\b/);
  });

  it('prints 01/TCD too', async () => {
    const text = await pdfText((await download(a.leader, `/api/reports/01-TCD/export.pdf?${PERIOD}&unitId=${bc3}`)).bytes);
    expect(text).toContain('BIỂU SỐ 01/TCD: TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN');
    expect(text).toContain('Thủ trưởng tiếp');
  });
});

describe('CSV of a list', () => {
  it('lists the petitions behind a figure, with no one’s identity', async () => {
    const file = await download(a.leader, `/api/reports/01-XLD/cells/TONG/export.csv?${PERIOD}&unitId=${bc3}&own=true`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('text/csv');
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"Mã đơn","Loại đơn","Bước được tính","Ngày của bước","Ngày nhận đơn","Đơn vị","Vụ việc","Trạng thái hiện tại"');
    expect(lines).toHaveLength(1 + 6);
    expect(text).toContain('"Tố cáo"');
    expect(text).toContain('"Tiếp nhận đơn"');
    expect(text).not.toContain(DENOUNCER);
    const transferred = (await download(a.leader, `/api/reports/01-XLD/cells/CHUYEN_DON/export.csv?${PERIOD}&unitId=${bc3}`)).bytes.toString('utf8');
    expect(transferred).toContain('"Chuyển đơn cho cơ quan ngoài hệ thống"');
    expect(transferred.trim().split('\r\n')).toHaveLength(2);
  });

  it('writes each export to the audit log, without personal data', async () => {
    const { rows } = await a.t.database.pool.query<{ format: string; details: string; actor: string }>(`SELECT details->>'format' AS format, details::text AS details, actor_label AS actor FROM audit_log WHERE action = 'report.export' ORDER BY id`);
    expect(rows.map((r) => r.format)).toEqual(['xlsx', 'xlsx', 'xlsx', 'xlsx', 'pdf', 'pdf', 'csv', 'csv']);
    expect(rows.every((r) => r.actor === 'lanhdao' && !r.details.includes(DENOUNCER))).toBe(true);
  });
});

describe('who may export what', () => {
  it('refuses the administrator on every report route', async () => {
    const paths = [
      '/api/reports/forms',
      `/api/reports/01-XLD?${PERIOD}`,
      `/api/reports/analytics?${PERIOD}`,
      `/api/reports/01-XLD/cells/TONG/petitions?${PERIOD}`,
      `/api/reports/01-XLD/export.xlsx?${PERIOD}`,
      `/api/reports/01-KQGQ/export.pdf?${PERIOD}`,
      `/api/reports/01-TCD/cells/LUOT/export.csv?${PERIOD}`,
      '/api/reports/subscriptions'
    ];
    for (const path of paths) expect((await download(a.admin, path)).status, path).toBe(403);
    const before = await a.t.count('audit_log');
    expect((await a.t.request('POST', '/api/reports/subscriptions', { cookie: a.admin, body: { form: '01-XLD', frequency: 'WEEKLY' } })).status).toBe(403);
    expect(await a.t.count('audit_log')).toBe(before);
  });

  it('gives an officer of Hà Nội nothing of TP Hồ Chí Minh in any export', async () => {
    const officer = await a.t.login('canbo.hn');
    const { rows } = await a.t.database.pool.query<{ id: string; name: string }>(`SELECT id, name FROM units WHERE path <@ 'VN.79' ORDER BY path`);
    const hcmc = rows[0]!.id;
    const hcmcNames = new Set(rows.map((r) => r.name));
    const vn = (await a.t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = 'VN'`)).rows[0]!.id;
    const year = `period=YEAR&year=${today.slice(0, 4)}`;
    for (const form of REPORT_FORMS) {
      for (const unit of [hcmc, vn]) {
        for (const path of [`/api/reports/${form.code}?${year}&unitId=${unit}`, `/api/reports/${form.code}/export.xlsx?${year}&unitId=${unit}`, `/api/reports/${form.code}/export.pdf?${year}&unitId=${unit}`, `/api/reports/${form.code}/cells/${formCells(form).find((c) => c.query)!.code}/export.csv?${year}&unitId=${unit}`]) {
          expect((await download(officer, path)).status, path).toBe(403);
        }
      }
      // Its own province: rows and lists of Hà Nội only.
      const sheet = await xlsx((await download(officer, `/api/reports/${form.code}/export.xlsx?${year}`)).bytes);
      const names: string[] = [];
      sheet.getColumn(2).eachCell((c) => names.push(String(c.value)));
      expect(names.some((n) => n.includes('Hà Nội'))).toBe(true);
      expect(names.filter((n) => hcmcNames.has(n))).toEqual([]);
      expect(await pdfText((await download(officer, `/api/reports/${form.code}/export.pdf?${year}`)).bytes)).not.toContain('Hồ Chí Minh');
      const first = formCells(form).find((c) => c.query)!.code;
      const csv = (await download(officer, `/api/reports/${form.code}/cells/${first}/export.csv?${year}`)).bytes.toString('utf8');
      expect(csv).not.toMatch(/"79-\d{4}-/);
      expect([...hcmcNames].filter((n) => csv.includes(`"${n}"`))).toEqual([]);
    }
    const list = await a.t.request('GET', `/api/reports/01-XLD/cells/TONG/petitions?${year}`, { cookie: officer });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i: { code: string }) => !i.code.startsWith('79-'))).toBe(true);
  });
});

describe('scheduled reports', () => {
  it('are generated when due with the leader’s rights, announced in the notification centre, and served to that leader only', async () => {
    const subscribed = await a.t.request('POST', '/api/reports/subscriptions', { cookie: a.leader, body: { form: '01-XLD', frequency: 'WEEKLY', unitId: bc3 } });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    expect(subscribed.body.subscriptions).toHaveLength(1);
    await a.t.database.pool.query(`UPDATE report_subscriptions SET next_run_at = now() - interval '1 minute'`);
    expect(await a.t.app.reportSchedule.runOnce()).toBe(1);
    expect(await a.t.app.reportSchedule.runOnce()).toBe(0);
    const { body } = await a.t.request('GET', '/api/reports/subscriptions', { cookie: a.leader });
    expect(body.files).toHaveLength(1);
    expect(new Date(body.subscriptions[0].nextRunAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const alerts = await a.t.request('GET', '/api/notifications', { cookie: a.leader });
    expect(alerts.body.items.find((n: { kind: string }) => n.kind === 'REPORT')).toMatchObject({ link: body.files[0].url, read: false });
    const file = await download(a.leader, body.files[0].url);
    expect(file.status).toBe(200);
    const sheet = await xlsx(file.bytes);
    expect(String(sheet.getCell(1, 1).value)).toBe('ĐƠN VỊ BÁO CÁO BC3');
    const officer = await a.t.login('canbo.hn');
    expect((await download(officer, body.files[0].url)).status).toBe(404);
    expect((await a.t.request('POST', '/api/reports/subscriptions', { cookie: officer, body: { form: '01-XLD', frequency: 'MONTHLY' } })).status).toBe(403);
    const daily = await a.t.request('POST', '/api/reports/subscriptions', { cookie: a.leader, body: { form: '01-XLD', frequency: 'DAILY' } });
    expect(daily.status).toBe(400);
    expect(daily.body.error.fields.map((f: { field: string }) => f.field)).toContain('frequency');
  });
});
