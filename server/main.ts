/**
 * `npm start`: one process with everything a province needs on one machine.
 * Start-up order: config → secrets → database (embedded unless DATABASE_URL) → migrations →
 * demo data → broker + relay + HTTP. Shutdown runs the same list backwards.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDatabase } from './db/client.ts';
import { ensureDatabase } from './db/create-database.ts';
import { startEmbeddedPostgres, type EmbeddedPg } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createFieldCipherFromEnv } from './crypto/field-cipher.ts';
import { seedDemo } from './modules/seed/demo-seed.ts';
import { loadSecrets } from './secrets.ts';

const DATABASE_NAME = 'don_thu';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const log = pino({ level: config.logLevel });
  const secrets = await loadSecrets(config.dataDir);

  let embedded: EmbeddedPg | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      password: secrets.pgPassword,
      port: config.embeddedPgPort,
      log: (line) => log.debug({ pg: line })
    });
    databaseUrl = await ensureDatabase(embedded.url('postgres'), DATABASE_NAME);
    log.info({ port: embedded.port, dir: path.join(config.dataDir, 'pg'), ms: Date.now() - started }, 'embedded PostgreSQL started');
  }

  const database = createDatabase(databaseUrl);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'fatal error, shutting down');
    else log.info({ signal }, 'shutting down');
    await app?.close();
    await database.close();
    await embedded?.stop();
    log.info('stopped');
  });

  const applied = await migrate(database.pool, (m) => log.info(m));
  if (applied.length) log.info({ applied }, 'database migrated');
  if (config.seedDemo) {
    const { seeded } = await seedDemo(database.db, { cipher: createFieldCipherFromEnv(secrets.dataKey) });
    if (seeded) log.info('demo data seeded (accounts in README.md)');
  }
  const https = config.tls
    ? { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile), ...(config.tls.caFile ? { ca: await readFile(config.tls.caFile) } : {}) }
    : undefined;
  app = await buildApp({ config, secrets, database, databaseUrl, logger: { level: config.logLevel }, https });
  const url = await app.listen();
  log.info(`Đơn Thư is ready at ${url}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
