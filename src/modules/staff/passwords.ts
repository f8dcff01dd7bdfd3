import { hash, verify } from '@node-rs/argon2';
import { limits } from '../../core/limits.ts';

/**
 * Password hashing with argon2id (the library's default algorithm) at the OWASP baseline
 * parameters: 19 MiB of memory, 2 passes, 1 lane — about 50 ms per hash on the reference
 * 2-core machine, so a login stays quick while an offline guess stays expensive.
 * Parameters are written in the PHC string, so raising them later keeps old hashes valid.
 */
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/**
 * How many argon2 verifications this process has run: lets a test prove that an unknown user
 * costs the same verification as a wrong password, without timing anything.
 */
export const passwordVerifications = { count: 0 };

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordVerifications.count += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash with the same parameters, so that "no such user" takes
 * as long as "wrong password" and the response time does not reveal which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * The password policy, as a pure check: at least `limits.passwordCharsMin` characters (NIST
 * 800-63B favours length over composition rules) and at most `limits.passwordCharsMax`.
 * Returns the message for the `password` field, or undefined when the password is fine.
 * The demo users' password "demo" is deliberately below the policy; they are created by
 * `ensureDemoUsers`, which bypasses this check and is only called in demo mode.
 */
export function passwordPolicyProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < limits.passwordCharsMin) {
    return `must have at least ${limits.passwordCharsMin} characters`;
  }
  if (length > limits.passwordCharsMax) {
    return `must have at most ${limits.passwordCharsMax} characters`;
  }
  if (password.trim().length === 0) return 'must not be only spaces';
  return undefined;
}
