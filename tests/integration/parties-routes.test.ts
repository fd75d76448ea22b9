/**
 * The parties of a petition over HTTP: a denouncer's identity only for the officers and leaders
 * who handle it (and that reading is audited), withheld for a viewer, nothing for another
 * province or the administrator; the sender look-up by identity number or phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let petitionId: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  const created = await t.request('POST', '/api/petitions', {
    cookie: officer,
    body: { type: 'TO_CAO', summary: 'Tố cáo chủ tịch xã nhận hối lộ', parties: [{ role: 'NGUOI_TO_CAO', fullName: 'Lâm Thị Kín', phone: '0987 111 222', idNumber: '001199012345' }] }
  });
  petitionId = created.body.id;
});
afterAll(async () => t?.close());

describe('GET /api/petitions/:id/parties', () => {
  it('shows the denouncer to the handling officer and audits it; withholds it from a viewer', async () => {
    const seen = await t.request('GET', `/api/petitions/${petitionId}/parties`, { cookie: officer });
    expect(seen.status).toBe(200);
    expect(seen.body[0]).toMatchObject({ role: 'NGUOI_TO_CAO', withheld: false, fullName: 'Lâm Thị Kín', phone: '0987111222' });
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'petition.read_identity' AND entity_id = $1`, [petitionId]);
    expect(rows[0].n).toBe(1);
    const viewer = await t.request('GET', `/api/petitions/${petitionId}/parties`, { cookie: await t.login('xem.hn') });
    expect(viewer.body[0]).toMatchObject({ withheld: true, phone: null, idNumber: null });
    expect(JSON.stringify(viewer.body)).not.toContain('Kín');
  });

  it('gives nothing to another province (404) or to the administrator (403)', async () => {
    expect((await t.request('GET', `/api/petitions/${petitionId}/parties`, { cookie: await t.login('canbo.hcm') })).status).toBe(404);
    expect((await t.request('GET', `/api/petitions/${petitionId}/parties`, { cookie: await t.login('quantri') })).status).toBe(403);
  });
});

describe('POST /api/parties/duplicates', () => {
  it('finds the sender by a phone written another way; refuses a query without number', async () => {
    const found = await t.request('POST', '/api/parties/duplicates', { cookie: officer, body: { phone: '+84 987-111-222' } });
    expect(found.status).toBe(200);
    expect(found.body.matches.map((m: { petitionId: string }) => m.petitionId)).toContain(petitionId);
    const empty = await t.request('POST', '/api/parties/duplicates', { cookie: officer, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].message).toMatch(/CCCD|điện thoại/);
  });
});
