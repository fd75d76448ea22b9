/**
 * Login by TLS client certificate (issue 3, optional when the server runs with TLS_CA): real
 * certificates made with openssl, a real HTTPS server asking for them. A certificate signed by
 * the CA and mapped to an account logs it in (a secure session cookie); a leader still gives an
 * OTP code; an unmapped certificate, one from another CA, or none are refused with a clear message.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';
import { createDatabase, type Database } from '../../server/db/client.ts';
import { TEST_SECRETS, testConfig } from '../support/test-config.ts';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let dir: string;
let t: TestApp;
let app: App;
let database: Database;
let base: string;
let ca: Buffer;
const pem = (name: string) => readFileSync(path.join(dir, name));

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, a server certificate for 127.0.0.1, and client certificates signed by it (and one by a stranger). */
function makeCertificates(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test CA Don Thu');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-ca.key', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=Stranger CA');
  const sign = (name: string, subject: string, signer = 'ca', extra: string[] = []) => {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${signer}.pem`, '-CAkey', `${signer}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', ...extra);
  };
  execFileSync('sh', ['-c', 'printf "subjectAltName=IP:127.0.0.1" > san.ext'], { cwd: dir });
  sign('server', '/CN=127.0.0.1', 'ca', ['-extfile', 'san.ext']);
  sign('officer', '/O=UBND TP Ha Noi/CN=canbo.hn');
  sign('leader', '/O=Trung uong/CN=lanhdao');
  sign('nobody', '/O=UBND TP Ha Noi/CN=khong.gan');
  sign('stranger', '/O=UBND TP Ha Noi/CN=canbo.hn', 'other-ca');
}

function post(pathname: string, client?: string, body: unknown = {}): Promise<{ status: number; body: any; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${base}${pathname}`,
      { method: 'POST', ca, ...(client ? { cert: pem(`${client}.pem`), key: pem(`${client}.key`) } : {}), headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, cookie: [response.headers['set-cookie'] ?? []].flat()[0] }));
      }
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dt-tls-'));
  makeCertificates();
  ca = pem('ca.pem');
  // The database of a normal test app (its schema and demo accounts), served again over HTTPS.
  t = await startTestApp();
  const admin = await t.login('quantri');
  const ids = Object.fromEntries((await t.database.pool.query<{ identifier_code: string; id: string }>(`SELECT identifier_code, id FROM users`)).rows.map((r) => [r.identifier_code, r.id]));
  for (const [code, subject] of [['canbo.hn', 'O=UBND TP Ha Noi,CN=canbo.hn'], ['lanhdao', 'O=Trung uong,CN=lanhdao']] as const) {
    const mapped = await t.request('PATCH', `/api/accounts/${ids[code]}`, { cookie: admin, body: { certificateSubject: subject } });
    expect(mapped.status).toBe(200);
  }
  const url = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  database = createDatabase(url, { max: 4 });
  app = await buildApp({
    config: testConfig({ mqttPort: -1 }),
    secrets: TEST_SECRETS,
    database,
    databaseUrl: url,
    serveWeb: false,
    logger: false,
    https: { cert: pem('server.pem'), key: pem('server.key'), ca }
  });
  base = (await app.listen()).replace('localhost', '127.0.0.1');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/auth/certificate over HTTPS', () => {
  it('logs in the account mapped to a certificate signed by TLS_CA, with a secure session cookie', async () => {
    const { status, body, cookie } = await post('/api/auth/certificate', 'officer');
    expect(status).toBe(200);
    expect(body.identifierCode).toBe('canbo.hn');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('asks a leader for the OTP code all the same', async () => {
    const { status, body } = await post('/api/auth/certificate', 'leader');
    expect(status).toBe(202);
    expect(body.otpRequired).toBe(true);
  });

  it('refuses an unmapped certificate, one from another CA, and no certificate, with a clear message; each attempt is audited', async () => {
    for (const client of ['nobody', 'stranger', undefined]) {
      const { status, body } = await post('/api/auth/certificate', client);
      expect(status, String(client)).toBe(401);
      expect(body.error.code).toBe('auth.certificate_refused');
      expect(body.error.message).toMatch(/Chứng thư số/);
    }
    const { rows } = await t.database.pool.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'auth.login_failed' AND details->>'reason' LIKE 'certificate%'`);
    expect(rows.map((r) => r.reason).sort()).toEqual(['certificate_invalid', 'certificate_invalid', 'certificate_unmapped']);
  });

  it('password login works over the same HTTPS server, without any certificate', async () => {
    const { status, body, cookie } = await post('/api/auth/login', undefined, { identifierCode: 'canbo.hcm', password: DEMO_PASSWORD });
    expect(status).toBe(200);
    expect(body.identifierCode).toBe('canbo.hcm');
    expect(cookie).toMatch(/Secure/i);
  });
});
