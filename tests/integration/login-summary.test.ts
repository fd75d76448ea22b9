/**
 * The login summary (issue 5 item 4): an officer who logs in sees what waits for them — new
 * petitions in their scope since their previous login (not their own), directives waiting for
 * their unit's acknowledgement, petitions due soon and overdue, unread alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { demoLogin } from '../support/demo-login.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let hanoiId: string;
let hcmId: string;

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login('lanhdao');
  const units = await t.database.pool.query<{ id: string; code: string }>(`SELECT id, code FROM units WHERE code IN ('01', '79')`);
  hanoiId = units.rows.find((u) => u.code === '01')!.id;
  hcmId = units.rows.find((u) => u.code === '79')!.id;
});
afterAll(async () => {
  await t?.close();
});

const petition = (cookie: string, unitId?: string) => t.request('POST', '/api/petitions', { cookie, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị về sửa chữa đường giao thông nông thôn', ...(unitId ? { unitId } : {}) } });

describe('GET /api/me/summary', () => {
  it('shows an officer, at login, the new petitions since the previous login, the directives to acknowledge and the deadlines of its scope', async () => {
    const firstSession = await demoLogin(t.url, 'canbo.hn');
    // While the officer is away: two petitions for Hà Nội by someone else, one for HCM, one of its own.
    for (const r of [await petition(leader, hanoiId), await petition(leader, hanoiId), await petition(leader, hcmId), await petition(firstSession)]) expect(r.status).toBe(201);
    const due = toVnDate(new Date(Date.now() + 5 * 86_400_000));
    const directive = await t.request('POST', '/api/directives', { cookie: leader, body: { title: 'Báo cáo tình hình tiếp dân', content: 'Đề nghị báo cáo tình hình tiếp công dân trong tuần.', priority: 'NORMAL', dueDate: due, unitIds: [hanoiId] } });
    expect(directive.status).toBe(201);
    // Two open Hà Nội petitions cross their marks: one overdue, one due soon (the deadline watcher marks them).
    await t.database.pool.query(`
      WITH picked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM petitions WHERE closed_at IS NULL AND unit_path <@ 'VN.01' AND deadline_state = 'ON_TRACK' LIMIT 2)
      UPDATE petitions p SET due_at = CASE WHEN picked.n = 1 THEN now() - interval '2 days' ELSE now() + interval '2 hours' END,
                             due_date = CASE WHEN picked.n = 1 THEN (now() - interval '2 days')::date ELSE (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END
        FROM picked WHERE picked.id = p.id`);
    expect(await t.app.deadlines.runOnce()).toBeGreaterThanOrEqual(2);

    // The alerts of the new petitions and deadlines are made by the alert feed as the relay delivers their events.
    const unreadCount = async () => (await t.database.pool.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.identifier_code = 'canbo.hn' AND n.read_at IS NULL`)).rows[0].n as number;
    for (let i = 0; i < 100 && (await unreadCount()) < 5; i++) await new Promise((r) => setTimeout(r, 20));

    const secondSession = await demoLogin(t.url, 'canbo.hn');
    const summary = await t.request('GET', '/api/me/summary', { cookie: secondSession });
    expect(summary.status).toBe(200);
    const { rows } = await t.database.pool.query(`
      SELECT count(*) FILTER (WHERE deadline_state = 'OVERDUE')::int AS overdue, count(*) FILTER (WHERE deadline_state = 'DUE_SOON')::int AS soon
        FROM petitions WHERE closed_at IS NULL AND unit_path <@ 'VN.01'`);
    expect(rows[0].overdue).toBeGreaterThanOrEqual(1);
    expect(rows[0].soon).toBeGreaterThanOrEqual(1);
    const unread = await unreadCount();
    expect(summary.body).toMatchObject({ newPetitions: 2, directivesToAcknowledge: 1, overdue: rows[0].overdue, dueSoon: rows[0].soon, unreadAlerts: unread });
    expect(unread).toBeGreaterThanOrEqual(5); // the directive, the two new petitions, the two deadline warnings
    const firstLogin = await t.database.pool.query(`SELECT max(s.created_at) AS at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.identifier_code = 'canbo.hn' AND s.token_hash <> sha256($1::bytea)`, [Buffer.from(secondSession.split('=')[1]!)]);
    expect(new Date(summary.body.since).getTime()).toBe(new Date(firstLogin.rows[0].at).getTime());

    // Acknowledged and read: the summary says so at once.
    expect((await t.request('POST', `/api/directives/${directive.body.id}/steps/ACKNOWLEDGE`, { cookie: secondSession, body: {} })).status).toBe(200);
    expect((await t.request('POST', '/api/notifications/read', { cookie: secondSession, body: { all: true } })).body.unread).toBe(0);
    expect((await t.request('GET', '/api/me/summary', { cookie: secondSession })).body).toMatchObject({ directivesToAcknowledge: 0, unreadAlerts: 0 });
  });

  it('counts nothing of petitions for the administrator, and nothing to acknowledge for the leader who issued', async () => {
    const admin = await t.request('GET', '/api/me/summary', { cookie: await t.login('quantri') });
    expect(admin.body).toMatchObject({ newPetitions: 0, dueSoon: 0, overdue: 0, directivesToAcknowledge: 0 });
    const hcm = await t.request('GET', '/api/me/summary', { cookie: await t.login('canbo.hcm') });
    expect(hcm.body.directivesToAcknowledge).toBe(0);
    expect((await t.request('GET', '/api/me/summary', { cookie: leader })).body.directivesToAcknowledge).toBe(0);
    expect((await t.request('GET', '/api/me/summary')).status).toBe(401);
  });
});
