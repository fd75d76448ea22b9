/**
 * Form 01/XLD (xử lý đơn) against a data set built by hand (issue 6): petitions received before
 * and inside the period, one closed before it, a transfer between two units, a duplicate merged
 * into its case, every handling outcome; every cell checked against the count worked out below.
 * Then the exports (XLSX read back with exceljs, PDF text with unpdf, CSV), the drill-down
 * property (list length = figure, over random data sets), and who may export what.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toVnDate } from '../../shared/calendar/index.ts';
import { FORM_01_XLD } from '../../shared/reports/forms.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let admin: string;
const today = toVnDate(new Date());
const from = addDays(today, -10);
const period = `period=CUSTOM&from=${from}&to=${today}`;
let bc1: string;
let bc2: string;

async function unit(code: string): Promise<string> {
  const vn = (await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = 'VN'`)).rows[0]!.id;
  const created = await t.request('POST', '/api/units', { cookie: admin, body: { parentId: vn, code, name: `Đơn vị báo cáo ${code}`, kind: 'CO_QUAN_KHAC' } });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function petition(unitId: string, type: string, opts: { parties?: number; organisation?: boolean; receivedAt?: string; caseId?: string } = {}) {
  const parties = Array.from({ length: opts.parties ?? 1 }, (_, i) => ({ role: type === 'TO_CAO' ? 'NGUOI_TO_CAO' : 'NGUOI_KHIEU_NAI', fullName: `Người gửi số ${i + 1}` }));
  const body: Record<string, unknown> = { type, summary: `Đơn thử báo cáo loại ${type}`, unitId, parties: opts.organisation ? [] : parties };
  if (opts.organisation) body.senderKind = 'TO_CHUC';
  if (opts.receivedAt) body.receivedAt = opts.receivedAt;
  if (opts.caseId) body.caseId = opts.caseId;
  const created = await t.request('POST', '/api/petitions', { cookie: leader, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; caseId: string };
}

async function step(id: string, action: string, body: Record<string, unknown> = {}) {
  const done = await t.request('POST', `/api/petitions/${id}/actions/${action}`, { cookie: leader, body });
  expect(done.status, `${action}: ${JSON.stringify(done.body)}`).toBe(200);
}

const classify = (type: string, competence: string, eligible: boolean) => ({ classification: { type, field: 'HANH_CHINH', competence, eligible } });

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login('lanhdao');
  admin = await t.login('quantri');
  bc1 = await unit('BC1');
  bc2 = await unit('BC2');
  const before = `${addDays(from, -20)}T09:00:00+07:00`;

  // P1: a complaint received before the period, still open → carried over.
  await petition(bc1, 'KHIEU_NAI', { receivedAt: before });
  // P2: a denunciation received and archived before the period → in no cell.
  const p2 = await petition(bc1, 'TO_CAO', { receivedAt: before });
  await t.database.pool.query(`UPDATE petitions SET status = 'LUU_DON', closed_at = $2 WHERE id = $1`, [p2.id, `${addDays(from, -5)}T10:00:00+07:00`]);
  // P3: a complaint, one signer, eligible, within competence, proposed for acceptance.
  const p3 = await petition(bc1, 'KHIEU_NAI');
  await step(p3.id, 'PHAN_LOAI', classify('KHIEU_NAI', 'THUOC_THAM_QUYEN', true));
  await step(p3.id, 'DE_XUAT_THU_LY');
  // P4: a denunciation, two signers, outside competence, transferred to BC2 (counts for BC1, which transferred it).
  const p4 = await petition(bc1, 'TO_CAO', { parties: 2 });
  await step(p4.id, 'PHAN_LOAI', classify('TO_CAO', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(p4.id, 'CHUYEN_DON_NOI_BO', { targetUnitId: bc2 });
  // P5: an anonymous recommendation, not eligible, archived.
  const p5 = await petition(bc1, 'KIEN_NGHI', { parties: 0 });
  await step(p5.id, 'PHAN_LOAI', classify('KIEN_NGHI', 'KHONG_THUOC_THAM_QUYEN', false));
  await step(p5.id, 'LUU_DON', { archiveReason: 'NAC_DANH' });
  // P6: a reflection sent to a body outside the system, urged, replied.
  const p6 = await petition(bc1, 'PHAN_ANH');
  await step(p6.id, 'PHAN_LOAI', classify('PHAN_ANH', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(p6.id, 'CHUYEN_DON_NGOAI', { targetBody: 'Công ty điện lực' });
  await step(p6.id, 'DON_DOC');
  await step(p6.id, 'NHAN_PHUC_DAP');
  // P7: the same complaint again: merged into P3's case.
  const p7 = await petition(bc1, 'KHIEU_NAI');
  await step(p7.id, 'GOP_VU_VIEC', { caseId: p3.caseId });
  // P8: an organisation's letter with several contents, guided to split.
  const p8 = await petition(bc1, 'NHIEU_NOI_DUNG', { organisation: true });
  await step(p8.id, 'PHAN_LOAI', classify('NHIEU_NOI_DUNG', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(p8.id, 'HUONG_DAN', { targetBody: 'Các cơ quan có thẩm quyền' });
  // P9: received by BC2 itself: never in BC1's report.
  await petition(bc2, 'KHIEU_NAI');
}, 120_000);
afterAll(async () => t?.close());

describe('form 01/XLD over a hand-built data set', () => {
  it('gives every cell of BC1 the count worked out by hand', async () => {
    const { status, body } = await t.request('GET', `/api/reports/01-XLD?${period}&unitId=${bc1}`, { cookie: leader });
    expect(status).toBe(200);
    expect(body.values).toEqual({
      KY_TRUOC: 1, // P1 (P2 was closed before the period)
      TRONG_KY: 6, // P3, P4, P5, P6, P7, P8
      TONG: 7, // 1 + 6
      MOT_NGUOI: 3, // P3, P6, P7
      NHIEU_NGUOI: 1, // P4
      KHAC: 2, // P5 anonymous, P8 organisation
      DA_XU_LY: 6, // a handling step in the period: P3 proposal, P4 transfer, P5 archive, P6 transfer out, P7 merge, P8 guidance
      DU_DIEU_KIEN: 4, // eligible: P3, P4, P6, P8 (P5 not; P1 and P7 never classified)
      KHIEU_NAI: 3, // P1, P3, P7
      TO_CAO: 1, // P4
      KIEN_NGHI_PHAN_ANH: 2, // P5, P6
      NHIEU_NOI_DUNG: 1, // P8
      THUOC_THAM_QUYEN: 1, // processed and within competence: P3
      HUONG_DAN: 1, // P8
      CHUYEN_DON: 2, // P4 (in the system), P6 (outside)
      DON_DOC: 1, // P6
      LUU_DON: 1, // P5
      PHUC_DAP: 1 // P6
    });
  });

  it('gives BC2 only what it holds: the transferred denunciation and its own complaint', async () => {
    const { body } = await t.request('GET', `/api/reports/01-XLD?${period}&unitId=${bc2}`, { cookie: leader });
    expect(body.values).toMatchObject({ TONG: 2, TRONG_KY: 2, TO_CAO: 1, KHIEU_NAI: 1, CHUYEN_DON: 0, DA_XU_LY: 0 });
  });

  it('lists behind every figure exactly that many petitions', async () => {
    const { body } = await t.request('GET', `/api/reports/01-XLD?${period}&unitId=${bc1}`, { cookie: leader });
    for (const cell of FORM_01_XLD.cells) {
      const list = await t.request('GET', `/api/reports/01-XLD/cells/${cell.code}/petitions?${period}&unitId=${bc1}`, { cookie: leader });
      expect(list.body.items.length, cell.code).toBe(body.values[cell.code]);
    }
  });
});

describe('analytics for leaders', () => {
  it('computes backlog ageing, top fields, repeat complaints and closures for BC1 as worked out by hand', async () => {
    const { status, body } = await t.request('GET', `/api/reports/analytics?${period}&unitId=${bc1}`, { cookie: leader });
    expect(status).toBe(200);
    // Open in BC1 now: P1 (received 30 days ago), P3 (today). P4 left for BC2; the others are closed.
    expect(body.backlogAgeing).toEqual([{ bucket: '<30', n: 1 }, { bucket: '30-89', n: 1 }, { bucket: '90-179', n: 0 }, { bucket: '>=180', n: 0 }]);
    // Received in the period and held by BC1: P3, P5, P6, P8 classified HANH_CHINH; P7 never classified.
    expect(body.topFields).toEqual([{ key: 'HANH_CHINH', n: 4 }, { key: 'KHAC', n: 1 }]);
    // P7 joined P3's case: one case, two letters.
    expect(body.repeatComplaints).toEqual({ cases: 1, letters: 2 });
    // Closed in the period: P5 (archived), P6 (transferred out), P7 (merged), P8 (guided).
    expect(body.onTimeByUnit.reduce((n: number, u: { closed: number }) => n + u.closed, 0)).toBe(4);
    expect(body.monthlyTrend.reduce((n: number, m: { n: number }) => n + m.n, 0)).toBe(7);
    expect((await t.request('GET', `/api/reports/analytics?${period}`, { cookie: admin })).status).toBe(403);
  });
});

describe('exports', () => {
  it('writes the XLSX in the form’s layout: merged headers, Vietnamese labels, numbers as numbers', async () => {
    const response = await fetch(`${t.url}/api/reports/01-XLD/export.xlsx?${period}&unitId=${bc1}`, { headers: { cookie: leader } });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell(1, 1).value)).toBe('BIỂU SỐ 01/XLD: TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN');
    expect(String(sheet.getCell(2, 1).value)).toContain('Đơn vị báo cáo BC1');
    const labels = FORM_01_XLD.cells.map((_, i) => String(sheet.getCell(4, i + 1).value));
    expect(labels).toContain('Kỳ trước chuyển sang');
    expect(labels).toContain('Nhận văn bản phúc đáp');
    const total = sheet.getCell(5, labels.indexOf('Tổng số đơn') + 1).value;
    expect(total).toBe(7);
    expect(typeof total).toBe('number');
    expect(sheet.model.merges.length).toBeGreaterThanOrEqual(5);
    expect(String(sheet.getCell(3, labels.indexOf('Hướng dẫn') + 1).value)).toBe('Kết quả xử lý');
  });

  it('writes the PDF for signing with its figures and diacritics intact, and a CSV of a list', async () => {
    const pdf = await fetch(`${t.url}/api/reports/01-XLD/export.pdf?${period}&unitId=${bc1}`, { headers: { cookie: leader } });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), { mergePages: true });
    expect(text).toContain('BIỂU SỐ 01/XLD: TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN');
    expect(text).toContain('Kỳ trước chuyển sang');
    expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(text).toMatch(/Chuyển đơn\s*2/);
    const csv = await fetch(`${t.url}/api/reports/01-XLD/cells/CHUYEN_DON/export.csv?${period}&unitId=${bc1}`, { headers: { cookie: leader } });
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"Mã đơn","Loại đơn","Trạng thái","Ngày nhận","Đơn vị đang giữ"');
    expect(lines.length).toBe(3);
    const { rows } = await t.database.pool.query(`SELECT details->>'format' AS format FROM audit_log WHERE action = 'report.export' ORDER BY id`);
    expect(rows.map((r) => r.format)).toEqual(['xlsx', 'pdf', 'csv']);
  });

  it('the administrator cannot export; an officer of Hà Nội gets nothing of TP Hồ Chí Minh', async () => {
    expect((await fetch(`${t.url}/api/reports/01-XLD/export.xlsx?${period}`, { headers: { cookie: admin } })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/01-XLD?${period}`, { cookie: admin })).status).toBe(403);
    const officer = await t.login('canbo.hn');
    const hcmc = (await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '79'`)).rows[0]!.id;
    for (const path of [`/api/reports/01-XLD?${period}&unitId=${hcmc}`, `/api/reports/01-XLD/export.pdf?${period}&unitId=${hcmc}`, `/api/reports/01-XLD/cells/TONG/export.csv?${period}&unitId=${hcmc}`]) {
      expect((await t.request('GET', path, { cookie: officer })).status, path).toBe(403);
    }
    const own = await t.request('GET', `/api/reports/01-XLD/cells/TONG/petitions?period=YEAR&year=${today.slice(0, 4)}`, { cookie: officer });
    expect(own.status).toBe(200);
    const codes = own.body.items.map((p: { code: string }) => p.code);
    expect(codes.every((c: string) => c.startsWith('01-'))).toBe(true);
  });

  it('refuses a backwards period and an unknown form with clear messages', async () => {
    const backwards = await t.request('GET', `/api/reports/01-XLD?period=CUSTOM&from=${today}&to=${from}`, { cookie: leader });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/Kỳ báo cáo/);
    expect((await t.request('GET', `/api/reports/99-ABC?${period}`, { cookie: leader })).status).toBe(404);
  });
});

describe('scheduled reports', () => {
  it('generates a subscribed report when due, tells the leader, and serves the file to them only', async () => {
    const subscribed = await t.request('POST', '/api/reports/subscriptions', { cookie: leader, body: { form: '01-XLD', frequency: 'WEEKLY', unitId: bc1 } });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body.subscriptions).toHaveLength(1);
    await t.database.pool.query(`UPDATE report_subscriptions SET next_run_at = now() - interval '1 minute'`);
    expect(await t.app.reportSchedule.runOnce()).toBe(1);
    expect(await t.app.reportSchedule.runOnce()).toBe(0);
    const { body } = await t.request('GET', '/api/reports/subscriptions', { cookie: leader });
    expect(body.files).toHaveLength(1);
    expect(new Date(body.subscriptions[0].nextRunAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const alerts = await t.request('GET', '/api/notifications', { cookie: leader });
    expect(alerts.body.items.find((a: { kind: string }) => a.kind === 'REPORT')).toMatchObject({ link: body.files[0].url, read: false });
    const file = await fetch(`${t.url}${body.files[0].url}`, { headers: { cookie: leader } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    expect(String(book.worksheets[0]!.getCell(2, 1).value)).toContain('Đơn vị báo cáo BC1');
    const officer = await t.login('canbo.hn');
    expect((await fetch(`${t.url}${body.files[0].url}`, { headers: { cookie: officer } })).status).toBe(404);
    expect((await t.request('POST', '/api/reports/subscriptions', { cookie: officer, body: { form: '01-XLD', frequency: 'MONTHLY' } })).status).toBe(403);
    expect((await t.request('POST', '/api/reports/subscriptions', { cookie: leader, body: { form: '01-XLD', frequency: 'DAILY' } })).status).toBe(400);
  });
});

describe('drill-down = figure, over random data sets', () => {
  it('holds for every cell whatever petitions and steps a unit has', async () => {
    let run = 0;
    const paths: Record<string, [string, Record<string, unknown>][][]> = {
      KHIEU_NAI: [[], [['PHAN_LOAI', classify('KHIEU_NAI', 'THUOC_THAM_QUYEN', true)], ['DE_XUAT_THU_LY', {}]], [['PHAN_LOAI', classify('KHIEU_NAI', 'KHONG_THUOC_THAM_QUYEN', true)], ['HUONG_DAN', { targetBody: 'Tòa án' }]]],
      TO_CAO: [[], [['PHAN_LOAI', classify('TO_CAO', 'KHONG_THUOC_THAM_QUYEN', true)], ['CHUYEN_DON_NGOAI', { targetBody: 'Công an' }], ['DON_DOC', {}]]],
      PHAN_ANH: [[], [['PHAN_LOAI', classify('PHAN_ANH', 'THUOC_THAM_QUYEN', false)], ['LUU_DON', { archiveReason: 'KHAC' }]], [['PHAN_LOAI', classify('PHAN_ANH', 'THUOC_THAM_QUYEN', true)], ['GIAO_GIAI_QUYET', {}]]]
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ type: fc.constantFrom('KHIEU_NAI', 'TO_CAO', 'PHAN_ANH'), signers: fc.integer({ min: 0, max: 3 }), before: fc.boolean(), path: fc.nat(2) }), { minLength: 1, maxLength: 6 }),
        async (specs) => {
          const unitId = await unit(`RND${++run}`);
          for (const spec of specs) {
            const p = await petition(unitId, spec.type, { parties: spec.signers, receivedAt: spec.before ? `${addDays(from, -3)}T09:00:00+07:00` : undefined });
            const options = paths[spec.type]!;
            for (const [action, body] of options[spec.path % options.length]!) await step(p.id, action, body);
          }
          const { body } = await t.request('GET', `/api/reports/01-XLD?${period}&unitId=${unitId}`, { cookie: leader });
          expect(body.values.TONG).toBe(specs.length);
          for (const cell of FORM_01_XLD.cells) {
            const list = await t.request('GET', `/api/reports/01-XLD/cells/${cell.code}/petitions?${period}&unitId=${unitId}`, { cookie: leader });
            expect(list.body.items.length, cell.code).toBe(body.values[cell.code]);
          }
        }
      ),
      { numRuns: 8 }
    );
  }, 120_000);
});
