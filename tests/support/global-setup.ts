/**
 * Integration and end-to-end tests run against a real PostgreSQL: one embedded cluster per
 * test run (tests/support/pg-cluster.ts). A template database holds the migrated schema and
 * the demo units and accounts; each test file clones it (CREATE DATABASE ... TEMPLATE), which
 * takes milliseconds.
 */
import type { TestProject } from 'vitest/node';
import { createSeededDatabase, startThrowawayCluster } from './pg-cluster.ts';

export const TEMPLATE_DATABASE = 'dt_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database. */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startThrowawayCluster();
  await createSeededDatabase(cluster, TEMPLATE_DATABASE, 40);
  project.provide('pgAdminUrl', cluster.url('postgres'));
  return () => cluster.stop();
}
