/**
 * The citizen's look-up: the right receipt number with the last 4 digits of the phone or identity
 * number gives the status in citizen words and nothing internal; a wrong number and wrong digits
 * give the very same "not found"; too many tries from one address are slowed down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let code: string;

beforeAll(async () => {
  t = await startTestApp({ lookupRate: { max: 12, timeWindow: 60_000 } });
  officer = await t.login('canbo.hn');
  const created = await t.request('POST', '/api/petitions', {
    cookie: officer,
    body: { type: 'KHIEU_NAI', summary: 'Khiếu nại chậm cấp giấy chứng nhận quyền sử dụng đất', parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Phan Văn Tra', phone: '+84 912-345-678', idNumber: '001 203 004 567' }] }
  });
  code = created.body.code;
});
afterAll(async () => t?.close());

const ask = (ma: string, so: string) => t.request('GET', `/api/public/lookup?ma=${encodeURIComponent(ma)}&so=${so}`);

describe('GET /api/public/lookup', () => {
  it('answers the right number with the last 4 digits of the phone or of the identity number, in citizen words only', async () => {
    const byPhone = await ask(code, '5678');
    expect(byPhone.status).toBe(200);
    expect(Object.keys(byPhone.body).sort()).toEqual(['closedOn', 'code', 'expectedBy', 'handlingBody', 'receivedOn', 'status', 'type']);
    expect(byPhone.body).toMatchObject({ code, type: { vi: 'Khiếu nại' }, status: { vi: 'Đã tiếp nhận, đang xem xét' }, handlingBody: 'Thành phố Hà Nội', closedOn: null });
    expect(byPhone.body.expectedBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(byPhone.body)).not.toMatch(/Phan Văn Tra|NHAN_DON|giấy chứng nhận/);
    const byId = await ask(code.toLowerCase(), '4567');
    expect(byId.status).toBe(200);
  });

  it('gives the same not-found answer for a wrong number and for wrong digits', async () => {
    const wrongDigits = await ask(code, '0000');
    const wrongNumber = await ask('01-2026-999999', '5678');
    expect(wrongDigits.status).toBe(404);
    expect(wrongNumber.status).toBe(404);
    expect(wrongDigits.body).toEqual(wrongNumber.body);
    expect(wrongDigits.body.error.message).toMatch(/Không tìm thấy đơn/);
  });

  it('never finds an anonymous letter, and refuses malformed input with a clear message', async () => {
    const anonymous = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'TO_CAO', summary: 'Đơn tố cáo nặc danh về sai phạm đất đai' } });
    expect((await ask(anonymous.body.code, '0000')).status).toBe(404);
    const letters = await ask(code, 'abcd');
    expect(letters.status).toBe(400);
    expect(letters.body.error.fields[0].message).toMatch(/4 chữ số cuối/);
  });

  it('slows down an address that keeps guessing, whatever numbers it tries', async () => {
    let last = 0;
    for (let i = 0; i < 14; i++) last = (await ask(`01-2026-${String(900000 + i)}`, '1234')).status;
    expect(last).toBe(429);
    const limited = await ask(code, '5678');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Quá nhiều yêu cầu/);
  });
});
