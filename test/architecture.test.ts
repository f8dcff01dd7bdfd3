import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * Architecture boundaries (ARCHITECTURE.md "Module rules", style.md §5, §2, §23), checked
 * by reading the source: no database, no build. Each rule is a row of `rules`; a failure
 * lists every offending file, so the fix is obvious.
 *
 * `knownExceptions` is a ratchet: an entry lets one existing violation through while it is
 * being fixed, and the test fails when an entry is no longer needed, so the list only
 * shrinks. Add to it only with a reason and an owner.
 */

const root = resolve(import.meta.dirname, '..');
const fileLinesMax = 400;

/** A repository-relative path with forward slashes: `src/modules/ledger/index.ts`. */
type RepoPath = string;
type SourceFile = { readonly path: RepoPath; readonly text: string; readonly imports: RepoPath[] };
type Rule = {
  readonly name: string;
  readonly why: string;
  /** Offences of one file: human-readable lines, empty when it obeys the rule. */
  readonly check: (file: SourceFile) => string[];
};

const knownExceptions: readonly {
  readonly rule: string;
  readonly offence: string;
  readonly reason: string;
}[] = [];

// ---- path helpers --------------------------------------------------------------------

function moduleOf(path: RepoPath): string | undefined {
  const m = /^src\/modules\/([^/]+)\//.exec(path);
  return m?.[1];
}

function isModuleSurface(path: RepoPath): boolean {
  return /^src\/modules\/[^/]+\/index\.ts$/.test(path);
}

function isTest(path: RepoPath): boolean {
  return path.endsWith('.test.ts') || path.startsWith('test/');
}

function under(path: RepoPath, ...folders: string[]): boolean {
  return folders.some((f) => path.startsWith(`${f}/`));
}

/** Shell files a module may import: type-level route declarations and the code table. */
const shellFilesModulesMayImport: readonly RepoPath[] = [
  'src/shells/http/route-spec.ts',
  'src/shells/http/error-codes.ts',
];

// ---- the rules -----------------------------------------------------------------------

function importsMatching(file: SourceFile, bad: (target: RepoPath) => boolean): string[] {
  return file.imports.filter(bad).map((target) => `${file.path} imports ${target}`);
}

/** Strips comments so that a comment explaining a rule does not break it. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export const rules: readonly Rule[] = [
  {
    name: 'a module is imported from outside only through its index.ts',
    why: 'a module owns its tables and internals; its index.ts is its whole public surface',
    check: (file) =>
      importsMatching(file, (target) => {
        const targetModule = moduleOf(target);
        if (targetModule === undefined || isModuleSurface(target)) return false;
        return targetModule !== moduleOf(file.path);
      }),
  },
  {
    name: 'core imports nothing from db, modules, shells or demo',
    why: 'core is money, results, dates and limits: no domain knowledge and no I/O',
    check: (file) =>
      under(file.path, 'src/core')
        ? importsMatching(file, (t) => under(t, 'src/db', 'src/modules', 'src/shells', 'src/demo'))
        : [],
  },
  {
    name: 'db imports nothing from modules, shells or demo',
    why: 'the database layer is infrastructure every module shares',
    check: (file) =>
      under(file.path, 'src/db') && !isTest(file.path)
        ? importsMatching(file, (t) => under(t, 'src/modules', 'src/shells', 'src/demo'))
        : [],
  },
  {
    name: 'modules import from shells only the route spec and the error-code table',
    why:
      'one core, thin shells: modules never depend on HTTP, the CLI, jobs or the demo ' +
      '(a module test may build a demo city as its fixture)',
    check: (file) =>
      under(file.path, 'src/modules')
        ? importsMatching(
            file,
            (t) =>
              (under(t, 'src/shells') && !shellFilesModulesMayImport.includes(t)) ||
              (under(t, 'src/demo') && !isTest(file.path)),
          )
        : [],
  },
  {
    name: `a file has at most ${fileLinesMax} lines`,
    why: 'style.md §23: split a growing file by verb, not into helpers',
    check: (file) => {
      const lines = file.text.endsWith('\n')
        ? file.text.split('\n').length - 1
        : file.text.split('\n').length;
      return lines > fileLinesMax ? [`${file.path} has ${lines} lines`] : [];
    },
  },
  {
    name: 'domain code never uses parseFloat or toFixed',
    why: 'money is integer cents; a float parse or a float rounding in the core loses cents',
    check: (file) => {
      if (!under(file.path, 'src/core', 'src/modules') || isTest(file.path)) return [];
      const code = codeOnly(file.text);
      const floats = [
        { name: 'parseFloat', pattern: /\bparseFloat\b/ },
        { name: 'toFixed', pattern: /\.toFixed\s*\(/ },
      ];
      return floats.filter((f) => f.pattern.test(code)).map((f) => `${file.path} uses ${f.name}`);
    },
  },
];

// ---- reading the tree ----------------------------------------------------------------

function listTypeScript(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTypeScript(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function toRepoPath(absolute: string): RepoPath {
  return relative(root, absolute).split(sep).join('/');
}

/** Reads one file and resolves its relative imports (static, re-exports and `import()`). */
export function readSource(path: RepoPath, text: string): SourceFile {
  const imports = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => toRepoPath(resolve(root, dirname(path), spec)));
  return { path, text, imports };
}

function readTree(): SourceFile[] {
  return ['src', 'test', 'bench']
    .flatMap((d) => {
      try {
        return listTypeScript(join(root, d));
      } catch {
        return []; // a folder that does not exist yet
      }
    })
    .map((abs) => readSource(toRepoPath(abs), readFileSync(abs, 'utf8')));
}

// ---- tests ---------------------------------------------------------------------------

function ruleNamed(name: string): Rule {
  const rule = rules.find((r) => r.name.startsWith(name));
  assert.ok(rule, `no rule named ${name}`);
  return rule;
}

describe('architecture rules recognise offences', () => {
  const cases = [
    {
      rule: 'a module is imported',
      from: 'src/modules/customers/start.ts',
      to: '../ledger/post-entry.ts',
      offends: true,
    },
    {
      rule: 'a module is imported',
      from: 'src/modules/customers/start.ts',
      to: '../ledger/index.ts',
      offends: false,
    },
    {
      rule: 'a module is imported',
      from: 'src/modules/customers/start.ts',
      to: './types.ts',
      offends: false,
    },
    {
      rule: 'a module is imported',
      from: 'src/shells/http/routes.ts',
      to: '../../modules/staff/roles.ts',
      offends: true,
    },
    {
      rule: 'a module is imported',
      from: 'test/scenario.test.ts',
      to: '../src/modules/ledger/x.ts',
      offends: true,
    },
    { rule: 'core imports', from: 'src/core/money.ts', to: '../db/index.ts', offends: true },
    { rule: 'core imports', from: 'src/core/money.ts', to: './assert.ts', offends: false },
    {
      rule: 'db imports',
      from: 'src/db/connect.ts',
      to: '../modules/audit/index.ts',
      offends: true,
    },
    {
      rule: 'modules import',
      from: 'src/modules/ledger/ledger.routes.ts',
      to: '../../shells/http/route-spec.ts',
      offends: false,
    },
    {
      rule: 'modules import',
      from: 'src/modules/ledger/x.ts',
      to: '../../shells/http/error-codes.ts',
      offends: false,
    },
    {
      rule: 'modules import',
      from: 'src/modules/ledger/x.ts',
      to: '../../shells/http/server.ts',
      offends: true,
    },
    {
      rule: 'modules import',
      from: 'src/modules/ledger/x.ts',
      to: '../../shells/cli/main.ts',
      offends: true,
    },
    {
      rule: 'modules import',
      from: 'src/modules/customers/search.ts',
      to: '../../demo/index.ts',
      offends: true,
    },
    {
      rule: 'modules import',
      from: 'src/modules/customers/search.test.ts',
      to: '../../demo/index.ts',
      offends: false,
    },
  ] as const;
  for (const c of cases) {
    it(`${c.from} importing ${c.to} ${c.offends ? 'breaks' : 'keeps'} "${c.rule}…"`, () => {
      const file = readSource(c.from, `import { x } from '${c.to}';\n`);
      assert.equal(ruleNamed(c.rule).check(file).length > 0, c.offends);
    });
  }

  const textCases = [
    {
      name: 'parseFloat in a module',
      path: 'src/modules/rates/x.ts',
      text: 'const a = parseFloat(s);',
      offends: true,
    },
    {
      name: 'toFixed in core',
      path: 'src/core/x.ts',
      text: 'const a = n.toFixed(2);',
      offends: true,
    },
    {
      name: 'toFixed in a shell',
      path: 'src/shells/cli/x.ts',
      text: 'const a = n.toFixed(1);',
      offends: false,
    },
    {
      name: 'parseFloat in a test',
      path: 'src/modules/rates/x.test.ts',
      text: 'parseFloat(s);',
      offends: false,
    },
    {
      name: 'parseFloat named in a comment',
      path: 'src/core/x.ts',
      text: '// never parseFloat\n',
      offends: false,
    },
  ] as const;
  for (const c of textCases) {
    it(`${c.name} ${c.offends ? 'breaks' : 'keeps'} the no-float rule`, () => {
      const file = readSource(c.path, c.text);
      assert.equal(ruleNamed('domain code never').check(file).length > 0, c.offends);
    });
  }

  it(`${fileLinesMax + 1} lines break the size rule and ${fileLinesMax} keep it`, () => {
    const rule = ruleNamed('a file has at most');
    assert.equal(rule.check(readSource('src/x.ts', 'x\n'.repeat(fileLinesMax + 1))).length, 1);
    assert.equal(rule.check(readSource('src/x.ts', 'x\n'.repeat(fileLinesMax))).length, 0);
  });
});

describe('the source tree keeps the architecture rules', () => {
  const tree = readTree();

  it('finds the source files', () => {
    assert.ok(
      tree.some((f) => f.path === 'src/core/money.ts'),
      'src/core/money.ts not found',
    );
  });

  for (const rule of rules) {
    it(rule.name, () => {
      const offences = tree.flatMap((f) => rule.check(f));
      const excused = knownExceptions.filter((e) => e.rule === rule.name).map((e) => e.offence);
      const unexcused = offences.filter((o) => !excused.includes(o));
      const stale = excused.filter((e) => !offences.includes(e));
      const report = [...unexcused, ...stale.map((s) => `stale exception: ${s}`)];
      assert.deepEqual(
        { offences: unexcused, staleExceptions: stale },
        { offences: [], staleExceptions: [] },
        `${rule.name} (${rule.why}):\n  ${report.join('\n  ')}`,
      );
    });
  }
});
