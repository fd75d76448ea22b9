/**
 * The parent's side of load-clients.ts: fork the clients, wait until they are subscribed, then
 * ask for their result. `const load = await startLoad({ url, accounts, clients, messages })`,
 * publish, `const result = await load.finish(expected)`.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadStart, StressResult } from './load-clients.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Load {
  connectMs: number;
  /** Wait for `expected` deliveries (or `quietMs` without any), then the clients disconnect and report. */
  finish: (expected: number, quietMs?: number) => Promise<StressResult>;
}

export async function startLoad(config: Omit<LoadStart, 'start'>): Promise<Load> {
  // BENCH_CLIENT_NODE_ARGS: extra node flags for the clients' process (e.g. '--cpu-prof').
  const extra = process.env.BENCH_CLIENT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork(path.join(here, 'load-clients.ts'), [], { execArgv: ['--import', 'tsx', ...extra], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: { ready?: boolean; connectMs?: number; result?: StressResult; error?: string }[] = [];
  let exited: number | null = null;
  child.on('message', (m) => inbox.push(m as never));
  child.on('exit', (code) => (exited = code ?? 0));
  const next = async <K extends 'ready' | 'result'>(key: K) => {
    for (;;) {
      const error = inbox.find((m) => m.error);
      if (error) throw new Error(`load clients failed: ${error.error}`);
      const found = inbox.find((m) => m[key] !== undefined);
      if (found) return found;
      if (exited !== null) throw new Error(`load clients exited (${exited}) before '${key}'`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  child.send({ start: true, ...config } satisfies LoadStart);
  const ready = await next('ready');
  return {
    connectMs: ready.connectMs!,
    finish: async (expected, quietMs = 5_000) => {
      child.send({ finish: true, expected, quietMs });
      return (await next('result')).result!;
    }
  };
}
