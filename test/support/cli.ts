import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Plugin } from 'esbuild';
import { pruneOlder, sourceDigest } from './source-digest.ts';

/**
 * The `cis` command the tests spawn. bin/cis.js registers tsx and imports the TypeScript
 * sources through its loader hooks: a start costs about 4 s of CPU on the 2-core CI machine
 * (1.4 s as a bundle), and the tests start it some two hundred times. So the process tests run one
 * esbuild bundle of src/shells/cli/main.ts instead — the same sources, built once per state
 * of src/ into .cache/cli/ (packages stay external; each module's import.meta.url stays its
 * own source file's, so the migrations and web/dist resolve as under tsx).
 *
 * The real entry keeps its test: test/cli/serve.test.ts starts the server through
 * `realCisBin`, bin/cis.js. CIS_TEST_CLI=bin makes every process test use bin/cis.js.
 */
export const realCisBin = join(process.cwd(), 'bin', 'cis.js');

const root = process.cwd();
const cacheDir = join(root, '.cache', 'cli');
const entry = join(root, 'src', 'shells', 'cli', 'main.ts');

let built: Promise<string> | undefined;

/** The script to run as `node <script> <args>`: the cached bundle, or bin/cis.js. */
export function cisBin(): Promise<string> {
  if (process.env.CIS_TEST_CLI === 'bin') return Promise.resolve(realCisBin);
  built ??= bundle();
  return built;
}

/** Each module's import.meta.url as its source file's URL, not the bundle's. */
const keepImportMetaUrl: Plugin = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

async function bundle(): Promise<string> {
  const file = join(cacheDir, `cis-${sourceDigest(esbuild.version)}.mjs`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [keepImportMetaUrl],
    logLevel: 'error',
  });
  renameSync(tmp, file); // atomic: test processes in parallel may race to build it
  pruneOlder(cacheDir, /^cis-.*\.mjs$/, file);
  return file;
}
