/**
 * `npm run bench`: every speed and size target, one after the other (never together: they would
 * measure each other), each run to the end even when an earlier one missed its target, then one
 * line per part. Exits 1 if any part missed a target or failed.
 * Extra arguments are not taken: run a part alone with its own command (see README).
 */
import { spawnSync } from 'node:child_process';
import { root } from './web-build.mjs';

const PARTS = [
  ['live fan-out, national scope', ['tests/bench/run.ts', '--scale-petitions', '0']],
  ['live fan-out, 1,000 clients over 34 provinces; lists at 1,000,000 petitions', ['tests/bench/run.ts', '--clients', '1000', '--petitions', '68', '--spread', 'provinces', '--scale-petitions', '1000000']],
  ['wall screen JavaScript (gzip)', ['tests/bench/command-js-size.ts']],
  ['broker stress: 1,000 subscribers, one topic, 50 events/s', ['tests/bench/broker-stress.ts']],
  ['report forms and KPIs over 5,000,000 petitions', ['tests/bench/reports.bench.ts', '--cache']]
];

const results = [];
for (const [name, args] of PARTS) {
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const status = spawnSync('npx', ['tsx', ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
  results.push({ name, status, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\nTóm tắt / summary:');
for (const r of results) console.log(`  ${r.status === 0 ? 'OK  ' : 'MISS'} ${r.name} (${r.seconds} s)`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
