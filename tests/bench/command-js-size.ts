/**
 * Bench line: the wall screen's JavaScript, gzipped (issue 5: under 400 KB). Builds the web app
 * into its own folder unless told which build to read, then sums the gzip sizes of every chunk
 * reachable from /command (scripts/measure-command-js.mjs).
 *
 *   import { commandJsSize } from './command-js-size.ts';
 *   const line = await commandJsSize();   // { gzipBytes, budgetBytes, ok, text }
 *   console.log(line.text);
 *
 * Or alone: `npx tsx tests/bench/command-js-size.ts`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kitDir, measureRouteJs } from '../../scripts/measure-command-js.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CommandJsSize {
  gzipBytes: number;
  rawBytes: number;
  budgetBytes: number;
  files: number;
  ok: boolean;
  text: string;
}

/** `buildDir`: an existing WEB_BUILD_DIR to read; without it the app is built into .builds/bench-command first. */
export async function commandJsSize(options: { buildDir?: string } = {}): Promise<CommandJsSize> {
  const buildDir = options.buildDir ?? '.builds/bench-command';
  if (!options.buildDir) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'web-build.mjs')], { cwd: root, env: { ...process.env, WEB_BUILD_DIR: buildDir }, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('web build failed (node scripts/web-build.mjs)');
  }
  const result = measureRouteJs('/command', kitDir(buildDir));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ok = result.gzipBytes <= result.budgetBytes;
  return {
    gzipBytes: result.gzipBytes,
    rawBytes: result.rawBytes,
    budgetBytes: result.budgetBytes,
    files: result.files.length,
    ok,
    text: `command wall screen JS: ${kb(result.gzipBytes)} gzip over ${result.files.length} files (budget ${kb(result.budgetBytes)}) ${ok ? 'OK' : 'OVER BUDGET'}`
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const line = await commandJsSize({ buildDir: process.env.WEB_BUILD_DIR });
  console.log(line.text);
  if (!line.ok) process.exitCode = 1;
}
