import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The agent desk's download: builds web/ (`npm run build:web`) and sums the gzipped size of
 * every JS and CSS file in web/dist (source maps excluded). Target: ≤ 300 kB gzipped.
 * The rows carry engine "web": the figure does not depend on a database engine.
 */
export type BundleMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: 'web';
};

const root = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
  );
}

export function benchBundle(options: { readonly build: boolean }): BundleMetric[] {
  if (options.build) {
    const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build:web failed:\n${r.stdout}\n${r.stderr}`);
  }
  const dist = join(root, 'web', 'dist');
  let js = 0;
  let css = 0;
  let raw = 0;
  for (const file of files(dist)) {
    const isJs = file.endsWith('.js');
    if (!isJs && !file.endsWith('.css')) continue;
    const bytes = readFileSync(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    if (isJs) js += gz;
    else css += gz;
  }
  const kB = (n: number) => Math.round(n / 100) / 10;
  return [
    { name: 'bundle_gzip_total', value: kB(js + css), unit: 'kB', engine: 'web' },
    { name: 'bundle_gzip_js', value: kB(js), unit: 'kB', engine: 'web' },
    { name: 'bundle_gzip_css', value: kB(css), unit: 'kB', engine: 'web' },
    { name: 'bundle_raw_total', value: kB(raw), unit: 'kB', engine: 'web' },
  ];
}
