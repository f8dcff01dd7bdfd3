import pg from 'pg';

/**
 * One set of type parsers for both engines (stack-notes §2e): int8 becomes a safe-integer
 * `number` (money in cents, ids, counts) and refuses anything larger; `date` stays a
 * "YYYY-MM-DD" string so that no time zone ever shifts a calendar date; numeric stays text.
 */
let installed = false;

export function installTypeParsers(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new Error(`int8 value beyond 2^53: ${text}`);
    return n;
  });
  pg.types.setTypeParser(pg.types.builtins.DATE, (text: string) => text);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text: string) => text);
  // int8[] (1016) → number[]
  const parseArray = pg.types.getTypeParser(1016 as never);
  pg.types.setTypeParser(1016 as never, (text: string) =>
    (parseArray(text) as unknown as string[]).map((s) => (s === null ? s : Number(s))),
  );
  // date[] (1182) stays string[]
  pg.types.setTypeParser(1182 as never, (text: string) =>
    text.replace(/[{}]/g, '').split(',').filter(Boolean),
  );
}
