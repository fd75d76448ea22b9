/** Server configuration for tests and benchmarks: free ports, quiet logs, no demo seeding. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Secrets } from '../../server/secrets.ts';

/** Fixed keys for throw-away test databases (the template's sealed TOTP seeds use this data key). */
export const TEST_SECRETS: Secrets = {
  tokenKey: Buffer.alloc(32, 1).toString('base64'),
  pgPassword: 'unused',
  dataKey: Buffer.alloc(32, 2).toString('base64')
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Every setting starts from its production default, so a new setting needs no edit here.
  return {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    // Files (attachments, generated reports) go to a fresh folder per app; nothing is kept.
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'dt-test-data-')),
    mqttPort: -1,
    logLevel: 'warn',
    seedDemo: false,
    publicUrl: 'http://127.0.0.1',
    embeddedPgPort: 0,
    sessionTtlMinutes: 12 * 60,
    sessionIdleMinutes: 30,
    ...overrides
  };
}
