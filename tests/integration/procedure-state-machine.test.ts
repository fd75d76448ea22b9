/**
 * The procedure's one state machine, walked through the real API: for each petition type, every
 * state the type can reach, every action from it. An allowed action moves the petition to the
 * state the definition names; every other action is refused with a 409 that says why (wrong
 * state or wrong type), and the petition does not change. Role refusals (403) are checked apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { PETITION_TYPES, type PetitionType } from '../../shared/petition.ts';
import { ACTION_CODES, ACTIONS, checkAction, nextStatus, type ActionCode } from '../../shared/procedure/state-machine.ts';
import type { PetitionStatus } from '../../shared/procedure/states.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let officer: string;
let officerId: string;
let hanoiId: string;
let hcmcId: string;
let otherCaseId: string;

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login('lanhdao');
  officer = await t.login('canbo.hn');
  officerId = (await t.request('GET', '/api/auth/me', { cookie: officer })).body.id;
  const { rows } = await t.database.pool.query<{ code: string; id: string }>(`SELECT code, id FROM units WHERE code IN ('01', '79')`);
  hanoiId = rows.find((r) => r.code === '01')!.id;
  hcmcId = rows.find((r) => r.code === '79')!.id;
  const other = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: 'Vụ việc có sẵn để gộp đơn trùng vào' } });
  otherCaseId = other.body.caseId;
});
afterAll(async () => t?.close());

/** A body carrying everything the action requires, so a refusal can only come from state or type. */
function bodyFor(code: ActionCode, type: PetitionType): Record<string, unknown> {
  const body: Record<string, unknown> = { note: `Kiểm thử bước ${code}` };
  for (const field of ACTIONS[code].requires) {
    if (field === 'classification') body.classification = { type, field: 'DAT_DAI', competence: 'THUOC_THAM_QUYEN', eligible: true };
    if (field === 'reason') body.reason = 'Lý do ghi rõ cho bước kiểm thử';
    if (field === 'archiveReason') body.archiveReason = 'KHONG_DU_DIEU_KIEN';
    if (field === 'caseId') body.caseId = otherCaseId;
    if (field === 'targetUnitId') body.targetUnitId = hcmcId;
    if (field === 'targetBody') body.targetBody = 'Tòa án nhân dân khu vực 1';
    if (field === 'decision') Object.assign(body, { decisionNo: '12/QĐ-UBND', decisionDate: toVnDate(new Date()) });
    if (field === 'result') body.result = 'DUNG_MOT_PHAN';
    if (field === 'assigneeId') body.assigneeId = officerId;
  }
  // Complex denunciations may be extended once (Luật TC Điều 30): accept them as complex.
  if (code === 'THU_LY' && type === 'TO_CAO') body.complexity = 'PHUC_TAP';
  return body;
}

/** Shortest action path from NHAN_DON to every state a type can reach (breadth-first over the definition). */
function pathsFor(type: PetitionType): Map<PetitionStatus, ActionCode[]> {
  const paths = new Map<PetitionStatus, ActionCode[]>([['NHAN_DON', []]]);
  const queue: PetitionStatus[] = ['NHAN_DON'];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const code of ACTION_CODES) {
      if (checkAction(code, { status: state, type }, 'LEADER') !== null) continue;
      const to = nextStatus(code, state);
      if (!paths.has(to)) {
        paths.set(to, [...paths.get(state)!, code]);
        queue.push(to);
      }
    }
  }
  return paths;
}

async function petitionAt(type: PetitionType, path: ActionCode[]): Promise<string> {
  const created = await t.request('POST', '/api/petitions', { cookie: leader, body: { type, summary: `Đơn kiểm thử quy trình ${type}`, unitId: hanoiId } });
  expect(created.status).toBe(201);
  for (const code of path) {
    const step = await t.request('POST', `/api/petitions/${created.body.id}/actions/${code}`, { cookie: leader, body: bodyFor(code, type) });
    expect(step.status, `${type} ${code}: ${JSON.stringify(step.body)}`).toBe(200);
  }
  return created.body.id;
}

async function statusOf(id: string): Promise<string> {
  const { rows } = await t.database.pool.query<{ status: string }>('SELECT status FROM petitions WHERE id = $1', [id]);
  return rows[0]!.status;
}

describe('the petition state machine, walked through the API', () => {
  for (const type of PETITION_TYPES) {
    it(`${type}: every allowed step moves to its state; every other step is refused with 409`, async () => {
      const paths = pathsFor(type);
      let allowed = 0;
      let refused = 0;
      for (const [state, path] of paths) {
        const parked = await petitionAt(type, path);
        expect(await statusOf(parked)).toBe(state);
        for (const code of ACTION_CODES) {
          const why = checkAction(code, { status: state, type }, 'LEADER');
          if (why === null) {
            const id = await petitionAt(type, path);
            const step = await t.request('POST', `/api/petitions/${id}/actions/${code}`, { cookie: leader, body: bodyFor(code, type) });
            expect(step.status, `${type} ${state} ${code}: ${JSON.stringify(step.body)}`).toBe(200);
            expect(await statusOf(id)).toBe(nextStatus(code, state));
            allowed += 1;
          } else {
            const step = await t.request('POST', `/api/petitions/${parked}/actions/${code}`, { cookie: leader, body: bodyFor(code, type) });
            expect(step.status, `${type} ${state} ${code} should be refused`).toBe(409);
            expect(step.body.error.code).toBe(why === 'WRONG_STATE' ? 'petitions.action_wrong_state' : 'petitions.action_wrong_type');
            expect(step.body.error.message).toMatch(/trạng thái|loại đơn/);
            expect(step.body.error.messageEn).toMatch(/state|type/);
            expect(await statusOf(parked)).toBe(state);
            refused += 1;
          }
        }
      }
      // Every type has a real procedure: several states and both kinds of answer.
      expect(paths.size).toBeGreaterThanOrEqual(5);
      expect(allowed).toBeGreaterThanOrEqual(paths.size - 1);
      expect(refused).toBeGreaterThan(allowed);
    });
  }

  it('a decision only a head may sign is refused to an officer (403) and the petition stays', async () => {
    const id = await petitionAt('KHIEU_NAI', ['PHAN_LOAI', 'DE_XUAT_THU_LY']);
    const step = await t.request('POST', `/api/petitions/${id}/actions/THU_LY`, { cookie: officer, body: bodyFor('THU_LY', 'KHIEU_NAI') });
    expect(step.status).toBe(403);
    expect(step.body.error.code).toBe('petitions.action_wrong_role');
    expect(await statusOf(id)).toBe('DE_XUAT_THU_LY');
    const viewer = await t.login('xem.hn');
    const byViewer = await t.request('POST', `/api/petitions/${id}/actions/RUT_DON`, { cookie: viewer, body: bodyFor('RUT_DON', 'KHIEU_NAI') });
    expect(byViewer.status).toBe(403);
  });

  it('the detail lists exactly the actions the definition allows for the caller’s role', async () => {
    const id = await petitionAt('KHIEU_NAI', ['PHAN_LOAI', 'DE_XUAT_THU_LY']);
    const asOfficer = await t.request('GET', `/api/petitions/${id}`, { cookie: officer });
    const asLeader = await t.request('GET', `/api/petitions/${id}`, { cookie: leader });
    expect(asOfficer.body.allowedActions).toEqual(['RUT_DON']);
    expect(asLeader.body.allowedActions).toEqual(['THU_LY', 'KHONG_THU_LY', 'RUT_DON']);
  });

  it('a step missing what it must record is refused with 400 naming the fields, and nothing is written', async () => {
    const id = await petitionAt('TO_CAO', ['PHAN_LOAI']);
    const events = await t.count('petition_events');
    const step = await t.request('POST', `/api/petitions/${id}/actions/CHUYEN_DON_NGOAI`, { cookie: officer, body: { targetBody: ' ' } });
    expect(step.status).toBe(400);
    expect(step.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['targetBody']);
    expect(await t.count('petition_events')).toBe(events);
    expect(await statusOf(id)).toBe('PHAN_LOAI');
  });

  it('a step on a petition someone else has just moved is refused (409), not applied twice', async () => {
    const id = await petitionAt('KIEN_NGHI', ['PHAN_LOAI']);
    const first = await t.request('POST', `/api/petitions/${id}/actions/GIAO_GIAI_QUYET`, { cookie: officer, body: { expectedStatus: 'PHAN_LOAI' } });
    const second = await t.request('POST', `/api/petitions/${id}/actions/GIAO_GIAI_QUYET`, { cookie: officer, body: { expectedStatus: 'PHAN_LOAI' } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('petitions.stale_status');
  });

  it('a complaint is never transferred (guided instead), and a denunciation only once per case', async () => {
    const complaint = await petitionAt('KHIEU_NAI', ['PHAN_LOAI']);
    const transfer = await t.request('POST', `/api/petitions/${complaint}/actions/CHUYEN_DON_NOI_BO`, { cookie: officer, body: { targetUnitId: hcmcId } });
    expect(transfer.status).toBe(409);
    expect(transfer.body.error.code).toBe('petitions.action_wrong_type');

    const denunciation = await petitionAt('TO_CAO', ['PHAN_LOAI', 'CHUYEN_DON_NOI_BO', 'TRA_LAI_CHUYEN']);
    const again = await t.request('POST', `/api/petitions/${denunciation}/actions/CHUYEN_DON_NGOAI`, { cookie: leader, body: { targetBody: 'Công an tỉnh' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('petitions.transferred_once');
  });

  it('bad input to a step: unknown action, bad id, unknown field, a future document date', async () => {
    const id = await petitionAt('KHIEU_NAI', ['PHAN_LOAI', 'DE_XUAT_THU_LY']);
    expect((await t.request('POST', `/api/petitions/${id}/actions/NHAY_COC`, { cookie: leader, body: {} })).status).toBe(400);
    expect((await t.request('POST', `/api/petitions/not-a-uuid/actions/THU_LY`, { cookie: leader, body: {} })).status).toBe(400);
    const unknown = await t.request('POST', `/api/petitions/${id}/actions/THU_LY`, { cookie: leader, body: { ...bodyFor('THU_LY', 'KHIEU_NAI'), secret: 1 } });
    expect(unknown.status).toBe(400);
    const future = await t.request('POST', `/api/petitions/${id}/actions/THU_LY`, { cookie: leader, body: { decisionNo: '1/QĐ', decisionDate: '2999-01-01' } });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('petitions.decision_in_future');
    expect(await statusOf(id)).toBe('DE_XUAT_THU_LY');
  });

  it('a second-time complaint opens only after the first decision, once, in the same case, with the round-2 limits', async () => {
    const undecided = await petitionAt('KHIEU_NAI', ['PHAN_LOAI', 'DE_XUAT_THU_LY', 'THU_LY']);
    const early = await t.request('POST', `/api/petitions/${undecided}/second-complaint`, { cookie: leader, body: { summary: 'Khiếu nại lần hai quá sớm' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('petitions.second_complaint_not_open');

    const decided = await petitionAt('KHIEU_NAI', ['PHAN_LOAI', 'DE_XUAT_THU_LY', 'THU_LY', 'XAC_MINH', 'KET_LUAN']);
    const first = (await t.request('GET', `/api/petitions/${decided}`, { cookie: leader })).body;
    const second = await t.request('POST', `/api/petitions/${decided}/second-complaint`, { cookie: leader, body: { summary: 'Không đồng ý với quyết định giải quyết lần đầu', unitId: hanoiId } });
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(first.caseId);
    const detail = (await t.request('GET', `/api/petitions/${second.body.id}`, { cookie: leader })).body;
    expect(detail).toMatchObject({ round: 2, type: 'KHIEU_NAI', status: 'NHAN_DON' });
    expect(detail.history[0].action).toBe('KHIEU_NAI_LAN_2');
    const again = await t.request('POST', `/api/petitions/${decided}/second-complaint`, { cookie: leader, body: { summary: 'Gửi lại lần nữa khiếu nại lần hai' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('petitions.second_complaint_exists');
    // Round 2 takes the round-2 limits: acceptance KN_THU_LY_LAN_2, then resolution KN_GIAI_QUYET_LAN_2.
    for (const code of ['PHAN_LOAI', 'DE_XUAT_THU_LY'] as const) await t.request('POST', `/api/petitions/${second.body.id}/actions/${code}`, { cookie: leader, body: bodyFor(code, 'KHIEU_NAI') });
    expect((await t.request('GET', `/api/petitions/${second.body.id}`, { cookie: leader })).body.dueRule).toBe('KN_THU_LY_LAN_2');
    await t.request('POST', `/api/petitions/${second.body.id}/actions/THU_LY`, { cookie: leader, body: bodyFor('THU_LY', 'KHIEU_NAI') });
    expect((await t.request('GET', `/api/petitions/${second.body.id}`, { cookie: leader })).body.dueRule).toBe('KN_GIAI_QUYET_LAN_2');
  });
});
