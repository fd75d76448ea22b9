import { generate } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/modules/seed/demo-seed.ts';
import { nextDemoOtp } from '../support/demo-login.ts';
import { connectLive } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const login = (identifierCode: string, password = DEMO_PASSWORD) => t.request('POST', '/api/auth/login', { body: { identifierCode, password } });
const cookieOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('dt_session='))!.split(';')[0]!;

/** A fresh officer account in Hà Nội, for tests that change its state. */
async function createOfficer(identifierCode: string, options: { mustChangePassword?: boolean; role?: string } = {}): Promise<string> {
  const { rows } = await t.database.pool.query<{ id: string }>(
    `INSERT INTO users (identifier_code, full_name, password_hash, role, unit_id, must_change_password)
     SELECT $1, 'Cán bộ thử nghiệm', password_hash, $3, unit_id, $2 FROM users WHERE identifier_code = 'canbo.hn' RETURNING id`,
    [identifierCode, options.mustChangePassword ?? false, options.role ?? 'OFFICER']
  );
  return rows[0]!.id;
}

describe('first login', () => {
  it('forces a new or reset account to change its password before anything else', async () => {
    await createOfficer('moi.hn', { mustChangePassword: true });
    const first = await login('moi.hn');
    expect(first.status).toBe(200);
    expect(first.body.restriction).toBe('CHANGE_PASSWORD');
    const cookie = cookieOf(first.headers);

    const blocked = await t.request('GET', '/api/petitions', { cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('auth.must_change_password');
    expect(blocked.body.error.message).toMatch(/đổi mật khẩu/);
    expect((await t.request('POST', '/api/realtime/token', { cookie })).status).toBe(403);

    const weak = await t.request('POST', '/api/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword: 'password123' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.map((f: { message: string }) => f.message).join(' ')).toMatch(/phổ biến|bị lộ/);
    const short = await t.request('POST', '/api/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword: 'Ngắn1!' } });
    expect(short.body.error.fields[0].message).toMatch(/ít nhất 10 ký tự/);
    const wrongCurrent = await t.request('POST', '/api/auth/password', { cookie, body: { currentPassword: 'sai', newPassword: 'Hoa sen nở giữa mùa thu 2026' } });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.code).toBe('auth.wrong_current_password');

    const changed = await t.request('POST', '/api/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword: 'Hoa sen nở giữa mùa thu 2026' } });
    expect(changed.status).toBe(204);
    expect((await t.request('GET', '/api/petitions', { cookie })).status).toBe(200);
    expect((await login('moi.hn')).status).toBe(401);
    expect((await login('moi.hn', 'Hoa sen nở giữa mùa thu 2026')).status).toBe(200);
  });

  it('asks a leader without OTP to enrol before anything else', async () => {
    await createOfficer('lanhdao.moi', { role: 'LEADER' });
    const first = await login('lanhdao.moi');
    expect(first.status).toBe(200);
    expect(first.body.restriction).toBe('ENROL_OTP');
    const blocked = await t.request('GET', '/api/petitions', { cookie: cookieOf(first.headers) });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('auth.must_enrol_otp');
  });
});

describe('OTP', () => {
  it('enrols with a QR code, refuses a wrong code, and gives ten backup codes', async () => {
    await createOfficer('otp.hn');
    const cookie = cookieOf((await login('otp.hn')).headers);
    const start = await t.request('POST', '/api/auth/otp/enrol', { cookie });
    expect(start.status).toBe(200);
    expect(start.body.qrSvg).toMatch(/^<svg/);
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const { secret } = start.body;
    const { rows } = await t.database.pool.query<{ enc: Buffer }>(`SELECT totp_secret_enc AS enc FROM users WHERE identifier_code = 'otp.hn'`);
    expect(rows[0]!.enc.toString('latin1')).not.toContain(secret); // sealed, not stored in clear

    const wrong = await t.request('POST', '/api/auth/otp/confirm', { cookie, body: { code: '000000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/không đúng/);
    const confirmed = await t.request('POST', '/api/auth/otp/confirm', { cookie, body: { code: await generate({ secret }) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.backupCodes).toHaveLength(10);
    expect(new Set(confirmed.body.backupCodes).size).toBe(10);

    // From now on the password alone is not enough.
    const next = await login('otp.hn');
    expect(next.status).toBe(202);
    expect(next.body.otpRequired).toBe(true);

    // A backup code works once.
    const backup = confirmed.body.backupCodes[3];
    const withBackup = await t.request('POST', '/api/auth/login/otp', { body: { challenge: next.body.challenge, code: backup } });
    expect(withBackup.status).toBe(200);
    const again = await login('otp.hn');
    const reused = await t.request('POST', '/api/auth/login/otp', { body: { challenge: again.body.challenge, code: backup } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('auth.bad_otp');
  });

  it('refuses a TOTP code replayed within its window', async () => {
    const first = await login('lanhdao');
    expect(first.status).toBe(202);
    const code = await nextDemoOtp('lanhdao');
    const ok = await t.request('POST', '/api/auth/login/otp', { body: { challenge: first.body.challenge, code } });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('LEADER');

    const second = await login('lanhdao');
    const replay = await t.request('POST', '/api/auth/login/otp', { body: { challenge: second.body.challenge, code } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/đã được dùng/);
    // An earlier step is refused too, once a later one has been used.
    const older = await generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(Date.now() / 1000) - 30 });
    const stale = await t.request('POST', '/api/auth/login/otp', { body: { challenge: second.body.challenge, code: older } });
    expect(stale.status).toBe(401);
  });

  it('refuses a forged login step', async () => {
    const forged = await t.request('POST', '/api/auth/login/otp', { body: { challenge: 'x'.repeat(43), code: '123456' } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('auth.challenge_expired');
  });
});

describe('lock-out', () => {
  it('locks an account after ten wrong passwords with a clear message, even for the right one', async () => {
    await createOfficer('khoa.hn');
    for (let i = 1; i <= 9; i++) {
      const wrong = await login('khoa.hn', `sai-mat-khau-${i}`);
      expect(wrong.status).toBe(401);
    }
    const tenth = await login('khoa.hn', 'sai-mat-khau-10');
    expect(tenth.status).toBe(423);
    expect(tenth.body.error.message).toMatch(/Tài khoản tạm khóa đến \d{2}\/\d{2}\/\d{4}/);
    expect(tenth.body.error.messageEn).toMatch(/locked/);
    const right = await login('khoa.hn');
    expect(right.status).toBe(423);
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_label = 'khoa.hn'`);
    expect(rows[0].n).toBe(10);
  });
});

describe('sessions', () => {
  it('lists my sessions, revokes one, and logs out everywhere', async () => {
    await createOfficer('phien.hn');
    const a = cookieOf((await login('phien.hn')).headers);
    const b = cookieOf((await login('phien.hn')).headers);
    const list = await t.request('GET', '/api/auth/sessions', { cookie: a });
    expect(list.body.items).toHaveLength(2);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await t.request('DELETE', `/api/auth/sessions/${other.id}`, { cookie: a })).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { cookie: b })).status).toBe(401);
    const c = cookieOf((await login('phien.hn')).headers);
    const all = await t.request('POST', '/api/auth/logout-all', { cookie: c });
    expect(all.body.revoked).toBe(2);
    expect((await t.request('GET', '/api/auth/me', { cookie: a })).status).toBe(401);
    expect((await t.request('DELETE', `/api/auth/sessions/00000000-0000-4000-8000-000000000000`, { cookie: cookieOf((await login('phien.hn')).headers) })).status).toBe(404);
  });
});

describe('scope', () => {
  it('gives the administrator 403 on every petition route and no petition topic', async () => {
    const admin = await t.login('quantri');
    const petitionRoutes = t.app.routes.filter((r) => r.url.startsWith('/api/petitions') && r.method !== 'HEAD');
    expect(petitionRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of petitionRoutes) {
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const body = route.method === 'GET' ? undefined : { type: 'KHIEU_NAI', summary: 'Quản trị thử tạo đơn thư' };
      const { status } = await t.request(route.method, url, { cookie: admin, body });
      expect(status, `${route.method} ${route.url}`).toBe(403);
    }
    expect((await t.request('GET', '/api/events?after=0', { cookie: admin })).body.events ?? []).toEqual([]);
    const token = await t.request('POST', '/api/realtime/token', { cookie: admin });
    expect(token.body.subscriptions.every((topic: string) => !topic.startsWith('dt/u/'))).toBe(true);
    const live = await connectLive(t, admin);
    try {
      const refused = await live.client.subscribeAsync('dt/u/VN/#', { qos: 1 }).then(() => undefined, (e: Error) => e);
      expect(refused?.message).toMatch(/Subscribe error/);
    } finally {
      await live.end();
    }
  });

  it('hides another province’s petitions from an officer even in a direct SQL query (row-level security)', async () => {
    const client = new pg.Client({ connectionString: (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('dt.scope', '{VN.01}', true)`);
      await client.query('SET LOCAL ROLE dt_scoped');
      const all = await client.query<{ path: string; n: number }>(`SELECT subpath(unit_path, 0, 2)::text AS path, count(*)::int AS n FROM petitions GROUP BY 1`);
      expect(all.rows.length).toBeGreaterThan(0);
      expect(all.rows.every((r) => r.path === 'VN.01')).toBe(true);
      const hcm = await client.query(`SELECT count(*)::int AS n FROM petitions WHERE unit_path <@ 'VN.79'`);
      expect(hcm.rows[0].n).toBe(0);
      await expect(client.query(`UPDATE petitions SET summary = 'sửa trộm' WHERE unit_path <@ 'VN.79' RETURNING id`)).resolves.toMatchObject({ rowCount: 0 });
      await client.query('ROLLBACK');
      // The same query without the scope role sees Hồ Chí Minh City's rows: the wall is RLS, not the query.
      const superuser = await client.query(`SELECT count(*)::int AS n FROM petitions WHERE unit_path <@ 'VN.79'`);
      expect(superuser.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('gives a user manager the union of its accounts’ data, and no right to create accounts', async () => {
    const manager = await t.login('quanly.hn');
    const none = await t.request('GET', '/api/petitions?limit=100', { cookie: manager });
    expect(none.status).toBe(403); // manages nobody yet: no data rights at all
    await t.database.pool.query(`INSERT INTO user_manager_accounts (manager_id, account_id)
      SELECT m.id, a.id FROM users m, users a WHERE m.identifier_code = 'quanly.hn' AND a.identifier_code IN ('canbo.hn', 'canbo.hcm')`);
    const managerAgain = cookieOf((await login('quanly.hn')).headers);
    const union = await t.request('GET', '/api/petitions?limit=100', { cookie: managerAgain });
    const provinces = new Set(union.body.items.map((p: { code: string }) => p.code.slice(0, 2)));
    expect([...provinces].sort()).toEqual(['01', '79']);
    const created = await t.request('POST', '/api/petitions', { cookie: managerAgain, body: { type: 'KHIEU_NAI', summary: 'Người quản lý thử tạo đơn' } });
    expect(created.status).toBe(403);
  });
});
