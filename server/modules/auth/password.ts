/**
 * Password hashing with argon2id (@node-rs/argon2: prebuilt binaries, no install script).
 * Parameters: OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 = Algorithm.Argon2id (an ambient const enum, not importable under verbatimModuleSyntax)
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against a real hash when the account does not exist keeps the answer time the
// same, so timing does not reveal which identity codes exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword('không-có-tài-khoản-này');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
