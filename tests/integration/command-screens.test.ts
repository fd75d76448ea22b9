/**
 * The wall screen's other API (issue 5 items 1–3): pairing a screen with a device token and its
 * sessions, the deadline warning list, the drill-down, the feed, and who is online.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const sessionCookie = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith('dt_session='))?.split(';')[0];

async function pair(cookie: string, screenAccount = 'manhinh.vn', label = 'Phòng chỉ huy tầng 3') {
  return t.request('POST', '/api/command/screens', { cookie, body: { screenAccount, label } });
}

describe('pairing a wall screen', () => {
  it('lets a leader pair the screen account; the token opens a session of that account, with no password', async () => {
    const before = await t.count('command_kiosk_devices');
    const paired = await pair(await t.login('lanhdao'));
    expect(paired.status).toBe(201);
    expect(paired.body.token).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);
    expect(paired.body.pairingPath).toBe(`/command?kiosk=1#pair=${paired.body.token}`);
    expect(paired.body.device).toMatchObject({ label: 'Phòng chỉ huy tầng 3', accountCode: 'manhinh.vn', revokedAt: null });
    expect(await t.count('command_kiosk_devices')).toBe(before + 1);
    // Only the hash is stored.
    const { rows } = await t.database.pool.query(`SELECT token_hash FROM command_kiosk_devices WHERE id = $1`, [paired.body.device.id]);
    expect(Buffer.from(rows[0].token_hash).toString('utf8')).not.toContain(paired.body.token);

    const session = await t.request('POST', '/api/command/screen-session', { body: { token: paired.body.token } });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ fullName: 'Màn hình chỉ huy Trung ương', role: 'VIEWER' });
    const cookie = sessionCookie(session.headers)!;
    const me = await t.request('GET', '/api/auth/me', { cookie });
    expect(me.body.identifierCode).toBe('manhinh.vn');
    expect((await t.request('GET', '/api/command/snapshot', { cookie })).status).toBe(200);

    // The screen account has no password anyone knows: no login prompt can work for it.
    const login = await t.request('POST', '/api/auth/login', { body: { identifierCode: 'manhinh.vn', password: 'DonThu@2026' } });
    expect(login.status).toBe(401);
  });

  it('renews: a new session from the same device ends the previous one', async () => {
    const { body } = await pair(await t.login('lanhdao'), 'manhinh.vn', 'Màn hình sảnh');
    const first = sessionCookie((await t.request('POST', '/api/command/screen-session', { body: { token: body.token } })).headers)!;
    const second = sessionCookie((await t.request('POST', '/api/command/screen-session', { body: { token: body.token } })).headers)!;
    expect((await t.request('GET', '/api/auth/me', { cookie: first })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { cookie: second })).status).toBe(200);
  });

  it('revoking the screen ends its session and refuses its token from then on', async () => {
    const leader = await t.login('lanhdao');
    const { body } = await pair(leader, 'manhinh.vn', 'Màn hình thử thu hồi');
    const cookie = sessionCookie((await t.request('POST', '/api/command/screen-session', { body: { token: body.token } })).headers)!;
    const listed = await t.request('GET', '/api/command/screens', { cookie: leader });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(body.device.id);

    expect((await t.request('DELETE', `/api/command/screens/${body.device.id}`, { cookie: leader })).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { cookie })).status).toBe(401);
    const again = await t.request('POST', '/api/command/screen-session', { body: { token: body.token } });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toMatch(/thu hồi/);
    expect(again.body.error.messageEn).toMatch(/revoked/);
    const audit = await t.database.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [body.device.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['command.screen_pair', 'command.screen_revoke']);
  });

  it('refuses officers, accounts that are not screen (viewer) accounts, accounts elsewhere and bad input, writing nothing', async () => {
    const before = await t.count('command_kiosk_devices');
    const officer = await pair(await t.login('canbo.hn'), 'xem.hn');
    expect(officer.status).toBe(403);

    const leader = await t.login('lanhdao');
    const notViewer = await pair(leader, 'canbo.hn');
    expect(notViewer.status).toBe(400);
    expect(notViewer.body.error.message).toMatch(/Người xem/);
    expect(notViewer.body.error.messageEn).toMatch(/Viewer/);

    const unknown = await pair(leader, 'khong.co.ai');
    expect(unknown.status).toBe(404);

    const badLabel = await t.request('POST', '/api/command/screens', { cookie: leader, body: { screenAccount: 'manhinh.vn', label: 'x' } });
    expect(badLabel.status).toBe(400);
    expect(badLabel.body.error.fields[0].message).toMatch(/Tên màn hình/);
    expect(badLabel.body.error.fields[0].messageEn).toMatch(/Screen name/);

    const badToken = await t.request('POST', '/api/command/screen-session', { body: { token: 'not-a-token' } });
    expect(badToken.status).toBe(400);
    expect(badToken.body.error.fields[0].message).toMatch(/Mã ghép nối màn hình/);
    const unknownToken = await t.request('POST', '/api/command/screen-session', { body: { token: `dtk_${'A'.repeat(43)}` } });
    expect(unknownToken.status).toBe(401);

    expect(await t.count('command_kiosk_devices')).toBe(before);
  });

  it('hides screen accounts outside a leader’s subtree', async () => {
    // A Hà Nội leader (made for this test) cannot pair the national screen account.
    await t.database.pool.query(`INSERT INTO users (identifier_code, full_name, password_hash, role, unit_id, totp_secret_enc, totp_enabled_at)
      SELECT 'lanhdao.hn.cmd', 'Lãnh đạo Hà Nội', password_hash, 'LEADER', (SELECT unit_id FROM users WHERE identifier_code = 'canbo.hn'), totp_secret_enc, totp_enabled_at
        FROM users WHERE identifier_code = 'lanhdao'`);
    // The sealed TOTP seed is bound to the account id, so this leader logs in through a session row instead.
    const { rows } = await t.database.pool.query(`SELECT id FROM users WHERE identifier_code = 'lanhdao.hn.cmd'`);
    const token = 'hn-leader-session-token-for-command-tests';
    await t.database.pool.query(`INSERT INTO sessions (token_hash, user_id, expires_at, mfa_verified) VALUES (sha256($1::bytea), $2, now() + interval '1 hour', true)`, [Buffer.from(token), rows[0].id]);
    const r = await pair(`dt_session=${token}`, 'manhinh.vn');
    expect(r.status).toBe(404);
  });
});

describe('GET /api/command/deadlines', () => {
  it('lists open petitions with a last day, least time left first, with traffic-light states and working days left', async () => {
    await t.database.pool.query(`
      WITH picked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM petitions WHERE closed_at IS NULL AND due_at IS NOT NULL AND unit_path <@ 'VN.01')
      UPDATE petitions p SET deadline_state = CASE WHEN picked.n = 1 THEN 'OVERDUE' WHEN picked.n = 2 THEN 'DUE_SOON' ELSE p.deadline_state END,
             due_at = CASE WHEN picked.n = 1 THEN now() - interval '10 days' ELSE p.due_at END,
             due_date = CASE WHEN picked.n = 1 THEN (now() - interval '10 days')::date ELSE p.due_date END
        FROM picked WHERE picked.id = p.id`);
    const r = await t.request('GET', '/api/command/deadlines?limit=20', { cookie: await t.login('xem.hn') });
    expect(r.status).toBe(200);
    const items = r.body.items as { dueAt: string; state: string; provinceCode: string; workingDaysLeft: number; code: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((i) => i.provinceCode === '01')).toBe(true);
    const dueAts = items.map((i) => i.dueAt);
    expect([...dueAts].sort()).toEqual(dueAts);
    expect(items[0]!.state).toBe('OVERDUE');
    expect(items[0]!.workingDaysLeft).toBeLessThan(0);
    expect(items.some((i) => i.state === 'DUE_SOON')).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/summary|Khiếu nại quyết định/);
  });

  it('explains a bad limit in Vietnamese and English', async () => {
    const r = await t.request('GET', '/api/command/deadlines?limit=5000', { cookie: await t.login('xem.hn') });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].message).toMatch(/Số dòng/);
    expect(r.body.error.fields[0].messageEn).toMatch(/Number of rows/);
  });
});

describe('GET /api/command/drilldown', () => {
  it('ranks the units of a province, and refuses a province outside the scope', async () => {
    const hn = await t.request('GET', '/api/command/drilldown?unit=VN.01', { cookie: await t.login('xem.hn') });
    expect(hn.status).toBe(200);
    expect(hn.body.unitName).toBe('Thành phố Hà Nội');
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM petitions WHERE unit_path <@ 'VN.01' AND closed_at IS NULL`);
    expect(hn.body.items.reduce((n: number, i: { open: number }) => n + i.open, 0)).toBe(rows[0].n);
    expect(hn.body.items.every((i: { unitPath: string }) => i.unitPath === 'VN.01' || i.unitPath.startsWith('VN.01.'))).toBe(true);

    const hcm = await t.request('GET', '/api/command/drilldown?unit=VN.79', { cookie: await t.login('xem.hn') });
    expect(hcm.status).toBe(403);
    expect(hcm.body.error.message).toMatch(/ngoài phạm vi/);
  });
});

describe('GET /api/command/feed', () => {
  it('gives the latest events of the scope only, oldest first', async () => {
    await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hn'), body: { type: 'KIEN_NGHI', summary: 'Kiến nghị cho bảng tin trực tiếp' } });
    await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hcm'), body: { type: 'KIEN_NGHI', summary: 'Kiến nghị ở nơi khác' } });
    await t.app.relay.flush();
    const r = await t.request('GET', '/api/command/feed?limit=10', { cookie: await t.login('xem.hn') });
    expect(r.status).toBe(200);
    expect(r.body.events.length).toBeGreaterThan(0);
    expect(r.body.events.every((e: { unitPath: string }) => e.unitPath.startsWith('VN.01'))).toBe(true);
    const seqs = r.body.events.map((e: { seq: string }) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a: bigint, b: bigint) => (a < b ? -1 : 1)));
  });
});

describe('GET /api/command/presence', () => {
  it('shows a leader the officials with an open live connection in scope, and drops them when they leave', async () => {
    const officerCookie = await t.login('canbo.hn');
    const socket = new WebSocket(t.mqttWsUrl, 'mqtt', { headers: { cookie: officerCookie } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const leader = await t.login('lanhdao');
    const names = async () => ((await t.request('GET', '/api/command/presence', { cookie: leader })).body.online as { fullName: string }[]).map((o) => o.fullName);
    let online: string[] = [];
    for (let i = 0; i < 50 && !online.includes('Lê Văn Cán'); i++) {
      online = await names();
      if (!online.includes('Lê Văn Cán')) await new Promise((r) => setTimeout(r, 20));
    }
    expect(online).toContain('Lê Văn Cán');
    socket.close();
    for (let i = 0; i < 50 && online.includes('Lê Văn Cán'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      online = await names();
    }
    expect(online).not.toContain('Lê Văn Cán');
  });

  it('is for leaders and paired wall screens only', async () => {
    const viewer = await t.request('GET', '/api/command/presence', { cookie: await t.login('xem.hn') });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.message).toMatch(/lãnh đạo/);
    const { body } = await pair(await t.login('lanhdao'), 'manhinh.vn', 'Màn hình xem trực tuyến');
    const screen = sessionCookie((await t.request('POST', '/api/command/screen-session', { body: { token: body.token } })).headers)!;
    expect((await t.request('GET', '/api/command/presence', { cookie: screen })).status).toBe(200);
  });
});
