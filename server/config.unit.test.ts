import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', mqttPort: 1883, logLevel: 'info', databaseUrl: undefined, seedDemo: true });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('names every bad value in one clear message, in Vietnamese and English', () => {
    expect(() => loadConfig({ PORT: 'abc', MQTT_PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(
      /Cấu hình không hợp lệ \/ Invalid configuration: PORT=abc .*MQTT_PORT=70000 .*LOG_LEVEL=loud/
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO=yes/);
  });

  it('never seeds a given database unless asked, and lets MQTT over TCP be switched off', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(loadConfig({ MQTT_PORT: '0' }).mqttPort).toBe(0);
  });
});
