/**
 * A whole server for one test file: its own database cloned from the template, the real
 * broker (WebSocket on the HTTP port and TCP on a free port), the real outbox relay.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../server/app.ts';
import { DEFAULT_THROTTLE } from '../../server/modules/auth/login-throttle.ts';
import type { Config } from '../../server/config.ts';
import { TEST_SECRETS, testConfig } from './test-config.ts';
import { demoLogin } from './demo-login.ts';
import { createDatabase, type Database } from '../../server/db/client.ts';
import { ensureDatabase } from '../../server/db/create-database.ts';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import { TEMPLATE_DATABASE } from './global-setup.ts';

export interface TestApp {
  app: App;
  database: Database;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/mqtt */
  mqttWsUrl: string;
  /** mqtt://127.0.0.1:<port> (TCP listener on a free port) */
  mqttTcpUrl: string;
  /** Log in as a demo account (OTP included; the session is reused within the file); returns the Cookie header value. */
  login: (identifierCode: string, password?: string) => Promise<string>;
  /** fetch against the app with JSON in and out. */
  request: (method: string, path: string, init?: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: any; headers: Headers }>;
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

async function cloneTemplate(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = await ensureDatabase(adminUrl, name, { template: TEMPLATE_DATABASE });
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  };
}

export async function startTestApp(options: { config?: Partial<Config>; serveWeb?: boolean; logger?: AppOptions['logger']; lookupRate?: AppOptions['lookupRate']; pushAgent?: AppOptions['pushAgent'] } = {}): Promise<TestApp> {
  const { url: databaseUrl, drop } = await cloneTemplate(inject('pgAdminUrl'));
  const database = createDatabase(databaseUrl, { max: 10 });
  const app = await buildApp({
    config: testConfig(options.config),
    secrets: TEST_SECRETS,
    database,
    databaseUrl,
    serveWeb: options.serveWeb ?? false,
    logger: options.logger ?? false,
    loginThrottle: { ...DEFAULT_THROTTLE, delayBaseMs: 0 },
    lookupRate: options.lookupRate,
    pushAgent: options.pushAgent
  });
  const url = (await app.listen()).replace('localhost', '127.0.0.1');
  const port = new URL(url).port;

  const request: TestApp['request'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.cookie) headers.cookie = init.cookie;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const sessions = new Map<string, string>();
  return {
    app,
    database,
    url,
    mqttWsUrl: `ws://127.0.0.1:${port}/mqtt`,
    get mqttTcpUrl() {
      return `mqtt://127.0.0.1:${app.broker.tcpAddress?.port}`;
    },
    request,
    async login(identifierCode, password = DEMO_PASSWORD) {
      // One session per account and file: leaders' OTP steps are scarce (one per 30 s).
      const cached = sessions.get(identifierCode);
      if (cached && password === DEMO_PASSWORD) return cached;
      const cookie = await demoLogin(url, identifierCode, password);
      if (password === DEMO_PASSWORD) sessions.set(identifierCode, cookie);
      return cookie;
    },
    async count(table) {
      const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(rows[0]!.n);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
      if (path.basename(app.config.dataDir).startsWith('dt-test-data-')) await rm(app.config.dataDir, { recursive: true, force: true });
    }
  };
}
