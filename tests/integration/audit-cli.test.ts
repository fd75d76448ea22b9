/**
 * `npm run audit:verify` without a URL, on an embedded data folder as `npm start` leaves it:
 * it starts PostgreSQL itself when the server is down (and stops it again), and uses the
 * server's PostgreSQL, leaving it running, when the server is up.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { appendAudit } from '../../server/modules/audit/audit.log.ts';
import { runAuditVerifyCli } from '../support/audit-tamper.ts';

const PASSWORD = 'audit-cli-test-password';
let root: string;
let dataDir: string;
let running: EmbeddedPg | undefined;

const start = () => startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), password: PASSWORD, settings: { fsync: 'off' } });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dt-audit-cli-'));
  await chmod(root, 0o755);
  dataDir = path.join(root, 'data');
  const server = await start();
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE don_thu');
  await admin.end();
  const database = createDatabase(server.url('don_thu'));
  await migrate(database.pool);
  for (const n of [1, 2]) await appendAudit(database.db, { actorId: null, actorLabel: 'cli', action: 'test.cli', entityType: 'test', details: { n } });
  await database.close();
  await server.stop();
  await writeFile(path.join(dataDir, 'secrets.json'), JSON.stringify({ pgPassword: PASSWORD }), { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  await running?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('audit-verify on DATA_DIR', () => {
  it('when the server is down, starts the embedded PostgreSQL, verifies and stops it', async () => {
    const cli = await runAuditVerifyCli([], { DATA_DIR: dataDir });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('Nhật ký kiểm toán toàn vẹn / Audit log intact: 2 rows');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('when the server is up, reads its port from postmaster.pid and leaves it running', async () => {
    running = await start();
    const cli = await runAuditVerifyCli([], { DATA_DIR: dataDir });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain(`127.0.0.1:${running.port}/don_thu`);
    expect(cli.stdout).toContain('Audit log intact: 2 rows');
    const client = new pg.Client({ connectionString: running.url('don_thu') });
    await client.connect();
    expect((await client.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(2);
    await client.end();
  }, 60_000);

  it('when there is no database, says so and exits with 2', async () => {
    const cli = await runAuditVerifyCli([], { DATA_DIR: path.join(root, 'empty') });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/no database in/);
  }, 60_000);
});
