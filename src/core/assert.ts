/**
 * Programmer errors crash loudly (style.md §17). An `InvariantViolation` is never turned
 * into a 4xx: the HTTP shell logs it and answers 500; the CLI exits 70 (EX_SOFTWARE).
 */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}

/**
 * `message` is built by the caller before the check: in a hot path with a template message
 * write `if (!condition) fail(\`…\`)` instead, so the string is only made on failure.
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}

/** Throws an `InvariantViolation` (the failing branch of an inline check). */
export function fail(message: string): never {
  throw new InvariantViolation(message);
}

export function assertNever(value: never, message = 'unreachable'): never {
  throw new InvariantViolation(`${message}: ${JSON.stringify(value)}`);
}
