/**
 * Expected failures are values, not exceptions (style.md §16). A service returns
 * `Result<T, Code>`; `Code` is a string-literal union of stable snake_case codes that the
 * shells map to HTTP statuses and CLI exit codes in one table each.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  readonly detail?: string;
  /** Per-field messages for bad input, keyed by the field's path (`address.zip`). */
  readonly fields?: Readonly<Record<string, string>>;
};
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(
  code: C,
  detail?: string,
  fields?: Readonly<Record<string, string>>,
): Err<C> {
  return {
    ok: false,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(fields === undefined ? {} : { fields }),
  };
}

/** Unwraps a result that cannot fail unless the program is wrong (tests, seed code). */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.code}${result.detail ? `: ${result.detail}` : ''}`);
  }
  return result.value;
}
