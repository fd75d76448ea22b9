/**
 * Citizen reception (issue 4 item 1): sessions, the reception book (TT 04/2021 Mẫu số 03), groups
 * under Luật Tiếp công dân Điều 30, online reception (Luật 136/2025/QH15), a visit that leaves a
 * petition in the same transaction, scope and encryption of visitors.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, formatVn, OFFICIAL_DAYS, toVnDate } from '../../shared/calendar/index.ts';
import { WITHHELD } from '../../shared/identity.ts';
import { withScope } from '../../server/db/scoped.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let hcmOfficer: string;
let viewer: string;
let leaderId: string;
let hanoiUnitId: string;
const today = toVnDate(new Date());

/** Rows of the tables a visit may write, to show that a refused one wrote nothing. */
const COUNTED = ['reception_visits', 'reception_visitors', 'reception_sessions', 'reception_counters', 'petitions', 'petition_parties', 'cases'] as const;
async function counts(): Promise<Record<(typeof COUNTED)[number] | 'events', number>> {
  const rows = Object.fromEntries(await Promise.all(COUNTED.map(async (name) => [name, await t.count(name)] as const))) as Record<(typeof COUNTED)[number], number>;
  // The deadline watcher may add its own events meanwhile: count only those a visit writes.
  const events = await t.database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE event_type LIKE 'reception.%' OR event_type = 'petition.created'");
  return { ...rows, events: events.rows[0]!.n };
}

const person = (fullName: string, extra: Record<string, string> = {}) => ({ fullName, ...extra });

function visitBody(extra: Record<string, unknown> = {}) {
  return {
    visitors: [person('Nguyễn Văn Khách', { phone: '0912 777 001', idNumber: '001 088 777 001', address: 'Số 3 phố Hàng Bông, Hà Nội' })],
    summary: 'Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất bị chậm',
    classification: 'KIEN_NGHI_PHAN_ANH',
    outcome: 'TRA_LOI_TRUC_TIEP',
    ...extra
  };
}

function groupOf(size: number, representatives: number) {
  return visitBody({
    isGroup: true,
    groupSize: size,
    visitors: Array.from({ length: representatives }, (_, i) => person(`Người Đại Diện ${String.fromCharCode(65 + i)}`, { address: 'Thôn Đoài, xã Phúc Thọ' })),
    summary: 'Đoàn hộ dân kiến nghị về việc đền bù giải phóng mặt bằng dự án đường vành đai',
    outcome: 'CHUYEN_DON',
    outcomeBody: 'Sở Nông nghiệp và Môi trường'
  });
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  hcmOfficer = await t.login('canbo.hcm');
  viewer = await t.login('xem.hn');
  const hosts = await t.request('GET', '/api/reception/hosts', { cookie: officer });
  expect(hosts.status).toBe(200);
  leaderId = hosts.body.items.find((h: { role: string }) => h.role === 'LEADER').id;
  const { rows } = await t.database.pool.query<{ id: string }>("SELECT id FROM units WHERE code = '01'");
  hanoiUnitId = rows[0]!.id;
});
afterAll(async () => t?.close());

describe('groups (đoàn đông người, Luật Tiếp công dân Điều 30)', () => {
  it('refuses a group of 12 with 6 representatives with a clear 400 in both languages and writes nothing', async () => {
    const before = await counts();
    const r = await t.request('POST', '/api/reception/visits', { cookie: officer, body: groupOf(12, 6) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('reception.group_representatives');
    expect(r.body.error.message).toMatch(/Điều 30/);
    expect(r.body.error.messageEn).toMatch(/Art\. 30/);
    const field = r.body.error.fields.find((f: { field: string }) => f.field === 'visitors');
    expect(field.message).toMatch(/Đoàn 12 người được cử từ 1 đến 5 người đại diện/);
    expect(field.messageEn).toMatch(/A group of 12 sends 1 to 5 representatives/);
    expect(await counts()).toEqual(before);
  });

  it('refuses 3 representatives for a group of 8, and a "group" of 4', async () => {
    const eight = await t.request('POST', '/api/reception/visits', { cookie: officer, body: groupOf(8, 3) });
    expect(eight.status).toBe(400);
    expect(eight.body.error.fields[0].message).toMatch(/1 hoặc 2 người đại diện/);
    const four = await t.request('POST', '/api/reception/visits', { cookie: officer, body: groupOf(4, 1) });
    expect(four.status).toBe(400);
    expect(four.body.error.fields[0].message).toMatch(/từ 5 người trở lên/);
  });

  it('records a group of 12 with 5 representatives: 12 people, 5 representatives, a transfer', async () => {
    const before = await counts();
    const r = await t.request('POST', '/api/reception/visits', { cookie: officer, body: groupOf(12, 5) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ isGroup: true, groupSize: 12, people: 12, representativeCount: 5, outcome: 'CHUYEN_DON', sessionType: 'THUONG_XUYEN', petitionCode: null });
    expect(r.body.visitors).toHaveLength(5);
    expect(r.body.visitors.every((v: { isRepresentative: boolean }) => v.isRepresentative)).toBe(true);
    const after = await counts();
    expect(after.reception_visits).toBe(before.reception_visits + 1);
    expect(after.reception_visitors).toBe(before.reception_visitors + 5);
    expect(after.petitions).toBe(before.petitions);
  });
});

describe('sessions', () => {
  it('refuses an online session without its meeting link; accepts it with the link, and its visits need the identity check', async () => {
    const body = { type: 'DOT_XUAT', date: today, place: 'Phòng họp trực tuyến UBND thành phố', hostUserId: leaderId, hostMode: 'THU_TRUONG', channel: 'TRUC_TUYEN', identityCheckMethod: 'VNEID' };
    const before = await t.count('reception_sessions');
    const refused = await t.request('POST', '/api/reception/sessions', { cookie: officer, body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('reception.online_incomplete');
    expect(refused.body.error.fields.map((f: { field: string }) => f.field)).toContain('meetingUrl');
    expect(refused.body.error.message).toMatch(/Luật 136\/2025\/QH15/);
    expect(await t.count('reception_sessions')).toBe(before);

    const session = await t.request('POST', '/api/reception/sessions', { cookie: officer, body: { ...body, meetingUrl: 'https://hop.hanoi.gov.vn/tcd/abc-123' } });
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ type: 'DOT_XUAT', channel: 'TRUC_TUYEN', hostMode: 'THU_TRUONG', hostName: 'Nguyễn Văn Lãnh', status: 'DU_KIEN', meetingUrl: 'https://hop.hanoi.gov.vn/tcd/abc-123' });

    const noCheck = await t.request('POST', '/api/reception/visits', { cookie: officer, body: visitBody({ sessionId: session.body.id }) });
    expect(noCheck.status).toBe(400);
    expect(noCheck.body.error.code).toBe('reception.identity_check_required');
    const visit = await t.request('POST', '/api/reception/visits', { cookie: officer, body: visitBody({ sessionId: session.body.id, identityCheck: { method: 'VNEID' } }) });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ channel: 'TRUC_TUYEN', sessionType: 'DOT_XUAT', hostMode: 'THU_TRUONG', leaderName: 'Nguyễn Văn Lãnh', identityCheckMethod: 'VNEID', identityCheckedByName: 'Lê Văn Cán' });

    // A leader's ad-hoc reception that received people closes with its conclusion notice.
    const noNotice = await t.request('POST', `/api/reception/sessions/${session.body.id}/close`, { cookie: officer, body: {} });
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.error.code).toBe('reception.conclusion_required');
    const closed = await t.request('POST', `/api/reception/sessions/${session.body.id}/close`, { cookie: officer, body: { conclusionNoticeNo: '15/TB-UBND' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'DA_TIEP', conclusionNoticeNo: '15/TB-UBND', conclusionNoticeDate: today, visits: 1, people: 1 });
    const late = await t.request('POST', '/api/reception/visits', { cookie: officer, body: visitBody({ sessionId: session.body.id, identityCheck: { method: 'VNEID' } }) });
    expect(late.status).toBe(409);
  });

  it('generates a province chair’s monthly schedule on working days; a commune chair needs a weekly one', async () => {
    // A schedule of 2028 (in the future whenever this runs before then), across Tết Mậu Thân.
    const created = await t.request('POST', '/api/reception/schedules', {
      cookie: officer,
      body: { title: 'Lịch tiếp công dân của Chủ tịch UBND thành phố', hostUserId: leaderId, place: 'Trụ sở tiếp công dân Hà Nội', startTime: '08:00', endTime: '11:30', rule: { frequency: 'MONTHLY', weekday: 3, week: 4 }, validFrom: '2028-01-01', generateUntil: '2028-06-30' }
    });
    expect(created.status).toBe(201);
    expect(created.body.schedule.ruleLabel.vi).toBe('Thứ Tư tuần thứ 4 hằng tháng');
    const calendar = createWorkingCalendar({ overrides: OFFICIAL_DAYS });
    const sessions = await t.request('GET', '/api/reception/sessions?type=DINH_KY&from=2028-01-01&to=2028-06-30', { cookie: officer });
    const mine = sessions.body.items.filter((s: { scheduleId: string }) => s.scheduleId === created.body.schedule.id);
    expect(created.body.generated).toBe(6);
    expect(mine.map((s: { date: string }) => s.date)).toEqual(['2028-01-31', '2028-02-23', '2028-03-22', '2028-04-26', '2028-05-24', '2028-06-28']);
    // 26/01/2028, the fourth Wednesday of January, is mùng 1 Tết (days off 24–28/01): the session moves to Monday 31/01.
    for (const s of mine) expect(calendar.isWorkingDay(s.date), s.date).toBe(true);
    expect(mine[0]).toMatchObject({ hostName: 'Nguyễn Văn Lãnh', hostMode: 'THU_TRUONG', status: 'DU_KIEN', startTime: '08:00' });

    // An edited session survives a change of rule; the untouched ones are replaced.
    const edited = await t.request('PATCH', `/api/reception/sessions/${mine[1].id}`, { cookie: officer, body: { place: 'Hội trường UBND thành phố' } });
    expect(edited.status).toBe(200);
    const moved = await t.request('PATCH', `/api/reception/schedules/${created.body.schedule.id}`, { cookie: officer, body: { rule: { frequency: 'MONTHLY', weekday: 4, week: 5 } } });
    expect(moved.status).toBe(200);
    expect(moved.body.removed).toBe(5);
    expect(moved.body.schedule.ruleLabel.vi).toBe('Thứ Năm tuần cuối cùng hằng tháng');
    const after = await t.request('GET', '/api/reception/sessions?type=DINH_KY&from=2028-01-01&to=2028-06-30', { cookie: officer });
    // 27/01/2028 (mùng 2 Tết) moves to 31/01; the edited 23/02 stays beside the new 24/02.
    expect(after.body.items.filter((s: { scheduleId: string }) => s.scheduleId === created.body.schedule.id).map((s: { date: string }) => s.date)).toEqual(
      ['2028-01-31', '2028-02-23', '2028-02-24', '2028-03-30', '2028-04-27', '2028-05-25', '2028-06-29']
    );

    const { rows } = await t.database.pool.query<{ id: string }>("SELECT id FROM units WHERE province_code = '01' AND kind IN ('XA','PHUONG') LIMIT 1");
    const commune = await t.request('POST', '/api/reception/schedules', {
      cookie: officer,
      body: { unitId: rows[0]!.id, title: 'Lịch tiếp của Chủ tịch UBND xã', hostUserId: leaderId, place: 'UBND xã', startTime: '08:00', endTime: '11:00', rule: { frequency: 'MONTHLY', weekday: 4, week: 2 }, validFrom: today }
    });
    expect(commune.status).toBe(400);
    expect(commune.body.error.code).toBe('reception.frequency_too_low');
    expect(commune.body.error.message).toMatch(/Điều 15/);
  });
});

describe('changes after the visit', () => {
  it('updates the outcome (a refusal needs its reason) and audits it; a session with visits keeps its date', async () => {
    const visit = await t.request('POST', '/api/reception/visits', { cookie: officer, body: visitBody() });
    expect(visit.status).toBe(201);
    const noReason = await t.request('PATCH', `/api/reception/visits/${visit.body.id}`, { cookie: officer, body: { outcome: 'TU_CHOI' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('reception.refusal_reason');
    const refused = await t.request('PATCH', `/api/reception/visits/${visit.body.id}`, { cookie: officer, body: { outcome: 'TU_CHOI', refusalReason: 'VI_PHAM_NOI_QUY', followUp: 'Đã lập biên bản' } });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ outcome: 'TU_CHOI', refusalReason: 'VI_PHAM_NOI_QUY', followUp: 'Đã lập biên bản', replyDueDate: null });
    const audit = await t.database.pool.query("SELECT details FROM audit_log WHERE action = 'reception.visit_update' AND entity_id = $1", [visit.body.id]);
    expect(audit.rows[0].details).toMatchObject({ from: 'TRA_LOI_TRUC_TIEP', to: 'TU_CHOI' });
    expect((await t.request('PATCH', `/api/reception/visits/${visit.body.id}`, { cookie: viewer, body: { notes: 'x' } })).status).toBe(403);

    const moved = await t.request('PATCH', `/api/reception/sessions/${visit.body.sessionId}`, { cookie: officer, body: { date: '2026-12-01' } });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('reception.session_has_visits');
    expect((await t.request('POST', `/api/reception/sessions/${visit.body.sessionId}/cancel`, { cookie: officer, body: { reason: 'Nhầm ngày' } })).status).toBe(409);
  });
});

describe('a visit that leaves a petition', () => {
  it('creates the visit and the petition in one step and shows the receipt number', async () => {
    const before = await counts();
    const r = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: visitBody({
        visitors: [person('Trần Thị Đơn', { phone: '0988 123 456', address: 'Ngõ 12 phố Huế, Hà Nội' })],
        summary: 'Khiếu nại quyết định thu hồi đất của UBND phường, bồi thường chưa thỏa đáng',
        classification: undefined,
        outcome: undefined,
        documents: 'Đơn khiếu nại, bản sao quyết định',
        petition: { type: 'KHIEU_NAI', field: 'DAT_DAI', respondent: 'UBND phường Hoàn Kiếm' }
      })
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ classification: 'KHIEU_NAI', outcome: 'NHAN_DON', petitionType: 'KHIEU_NAI' });
    expect(r.body.petitionCode).toMatch(/^01-\d{4}-\d{6}$/);
    const after = await counts();
    expect(after.petitions).toBe(before.petitions + 1);
    expect(after.reception_visits).toBe(before.reception_visits + 1);
    expect(after.petition_parties).toBe(before.petition_parties + 1);
    const petition = await t.request('GET', `/api/petitions/${r.body.petitionId}`, { cookie: officer });
    expect(petition.status).toBe(200);
    expect(petition.body).toMatchObject({ code: r.body.petitionCode, type: 'KHIEU_NAI', source: 'TRUC_TIEP', summary: 'Khiếu nại quyết định thu hồi đất của UBND phường, bồi thường chưa thỏa đáng' });
    // Luật TCD Điều 28.1: the visitor is answered within 10 working days.
    expect(r.body.replyDueDate).toBe(createWorkingCalendar({ overrides: OFFICIAL_DAYS }).addWorkingDays(today, 10));
  });

  it('rolls both back when the petition part is invalid (a party’s phone) or the visit part fails inside the transaction', async () => {
    const before = await counts();
    const badPhone = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: visitBody({ classification: undefined, outcome: undefined, petition: { type: 'KHIEU_NAI', parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Trần Văn Sai Số', phone: '12345' }] } })
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.fields[0].message).toMatch(/Số điện thoại/);
    // The visit part fails after the petition row was written: an identity checker outside the officer's scope.
    const hcmId = (await t.request('GET', '/api/auth/me', { cookie: hcmOfficer })).body.id;
    const badChecker = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: visitBody({ classification: undefined, outcome: undefined, identityCheck: { method: 'GIAY_TO_TRUC_TIEP', checkedByUserId: hcmId }, petition: { type: 'KIEN_NGHI' } })
    });
    expect(badChecker.status).toBe(400);
    expect(badChecker.body.error.code).toBe('reception.identity_check_required');
    const summaryTooShort = await t.request('POST', '/api/reception/visits', { cookie: officer, body: visitBody({ petition: { type: 'KHIEU_NAI', summary: '   ngắn    ' } }) });
    expect(summaryTooShort.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('scope, roles and privacy', () => {
  let hanoiVisit: string;

  beforeAll(async () => {
    const r = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: visitBody({ visitors: [person('Phạm Văn Tố Giác', { phone: '0912 000 999', idNumber: '001090000999' })], summary: 'Tố cáo cán bộ phường nhận tiền khi cấp phép xây dựng', classification: 'TO_CAO', outcome: 'HUONG_DAN', outcomeBody: 'Thanh tra thành phố Hà Nội' })
    });
    expect(r.status).toBe(201);
    hanoiVisit = r.body.id;
  });

  it('does not show Hà Nội’s book to an officer of TP Hồ Chí Minh, through the API or a direct query under the scoped role', async () => {
    const other = await t.request('GET', `/api/reception/book?from=${today}&to=${today}&unitId=${hanoiUnitId}`, { cookie: hcmOfficer });
    expect(other.status).toBe(403);
    const own = await t.request('GET', `/api/reception/book?from=${today}&to=${today}`, { cookie: hcmOfficer });
    expect(own.status).toBe(200);
    expect(own.body.rows.some((r: { visitId: string }) => r.visitId === hanoiVisit)).toBe(false);
    expect((await t.request('GET', `/api/reception/visits/${hanoiVisit}`, { cookie: hcmOfficer })).status).toBe(404);
    const list = await t.request('GET', `/api/reception/visits?from=${today}&to=${today}&limit=200`, { cookie: hcmOfficer });
    expect(list.body.items.some((v: { unitName: string }) => v.unitName === 'Thành phố Hà Nội')).toBe(false);

    const seen = (scope: string[]) =>
      withScope(t.database.db, scope, async (tx) => {
        const visits = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reception_visits WHERE unit_path <@ 'VN.01'`);
        const visitors = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reception_visitors rv WHERE rv.visit_id = ${hanoiVisit}::uuid`);
        const sessions = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reception_sessions WHERE unit_path <@ 'VN.01'`);
        return [visits.rows[0]!.n, visitors.rows[0]!.n, sessions.rows[0]!.n];
      });
    expect(await seen(['VN.79'])).toEqual([0, 0, 0]);
    const [visits, visitors, sessions] = await seen(['VN.01']);
    expect(visits).toBeGreaterThan(0);
    expect(visitors).toBe(1);
    expect(sessions).toBeGreaterThan(0);
    // Nor can it write into Hà Nội's book under its own scope.
    await expect(
      withScope(t.database.db, ['VN.79'], (tx) => tx.execute(sql`UPDATE reception_visits SET notes = 'x' WHERE id = ${hanoiVisit}::uuid RETURNING id`))
    ).resolves.toMatchObject({ rows: [] });
  });

  it('stores no visitor’s name, identity number or phone in clear', async () => {
    const dump = async (table: string) => (await t.database.pool.query<{ row: string }>(`SELECT x::text AS row FROM ${table} x`)).rows.map((r) => r.row).join('\n');
    const everything = (await dump('reception_visitors')) + (await dump('reception_visits')) + (await dump('audit_log')) + (await dump('outbox'));
    for (const secret of ['Phạm Văn Tố Giác', 'Tố Giác', 'pham van to giac', '001090000999', '0912000999', 'Nguyễn Văn Khách', '001088777001', '0912777001', 'Hàng Bông']) {
      expect(everything, secret).not.toContain(secret);
    }
    // The officer reads them back in clear; the viewer does not see a denouncer.
    const mine = await t.request('GET', `/api/reception/visits/${hanoiVisit}`, { cookie: officer });
    expect(mine.body.visitors[0]).toMatchObject({ fullName: 'Phạm Văn Tố Giác', phone: '0912000999', idNumber: '001090000999', identityProtected: true, withheld: false });
    const viewed = await t.request('GET', `/api/reception/visits/${hanoiVisit}`, { cookie: viewer });
    expect(viewed.status).toBe(200);
    expect(viewed.body.visitors[0]).toMatchObject({ fullName: WITHHELD, phone: null, idNumber: null, withheld: true });
    // …and showing a protected identity is itself recorded.
    const { rows } = await t.database.pool.query("SELECT 1 FROM audit_log WHERE action = 'reception.read_identity' AND entity_id = $1", [hanoiVisit]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses the administrator (403) on every reception route, even with a malformed body; a viewer may read but not record', async () => {
    const admin = await t.login('quantri');
    for (const [method, path, body] of [
      ['GET', `/api/reception/book?from=${today}&to=${today}`],
      ['GET', '/api/reception/sessions'],
      ['GET', `/api/reception/visits/${hanoiVisit}`],
      ['POST', '/api/reception/visits', { nonsense: true }],
      ['POST', '/api/reception/visits', visitBody()]
    ] as const) {
      const r = await t.request(method, path, { cookie: admin, body });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await t.request('GET', `/api/reception/book?from=${today}&to=${today}`, { cookie: viewer })).status).toBe(200);
    expect((await t.request('POST', '/api/reception/visits', { cookie: viewer, body: visitBody() })).status).toBe(403);
  });

  it('announces the visit with counts and codes only, and audits it', async () => {
    const { rows } = await t.database.pool.query<{ payload: Record<string, unknown> }>("SELECT payload FROM outbox WHERE event_type = 'reception.visit_recorded' AND payload->>'visitId' = $1", [hanoiVisit]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ visitId: hanoiVisit, classification: 'TO_CAO', outcome: 'HUONG_DAN', people: 1, isGroup: false, sessionType: 'THUONG_XUYEN' });
    expect(JSON.stringify(rows[0]!.payload)).not.toMatch(/Tố Giác|0912|Tố cáo cán bộ/);
    const audit = await t.database.pool.query("SELECT details FROM audit_log WHERE action = 'reception.visit_record' AND entity_id = $1", [hanoiVisit]);
    expect(audit.rows).toHaveLength(1);
  });
});

describe('the reception book (Mẫu số 03)', () => {
  it('lays out every visit in the 12 columns, with the counts the 01/TCD report needs', async () => {
    const group = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: {
        isGroup: true,
        groupSize: 9,
        visitors: [person('Đinh Văn Một', { idNumber: '001070000001', address: 'Xóm 1, xã Yên Bài' }), person('Đinh Thị Hai', { idNumber: '001072000002', address: 'Xóm 2, xã Yên Bài' })],
        summary: 'Đoàn công dân kiến nghị về cấp nước sinh hoạt cho hai xóm',
        classification: 'KIEN_NGHI_PHAN_ANH',
        priorBody: 'UBND xã Yên Bài',
        outcome: 'CHUYEN_DON',
        outcomeBody: 'Sở Xây dựng',
        outcomeDocNo: '25/PC-BTCD',
        followUp: 'Đôn đốc Sở Xây dựng trả lời',
        notes: 'Đoàn giữ trật tự'
      }
    });
    expect(group.status).toBe(201);
    const refused = await t.request('POST', '/api/reception/visits', {
      cookie: officer,
      body: visitBody({ visitors: [person('Vương Văn Lặp', { phone: '0912 777 001' })], summary: 'Tiếp tục khiếu nại vụ việc đã giải quyết đúng pháp luật', classification: 'KHIEU_NAI', outcome: 'TU_CHOI', refusalReason: 'DA_GIAI_QUYET_DUNG', refusalNoticeNo: '03/TB-TCD' })
    });
    expect(refused.status).toBe(201);
    // The same phone as an earlier visitor of the day: a repeat.
    expect(refused.body.round).toBe('NHIEU_LAN');

    const book = await t.request('GET', `/api/reception/book?from=${today}&to=${today}`, { cookie: officer });
    expect(book.status).toBe(200);
    expect(book.body.columns).toHaveLength(12);
    expect(book.body.columns[2].vi).toBe('Họ tên – địa chỉ');
    book.body.rows.forEach((row: { cells: string[] }, i: number) => {
      expect(row.cells).toHaveLength(12);
      expect(row.cells[0]).toBe(String(i + 1));
      expect(row.cells[1]).toBe(formatVn(today));
    });
    const due = formatVn(createWorkingCalendar({ overrides: OFFICIAL_DAYS }).addWorkingDays(today, 10));
    const g = book.body.rows.find((r: { visitId: string }) => r.visitId === group.body.id);
    expect(g.cells.slice(2)).toEqual([
      'Đoàn 9 người; người đại diện: Đinh Văn Một – Xóm 1, xã Yên Bài; Đinh Thị Hai – Xóm 2, xã Yên Bài',
      '001070000001; 001072000002',
      'Đoàn công dân kiến nghị về cấp nước sinh hoạt cho hai xóm',
      'Kiến nghị, phản ánh; 9 người (đoàn đông người, 2 người đại diện); vụ việc lần đầu',
      'UBND xã Yên Bài',
      '',
      '',
      'Chuyển đến Sở Xây dựng, văn bản số 25/PC-BTCD',
      `Đôn đốc Sở Xây dựng trả lời; Hạn trả lời công dân: ${due}`,
      'Tiếp thường xuyên; Đoàn giữ trật tự'
    ]);
    expect(g).toMatchObject({ isGroup: true, people: 9, representatives: 2, round: 'LAN_DAU', sessionType: 'THUONG_XUYEN', hostMode: null, outcome: 'CHUYEN_DON', classification: 'KIEN_NGHI_PHAN_ANH' });

    const r = book.body.rows.find((x: { visitId: string }) => x.visitId === refused.body.id);
    expect(r.cells[5]).toBe('Khiếu nại; 1 người; vụ việc nhiều lần');
    expect(r.cells.slice(7, 10)).toEqual(['', '', '']);
    expect(r.cells[11]).toMatch(/^Từ chối tiếp: Vụ việc đã giải quyết đúng.*\(Điều 9\.1\.c\), thông báo số 03\/TB-TCD; Tiếp thường xuyên$/);

    const withPetition = book.body.rows.find((x: { petitionCode: string | null }) => x.petitionCode !== null);
    expect(withPetition.cells[7]).toBe(`Tiếp nhận đơn, mã đơn ${withPetition.petitionCode}`);
    expect(withPetition.caseId).toMatch(/^[0-9a-f-]{36}$/);

    // The viewer's book withholds the denouncer in columns 3 and 4.
    const viewed = await t.request('GET', `/api/reception/book?from=${today}&to=${today}`, { cookie: viewer });
    const denunciation = viewed.body.rows.find((x: { classification: string }) => x.classification === 'TO_CAO');
    expect(denunciation.cells[2]).toBe(WITHHELD);
    expect(denunciation.cells[3]).toBe(WITHHELD);

    const xlsx = await fetch(`${t.url}/api/reception/book/export?from=${today}&to=${today}`, { headers: { cookie: officer } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a book over more than a year, or backwards', async () => {
    const r = await t.request('GET', `/api/reception/book?from=2027-01-01&to=2026-01-01`, { cookie: officer });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('reception.period_invalid');
    expect(r.body.error.fields[0].message).toMatch(/Đến ngày/);
    expect((await t.request('GET', `/api/reception/book?from=2025-01-01&to=2026-06-01`, { cookie: officer })).status).toBe(400);
  });
});
