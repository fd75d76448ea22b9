/**
 * `npm run audit:verify [-- --database-url <url>]`: walks the audit hash chain and says whether
 * it is intact. Exit code 0 = intact, 1 = broken (the first broken row is named), 2 = could not
 * check (no database, cannot connect, ...).
 *
 * Which database: --database-url, else DATABASE_URL, else the embedded database of DATA_DIR
 * (default ./data): if the server is running, its PostgreSQL (port from DATA_DIR/pg/postmaster.pid,
 * password from DATA_DIR/secrets.json); if not, this command starts that PostgreSQL, verifies
 * and stops it again.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPg } from '../db/embedded.ts';
import { verifyAuditChain } from '../modules/audit/audit.verify.ts';

/** The database main.ts creates on the embedded server. */
const DATABASE_NAME = 'don_thu';
const PG_USER = 'postgres';

const USAGE = `Cách dùng / Usage: npm run audit:verify [-- --database-url postgres://user:pass@host:port/db]
  Không có --database-url: dùng DATABASE_URL, hoặc cơ sở dữ liệu nhúng trong DATA_DIR (mặc định ./data).
  Without --database-url: uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data).`;

class UsageError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (postgres runs as `postgres` under root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function embeddedPassword(dataDir: string): Promise<string> {
  if (process.env.EMBEDDED_PG_PASSWORD) return process.env.EMBEDDED_PG_PASSWORD;
  const file = path.join(dataDir, 'secrets.json');
  let stored: { pgPassword?: unknown };
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as { pgPassword?: unknown };
  } catch (error) {
    throw new UsageError(`không đọc được / cannot read ${file}: ${(error as Error).message}`);
  }
  if (typeof stored.pgPassword !== 'string' || !stored.pgPassword) throw new UsageError(`${file} không có / has no pgPassword`);
  return stored.pgPassword;
}

/** The server's PostgreSQL, when one is running on DATA_DIR/pg: host and port from postmaster.pid. */
async function runningEmbedded(pgDir: string): Promise<{ host: string; port: number } | undefined> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  const listen = (lines[5] ?? '').trim().split(',')[0]?.trim() ?? '';
  const host = !listen || listen === '*' || listen === '0.0.0.0' || listen === '::' ? '127.0.0.1' : listen;
  return { host, port };
}

async function resolveDatabase(cliUrl: string | undefined): Promise<{ url: string; embedded?: EmbeddedPg }> {
  const url = cliUrl ?? process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('địa chỉ phải bắt đầu bằng postgres:// / the URL must start with postgres://');
    return { url };
  }
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  const pgDir = path.join(dataDir, 'pg');
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    throw new UsageError(`không có cơ sở dữ liệu trong / no database in ${pgDir} (chạy máy chủ một lần hoặc dùng --database-url / start the server once or pass --database-url)`);
  }
  const password = await embeddedPassword(dataDir);
  const running = await runningEmbedded(pgDir);
  if (running) {
    return { url: `postgres://${PG_USER}:${encodeURIComponent(password)}@${running.host}:${running.port}/${DATABASE_NAME}` };
  }
  console.error(`Khởi động PostgreSQL nhúng / Starting the embedded PostgreSQL in ${pgDir}…`);
  const embedded = await startEmbeddedPostgres({ dataDir: pgDir, password });
  return { url: embedded.url(DATABASE_NAME), embedded };
}

function masked(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(?)';
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let embedded: EmbeddedPg | undefined;
  let pool: pg.Pool | undefined;
  try {
    const resolved = await resolveDatabase(args['database-url']);
    embedded = resolved.embedded;
    console.error(`Đang kiểm tra / Checking ${masked(resolved.url)}`);
    pool = new pg.Pool({ connectionString: resolved.url, max: 1, application_name: 'don-thu-audit-verify' });
    pool.on('error', () => {});
    const started = Date.now();
    const result = await verifyAuditChain(pool);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`Nhật ký kiểm toán toàn vẹn / Audit log intact: ${result.rows} rows (${seconds} s)`);
      return 0;
    }
    console.log(`Nhật ký bị sửa tại dòng id=${result.firstBrokenId} / Audit log broken at row id=${result.firstBrokenId}: ${result.reason}`);
    return 1;
  } catch (error) {
    const message = error instanceof UsageError ? `${error.message}\n${USAGE}` : (error as Error).message;
    console.error(`Không kiểm tra được nhật ký / Could not verify the audit log: ${message}`);
    return 2;
  } finally {
    await pool?.end().catch(() => {});
    await embedded?.stop();
  }
}

process.exitCode = await main();
