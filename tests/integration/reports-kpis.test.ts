/**
 * Dashboard KPIs (issue 6 item 6): the counts kept by the petitions' own statements give, at
 * every commit and after compaction, exactly what counting the petitions gives: for the nation,
 * a province, after intake, steps, a transfer between provinces, the deadline watcher, and for
 * the caller's scope only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfVnDay, toVnDate } from '../../shared/calendar/index.ts';
import { startTestApp } from '../support/test-app.ts';
import { addDays, classify, petition, step, vnIso, type Actors } from './reports-fixtures.ts';

let a: Actors;

/** The definitions, counted straight from the petitions. */
async function counted(root: string) {
  const today = toVnDate(new Date());
  const { rows } = await a.t.database.pool.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
            count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'DUE_SOON')::int AS "dueSoon",
            count(*) FILTER (WHERE closed_at IS NULL AND deadline_state = 'OVERDUE')::int AS overdue,
            count(*) FILTER (WHERE received_at >= $2)::int AS "receivedToday", count(*) FILTER (WHERE received_at >= $3)::int AS "receivedMonth",
            count(*) FILTER (WHERE closed_at >= $4)::int AS "closedYear", count(*) FILTER (WHERE closed_at >= $4 AND closed_on_time)::int AS "onTimeYear"
       FROM petitions WHERE unit_path <@ $1::ltree`,
    [root, startOfVnDay(today), startOfVnDay(`${today.slice(0, 8)}01`), startOfVnDay(`${today.slice(0, 5)}01-01`)]
  );
  return rows[0];
}
async function kpis(cookie: string) {
  const r = await a.t.request('GET', '/api/reports/kpis', { cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { onTimeRate, ...rest } = r.body;
  expect(onTimeRate === null || typeof onTimeRate === 'number').toBe(true);
  return rest;
}

beforeAll(async () => {
  const t = await startTestApp();
  a = { t, leader: await t.login('lanhdao'), admin: await t.login('quantri') };
}, 60_000);
afterAll(async () => a?.t.close());

describe('dashboard KPIs', () => {
  it('equal the counts of the petitions for the nation and a province, through steps, a transfer, the deadline watcher and compaction', async () => {
    const officer = await a.t.login('canbo.hn');
    const ids = async (code: string) => (await a.t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = $1`, [code])).rows[0]!.id;
    const hanoi = await ids('01');
    const hcmc = await ids('79');
    const check = async () => {
      expect(await kpis(a.leader)).toEqual(await counted('VN'));
      expect(await kpis(officer)).toEqual(await counted('VN.01'));
    };
    await check(); // the demo data as seeded
    const today = toVnDate(new Date());
    const kn = await petition(a, hanoi, 'KHIEU_NAI');
    await petition(a, hanoi, 'KIEN_NGHI', { receivedAt: vnIso(addDays(today, -40)) });
    const tc = await petition(a, hanoi, 'TO_CAO', { receivedAt: vnIso(addDays(today, -3)) });
    await check();
    await step(a, kn.id, 'PHAN_LOAI', classify('KHIEU_NAI', 'KHONG_THUOC_THAM_QUYEN', false));
    await step(a, kn.id, 'LUU_DON', { archiveReason: 'KHONG_DU_DIEU_KIEN' });
    await step(a, tc.id, 'PHAN_LOAI', classify('TO_CAO', 'KHONG_THUOC_THAM_QUYEN', true));
    await step(a, tc.id, 'CHUYEN_DON_NOI_BO', { targetUnitId: hcmc }); // leaves Hà Nội for TP HCM
    await check();
    await a.t.database.pool.query(`UPDATE petitions SET due_at = now() - interval '1 day', due_date = current_date - 1 WHERE id = $1`, [tc.id]);
    await a.t.app.deadlines.runOnce();
    await check();
    const { rows: before } = await a.t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_kpi_daily`);
    await a.t.database.pool.query('SELECT report_kpis_compact()');
    const { rows: after } = await a.t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_kpi_daily`);
    expect(after[0]!.n).toBeLessThan(before[0]!.n);
    await check();
    // A rebuild from the petitions agrees with what the statements kept.
    const kept = await a.t.database.pool.query(`SELECT path::text, status, deadline_state, open, sum(n)::int AS n FROM report_kpi_state GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`);
    await a.t.database.pool.query('SELECT report_kpis_rebuild()');
    const rebuilt = await a.t.database.pool.query(`SELECT path::text, status, deadline_state, open, sum(n)::int AS n FROM report_kpi_state GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
    expect(kept.rows).toEqual(rebuilt.rows);
  });

  it('is refused to the administrator', async () => {
    expect((await a.t.request('GET', '/api/reports/kpis', { cookie: a.admin })).status).toBe(403);
  });
});
