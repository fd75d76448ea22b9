/**
 * Building report data through the real API (issue 6 tests): units, petitions, procedure steps,
 * reception sessions and visits. A step's date can be moved back afterwards (a corrected date:
 * the report facts are derived again from the steps), so data can straddle a period boundary.
 */
import { expect } from 'vitest';
import { addDays, startOfVnDay, type IsoDate } from '../../shared/calendar/index.ts';
import { countedCells, REPORT_FORMS } from '../../shared/reports/forms.ts';
import type { TestApp } from '../support/test-app.ts';

export interface Actors {
  t: TestApp;
  leader: string;
  admin: string;
}

export async function makeUnit(a: Actors, code: string, parentCode = 'VN'): Promise<string> {
  const parent = (await a.t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = $1`, [parentCode])).rows[0]!.id;
  const created = await a.t.request('POST', '/api/units', { cookie: a.admin, body: { parentId: parent, code, name: `Đơn vị báo cáo ${code}`, kind: 'CO_QUAN_KHAC' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

export interface PetitionOptions {
  parties?: number;
  organisation?: boolean;
  receivedAt?: string;
  caseId?: string;
}

export async function petition(a: Actors, unitId: string, type: string, opts: PetitionOptions = {}): Promise<{ id: string; caseId: string; code: string }> {
  const role = type === 'TO_CAO' ? 'NGUOI_TO_CAO' : type === 'KHIEU_NAI' ? 'NGUOI_KHIEU_NAI' : type === 'KIEN_NGHI' ? 'NGUOI_KIEN_NGHI' : 'NGUOI_PHAN_ANH';
  const parties = Array.from({ length: opts.parties ?? 1 }, (_, i) => ({ role, fullName: `Nguyễn Thị Người Gửi ${i + 1}` }));
  const body: Record<string, unknown> = { type, summary: `Đơn thử báo cáo loại ${type}`, unitId, parties: opts.organisation ? [] : parties };
  if (opts.organisation) body.senderKind = 'TO_CHUC';
  if (opts.receivedAt) body.receivedAt = opts.receivedAt;
  if (opts.caseId) body.caseId = opts.caseId;
  const created = await a.t.request('POST', '/api/petitions', { cookie: a.leader, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export async function step(a: Actors, id: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
  const done = await a.t.request('POST', `/api/petitions/${id}/actions/${action}`, { cookie: a.leader, body });
  expect(done.status, `${action}: ${JSON.stringify(done.body)}`).toBe(200);
}

export const classify = (type: string, competence: string, eligible: boolean, complexity?: string) => ({
  classification: { type, field: 'HANH_CHINH', competence, eligible, ...(complexity ? { complexity } : {}) }
});
export const decision = (date: IsoDate, extra: Record<string, unknown> = {}) => ({ decisionNo: `${Math.floor(Math.random() * 900) + 100}/QĐ-TEST`, decisionDate: date, ...extra });

/** Move the given steps of a petition to an instant (as if recorded then); the report facts follow. */
export async function backdate(a: Actors, petitionId: string, actions: string[], at: Date): Promise<void> {
  const { rowCount } = await a.t.database.pool.query(`UPDATE petition_events SET occurred_at = $3 WHERE petition_id = $1 AND action = ANY($2)`, [petitionId, actions, at]);
  expect(rowCount).toBe(actions.length);
}

/** 09:00 in Vietnam on a civil date. */
export const vnAt = (d: IsoDate, hh = 9) => new Date(startOfVnDay(d).getTime() + hh * 3600_000);
export const vnIso = (d: IsoDate, hh = 9) => vnAt(d, hh).toISOString();
export { addDays };

export const customPeriod = (from: IsoDate, to: IsoDate) => `period=CUSTOM&from=${from}&to=${to}`;

/** Every counted cell of every form, per row: the list behind it reconciles with the figure. */
export async function expectListsMatchFigures(a: Actors, cookie: string, formCode: string, query: string): Promise<number> {
  const form = REPORT_FORMS.find((f) => f.code === formCode)!;
  const report = await a.t.request('GET', `/api/reports/${formCode}?${query}`, { cookie });
  expect(report.status, JSON.stringify(report.body)).toBe(200);
  let checked = 0;
  for (const row of report.body.rows as { unitId: string; own: boolean; values: Record<string, number> }[]) {
    for (const cell of countedCells(form)) {
      const list = await a.t.request('GET', `/api/reports/${formCode}/cells/${cell.code}/petitions?${query.replace(/&?unitId=[^&]*/, '')}&unitId=${row.unitId}${row.own ? '&own=true' : ''}&limit=100000`, { cookie });
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const figure = row.values[cell.code];
      const listed = cell.query!.measure === 'PEOPLE' ? list.body.items.reduce((n: number, i: { people: number }) => n + i.people, 0) : list.body.items.length;
      expect(listed, `${formCode} ${cell.code} row ${row.unitId}`).toBe(figure);
      if (cell.query!.measure !== 'PEOPLE') expect(list.body.total, `${formCode} ${cell.code} total`).toBe(figure);
      checked += 1;
    }
  }
  return checked;
}

/** The sums every row of a form must satisfy (shared/reports/forms.ts `identities`). */
export function expectIdentities(formCode: string, values: Record<string, number>): void {
  const form = REPORT_FORMS.find((f) => f.code === formCode)!;
  for (const { total, parts } of form.identities) {
    expect(parts.reduce((n, p) => n + (values[p] ?? 0), 0), `${formCode}: ${total} = ${parts.join(' + ')}`).toBe(values[total]);
  }
}
