/**
 * How much JavaScript the wall screen (/command) downloads, gzipped (issue 5: under 400 KB).
 *
 * Reads the client build of WEB_BUILD_DIR (default build/; SvelteKit's output is in
 * `${WEB_BUILD_DIR}.kit` when WEB_BUILD_DIR is set, else .svelte-kit): the route dictionary names
 * the page's node, and Vite's manifest gives every chunk reachable from the app's entries, the
 * root layout and that node, following static and dynamic imports (a lazily loaded chunk is still
 * sent to the screen). Each file is gzipped at level 9 and the sizes summed.
 *
 *   node scripts/measure-command-js.mjs            prints a line, exits 1 over the budget
 *   node scripts/measure-command-js.mjs --json     prints { route, files, rawBytes, gzipBytes, budgetBytes }
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COMMAND_JS_BUDGET_BYTES = 400 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The build's SvelteKit output folder (generated code, Vite manifest, client files). */
export function kitDir(buildDir = process.env.WEB_BUILD_DIR) {
  return path.resolve(root, buildDir ? `${buildDir}.kit` : '.svelte-kit');
}

/** Sum the gzipped JavaScript a browser loads for `route` (default '/command'). */
export function measureRouteJs(route = '/command', dir = kitDir()) {
  const manifestFile = path.join(dir, 'output', 'client', '.vite', 'manifest.json');
  const appFile = path.join(dir, 'generated', 'client-optimized', 'app.js');
  if (!existsSync(manifestFile) || !existsSync(appFile)) {
    throw new Error(`No client build in ${dir}: run WEB_BUILD_DIR=… node scripts/web-build.mjs first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const app = readFileSync(appFile, 'utf8');
  // "/command": [7] or [7, [..layouts]]: the leaf node first; node 0 is the root layout.
  const match = new RegExp(`"${route.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}":\\s*\\[\\s*(~?\\d+)`).exec(app);
  if (!match) throw new Error(`Route ${route} is not in this build.`);
  const leaf = match[1].replace('~', '');
  const nodeKey = (n) => Object.keys(manifest).find((k) => k.endsWith(`client-optimized/nodes/${n}.js`));
  const starts = [
    ...Object.keys(manifest).filter((k) => manifest[k].isEntry && !k.includes('/nodes/')),
    nodeKey(0),
    nodeKey(leaf)
  ].filter(Boolean);

  const seen = new Set();
  const files = [];
  const visit = (key, followDynamic) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    const chunk = manifest[key];
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const next of chunk.imports ?? []) visit(next, true);
    // The app entry lazily imports every route's node: only this route's are followed.
    if (followDynamic) for (const next of chunk.dynamicImports ?? []) visit(next, true);
  };
  for (const key of starts) visit(key, !key.endsWith('client-optimized/app.js'));

  let rawBytes = 0;
  let gzipBytes = 0;
  const sized = files.map((file) => {
    const body = readFileSync(path.join(dir, 'output', 'client', file));
    const gz = gzipSync(body, { level: 9 }).length;
    rawBytes += body.length;
    gzipBytes += gz;
    return { file, rawBytes: body.length, gzipBytes: gz };
  });
  sized.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { route, files: sized, rawBytes, gzipBytes, budgetBytes: COMMAND_JS_BUDGET_BYTES };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = measureRouteJs();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    for (const f of result.files.slice(0, 8)) console.log(`  ${kb(f.gzipBytes).padStart(9)}  ${f.file}`);
    console.log(
      `JavaScript của ${result.route} / JS of ${result.route}: ${kb(result.gzipBytes)} gzip (${kb(result.rawBytes)} raw, ${result.files.length} files), ` +
        `budget ${kb(result.budgetBytes)}: ${result.gzipBytes <= result.budgetBytes ? 'OK' : 'OVER BUDGET'}`
    );
  }
  if (result.gzipBytes > result.budgetBytes) process.exitCode = 1;
}
