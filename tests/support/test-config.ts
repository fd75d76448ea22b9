/** Server configuration for tests and benchmarks: free ports, quiet logs, no demo seeding. */
import type { Config } from '../../server/config.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
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
