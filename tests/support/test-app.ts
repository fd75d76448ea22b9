/**
 * A whole server for one test file: its own database cloned from the template, the real
 * broker (WebSocket on the HTTP port and TCP on a free port), the real outbox relay.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { testConfig } from './test-config.ts';
import { createDatabase, type Database } from '../../server/db/client.ts';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import type { Secrets } from '../../server/secrets.ts';
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
  /** Log in as a demo account; returns the Cookie header value. */
  login: (identifierCode: string, password?: string) => Promise<string>;
  /** fetch against the app with JSON in and out. */
  request: (method: string, path: string, init?: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: any; headers: Headers }>;
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

async function cloneTemplate(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
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

export async function startTestApp(options: { config?: Partial<Config>; serveWeb?: boolean } = {}): Promise<TestApp> {
  const { url: databaseUrl, drop } = await cloneTemplate(inject('pgAdminUrl'));
  const database = createDatabase(databaseUrl, { max: 10 });
  const secrets: Secrets = {
    tokenKey: randomBytes(32).toString('base64url'),
    pgPassword: 'unused',
    dataKey: randomBytes(32).toString('base64')
  };
  const app = await buildApp({ config: testConfig(options.config), secrets, database, databaseUrl, serveWeb: options.serveWeb ?? false, logger: false });
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
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifierCode, password })
      });
      if (response.status !== 200) throw new Error(`login ${identifierCode} failed: ${response.status} ${await response.text()}`);
      const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('dt_session='));
      return setCookie!.split(';')[0]!;
    },
    async count(table) {
      const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(rows[0]!.n);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    }
  };
}
