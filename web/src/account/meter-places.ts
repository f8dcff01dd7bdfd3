/**
 * Where each meter is, as its heading says it: nothing when all the account's meters are at
 * one premise (the Services section names it), else the premise's address — or its id when
 * the account no longer lists that premise.
 */
export function meterPlaces(
  meters: readonly { readonly meterNumber: string; readonly premiseId: number }[],
  addresses: ReadonlyMap<number, string>,
): Map<string, string | null> {
  const several = new Set(meters.map((m) => m.premiseId)).size > 1;
  return new Map(
    meters.map((m) => [
      m.meterNumber,
      several ? (addresses.get(m.premiseId) ?? `premise ${m.premiseId}`) : null,
    ]),
  );
}
