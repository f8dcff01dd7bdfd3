import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

// esbuild is tsx's own compiler (tsx transpiles with it): take the copy tsx uses.
const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
const esbuild = (await import(
  pathToFileURL(fromTsx.resolve('esbuild')).href
)) as typeof import('esbuild');

/**
 * The `cis` command the tests spawn. bin/cis.js registers tsx and imports the TypeScript
 * sources: each start pays about 2 s of loader hooks resolving and loading a few hundred
 * modules, and the tests start it some two hundred times. So the process tests run one
 * esbuild bundle of src/shells/cli/main.ts instead — the same sources, built once per state
 * of src/ into .cache/cli/ (packages stay external; each module's import.meta.url stays its
 * own source file's, so the migrations and web/dist resolve as under tsx).
 *
 * The real entry keeps its own tests: `realCisBin` is bin/cis.js, which test/cli/serve.test.ts
 * and test/cli/entry.test.ts run. CIS_TEST_CLI=bin makes every test use bin/cis.js.
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

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Every non-test source under src/ (more than the bundle reads: a safe cache key). */
function sourceDigest(): string {
  const h = createHash('sha256');
  h.update(esbuild.version);
  for (const f of sourceFiles(join(root, 'src'))) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
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
  const file = join(cacheDir, `cis-${sourceDigest()}.mjs`);
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
  return file;
}
