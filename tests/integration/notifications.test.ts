/**
 * Alerts and their delivery (issue 5 items 4-5): a new petition in scope and a deadline warning
 * become alerts for the officers concerned (once each, made from the outbox), arriving live on
 * the account's own topic; a client that was cut resumes from its last seq and gets its own
 * alerts in order, never another account's; the centre lists unread first and marks read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events.ts';
import { connectLive, waitFor } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let officer: string;
let hcmOfficer: string;
let hanoiId: string;

beforeAll(async () => {
  t = await startTestApp();
  [leader, officer, hcmOfficer] = [await t.login('lanhdao'), await t.login('canbo.hn'), await t.login('canbo.hcm')];
  hanoiId = (await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '01'`)).rows[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

const alertsOf = async (identifierCode: string, link: string) =>
  (await t.database.pool.query(`SELECT n.kind, n.title, n.urgent FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.identifier_code = $1 AND n.link = $2`, [identifierCode, link])).rows;
const lastSeq = async () => (await t.request('GET', '/api/petitions/stats', { cookie: officer })).body.lastSeq as string;

describe('alerts from petition events', () => {
  it('tells the officers of the unit of a new petition, live and once; not its author, not other provinces', async () => {
    const live = await connectLive(t, officer);
    try {
      const created = await t.request('POST', '/api/petitions', { cookie: leader, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại về việc thu hồi đất làm đường', unitId: hanoiId } });
      expect(created.status).toBe(201);
      const link = `/petitions/${created.body.id}`;
      await live.waitFor(() => [...live.unique.values()].some((e) => e.type === 'notification.created' && e.payload.link === link), 3_000);
      const event = [...live.unique.values()].find((e) => e.type === 'notification.created' && e.payload.link === link)!;
      expect(event.payload).toEqual({ notificationId: expect.stringMatching(/^\d+$/), kind: 'NEW_PETITION', urgent: false, link });
      expect(event.unitPath).toBe('');
      expect(await alertsOf('canbo.hn', link)).toEqual([{ kind: 'NEW_PETITION', title: `Đơn mới ${created.body.code} tại Thành phố Hà Nội`, urgent: false }]);
      expect(await alertsOf('canbo.hcm', link)).toEqual([]);
      expect(await alertsOf('lanhdao', link)).toEqual([]);

      // The author of a petition is not told of it; later deliveries do not repeat earlier alerts.
      const own = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'PHAN_ANH', summary: 'Phản ánh đèn đường hỏng nhiều ngày' } });
      const other = await t.request('POST', '/api/petitions', { cookie: leader, body: { type: 'PHAN_ANH', summary: 'Phản ánh rác thải ùn ứ ở chợ', unitId: hanoiId } });
      await waitFor(() => [...live.unique.values()].some((e) => e.type === 'notification.created' && e.payload.link === `/petitions/${other.body.id}`), 3_000);
      expect(await alertsOf('canbo.hn', `/petitions/${own.body.id}`)).toEqual([]);
      expect(await alertsOf('canbo.hn', link)).toHaveLength(1);
    } finally {
      await live.end();
    }
  });

  it('warns of deadlines: overdue is urgent; a sweep of many becomes one digest', async () => {
    const picked = await t.database.pool.query<{ id: string }>(`
      WITH picked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM petitions WHERE closed_at IS NULL AND unit_path <@ 'VN.01' AND deadline_state = 'ON_TRACK' LIMIT 6)
      UPDATE petitions p SET assigned_to = NULL,
             due_at = CASE WHEN picked.n = 1 THEN now() - interval '1 day' ELSE now() + interval '3 hours' END,
             due_date = CASE WHEN picked.n = 1 THEN (now() - interval '1 day')::date ELSE (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END
        FROM picked WHERE picked.id = p.id RETURNING p.id, picked.n`);
    expect(picked.rows).toHaveLength(6);
    const overdueId = (picked.rows as { id: string; n: string }[]).find((r) => Number(r.n) === 1)!.id;
    await t.app.deadlines.runOnce();
    const poll = async () => (await alertsOf('canbo.hn', '/petitions?deadline=DUE_SOON')).length + (await alertsOf('canbo.hn', `/petitions/${overdueId}`)).filter((a) => a.kind === 'PETITION_OVERDUE').length;
    for (let i = 0; i < 100 && (await poll()) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    // (The picked petition may be one the first test created: its NEW_PETITION alert has the same link.)
    expect((await alertsOf('canbo.hn', `/petitions/${overdueId}`)).filter((a) => a.kind !== 'NEW_PETITION')).toEqual([{ kind: 'PETITION_OVERDUE', title: expect.stringMatching(/^Đơn .+ đã quá hạn \(hạn \d{2}\/\d{2}\/\d{4}\)$/), urgent: true }]);
    // Five due soon in one sweep: one alert that opens the list.
    expect(await alertsOf('canbo.hn', '/petitions?deadline=DUE_SOON')).toEqual([{ kind: 'PETITION_DUE_SOON', title: '5 đơn sắp đến hạn', urgent: false }]);
  });
});

describe('the notification centre', () => {
  it('lists unread first, marks chosen or all read, and never another account’s', async () => {
    const list = await t.request('GET', '/api/notifications?limit=100', { cookie: officer });
    expect(list.status).toBe(200);
    expect(list.body.unread).toBeGreaterThanOrEqual(3);
    const [first, second] = list.body.items as { id: string; read: boolean }[];
    const marked = await t.request('POST', '/api/notifications/read', { cookie: officer, body: { ids: [first!.id] } });
    expect(marked.body).toEqual({ changed: 1, unread: list.body.unread - 1 });
    const after = (await t.request('GET', '/api/notifications?limit=100', { cookie: officer })).body;
    // The read one goes below every unread one.
    const order = (after.items as { id: string; read: boolean }[]).map((n) => n.read);
    expect(order.indexOf(true)).toBe(after.unread);
    expect(after.items.find((n: { id: string }) => n.id === first!.id).readAt).toEqual(expect.any(String));
    expect((await t.request('GET', '/api/notifications?unread=true', { cookie: officer })).body.items.every((n: { read: boolean }) => !n.read)).toBe(true);

    // Another account's ids change nothing.
    expect((await t.request('POST', '/api/notifications/read', { cookie: hcmOfficer, body: { ids: [second!.id] } })).body.changed).toBe(0);
    expect((await t.request('POST', '/api/notifications/read', { cookie: officer, body: { all: true } })).body).toMatchObject({ unread: 0 });
    for (const body of [{}, { ids: [] }, { ids: ['abc'] }, { all: false }, { ids: [first!.id], all: true }]) {
      const r = await t.request('POST', '/api/notifications/read', { cookie: officer, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.messageEn).toBeTruthy();
    }
  });
});

describe('resuming after a cut', () => {
  it('returns the caller’s own alerts in seq order with its units’ events, never another account’s', async () => {
    const from = await lastSeq();
    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const directive = await t.request('POST', '/api/directives', { cookie: leader, body: { title: 'Kiểm tra tiếp dân', content: 'Đề nghị kiểm tra việc tiếp dân định kỳ.', priority: 'NORMAL', dueDate: due, unitIds: [hanoiId] } });
    await t.request('POST', '/api/petitions', { cookie: leader, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị lắp đèn tín hiệu giao thông', unitId: hanoiId } });
    const mine = (events: EventEnvelope[]) => events.filter((e) => e.type === 'notification.created');
    let missed: EventEnvelope[] = [];
    for (let i = 0; i < 100; i++) {
      missed = (await t.request('GET', `/api/events?after=${from}`, { cookie: officer })).body.events;
      if (mine(missed).length >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(mine(missed).map((e) => e.payload.kind)).toEqual(['DIRECTIVE', 'NEW_PETITION']);
    expect(missed.map((e) => BigInt(e.seq))).toEqual([...missed.map((e) => BigInt(e.seq))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(missed.some((e) => e.type === 'directive.issued' && e.payload.directiveId === directive.body.id)).toBe(true);
    // The alert ids are the centre's ids: a client shows each once.
    const ids = mine(missed).map((e) => (e.payload as { notificationId: string }).notificationId);
    const centre = (await t.request('GET', '/api/notifications?unread=true', { cookie: officer })).body.items.map((n: { id: string }) => n.id);
    expect(centre).toEqual(expect.arrayContaining(ids));

    // The Hà Nội officer's alerts are its own: not in HCM's resume, nor the administrator's.
    const hcm = (await t.request('GET', `/api/events?after=${from}`, { cookie: hcmOfficer })).body.events as EventEnvelope[];
    expect(hcm.filter((e) => e.type === 'notification.created' && ids.includes((e.payload as { notificationId: string }).notificationId))).toEqual([]);
    const admin = (await t.request('GET', `/api/events?after=${from}`, { cookie: await t.login('quantri') })).body.events as EventEnvelope[];
    expect(admin).toEqual([]);
  });
});
