/**
 * `npm test`: everything the tests need, then all three suites (unit, integration, e2e).
 * - Debian's chromium for the end-to-end tests: installed with apt-get when missing and we are
 *   root; otherwise we stop and say how (never a browser download).
 * - A fresh web build, which the end-to-end tests load from build/.
 * - Vitest; its global set-up starts a throw-away embedded PostgreSQL under /tmp.
 * Extra arguments go to Vitest (e.g. `npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWeb, root } from './web-build.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const wantsE2e = args.length === 0 || args.join(' ').includes('e2e');

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { stdio: 'inherit', ...options }).status ?? 1;
}

if (wantsE2e && !existsSync(chromium)) {
  if (os.userInfo().uid === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`Chưa có chromium; đang cài bằng apt-get / chromium missing; installing it with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env }) !== 0) {
      run('apt-get', ['update', '-q'], { env });
      if (run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env }) !== 0) {
        console.error('Không cài được chromium / could not install chromium with apt-get.');
        process.exit(1);
      }
    }
  } else {
    console.error(
      `Thiếu trình duyệt cho kiểm thử đầu-cuối: ${chromium}.\n` +
        `Missing the browser for end-to-end tests: ${chromium}.\n` +
        'Cài đặt / install it with:  sudo apt-get install chromium   (or set CHROMIUM_PATH)'
    );
    process.exit(1);
  }
}

if (wantsE2e) buildWeb();

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
process.exit(run(process.execPath, [vitest, 'run', ...args], { cwd: root, env: { ...process.env, CHROMIUM_PATH: chromium } }));
