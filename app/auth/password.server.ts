import { hash, verify } from "@node-rs/argon2";

/** argon2id, m=19456 KiB, t=2, p=1 (security.md item 1; OWASP's recommended minimum). */
export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Unknown accounts still cost one hash, so the response time does not tell that the account is unknown. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("gongzhi-dummy-password-for-timing");
  await verifyPassword(await dummy, password);
}
