/**
 * A throw-away embedded PostgreSQL for tests and benchmarks: a folder under /tmp, a free port,
 * fsync off (nothing here must survive a power cut), removed again by `stop`.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../server/db/client.ts';
import { ensureDatabase } from '../../server/db/create-database.ts';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createFieldCipher } from '../../server/crypto/field-cipher.ts';
import { seedDemo } from '../../server/modules/seed/demo-seed.ts';
import { TEST_SECRETS } from './test-config.ts';

export interface ThrowawayCluster {
  /** URL of a database on this cluster (default: postgres). */
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dt-test-'));
  await chmod(root, 0o755);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    password: 'test-only-password',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }
  });
  return {
    url: cluster.url,
    stop: async () => {
      await cluster.stop();
      await rm(root, { recursive: true, force: true });
    }
  };
}

/** Create a database with the schema and the demo units and accounts (and `petitions` demo petitions). */
export async function createSeededDatabase(cluster: ThrowawayCluster, name: string, petitions: number): Promise<string> {
  const url = await ensureDatabase(cluster.url('postgres'), name);
  const database = createDatabase(url);
  await migrate(database.pool);
  await seedDemo(database.db, { petitions, cipher: createFieldCipher({ currentKey: TEST_SECRETS.dataKey }) });
  await database.close();
  return url;
}
