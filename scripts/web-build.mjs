/**
 * Builds the SvelteKit app into build/ when it is missing or older than its sources, so
 * `npm start` on a fresh clone needs no separate build step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['web', 'shared', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

export function webBuildIsStale() {
  const output = path.join(path.resolve(root, process.env.WEB_BUILD_DIR ?? 'build'), 'handler.js');
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

export function buildWeb({ force = false } = {}) {
  if (!force && !webBuildIsStale()) return;
  console.log('Đang dựng giao diện web / building the web app (vite build)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit'
  });
  if (result.status !== 0) {
    console.error('Dựng giao diện web thất bại / the web build failed.');
    process.exit(result.status ?? 1);
  }
}

// `node scripts/web-build.mjs` builds now (into WEB_BUILD_DIR when set).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildWeb({ force: true });
