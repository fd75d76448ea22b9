/** Creating a database on a server we hold a superuser connection string for (embedded PostgreSQL, tests). */
import pg from 'pg';

/** Create `name` unless it exists, optionally as a copy of `template`; returns its connection string. */
export async function ensureDatabase(adminUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const template = options.template ? ` TEMPLATE ${client.escapeIdentifier(options.template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template}`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
