/**
 * Configuration from the environment, validated once at start-up. A bad value stops the
 * server with one message naming every bad key, so an operator fixes them all at once.
 * (STYLE.md lesson 6; never branch on NODE_ENV.)
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  mqttPort: number;
  logLevel: string;
  seedDemo: boolean;
  /** Public origin used in links (receipts, push); defaults to http://HOST:PORT. */
  publicUrl: string;
  /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
  embeddedPgPort: number;
  /** Session lifetime in minutes; idle time-out in minutes. */
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  /** A step is "due soon" this many working days before its last day (issue 4 item 6). */
  dueSoonWorkingDays: number;
  /** How often the deadline watcher looks for steps turning due soon or overdue, in seconds. */
  deadlineWatchSeconds: number;
  /** Day of the month reporting periods start from (TT 01/2024: 15; TT 03/2013: 16; 0: calendar periods). */
  reportCutoffDay: number;
  /** VAPID subject for web-push: a real mailto: or https URL (Apple refuses anything else). */
  pushSubject: string;
  /** HTTPS: the server's certificate and key (PEM files); with a CA, clients may log in by certificate. */
  tls: { certFile: string; keyFile: string; caFile: string | null } | null;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function intIn(env: Env, key: string, fallback: number, min: number, max: number, errors: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`${key}=${raw} (cần số nguyên từ ${min} đến ${max} / expected an integer ${min}..${max})`);
    return fallback;
  }
  return value;
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const errors: string[] = [];
  const port = intIn(env, 'PORT', 3000, 0, 65535, errors);
  const host = env.HOST || '127.0.0.1';
  const mqttPort = intIn(env, 'MQTT_PORT', 1883, 0, 65535, errors);
  const embeddedPgPort = intIn(env, 'EMBEDDED_PG_PORT', 0, 0, 65535, errors);
  const sessionTtlMinutes = intIn(env, 'SESSION_TTL_MINUTES', 12 * 60, 5, 30 * 24 * 60, errors);
  const sessionIdleMinutes = intIn(env, 'SESSION_IDLE_MINUTES', 60, 5, 24 * 60, errors);
  const dueSoonWorkingDays = intIn(env, 'DUE_SOON_WORKING_DAYS', 3, 1, 30, errors);
  const deadlineWatchSeconds = intIn(env, 'DEADLINE_WATCH_SECONDS', 60, 1, 3600, errors);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    errors.push(`LOG_LEVEL=${logLevel} (một trong / one of ${LOG_LEVELS.join(', ')})`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push('DATABASE_URL (phải bắt đầu bằng postgres:// / must start with postgres://)');
  }
  const seedRaw = env.SEED_DEMO;
  if (seedRaw !== undefined && !['0', '1', ''].includes(seedRaw)) {
    errors.push(`SEED_DEMO=${seedRaw} (0 hoặc 1 / 0 or 1)`);
  }
  const publicUrl = env.PUBLIC_URL || `http://${host}:${port}`;
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) errors.push(`PUBLIC_URL=${publicUrl} (cần URL http(s) / expected an http(s) URL)`);
  const reportCutoffDay = intIn(env, 'REPORT_CUTOFF_DAY', 15, 0, 28, errors);
  const pushSubject = env.PUSH_SUBJECT || 'mailto:quantri@donthu.gov.vn';
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(pushSubject)) errors.push(`PUSH_SUBJECT=${pushSubject} (mailto:… hoặc https://… / a mailto: or https URL)`);
  const tlsCert = env.TLS_CERT || undefined;
  const tlsKey = env.TLS_KEY || undefined;
  const tlsCa = env.TLS_CA || undefined;
  if ((tlsCert === undefined) !== (tlsKey === undefined) || (tlsCa && !tlsCert)) {
    errors.push('TLS_CERT, TLS_KEY (cần cả hai; TLS_CA chỉ dùng cùng hai khóa này / both are needed; TLS_CA only with them)');
  }
  if (errors.length > 0) {
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration: ${errors.join('; ')}`);
  }
  return Object.freeze({
    port,
    host,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    mqttPort,
    logLevel,
    // Demo data goes only into the embedded database, unless asked for explicitly.
    seedDemo: seedRaw === '1' || (seedRaw === undefined && !databaseUrl),
    publicUrl: publicUrl.replace(/\/$/, ''),
    embeddedPgPort,
    sessionTtlMinutes,
    sessionIdleMinutes,
    dueSoonWorkingDays,
    deadlineWatchSeconds,
    pushSubject,
    reportCutoffDay,
    tls: tlsCert && tlsKey ? { certFile: path.resolve(tlsCert), keyFile: path.resolve(tlsKey), caFile: tlsCa ? path.resolve(tlsCa) : null } : null
  });
}
