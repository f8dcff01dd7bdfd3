import { assert } from '../../core/assert.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Principal } from '../../shells/http/route-spec.ts';

/** Present on every non-public route: the shell authenticated the caller first. */
export function signedIn(principal: Principal | undefined): Principal {
  assert(principal !== undefined, 'an authenticated route runs with a principal');
  return principal;
}

/** Turns a service result into its JSON shape, passing errors through unchanged. */
export function mapOk<T, U, C extends string>(r: Result<T, C>, f: (v: T) => U): Result<U, C> {
  return r.ok ? ok(f(r.value)) : r;
}
