import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DENOUNCER = { fullName: 'Trịnh Thị Bảo Mật', idNumber: '001190012345', phone: '0912 345 678', address: 'Số 9 phố Hàng Bạc, Hoàn Kiếm' };
let t: TestApp;
let logs = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    }
  });
  t = await startTestApp({ logger: { level: 'trace', stream: sink } });
});
afterAll(async () => t?.close());

describe('a denouncer’s identity', () => {
  it('is stored encrypted, kept out of logs, events and the audit log, and shown only to those with the right', async () => {
    const officer = await t.login('canbo.hn');
    const created = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'TO_CAO', summary: 'Tố cáo cán bộ phường nhận hối lộ khi cấp phép xây dựng', parties: [{ role: 'NGUOI_TO_CAO', ...DENOUNCER }] }
    });
    expect(created.status).toBe(201);
    // A bad party is refused with a message per field, and nothing is written.
    const before = await t.count('petitions');
    const bad = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'TO_CAO', summary: 'Tố cáo thứ hai để kiểm tra dữ liệu sai', parties: [{ role: 'NGUOI_TO_CAO', fullName: DENOUNCER.fullName, phone: '12345' }] }
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.fields)).toMatch(/Số điện thoại/);
    expect(await t.count('petitions')).toBe(before);

    const needles = [DENOUNCER.fullName, DENOUNCER.idNumber, '0912345678', '912345678', 'Hàng Bạc', 'Trinh Thi Bao Mat'];
    const everyRow = await t.database.pool.query<{ dump: string }>(`
      SELECT string_agg(x, ' ') AS dump FROM (
        SELECT t::text AS x FROM petition_parties t UNION ALL SELECT t::text FROM petitions t
        UNION ALL SELECT t::text FROM petition_events t UNION ALL SELECT t::text FROM outbox t
        UNION ALL SELECT t::text FROM audit_log t) rows`);
    const dump = everyRow.rows[0]!.dump;
    for (const needle of needles) {
      expect(dump, `database rows contain ${needle}`).not.toContain(needle);
      expect(logs, `logs contain ${needle}`).not.toContain(needle);
    }
    expect(logs).toContain('POST');
  });
});
