import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
});
afterAll(async () => t?.close());

async function counts() {
  return { petitions: await t.count('petitions'), events: await t.count('petition_events'), outbox: await t.count('outbox') };
}

describe('POST /api/petitions', () => {
  it('writes the petition, its history row and its outbox event together', async () => {
    const before = await counts();
    const { status, body } = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'TO_CAO', summary: '  Tố cáo cán bộ xã nhận tiền khi cấp giấy chứng nhận  ' }
    });
    expect(status).toBe(201);
    expect(body.code).toMatch(/^01-\d{4}-\d{6}$/);
    expect(body.summary).toBe('Tố cáo cán bộ xã nhận tiền khi cấp giấy chứng nhận');
    expect(body.unitName).toBe('Thành phố Hà Nội');
    expect(await counts()).toEqual({ petitions: before.petitions + 1, events: before.events + 1, outbox: before.outbox + 1 });

    const list = await t.request('GET', '/api/petitions?limit=5', { cookie: officer });
    expect(list.body.items[0].id).toBe(body.id);
  });

  it('numbers receipts in sequence per unit and year', async () => {
    const a = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị sửa đường liên xã bị sạt lở' } });
    const b = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'PHAN_ANH', summary: 'Phản ánh ô nhiễm tiếng ồn ban đêm' } });
    const n = (code: string) => Number(code.split('-')[2]);
    expect(n(b.body.code)).toBe(n(a.body.code) + 1);
  });

  const tenMegabytes = 'a'.repeat(10 * 1024 * 1024);
  const badInputs: { name: string; rawBody: string; contentType?: string; status: number; code: string; field?: string; vi: RegExp }[] = [
    { name: 'missing type', rawBody: JSON.stringify({ summary: 'Khiếu nại về bồi thường đất đai' }), status: 400, code: 'common.validation', field: 'type', vi: /Loại đơn/ },
    { name: 'type outside the list', rawBody: JSON.stringify({ type: 'KHIEU_TO', summary: 'Khiếu nại về bồi thường đất đai' }), status: 400, code: 'common.validation', field: 'type', vi: /phải là một trong/ },
    { name: 'type of the wrong kind', rawBody: JSON.stringify({ type: 42, summary: 'Khiếu nại về bồi thường đất đai' }), status: 400, code: 'common.validation', field: 'type', vi: /Loại đơn/ },
    { name: 'summary too short', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: 'ngắn' }), status: 400, code: 'common.validation', field: 'summary', vi: /ít nhất 10 ký tự/ },
    { name: 'summary of spaces only', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: ' '.repeat(40) }), status: 400, code: 'common.validation', field: 'summary', vi: /ít nhất 10 ký tự/ },
    { name: 'summary over 5,000 characters', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: 'x'.repeat(5001) }), status: 400, code: 'common.validation', field: 'summary', vi: /nhiều nhất 5000|tối đa 5000|5000/ },
    { name: 'unknown field', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai', isAdmin: true }), status: 400, code: 'common.validation', vi: /isAdmin|không được phép|không hợp lệ/ },
    { name: 'date received in the future', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai', receivedAt: '2999-01-01T00:00:00Z' }), status: 400, code: 'petitions.received_in_future', vi: /tương lai/ },
    { name: 'date received not a date', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai', receivedAt: '31/12/2026' }), status: 400, code: 'common.validation', field: 'receivedAt', vi: /Ngày nhận đơn/ },
    { name: 'a 10 MB summary', rawBody: JSON.stringify({ type: 'KHIEU_NAI', summary: tenMegabytes }), status: 413, code: 'common.body_too_large', vi: /quá lớn/ },
    { name: 'malformed JSON', rawBody: '{"type": "KHIEU_NAI", "summary": ', status: 400, code: 'common.bad_json', vi: /JSON/ },
    { name: 'a JSON array', rawBody: '[1,2,3]', status: 400, code: 'common.validation', vi: /cần một đối tượng JSON/ },
    { name: 'an empty body', rawBody: '', status: 400, code: 'common.bad_json', vi: /JSON/ },
    { name: 'form data instead of JSON', rawBody: 'type=KHIEU_NAI&summary=abc', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'common.unsupported_media', vi: /application\/json/ }
  ];

  for (const bad of badInputs) {
    it(`refuses ${bad.name} with a clear message and writes nothing`, async () => {
      const before = await counts();
      const { status, body } = await t.request('POST', '/api/petitions', {
        cookie: officer,
        rawBody: bad.rawBody,
        headers: { 'content-type': bad.contentType ?? 'application/json' }
      });
      expect(status).toBe(bad.status);
      expect(body.error.code).toBe(bad.code);
      const text = [body.error.message, ...(body.error.fields ?? []).map((f: { message: string }) => f.message)].join(' ');
      expect(text).toMatch(bad.vi);
      expect(body.error.messageEn).toMatch(/[a-z]/);
      if (bad.field) expect(body.error.fields.map((f: { field: string }) => f.field)).toContain(bad.field);
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a visitor without a session (401) and a viewer (403), writing nothing', async () => {
    const before = await counts();
    const anonymous = await t.request('POST', '/api/petitions', { body: { type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/đăng nhập/);
    const viewer = await t.login('xem.hn');
    const refused = await t.request('POST', '/api/petitions', { cookie: viewer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai' } });
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses a receiving unit outside the officer’s scope', async () => {
    const units = await t.request('GET', '/api/units', { cookie: await t.login('lanhdao') });
    const hcm = units.body.items.find((u: { code: string }) => u.code === '79');
    expect(hcm).toBeDefined();
    const before = await counts();
    const { status } = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại về bồi thường đất đai', unitId: hcm.id } });
    expect(status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('reading petitions stays inside the scope', () => {
  it('an officer of Hà Nội lists only Hà Nội petitions; the national leader sees both', async () => {
    const hcmOfficer = await t.login('canbo.hcm');
    await t.request('POST', '/api/petitions', { cookie: hcmOfficer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại tại Thành phố Hồ Chí Minh' } });
    const hn = await t.request('GET', '/api/petitions?limit=100', { cookie: officer });
    expect(hn.body.items.length).toBeGreaterThan(0);
    expect(hn.body.items.every((p: { code: string }) => p.code.startsWith('01-'))).toBe(true);
    const leader = await t.request('GET', '/api/petitions?limit=100', { cookie: await t.login('lanhdao') });
    expect(leader.body.items.some((p: { code: string }) => p.code.startsWith('79-'))).toBe(true);
  });

  it('rejects a forged page cursor and an out-of-range limit with 400', async () => {
    expect((await t.request('GET', '/api/petitions?cursor=not-a-cursor', { cookie: officer })).status).toBe(400);
    const tooMany = await t.request('GET', '/api/petitions?limit=100000', { cookie: officer });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0].field).toBe('limit');
  });
});
