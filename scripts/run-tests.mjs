#!/usr/bin/env node
// `npm test`: every *.test.ts under src/ and test/ through node's own test runner, with
// every database test on both engines (PGlite and PostgreSQL). PostgreSQL comes from
// TEST_DATABASE_URL or DATABASE_URL, else the local server; if it cannot be reached the
// run fails rather than silently testing one engine (set CIS_TEST_ENGINES=pglite to opt out).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const args = process.argv.slice(2);
const engineArg = args.indexOf('--engine');
if (engineArg >= 0) process.env.CIS_TEST_ENGINES = args[engineArg + 1];
const engines = (process.env.CIS_TEST_ENGINES ?? 'pglite,postgres').split(',');
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--engine');

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const adminUrl =
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
if (engines.includes('postgres')) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (e) {
    console.error(
      `PostgreSQL is not reachable at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}: ${e.message}`,
    );
    console.error('Start it, set TEST_DATABASE_URL, or run with CIS_TEST_ENGINES=pglite.');
    process.exit(2);
  }
}

let files = ['src', 'test'].flatMap((d) => findTests(d)).sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
const concurrency = process.env.CIS_TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit', env: { ...process.env, CIS_TEST_ENGINES: engines.join(',') } },
);
process.exit(result.status ?? 1);
