/**
 * Due dates the server gives petitions at intake, across Tết and the year's announced days, against
 * dates worked out by hand from the official calendar; administrators' added days; and the
 * deadline watcher marking due-soon and overdue exactly once per step.
 *
 * Sources of the days off used below:
 * - 2026: Tết Bính Ngọ 16–20/02/2026 (29 Chạp – mùng 4), and the swaps 02/01 ↔ 10/01 and
 *   31/08 ↔ 22/08: Văn phòng Chính phủ, ý kiến Thủ tướng ngày 13/10/2025 and CV 12729/VPCP-KGVX
 *   ngày 25/12/2025 (shared/calendar/official-days-data.ts cites both). Giỗ Tổ 26/04/2026 is a
 *   Sunday, so Monday 27/04 is off (BLLĐ 2019 Điều 111 khoản 3).
 * - 2027 and 2028: no announcement yet; the days are BLLĐ 2019 Điều 112 (5 Tết days: 28 Chạp to
 *   mùng 3 when computed by default) plus Điều 111 khoản 3 (a holiday on a weekly rest day is
 *   taken the next working day): Tết Đinh Mùi 04–08/02/2027 with 09–10/02 off in lieu of the
 *   weekend; Tết Mậu Thân 24–28/01/2028.
 * Limits: denunciation initial processing 7 working days (Luật Tố cáo 2018 Điều 24.1); petition
 * processing 10 working days (TT 05/2021 and the TTHC, configurable: XU_LY_DON). Counting starts
 * the day after receipt (BLDS 2015 Điều 147).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, OFFICIAL_DAYS, toVnDate } from '../../shared/calendar/index.ts';
import { createCalendarService } from '../../server/modules/calendar/calendar.service.ts';
import { startClock } from '../../server/modules/petitions/petition-clock.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  admin = await t.login('quantri');
});
afterAll(async () => t?.close());

async function dueDateOf(type: string, receivedAt: string): Promise<string> {
  const { status, body } = await t.request('POST', '/api/petitions', { cookie: officer, body: { type, summary: 'Đơn kiểm thử thời hạn xử lý', receivedAt } });
  expect(status).toBe(201);
  return body.dueDate;
}

describe('due dates at intake, worked out by hand', () => {
  it('Tết 2026: a denunciation received Friday 13/02/2026 is due Tuesday 03/03/2026', async () => {
    // Off: 14–15 (weekend), 16–20 (Tết), 21–22 (weekend). Working days: 23, 24, 25, 26, 27/02, 02/03, 03/03 → 7th = 03/03.
    expect(await dueDateOf('TO_CAO', '2026-02-13T09:00:00+07:00')).toBe('2026-03-03');
  });

  it('Tết 2026: a complaint received the same day (10 working days) is due Friday 06/03/2026', async () => {
    // 23, 24, 25, 26, 27/02, 02, 03, 04, 05, 06/03 → 10th = 06/03.
    expect(await dueDateOf('KHIEU_NAI', '2026-02-13T09:00:00+07:00')).toBe('2026-03-06');
  });

  // A petition cannot be received in the future, so the years ahead go through the clock the
  // intake uses (startClock) with the calendar in force in this database.
  it('Tết 2027: a complaint received Wednesday 03/02/2027 is due Wednesday 24/02/2027', async () => {
    // Off: 04–08/02 (Tết), 09–10/02 (in lieu of the weekend inside Tết). 11, 12, 15, 16, 17, 18, 19, 22, 23, 24 → 24/02.
    const inForce = await createCalendarService(t.database.db).current();
    expect(startClock(inForce, 'XU_LY_DON', '2027-02-03').dueDate).toBe('2027-02-24');
  });

  it('Tết 2028: a denunciation received Friday 21/01/2028 is due Tuesday 08/02/2028', async () => {
    // Off: 22–23 (weekend), 24–28/01 (Tết), 29–30 (weekend). 31/01, 01, 02, 03, 04, 07, 08/02 → 08/02.
    const inForce = await createCalendarService(t.database.db).current();
    expect(startClock(inForce, 'TC_XU_LY_BAN_DAU', '2028-01-21').dueDate).toBe('2028-02-08');
  });

  it('the 2026 swap days: received 31/12/2025, a petition is due 15/01/2026 (Saturday 10/01 is worked)', async () => {
    // Off: 01/01, 02/01 (swapped), 03–04 weekend. Working: 05, 06, 07, 08, 09, Sat 10 (làm bù), 12, 13, 14, 15 → 15/01.
    expect(await dueDateOf('KIEN_NGHI', '2025-12-31T15:00:00+07:00')).toBe('2026-01-15');
  });

  it('the 2026 swap days: a denunciation received Thursday 20/08/2026 counts Saturday 22/08 and is due 28/08/2026', async () => {
    // 21 (1), Sat 22 làm bù (2), 24 (3), 25 (4), 26 (5), 27 (6), 28 (7).
    expect(await dueDateOf('TO_CAO', '2026-08-20T08:30:00+07:00')).toBe('2026-08-28');
  });

  it('Giỗ Tổ 2026 on a Sunday: received Friday 24/04/2026, due 13/05/2026 (27/04, 30/04, 01/05 off)', async () => {
    // 28, 29/04, 04, 05, 06, 07, 08, 11, 12, 13/05 → 13/05.
    expect(await dueDateOf('PHAN_ANH', '2026-04-24T08:30:00+07:00')).toBe('2026-05-13');
  });

  it('a received time late in the evening in Vietnam counts as that Vietnamese day, not the UTC one', async () => {
    // 13/02/2026 23:30 in Hà Nội is 16:30 UTC the same day; 14/02 00:30 in Hà Nội is 13/02 17:30 UTC.
    expect(await dueDateOf('TO_CAO', '2026-02-13T16:30:00Z')).toBe('2026-03-03');
    expect(await dueDateOf('TO_CAO', '2026-02-13T17:30:00Z')).toBe('2026-03-03'); // Saturday 14/02 → same 7th working day
  });
});

describe('administrators edit the calendar and the configurable limits', () => {
  it('an announced extra day off moves the due dates that cross it; removing it moves them back', async () => {
    const before = await dueDateOf('TO_CAO', '2026-11-16T09:00:00+07:00');
    // Working days after Mon 16/11/2026: 17, 18, 19, 20, 23, 24, 25 → 25/11.
    expect(before).toBe('2026-11-25');
    const set = await t.request('PUT', '/api/calendar/days/2026-11-20', { cookie: admin, body: { kind: 'NGHI_BU', name: 'Nghỉ bù theo thông báo', legalRef: 'Thông báo giả định số 1/TB-VPCP (kiểm thử)' } });
    expect(set.status).toBe(204);
    expect(await dueDateOf('TO_CAO', '2026-11-16T09:00:00+07:00')).toBe('2026-11-26'); // 17, 18, 19, 23, 24, 25, 26
    const year = await t.request('GET', '/api/calendar/2026', { cookie: officer });
    expect(year.body.days.find((d: { date: string }) => d.date === '2026-11-20')).toMatchObject({ kind: 'NGHI_BU', isDayOff: true });
    expect((await t.request('DELETE', '/api/calendar/days/2026-11-20', { cookie: admin })).status).toBe(204);
    expect(await dueDateOf('TO_CAO', '2026-11-16T09:00:00+07:00')).toBe('2026-11-25');
  });

  it('only an administrator edits the calendar; a bad day is refused with a clear message', async () => {
    const byOfficer = await t.request('PUT', '/api/calendar/days/2026-12-28', { cookie: officer, body: { kind: 'NGHI_BU', name: 'Nghỉ bù', legalRef: 'TB 1' } });
    expect(byOfficer.status).toBe(403);
    const badDate = await t.request('PUT', '/api/calendar/days/2026-02-30', { cookie: admin, body: { kind: 'NGHI_BU', name: 'Ngày không có', legalRef: 'TB 1/TB' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.fields[0].message).toMatch(/2026-02-30/);
    expect(await t.count('calendar_overrides')).toBe(0);
  });

  it('the configurable processing limit (XU_LY_DON) can be set; a limit set by law needs its legal basis', async () => {
    const set = await t.request('PUT', '/api/deadline-rules/XU_LY_DON', { cookie: admin, body: { amount: 5 } });
    expect(set.status).toBe(204);
    // 5 working days after Fri 13/02/2026: 23, 24, 25, 26, 27/02.
    expect(await dueDateOf('KHIEU_NAI', '2026-02-13T09:00:00+07:00')).toBe('2026-02-27');
    const byLaw = await t.request('PUT', '/api/deadline-rules/TC_XU_LY_BAN_DAU', { cookie: admin, body: { amount: 3 } });
    expect(byLaw.status).toBe(400);
    expect(byLaw.body.error.fields[0].message).toMatch(/căn cứ|legalBasis/i);
    expect((await t.request('PUT', '/api/deadline-rules/XU_LY_DON', { cookie: admin, body: { amount: 10 } })).status).toBe(204);
  });
});

describe('the deadline watcher', () => {
  const calendar = createWorkingCalendar({ overrides: OFFICIAL_DAYS });

  async function deadlineEvents(petitionId: string) {
    const { rows } = await t.database.pool.query<{ payload: { state: string } }>(
      `SELECT payload FROM outbox WHERE event_type = 'petition.deadline' AND payload->>'petitionId' = $1 ORDER BY id`,
      [petitionId]
    );
    return rows.map((r) => r.payload.state);
  }

  it('marks a step overdue and another due soon exactly once, with one event each', async () => {
    const today = toVnDate(new Date());
    const late = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'TO_CAO', summary: 'Đơn tố cáo đã quá hạn xử lý', receivedAt: `${calendar.addWorkingDays(today, -9)}T09:00:00+07:00` } });
    // Received 5 working days ago: the 7th working day is 2 working days from today, inside the 3-day warning.
    const soon = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'TO_CAO', summary: 'Đơn tố cáo sắp đến hạn xử lý', receivedAt: `${calendar.addWorkingDays(today, -5)}T09:00:00+07:00` } });
    const fresh = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'TO_CAO', summary: 'Đơn tố cáo vừa nhận hôm nay' } });
    expect(soon.body.dueDate).toBe(calendar.addWorkingDays(today, 2));

    await t.app.deadlines.runOnce();
    await t.app.deadlines.runOnce();
    expect(await deadlineEvents(late.body.id)).toEqual(['OVERDUE']);
    expect(await deadlineEvents(soon.body.id)).toEqual(['DUE_SOON']);
    expect(await deadlineEvents(fresh.body.id)).toEqual([]);
    const overdueList = await t.request('GET', '/api/petitions?deadline=OVERDUE&limit=100', { cookie: officer });
    expect(overdueList.body.items.map((p: { id: string }) => p.id)).toContain(late.body.id);
    expect(overdueList.body.items.every((p: { deadlineState: string }) => p.deadlineState === 'OVERDUE')).toBe(true);
  });

  it('a new step resets the mark, and a closed petition is never marked', async () => {
    const today = toVnDate(new Date());
    const p = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị đã quá hạn phân loại', receivedAt: `${calendar.addWorkingDays(today, -12)}T09:00:00+07:00` } });
    await t.app.deadlines.runOnce();
    expect(await deadlineEvents(p.body.id)).toEqual(['OVERDUE']);
    await t.request('POST', `/api/petitions/${p.body.id}/actions/PHAN_LOAI`, { cookie: officer, body: { classification: { type: 'KIEN_NGHI', field: 'HANH_CHINH', competence: 'THUOC_THAM_QUYEN', eligible: true } } });
    const assigned = await t.request('POST', `/api/petitions/${p.body.id}/actions/GIAO_GIAI_QUYET`, { cookie: officer, body: {} });
    expect(assigned.body.deadlineState).toBe('ON_TRACK');
    const closed = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'PHAN_ANH', summary: 'Phản ánh đã lưu đơn từ lâu', receivedAt: `${calendar.addWorkingDays(today, -30)}T09:00:00+07:00` } });
    await t.request('POST', `/api/petitions/${closed.body.id}/actions/LUU_DON`, { cookie: officer, body: { archiveReason: 'KHONG_DU_DIEU_KIEN' } });
    await t.app.deadlines.runOnce();
    expect(await deadlineEvents(closed.body.id)).toEqual([]);
  });
});
