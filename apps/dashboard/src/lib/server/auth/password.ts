import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default) with OWASP's minimum profile: 19 MiB, 2 passes, 1 lane
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // a malformed stored hash is a failed login, not a crash
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal which names exist. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches');
  return decoyHash;
}
