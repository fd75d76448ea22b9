/**
 * Integration tests run against a real PostgreSQL: one embedded cluster per test run, in a
 * throw-away folder under /tmp on a free port, with fsync off (nothing here must survive a
 * power cut). A template database holds the migrated schema and the demo units and accounts;
 * each test file clones it (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../server/db/client.ts';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/modules/seed/demo-seed.ts';

export const TEMPLATE_DATABASE = 'dt_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database. */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dt-test-'));
  await chmod(root, 0o755);
  const password = 'test-only-password';
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    password,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }
  });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const template = createDatabase(cluster.url(TEMPLATE_DATABASE));
  await migrate(template.pool);
  await seedDemo(template.db, { petitions: 40 });
  await template.close();

  project.provide('pgAdminUrl', cluster.url('postgres'));
  return async () => {
    await cluster.stop();
    await rm(root, { recursive: true, force: true });
  };
}
