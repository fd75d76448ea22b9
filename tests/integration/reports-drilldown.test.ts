/**
 * For each figure of each form, the list behind it has exactly that many rows (for "people", the
 * list's people add up to it), and the sums of the form hold on every row: a property over random
 * data sets (fast-check). Each run builds a fresh unit with a unit below it and random petitions
 * walked through random paths of the state machine (transfers down, out of the system and back,
 * acceptances, decisions, withdrawals, suspensions, duplicates), some of their first steps moved
 * before the period, and random reception visits.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { startTestApp } from '../support/test-app.ts';
import { addDays, backdate, classify, customPeriod, decision, expectIdentities, expectListsMatchFigures, makeUnit, petition, step, vnAt, vnIso, type Actors } from './reports-fixtures.ts';

let a: Actors;
const today = toVnDate(new Date());
const F = addDays(today, -10);
const PERIOD = customPeriod(F, today);

type Step = [string, Record<string, unknown>];
const THUOC = (type: string, eligible = true) => classify(type, 'THUOC_THAM_QUYEN', eligible);
const KHONG = (type: string, eligible = true) => classify(type, 'KHONG_THUOC_THAM_QUYEN', eligible);
/** Paths of the state machine per type; `CHILD` is replaced by the unit below, `CASE` by an earlier case. */
const PATHS: Record<string, Step[][]> = {
  KHIEU_NAI: [
    [],
    [['PHAN_LOAI', THUOC('KHIEU_NAI')], ['DE_XUAT_THU_LY', {}]],
    [['PHAN_LOAI', THUOC('KHIEU_NAI')], ['DE_XUAT_THU_LY', {}], ['THU_LY', decision(today)], ['XAC_MINH', {}], ['KET_LUAN', decision(today, { result: 'SAI' })]],
    [['PHAN_LOAI', THUOC('KHIEU_NAI')], ['DE_XUAT_THU_LY', {}], ['THU_LY', decision(addDays(F, -70))], ['RUT_DON', { reason: 'Xin rút đơn' }]],
    [['PHAN_LOAI', KHONG('KHIEU_NAI')], ['HUONG_DAN', { targetBody: 'Tòa án' }]],
    [['GOP_VU_VIEC', { caseId: 'CASE' }]]
  ],
  TO_CAO: [
    [],
    [['PHAN_LOAI', KHONG('TO_CAO')], ['CHUYEN_DON_NOI_BO', { targetUnitId: 'CHILD' }]],
    [['PHAN_LOAI', THUOC('TO_CAO')], ['DE_XUAT_THU_LY', {}], ['THU_LY', decision(today)], ['XAC_MINH', {}], ['TAM_DINH_CHI', { reason: 'Chờ giám định' }]],
    [['PHAN_LOAI', THUOC('TO_CAO')], ['DE_XUAT_THU_LY', {}], ['THU_LY', decision(today)], ['XAC_MINH', {}], ['KET_LUAN', decision(today, { result: 'DUNG_MOT_PHAN' })]],
    [['PHAN_LOAI', KHONG('TO_CAO', false)], ['LUU_DON', { archiveReason: 'KHONG_DU_DIEU_KIEN' }]]
  ],
  PHAN_ANH: [
    [['PHAN_LOAI', KHONG('PHAN_ANH')], ['CHUYEN_DON_NGOAI', { targetBody: 'Công ty cấp nước' }], ['DON_DOC', {}], ['NHAN_PHUC_DAP', {}]],
    [['PHAN_LOAI', THUOC('PHAN_ANH')], ['GIAO_GIAI_QUYET', {}]],
    [['PHAN_LOAI', KHONG('PHAN_ANH')], ['CHUYEN_DON_NOI_BO', { targetUnitId: 'CHILD' }], ['TIEP_NHAN_CHUYEN', {}], ['GIAO_GIAI_QUYET', {}]],
    [['PHAN_LOAI', KHONG('PHAN_ANH')], ['CHUYEN_DON_NOI_BO', { targetUnitId: 'CHILD' }], ['TRA_LAI_CHUYEN', { reason: 'Không thuộc thẩm quyền đơn vị nhận' }]],
    [['RUT_DON', { reason: 'Người gửi rút đơn' }]]
  ]
};

beforeAll(async () => {
  const t = await startTestApp();
  a = { t, leader: await t.login('lanhdao'), admin: await t.login('quantri') };
}, 60_000);
afterAll(async () => a?.t.close());

describe('drill-down = figure, over random data sets', () => {
  it('holds for every cell and row of every form, and the sums of each form hold', async () => {
    let run = 0;
    const spec = fc.record({
      type: fc.constantFrom('KHIEU_NAI', 'TO_CAO', 'PHAN_ANH'),
      signers: fc.integer({ min: 0, max: 3 }),
      before: fc.boolean(),
      path: fc.nat(5),
      // How many of the first steps were taken before the period (only for letters received before it).
      early: fc.nat(4)
    });
    const visitSpec = fc.record({ group: fc.boolean(), repeat: fc.boolean(), before: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 7 }), fc.array(visitSpec, { maxLength: 3 }), async (specs, visits) => {
        run += 1;
        const root = await makeUnit(a, `RND${run}`);
        const child = await makeUnit(a, `RND${run}C`, `RND${run}`);
        const cases: string[] = [];
        for (const s of specs) {
          const received = s.before ? vnIso(addDays(F, -20)) : undefined;
          const p = await petition(a, root, s.type, { parties: s.signers, receivedAt: received });
          const options = PATHS[s.type]!;
          let path = options[s.path % options.length]!;
          if (path.some(([, body]) => body.caseId === 'CASE') && cases.length === 0) path = [];
          const taken: string[] = [];
          for (const [action, body] of path) {
            const resolved = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === 'CHILD' ? child : v === 'CASE' ? cases[0] : v]));
            await step(a, p.id, action, resolved);
            taken.push(action);
          }
          cases.push(p.caseId);
          const early = s.before ? Math.min(s.early, taken.length) : 0;
          if (early > 0) await backdate(a, p.id, taken.slice(0, early), vnAt(addDays(F, -5)));
        }
        for (const [i, v] of visits.entries()) {
          const visitors = Array.from({ length: v.group ? 2 : 1 }, (_, k) => ({ fullName: `Khách ${run}-${i}-${k}` }));
          const r = await a.t.request('POST', '/api/reception/visits', {
            cookie: a.leader,
            body: { unitId: v.group ? root : child, visitors, ...(v.group ? { isGroup: true, groupSize: 7 } : {}), round: v.repeat ? 'NHIEU_LAN' : 'LAN_DAU', summary: 'Trình bày kiến nghị về trật tự xây dựng', classification: 'KIEN_NGHI_PHAN_ANH', outcome: 'TRA_LOI_TRUC_TIEP', ...(v.before ? { visitedAt: vnIso(addDays(F, -3)) } : {}) }
          });
          expect(r.status, JSON.stringify(r.body)).toBe(201);
        }
        const query = `${PERIOD}&unitId=${root}`;
        for (const form of ['01-XLD', '01-KQGQ', '03-KQGQ', '01-TCD']) {
          await expectListsMatchFigures(a, a.leader, form, query);
          const report = await a.t.request('GET', `/api/reports/${form}?${query}`, { cookie: a.leader });
          for (const row of report.body.rows) expectIdentities(form, row.values);
        }
        // Every letter received by the root lands in its total (as carried over or received).
        const xld = await a.t.request('GET', `/api/reports/01-XLD?${query}`, { cookie: a.leader });
        const own = xld.body.rows.find((r: { own: boolean }) => r.own).values;
        const processedBefore = specs.filter((s) => s.before && Math.min(s.early, 99) > 0).length;
        expect(own.TONG).toBeGreaterThanOrEqual(specs.length - processedBefore);
        expect(own.TONG).toBeLessThanOrEqual(specs.length + specs.length);
      }),
      { numRuns: 8 }
    );
  }, 240_000);
});
