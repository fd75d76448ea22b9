/**
 * Secrets that the operator did not give are generated once into DATA_DIR/secrets.json
 * (mode 0600) and reused at every start; none is ever in the repository.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';

export interface Secrets {
  /** HMAC key for realtime tokens. */
  tokenKey: string;
  /** Password of the embedded PostgreSQL superuser. */
  pgPassword: string;
  /** AES-256-GCM key for personal data (base64, 32 bytes). */
  dataKey: string;
  /** VAPID key pair for web-push (generated once; absent only in tests, which make their own). */
  vapid?: { publicKey: string; privateKey: string };
}

const FIELDS: Record<Exclude<keyof Secrets, 'vapid'>, { env: string; bytes: number }> = {
  tokenKey: { env: 'TOKEN_KEY', bytes: 32 },
  pgPassword: { env: 'EMBEDDED_PG_PASSWORD', bytes: 18 },
  dataKey: { env: 'DATA_KEY', bytes: 32 }
};

export async function loadSecrets(dataDir: string, env: Record<string, string | undefined> = process.env): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let changed = false;
  const result = {} as Secrets;
  for (const [name, spec] of Object.entries(FIELDS) as [Exclude<keyof Secrets, 'vapid'>, { env: string; bytes: number }][]) {
    const fromEnv = env[spec.env];
    if (fromEnv) {
      result[name] = fromEnv;
      continue;
    }
    let value = stored[name];
    if (!value) {
      value = randomBytes(spec.bytes).toString(name === 'pgPassword' ? 'hex' : 'base64');
      stored[name] = value;
      changed = true;
    }
    result[name] = value;
  }
  // Web-push identifies this server to push services with an EC P-256 key pair (VAPID).
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) result.vapid = { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  else {
    if (!stored.vapid) {
      stored.vapid = webpush.generateVAPIDKeys();
      changed = true;
    }
    result.vapid = stored.vapid;
  }
  if (changed) await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return result;
}
