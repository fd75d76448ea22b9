/**
 * A transfer between two units of the system (issue 4): the petition leaves Hà Nội for TP Hồ Chí
 * Minh, appears live on the receiving unit's list and stream, can be sent back with a reason, and
 * the sending unit then sees why. Row-level security keeps each unit to what it holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../server/db/scoped.ts';
import { connectLive, type LiveClient } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sql } from 'drizzle-orm';

let t: TestApp;
let hanoi: string;
let hcmc: string;
let hcmcUnitId: string;
let hcmcLive: LiveClient;
let hanoiLive: LiveClient;

beforeAll(async () => {
  t = await startTestApp();
  hanoi = await t.login('canbo.hn');
  hcmc = await t.login('canbo.hcm');
  const { rows } = await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '79'`);
  hcmcUnitId = rows[0]!.id;
  hcmcLive = await connectLive(t, hcmc);
  hanoiLive = await connectLive(t, hanoi);
});
afterAll(async () => {
  await hcmcLive?.end();
  await hanoiLive?.end();
  await t?.close();
});

async function denunciationClassified(): Promise<{ id: string; code: string }> {
  const created = await t.request('POST', '/api/petitions', { cookie: hanoi, body: { type: 'TO_CAO', summary: 'Tố cáo cán bộ phường ở TP Hồ Chí Minh nhận hối lộ', respondent: 'Cán bộ địa chính phường Bến Thành' } });
  const classified = await t.request('POST', `/api/petitions/${created.body.id}/actions/PHAN_LOAI`, {
    cookie: hanoi,
    body: { classification: { type: 'TO_CAO', field: 'THAM_NHUNG', competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true } }
  });
  expect(classified.status).toBe(200);
  return created.body;
}

const idsOn = async (cookie: string) => (await t.request('GET', '/api/petitions?limit=100', { cookie })).body.items.map((p: { id: string }) => p.id);

describe('transfer between units', () => {
  it('appears live on the receiving unit, which may accept it; the sender no longer holds it', async () => {
    const p = await denunciationClassified();
    const moved = await t.request('POST', `/api/petitions/${p.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: hanoi, body: { targetUnitId: hcmcUnitId, note: 'Thuộc thẩm quyền TP HCM' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'CHUYEN_DEN', unitName: 'Thành phố Hồ Chí Minh' });

    await hcmcLive.waitFor(() => [...hcmcLive.unique.values()].some((e) => e.type === 'petition.transferred' && (e.payload as { petitionId: string }).petitionId === p.id), 2_000);
    const event = [...hcmcLive.unique.values()].find((e) => e.type === 'petition.transferred')!;
    expect(event.payload).toMatchObject({ code: p.code, fromUnitName: 'Thành phố Hà Nội', toUnitName: 'Thành phố Hồ Chí Minh', action: 'CHUYEN_DON_NOI_BO' });
    // No personal data travels in the event.
    expect(JSON.stringify(event.payload)).not.toContain('Bến Thành');

    expect(await idsOn(hcmc)).toContain(p.id);
    expect(await idsOn(hanoi)).not.toContain(p.id);
    const detail = await t.request('GET', `/api/petitions/${p.id}`, { cookie: hcmc });
    expect(detail.body.transferredFromUnitName).toBe('Thành phố Hà Nội');
    expect(detail.body.allowedActions).toEqual(['TIEP_NHAN_CHUYEN', 'TRA_LAI_CHUYEN']);
    expect((await t.request('GET', `/api/petitions/${p.id}`, { cookie: hanoi })).status).toBe(404);

    const accepted = await t.request('POST', `/api/petitions/${p.id}/actions/TIEP_NHAN_CHUYEN`, { cookie: hcmc, body: {} });
    expect(accepted.body.status).toBe('PHAN_LOAI');
  });

  it('the receiving unit sends it back with a reason, and the sender sees why', async () => {
    const p = await denunciationClassified();
    await t.request('POST', `/api/petitions/${p.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: hanoi, body: { targetUnitId: hcmcUnitId } });
    const reason = 'Người bị tố cáo công tác tại Hà Nội, không thuộc thẩm quyền TP HCM';
    const back = await t.request('POST', `/api/petitions/${p.id}/actions/TRA_LAI_CHUYEN`, { cookie: hcmc, body: { reason } });
    expect(back.status).toBe(200);

    await hanoiLive.waitFor(() => [...hanoiLive.unique.values()].some((e) => e.type === 'petition.transferred' && (e.payload as { action: string; petitionId: string }).action === 'TRA_LAI_CHUYEN' && (e.payload as { petitionId: string }).petitionId === p.id), 2_000);
    const detail = await t.request('GET', `/api/petitions/${p.id}`, { cookie: hanoi });
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('PHAN_LOAI');
    const last = detail.body.history.at(-1);
    expect(last).toMatchObject({ action: 'TRA_LAI_CHUYEN', reason, unitName: 'Thành phố Hồ Chí Minh' });
    expect(await idsOn(hcmc)).not.toContain(p.id);
  });

  it('row-level security: under the receiving officer’s scope a direct query sees the petition only while it holds it', async () => {
    const p = await denunciationClassified();
    const visibleTo79 = async () =>
      withScope(t.database.db, ['VN.79'], async (tx) => (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM petitions WHERE id = ${p.id}`)).rows[0]!.n);
    expect(await visibleTo79()).toBe(0);
    await t.request('POST', `/api/petitions/${p.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: hanoi, body: { targetUnitId: hcmcUnitId } });
    expect(await visibleTo79()).toBe(1);
  });

  it('refuses a transfer to the unit that already holds it, or to a unit that does not exist', async () => {
    const p = await denunciationClassified();
    const { rows } = await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '01'`);
    const self = await t.request('POST', `/api/petitions/${p.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: hanoi, body: { targetUnitId: rows[0]!.id } });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('petitions.target_unit_invalid');
    const ghost = await t.request('POST', `/api/petitions/${p.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: hanoi, body: { targetUnitId: '00000000-0000-4000-8000-000000000000' } });
    expect(ghost.status).toBe(400);
    expect((await t.request('GET', `/api/petitions/${p.id}`, { cookie: hanoi })).body.status).toBe('PHAN_LOAI');
  });
});
