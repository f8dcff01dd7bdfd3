/**
 * Programmer errors crash loudly (style.md §17). An `InvariantViolation` is never turned
 * into a 4xx: the HTTP shell logs it and answers 500; the CLI exits 70 (EX_SOFTWARE).
 */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}

export function assertNever(value: never, message = 'unreachable'): never {
  throw new InvariantViolation(`${message}: ${JSON.stringify(value)}`);
}
