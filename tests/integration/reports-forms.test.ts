/**
 * The report forms against a data set built by hand through the API (issue 6): petitions received
 * before and inside the period (one a second before its first day, one at 00:00 of it), steps
 * taken before the period (dates moved back), transfers to another unit and to a unit below, a
 * duplicate merged into its case, every handling outcome, complaints and denunciations accepted,
 * decided (right, wrong, partly right, on time and late), withdrawn, extended, suspended; and the
 * reception book (regular desk, a head's periodic day, a delegate's ad-hoc reception, a group).
 * Every cell of 01/XLD, 01/KQGQ, 03/KQGQ and 01/TCD is checked against the count worked out in
 * the comments; the previous period's "carried forward" is this period's "carried over".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { startTestApp } from '../support/test-app.ts';
import { addDays, backdate, classify, customPeriod, decision, expectIdentities, expectListsMatchFigures, makeUnit, petition, step, vnAt, vnIso, type Actors } from './reports-fixtures.ts';

let a: Actors;
const today = toVnDate(new Date());
/** This period P1 = [F, today]; the previous one P0 = [F−30, F−1]. */
const F = addDays(today, -10);
const P1 = customPeriod(F, today);
const P0 = customPeriod(addDays(F, -30), addDays(F, -1));
/** D0: received in P0; D1: steps taken in P0. */
const D0 = addDays(F, -20);
const D1 = addDays(F, -5);
let bc1: string;
let bc1x: string;
let bc2: string;

type Values = Record<string, number>;
async function report(form: string, period: string, unitId: string): Promise<{ rows: { unitId: string; own: boolean; values: Values }[]; values: Values }> {
  const r = await a.t.request('GET', `/api/reports/${form}?${period}&unitId=${unitId}`, { cookie: a.leader });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const own = (r: Awaited<ReturnType<typeof report>>) => r.rows.find((x) => x.own)!.values;
const row = (r: Awaited<ReturnType<typeof report>>, unitId: string) => r.rows.find((x) => x.unitId === unitId)!.values;

beforeAll(async () => {
  const t = await startTestApp();
  a = { t, leader: await t.login('lanhdao'), admin: await t.login('quantri') };
  bc1 = await makeUnit(a, 'BC1');
  bc1x = await makeUnit(a, 'BC1X', 'BC1');
  bc2 = await makeUnit(a, 'BC2');
  const KN = 'KHIEU_NAI';
  const TC = 'TO_CAO';

  // ---- Letters (01/XLD) at BC1 ----
  const A1 = await petition(a, bc1, KN, { receivedAt: vnIso(D0) }); // received in P0, never processed
  const A2 = await petition(a, bc1, TC, { receivedAt: vnIso(D0) }); // received and archived in P0
  await step(a, A2.id, 'PHAN_LOAI', classify(TC, 'KHONG_THUOC_THAM_QUYEN', false));
  await step(a, A2.id, 'LUU_DON', { archiveReason: 'KHONG_DU_DIEU_KIEN' });
  await backdate(a, A2.id, ['PHAN_LOAI', 'LUU_DON'], vnAt(D1));
  const A3 = await petition(a, bc1, KN); // proposed for acceptance
  await step(a, A3.id, 'PHAN_LOAI', classify(KN, 'THUOC_THAM_QUYEN', true));
  await step(a, A3.id, 'DE_XUAT_THU_LY');
  const A4 = await petition(a, bc1, TC, { parties: 2 }); // two signers, transferred to BC2
  await step(a, A4.id, 'PHAN_LOAI', classify(TC, 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, A4.id, 'CHUYEN_DON_NOI_BO', { targetUnitId: bc2 });
  const A5 = await petition(a, bc1, 'KIEN_NGHI', { parties: 0 }); // anonymous, not eligible, archived
  await step(a, A5.id, 'PHAN_LOAI', classify('KIEN_NGHI', 'KHONG_THUOC_THAM_QUYEN', false));
  await step(a, A5.id, 'LUU_DON', { archiveReason: 'NAC_DANH' });
  const A6 = await petition(a, bc1, 'PHAN_ANH'); // sent outside, urged, replied
  await step(a, A6.id, 'PHAN_LOAI', classify('PHAN_ANH', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, A6.id, 'CHUYEN_DON_NGOAI', { targetBody: 'Công ty điện lực' });
  await step(a, A6.id, 'DON_DOC');
  await step(a, A6.id, 'NHAN_PHUC_DAP');
  const A7 = await petition(a, bc1, KN); // the same complaint again: merged into A3's case
  await step(a, A7.id, 'PHAN_LOAI', classify(KN, 'THUOC_THAM_QUYEN', true));
  await step(a, A7.id, 'GOP_VU_VIEC', { caseId: A3.caseId });
  const A8 = await petition(a, bc1, 'NHIEU_NOI_DUNG', { organisation: true }); // an organisation's letter, guided
  await step(a, A8.id, 'PHAN_LOAI', classify('NHIEU_NOI_DUNG', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, A8.id, 'HUONG_DAN', { targetBody: 'Các cơ quan có thẩm quyền' });
  const A9 = await petition(a, bc1, KN, { receivedAt: vnIso(D0) }); // classified in P0, guided in P1
  await step(a, A9.id, 'PHAN_LOAI', classify(KN, 'KHONG_THUOC_THAM_QUYEN', true));
  await backdate(a, A9.id, ['PHAN_LOAI'], vnAt(D1));
  await step(a, A9.id, 'HUONG_DAN', { targetBody: 'Tòa án nhân dân' });
  const A10 = await petition(a, bc1, 'PHAN_ANH'); // assigned for resolution
  await step(a, A10.id, 'PHAN_LOAI', classify('PHAN_ANH', 'THUOC_THAM_QUYEN', true));
  await step(a, A10.id, 'GIAO_GIAI_QUYET');
  await petition(a, bc1, KN, { receivedAt: vnAt(F, 0).toISOString() }); // A11: 00:00 of the first day: in P1
  await petition(a, bc1, KN, { receivedAt: new Date(vnAt(F, 0).getTime() - 1000).toISOString() }); // A12: one second earlier: in P0
  const A13 = await petition(a, bc1, TC); // returned to the sender
  await step(a, A13.id, 'PHAN_LOAI', classify(TC, 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, A13.id, 'TRA_LAI_DON', { reason: 'Đơn không ghi rõ nội dung tố cáo' });
  const A14 = await petition(a, bc1, KN); // withdrawn before processing
  await step(a, A14.id, 'RUT_DON', { reason: 'Người khiếu nại xin rút đơn' });
  const A15 = await petition(a, bc1, 'PHAN_ANH'); // transferred to BC1X (below BC1), which assigns it
  await step(a, A15.id, 'PHAN_LOAI', classify('PHAN_ANH', 'KHONG_THUOC_THAM_QUYEN', true));
  await step(a, A15.id, 'CHUYEN_DON_NOI_BO', { targetUnitId: bc1x });
  await step(a, A15.id, 'TIEP_NHAN_CHUYEN');
  await step(a, A15.id, 'GIAO_GIAI_QUYET');
  await petition(a, bc2, KN); // A16: BC2's own letter

  // ---- Complaints resolved (01/KQGQ) at BC1 ----
  const accept = async (id: string, type: string, date = today, complexity?: string) => {
    await step(a, id, 'PHAN_LOAI', classify(type, 'THUOC_THAM_QUYEN', true, complexity));
    await step(a, id, 'DE_XUAT_THU_LY');
    await step(a, id, 'THU_LY', decision(date));
  };
  const K1 = await petition(a, bc1, KN, { receivedAt: vnIso(D0) }); // accepted in P0, decided (right) in P1
  await accept(K1.id, KN, D1);
  await backdate(a, K1.id, ['PHAN_LOAI', 'DE_XUAT_THU_LY', 'THU_LY'], vnAt(D1));
  await step(a, K1.id, 'XAC_MINH');
  await step(a, K1.id, 'KET_LUAN', decision(today, { result: 'DUNG' }));
  const K2 = await petition(a, bc1, KN); // decided wrong
  await accept(K2.id, KN);
  await step(a, K2.id, 'XAC_MINH');
  await step(a, K2.id, 'KET_LUAN', decision(today, { result: 'SAI' }));
  const K3 = await petition(a, bc1, KN); // under verification at the end
  await accept(K3.id, KN);
  await step(a, K3.id, 'XAC_MINH');
  const K4 = await petition(a, bc1, KN); // withdrawn after acceptance
  await accept(K4.id, KN);
  await step(a, K4.id, 'RUT_DON', { reason: 'Người khiếu nại rút đơn' });
  const second = await a.t.request('POST', `/api/petitions/${K1.id}/second-complaint`, {
    cookie: a.leader,
    body: { summary: 'Khiếu nại lần hai quyết định giải quyết lần đầu', unitId: bc1, parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Trần Văn Lần Hai' }] }
  });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  const K5 = second.body as { id: string }; // round 2, K1's case: partly right → first decision amended
  await accept(K5.id, KN);
  await step(a, K5.id, 'XAC_MINH');
  await step(a, K5.id, 'KET_LUAN', decision(today, { result: 'DUNG_MOT_PHAN' }));
  const K6 = await petition(a, bc1, KN); // accepted by a decision 60 days before F: decided late
  await accept(K6.id, KN, addDays(F, -60));
  await step(a, K6.id, 'XAC_MINH');
  await step(a, K6.id, 'KET_LUAN', decision(today, { result: 'DUNG_MOT_PHAN' }));

  // ---- Denunciations resolved (03/KQGQ) at BC1 ----
  const T1 = await petition(a, bc1, TC); // complex: extended once, then founded
  await accept(T1.id, TC, today, 'PHUC_TAP');
  await step(a, T1.id, 'GIA_HAN', decision(today, { reason: 'Vụ việc phức tạp, cần xác minh thêm' }));
  await step(a, T1.id, 'XAC_MINH');
  await step(a, T1.id, 'KET_LUAN', decision(today, { result: 'DUNG' }));
  const T2 = await petition(a, bc1, TC); // suspended at the end
  await accept(T2.id, TC);
  await step(a, T2.id, 'XAC_MINH');
  await step(a, T2.id, 'TAM_DINH_CHI', { reason: 'Chờ kết quả giám định' });
  const T3 = await petition(a, bc1, TC, { receivedAt: vnIso(D0) }); // accepted in P0, unfounded in P1
  await accept(T3.id, TC, D1);
  await step(a, T3.id, 'XAC_MINH');
  await backdate(a, T3.id, ['PHAN_LOAI', 'DE_XUAT_THU_LY', 'THU_LY', 'XAC_MINH'], vnAt(D1));
  await step(a, T3.id, 'KET_LUAN', decision(today, { result: 'SAI' }));
  const T4 = await petition(a, bc1, TC); // withdrawn after acceptance
  await accept(T4.id, TC);
  await step(a, T4.id, 'RUT_DON', { reason: 'Người tố cáo rút toàn bộ tố cáo' });

  // ---- Citizen reception (01/TCD) at BC1 ----
  const hosts = await t.request('GET', '/api/reception/hosts', { cookie: a.leader });
  const host = hosts.body.items.find((h: { role: string }) => h.role === 'LEADER').id;
  const visitor = (n: number) => ({ fullName: `Công Dân Số ${n}`, phone: `09${String(11110000 + n)}` });
  const visit = async (body: Record<string, unknown>) => {
    const r = await t.request('POST', '/api/reception/visits', { cookie: a.leader, body: { summary: 'Trình bày việc cấp giấy chứng nhận chậm', classification: 'KIEN_NGHI_PHAN_ANH', outcome: 'TRA_LOI_TRUC_TIEP', ...body } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const group = (size: number, reps: number, n: number) => ({ isGroup: true, groupSize: size, visitors: Array.from({ length: reps }, (_, i) => visitor(n + i)) });
  await visit({ unitId: bc1, visitors: [visitor(1)], round: 'LAN_DAU' }); // V1: regular desk, first time
  await visit({ unitId: bc1, ...group(6, 2, 10), round: 'NHIEU_LAN' }); // V2: a group of 6 again
  await visit({ unitId: bc1, visitors: [visitor(3)], round: 'LAN_DAU', visitedAt: vnIso(D1) }); // V4: in P0
  const session = async (type: string, date: string, hostMode: string) => {
    const r = await t.request('POST', '/api/reception/sessions', { cookie: a.leader, body: { unitId: bc1, type, date, place: 'Trụ sở tiếp công dân', hostUserId: host, hostMode } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const S1 = await session('DINH_KY', addDays(today, -2), 'THU_TRUONG'); // the head's periodic day
  await visit({ sessionId: S1, visitors: [visitor(5)], round: 'LAN_DAU' }); // V5
  await visit({ sessionId: S1, ...group(12, 3, 20), round: 'LAN_DAU' }); // V6: a group of 12
  const closed = await t.request('POST', `/api/reception/sessions/${S1}/close`, { cookie: a.leader, body: { conclusionNoticeNo: '12/TB-BC1' } });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  const S2 = await session('DOT_XUAT', addDays(today, -1), 'UY_QUYEN'); // a delegate's ad-hoc reception
  await visit({ sessionId: S2, visitors: [visitor(7)], round: 'LAN_DAU' }); // V7
  const S3 = await session('DINH_KY', addDays(today, -3), 'THU_TRUONG'); // cancelled: not a reception held
  expect((await t.request('POST', `/api/reception/sessions/${S3}/cancel`, { cookie: a.leader, body: { reason: 'Lãnh đạo đi công tác' } })).status).toBe(200);
}, 240_000);
afterAll(async () => a?.t.close());

describe('01/XLD (xử lý đơn)', () => {
  it('BC1 own row, P1: every cell as worked out by hand', async () => {
    const r = await report('01-XLD', P1, bc1);
    expect(own(r)).toEqual({
      KY_TRUOC: 3, // A1, A9 (classified in P0, not processed), A12 (received 1 s before F); A2, K1, T3 were processed in P0
      TRONG_KY: 19, // A3–A8, A10, A11, A13–A15, K2–K6, T1, T2, T4
      TONG: 22, // 3 + 19
      MOT_NGUOI: 16, // all received in P1 but A4 (two signers), A5 (anonymous), A8 (organisation)
      NHIEU_NGUOI: 1, // A4
      KHAC: 2, // A5, A8
      DA_XU_LY: 19, // A3–A10, A13–A15, K2–K6, T1, T2, T4 (A1, A11, A12 wait)
      DU_DK_DON: 17, // the processed ones but A5 (not eligible) and A14 (never classified)
      DU_DK_VU_VIEC: 16, // A7 joined A3's case
      KHIEU_NAI: 8, // A3, A7, A9, K2, K3, K4, K5, K6
      TO_CAO: 5, // A4, A13, T1, T2, T4
      KIEN_NGHI_PHAN_ANH: 3, // A6, A10, A15
      NHIEU_NOI_DUNG: 1, // A8
      TTQ_KHIEU_NAI: 6, // A3, K2, K3, K4, K5, K6 proposed for acceptance
      TTQ_TO_CAO: 3, // T1, T2, T4
      TTQ_KNPA: 1, // A10 (A15 was assigned by BC1X, not BC1)
      HUONG_DAN: 2, // A8, A9
      CHUYEN_DON: 3, // A4 to BC2, A15 to BC1X, A6 outside the system
      TRA_LAI: 1, // A13
      LUU_DON: 1, // A5 (A2 was archived in P0)
      GOP_VU_VIEC: 1, // A7
      RUT_DON: 1, // A14
      DON_DOC: 1, // A6
      PHUC_DAP: 1, // A6
      CHUA_XU_LY: 3 // A1, A11, A12
    });
  });

  it('BC1X (below BC1) counts what it received and did; the total row is the sum of the rows', async () => {
    const r = await report('01-XLD', P1, bc1);
    expect(r.rows.map((x) => x.unitId)).toEqual([bc1, bc1x]);
    // A15 transferred in from BC1 and assigned for resolution by BC1X.
    expect(row(r, bc1x)).toMatchObject({ TONG: 1, KY_TRUOC: 0, TRONG_KY: 1, MOT_NGUOI: 1, DA_XU_LY: 1, DU_DK_DON: 1, DU_DK_VU_VIEC: 1, KIEN_NGHI_PHAN_ANH: 1, TTQ_KNPA: 1, CHUYEN_DON: 0, CHUA_XU_LY: 0 });
    for (const code of Object.keys(r.values)) expect(r.values[code], code).toBe(own(r)[code]! + row(r, bc1x)[code]!);
    for (const x of r.rows) expectIdentities('01-XLD', x.values);
    expectIdentities('01-XLD', r.values);
  });

  it('BC2 counts the denunciation transferred in, still waiting, and its own letter', async () => {
    const r = await report('01-XLD', P1, bc2);
    // A4 (two signers, status CHUYEN_DEN) and A16.
    expect(r.values).toMatchObject({ TONG: 2, KY_TRUOC: 0, TRONG_KY: 2, MOT_NGUOI: 1, NHIEU_NGUOI: 1, KHAC: 0, DA_XU_LY: 0, CHUA_XU_LY: 2 });
  });

  it('P0 carried forward exactly what P1 carries over', async () => {
    const p0 = own(await report('01-XLD', P0, bc1));
    // In P0: A1, A2, A9, A12, K1, T3 received; A2 archived, K1 and T3 proposed for acceptance.
    expect(p0).toMatchObject({ KY_TRUOC: 0, TRONG_KY: 6, TONG: 6, DA_XU_LY: 3, LUU_DON: 1, TTQ_KHIEU_NAI: 1, TTQ_TO_CAO: 1, DU_DK_DON: 2, CHUA_XU_LY: 3 });
    expect(own(await report('01-XLD', P1, bc1)).KY_TRUOC).toBe(p0.CHUA_XU_LY);
  });

  it('the YEAR period uses the cut-off (15/12 of the year before to 14/12) and a quarter its own', async () => {
    const year = await a.t.request('GET', `/api/reports/01-XLD?period=YEAR&year=2026&unitId=${bc1}`, { cookie: a.leader });
    expect(year.body.period).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    const q1 = await a.t.request('GET', `/api/reports/01-XLD?period=QUARTER&year=2026&index=1&unitId=${bc1}`, { cookie: a.leader });
    expect(q1.body.period).toEqual({ from: '2025-12-15', to: '2026-03-14' });
  });
});

describe('01/KQGQ (complaints resolved)', () => {
  it('BC1, P1: every cell as worked out by hand', async () => {
    const r = await report('01-KQGQ', P1, bc1);
    expect(r.values).toEqual({
      KY_TRUOC: 1, // K1 accepted in P0
      THU_LY_MOI: 5, // K2, K3, K4, K5, K6
      TONG_DON: 6,
      TONG_VU_VIEC: 5, // K5 is K1's second round: one case
      DA_GQ: 5, // K1, K2, K4, K5, K6
      RUT_DON: 1, // K4
      BANG_QD: 4, // K1, K2, K5, K6
      L1_DUNG: 1, // K1
      L1_SAI: 1, // K2
      L1_DUNG_MOT_PHAN: 1, // K6
      L2_CONG_NHAN: 0,
      L2_HUY_SUA: 1, // K5 partly right in round 2
      DUNG_HAN: 4, // K1, K2, K4, K5
      QUA_HAN: 1, // K6: its limit ran from a decision 60 days before F
      CHUA_GQ: 1 // K3
    });
    expectIdentities('01-KQGQ', r.values);
    expect(own(await report('01-KQGQ', P0, bc1))).toMatchObject({ THU_LY_MOI: 1, CHUA_GQ: 1 }); // K1
  });
});

describe('03/KQGQ (denunciations resolved)', () => {
  it('BC1, P1: every cell as worked out by hand', async () => {
    const r = await report('03-KQGQ', P1, bc1);
    expect(r.values).toEqual({
      KY_TRUOC: 1, // T3 accepted in P0
      THU_LY_MOI: 3, // T1, T2, T4
      TONG_DON: 4,
      TONG_VU_VIEC: 4,
      DA_GQ: 3, // T1, T3, T4
      RUT_TO_CAO: 1, // T4
      BANG_KL: 2, // T1, T3
      TC_DUNG: 1, // T1
      TC_DUNG_MOT_PHAN: 0,
      TC_SAI: 1, // T3
      DUNG_HAN: 3,
      QUA_HAN: 0,
      GIA_HAN: 1, // T1's extension decision
      CHUA_GQ: 1 // T2, suspended
    });
    expectIdentities('03-KQGQ', r.values);
  });
});

describe('01/TCD (citizen reception)', () => {
  it('BC1, P1: every cell as worked out by hand', async () => {
    const r = await report('01-TCD', P1, bc1);
    expect(r.values).toEqual({
      LUOT: 5, // V1, V2, V5, V6, V7 (V4 was in P0)
      NGUOI: 21, // 1 + 6 + 1 + 12 + 1
      VU_VIEC: 5, // no visit recorded a petition: each is one matter
      TX_LUOT: 2, // V1, V2 at the desk
      TX_NGUOI: 7,
      TX_VV_LAN_DAU: 1, // V1
      TX_VV_NHIEU_LAN: 1, // V2
      TX_DOAN: 1, // V2
      TX_DOAN_NGUOI: 6,
      TT_KY: 1, // S1 (S3 was cancelled)
      TT_LUOT: 2, // V5, V6
      TT_NGUOI: 13,
      TT_VU_VIEC: 2,
      TT_DOAN: 1, // V6
      UQ_KY: 1, // S2
      UQ_LUOT: 1, // V7
      UQ_NGUOI: 1,
      UQ_VU_VIEC: 1,
      UQ_DOAN: 0
    });
    expectIdentities('01-TCD', r.values);
    expect(own(await report('01-TCD', P0, bc1))).toMatchObject({ LUOT: 1, TX_LUOT: 1, NGUOI: 1 }); // V4
  });
});

describe('analytics for leaders', () => {
  it('computes BC1’s backlog ageing, closures, cases with several letters and the monthly trend as worked out by hand', async () => {
    const { status, body } = await a.t.request('GET', `/api/reports/analytics?${P1}&unitId=${bc1}`, { cookie: a.leader });
    expect(status).toBe(200);
    // Open now in BC1's subtree: A1 (received 30 days ago); A3, A10, A11, A12, K3, T2 and A15 (at BC1X), all younger.
    expect(body.backlogAgeing).toEqual([{ bucket: '<30', n: 7 }, { bucket: '30-89', n: 1 }, { bucket: '90-179', n: 0 }, { bucket: '>=180', n: 0 }]);
    // Closed (by the steps' real time, in P1): A2, A5–A9, A13, A14, K1, K2, K4–K6, T1, T3, T4.
    expect(body.onTimeByUnit.reduce((n: number, u: { closed: number }) => n + u.closed, 0)).toBe(16);
    // A3 and A7 (merged): one case with two letters received in P1 (K5's case began with K1 in P0).
    expect(body.repeatComplaints).toEqual({ cases: 1, letters: 2 });
    // Received in the last 12 months and held in the subtree: every letter of BC1 but A4 (now at BC2): 24.
    expect(body.monthlyTrend.reduce((n: number, m: { n: number }) => n + m.n, 0)).toBe(24);
    expect(body.monthOnMonth === null || typeof body.monthOnMonth === 'number').toBe(true);
    expect((await a.t.request('GET', `/api/reports/analytics?${P1}`, { cookie: a.admin })).status).toBe(403);
  });
});

describe('the list behind every figure', () => {
  it('has as many rows as the figure (people: as many people), for every cell and row of every form', async () => {
    let checked = 0;
    for (const form of ['01-XLD', '01-KQGQ', '03-KQGQ', '01-TCD']) checked += await expectListsMatchFigures(a, a.leader, form, `${P1}&unitId=${bc1}`);
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});

describe('bad requests', () => {
  it('refuses a backwards period, an unknown form and a blank column with clear messages', async () => {
    const backwards = await a.t.request('GET', `/api/reports/01-XLD?period=CUSTOM&from=${today}&to=${F}`, { cookie: a.leader });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/Kỳ báo cáo/);
    expect(backwards.body.error.messageEn).toMatch(/period/);
    expect((await a.t.request('GET', `/api/reports/99-ABC?${P1}`, { cookie: a.leader })).status).toBe(404);
    const blank = await a.t.request('GET', `/api/reports/01-KQGQ/cells/TIEN/petitions?${P1}`, { cookie: a.leader });
    expect(blank.status).toBe(404);
    expect(blank.body.error.message).toMatch(/chưa ghi nhận/);
  });
});
