/**
 * `npm run dev`: the API server (with file watching) on API_PORT and Vite's dev server on
 * PORT, which proxies /api and /mqtt to it. Stops both on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './web-build.mjs';

const apiPort = process.env.API_PORT ?? '3001';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort }
  }),
  spawn(bin('vite'), ['dev', '--port', process.env.PORT ?? '3000', '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort }
  })
];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
for (const child of children) child.on('exit', (code) => {
  for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
  process.exitCode = code ?? 0;
});
