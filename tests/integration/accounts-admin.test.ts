/**
 * Account administration (issue 3): the administrator creates accounts (which must change their
 * password at first login), resets, disables, unlocks and changes roles, each audited; a user
 * manager manages only its assigned accounts, never creates one and never grants administration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let hanoiId: string;
let hcmcId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('quantri');
  const { rows } = await t.database.pool.query<{ code: string; id: string }>(`SELECT code, id FROM units WHERE code IN ('01', '79')`);
  hanoiId = rows.find((r) => r.code === '01')!.id;
  hcmcId = rows.find((r) => r.code === '79')!.id;
});
afterAll(async () => t?.close());

const login = (identifierCode: string, password: string) => t.request('POST', '/api/auth/login', { body: { identifierCode, password } });
const auditActions = async (accountId: string) =>
  (await t.database.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [accountId])).rows.map((r) => r.action);

describe('the administrator', () => {
  it('creates an account whose first login must change the password; the temporary password is shown once', async () => {
    const created = await t.request('POST', '/api/accounts', { cookie: admin, body: { identifierCode: 'CanBo.Moi', fullName: 'Đinh Thị Mới', role: 'OFFICER', unitId: hanoiId } });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ identifierCode: 'canbo.moi', role: 'OFFICER', unitName: 'Thành phố Hà Nội', mustChangePassword: true, disabled: false });
    const password = created.body.temporaryPassword;
    expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const first = await login('canbo.moi', password);
    expect(first.status).toBe(200);
    expect(first.body.restriction).toBe('CHANGE_PASSWORD');
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.request('GET', '/api/petitions', { cookie })).status).toBe(403);
    expect((await t.request('GET', `/api/accounts/${created.body.account.id}`, { cookie: admin })).body).not.toHaveProperty('temporaryPassword');
    expect(await auditActions(created.body.account.id)).toContain('account.create');
  });

  it('resets a password (old sessions end, the new one must be changed) and unlocks after ten wrong passwords', async () => {
    const { body } = await t.request('POST', '/api/accounts', { cookie: admin, body: { identifierCode: 'canbo.reset', fullName: 'Vũ Văn Đặt', role: 'OFFICER', unitId: hanoiId } });
    const id = body.account.id;
    const session = (await login('canbo.reset', body.temporaryPassword)).headers.get('set-cookie')!.split(';')[0]!;
    const reset = await t.request('POST', `/api/accounts/${id}/reset-password`, { cookie: admin });
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(body.temporaryPassword);
    expect((await t.request('GET', '/api/auth/me', { cookie: session })).status).toBe(401);
    expect((await login('canbo.reset', body.temporaryPassword)).status).toBe(401);

    for (let i = 0; i < 10; i++) await login('canbo.reset', 'sai-mat-khau-' + i);
    const locked = await login('canbo.reset', reset.body.temporaryPassword);
    expect(locked.status).toBe(423);
    expect((await t.request('GET', `/api/accounts/${id}`, { cookie: admin })).body.locked).toBe(true);
    expect((await t.request('POST', `/api/accounts/${id}/unlock`, { cookie: admin })).body).toMatchObject({ locked: false, failedLogins: 0 });
    const after = await login('canbo.reset', reset.body.temporaryPassword);
    expect(after.status).toBe(200);
    expect(after.body.restriction).toBe('CHANGE_PASSWORD');
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['account.create', 'account.reset_password', 'account.unlock']));
  });

  it('disables an account: its sessions end and its login is refused with a clear message', async () => {
    const { body } = await t.request('POST', '/api/accounts', { cookie: admin, body: { identifierCode: 'canbo.khoa', fullName: 'Lý Thị Khóa', role: 'VIEWER', unitId: hanoiId } });
    const session = (await login('canbo.khoa', body.temporaryPassword)).headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.request('POST', `/api/accounts/${body.account.id}/disable`, { cookie: admin })).body.disabled).toBe(true);
    expect((await t.request('GET', '/api/auth/me', { cookie: session })).status).toBe(401);
    const refused = await login('canbo.khoa', body.temporaryPassword);
    expect(refused.status).toBeGreaterThanOrEqual(401);
    expect(refused.body.error.message.length).toBeGreaterThan(10);
    expect((await t.request('POST', `/api/accounts/${body.account.id}/enable`, { cookie: admin })).body.disabled).toBe(false);
  });

  it('changes a role and a unit (a permission change, audited, sessions renewed) but never the identifier code', async () => {
    const { body } = await t.request('POST', '/api/accounts', { cookie: admin, body: { identifierCode: 'canbo.doi', fullName: 'Hồ Văn Đổi', role: 'OFFICER', unitId: hanoiId } });
    const changed = await t.request('PATCH', `/api/accounts/${body.account.id}`, { cookie: admin, body: { role: 'LEADER', unitId: hcmcId } });
    expect(changed.body).toMatchObject({ role: 'LEADER', unitName: 'Thành phố Hồ Chí Minh' });
    const { rows } = await t.database.pool.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'account.role_change'`, [body.account.id]);
    expect(rows[0].details).toMatchObject({ fromRole: 'OFFICER', toRole: 'LEADER', toUnit: '79' });
    const code = await t.request('PATCH', `/api/accounts/${body.account.id}`, { cookie: admin, body: { identifierCode: 'khac' } });
    expect(code.status).toBe(400);
    expect(code.body.error.code).toBe('accounts.immutable_code');
  });

  it('refuses nasty input with clear messages and writes nothing', async () => {
    const before = await t.count('users');
    const cases: [unknown, number][] = [
      [{ identifierCode: 'canbo.hn', fullName: 'Trùng mã', role: 'OFFICER', unitId: hanoiId }, 409],
      [{ identifierCode: 'x', fullName: 'Mã quá ngắn', role: 'OFFICER', unitId: hanoiId }, 400],
      [{ identifierCode: 'co dau cach', fullName: 'Mã có dấu cách', role: 'OFFICER', unitId: hanoiId }, 400],
      [{ identifierCode: 'canbo.vaitro', fullName: 'Vai trò lạ', role: 'SUPERUSER', unitId: hanoiId }, 400],
      [{ identifierCode: 'canbo.donvi', fullName: 'Đơn vị lạ', role: 'OFFICER', unitId: '00000000-0000-4000-8000-000000000000' }, 400],
      [{ identifierCode: 'canbo.ten', fullName: 'A'.repeat(500), role: 'OFFICER', unitId: hanoiId }, 400],
      [{ identifierCode: 'canbo.thua', fullName: 'Trường thừa', role: 'OFFICER', unitId: hanoiId, isAdmin: true }, 400]
    ];
    for (const [body, status] of cases) {
      const reply = await t.request('POST', '/api/accounts', { cookie: admin, body });
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error.message).toBeTruthy();
      expect(reply.body.error.messageEn).toBeTruthy();
    }
    expect(await t.count('users')).toBe(before);
  });

  it('cannot disable or demote the administrator account it is using', async () => {
    const me = (await t.request('GET', '/api/auth/me', { cookie: admin })).body;
    expect((await t.request('POST', `/api/accounts/${me.id}/disable`, { cookie: admin })).status).toBe(409);
    expect((await t.request('PATCH', `/api/accounts/${me.id}`, { cookie: admin, body: { role: 'VIEWER' } })).status).toBe(409);
  });
});

describe('a user manager', () => {
  it('cannot create accounts, and manages only its assigned ones, never granting administration', async () => {
    const managerAccount = (await t.request('GET', '/api/accounts?q=quanly.hn', { cookie: admin })).body.items[0];
    const assigned = (await t.request('GET', `/api/accounts?unitId=${hanoiId}&role=OFFICER&q=canbo.hn`, { cookie: admin })).body.items;
    await t.request('PUT', `/api/accounts/${managerAccount.id}/managed-accounts`, { cookie: admin, body: { accountIds: assigned.map((a: { id: string }) => a.id) } });
    const manager = (await login('quanly.hn', DEMO_PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    const create = await t.request('POST', '/api/accounts', { cookie: manager, body: { identifierCode: 'canbo.lau', fullName: 'Tạo Lậu', role: 'OFFICER', unitId: hanoiId } });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('accounts.create_forbidden');

    const list = await t.request('GET', '/api/accounts', { cookie: manager });
    const codes = list.body.items.map((a: { identifierCode: string }) => a.identifierCode);
    expect(codes).not.toContain('quantri');
    expect(codes).not.toContain('canbo.hcm');
    const officer = list.body.items.find((a: { identifierCode: string }) => a.identifierCode === 'canbo.hn');
    expect(officer).toBeDefined();
    expect((await t.request('PATCH', `/api/accounts/${officer.id}`, { cookie: manager, body: { role: 'ADMIN' } })).status).toBe(403);
    expect((await t.request('PATCH', `/api/accounts/${officer.id}`, { cookie: manager, body: { role: 'USER_MANAGER' } })).status).toBe(403);

    const stranger = (await t.request('GET', '/api/accounts?q=canbo.hcm', { cookie: admin })).body.items[0];
    expect((await t.request('POST', `/api/accounts/${stranger.id}/reset-password`, { cookie: manager })).status).toBe(404);
    expect((await t.request('PUT', `/api/accounts/${stranger.id}/managed-accounts`, { cookie: manager, body: { accountIds: [] } })).status).toBe(403);
  });

  it('the administrator sets a manager’s accounts; a set outside the manager’s unit is refused', async () => {
    const managerAccount = (await t.request('GET', '/api/accounts?q=quanly.hn', { cookie: admin })).body.items[0];
    const hcmcOfficer = (await t.request('GET', '/api/accounts?q=canbo.hcm', { cookie: admin })).body.items[0];
    const refused = await t.request('PUT', `/api/accounts/${managerAccount.id}/managed-accounts`, { cookie: admin, body: { accountIds: [hcmcOfficer.id] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('accounts.managed_outside_unit');
    const hanoiViewer = (await t.request('GET', '/api/accounts?q=xem.hn', { cookie: admin })).body.items[0];
    const set = await t.request('PUT', `/api/accounts/${managerAccount.id}/managed-accounts`, { cookie: admin, body: { accountIds: [hanoiViewer.id] } });
    expect(set.status).toBe(200);
    expect(set.body.managedAccountIds).toEqual([hanoiViewer.id]);
    expect(await auditActions(managerAccount.id)).toContain('account.managed_set');
  });
});
