// ESLint flat config (`npm run lint`, or `npx eslint src test bench`). It carries the rules of
// style.md that a linter can see: size limits (§23: functions ≤ 70 lines, files ≤ 400),
// no `any`, no enums, named exports only, types not interfaces, no classes for domain data,
// no floats in domain code. Formatting (100 columns, quotes, commas) is Prettier's job
// (.prettierrc.json). The module boundaries are also checked, with a report per file, by
// test/architecture.test.ts, which runs in `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals for the few plain JavaScript files (bin/, scripts/, this config). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'fetch'].map((name) => [
    name,
    'readonly',
  ]),
);

/** Syntax style.md rules out everywhere. */
const restrictedSyntax = [
  { selector: 'TSEnumDeclaration', message: 'Use string-literal unions, not enums.' },
  { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
  {
    // Module augmentation (`declare module 'fastify' { interface … }`) needs an interface.
    selector: 'TSInterfaceDeclaration:not(TSModuleBlock > TSInterfaceDeclaration)',
    message: 'Use `type`, not `interface`.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      '.cache/**',
      'web/dist/**',
      'test-results/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { per: _per, ...rest } = fee` drops a field; `_req` marks an unused parameter.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 70, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
      // Other modules may import only a module's public surface (index.ts).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // gitignore-style: any file under a module, except its index.ts.
              group: ['**/modules/*/**', '!**/modules/*/index.ts'],
              message: 'Import another module only through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Inside src/modules, test/architecture.test.ts tells a module's own files from another
    // module's internals, which a path pattern cannot.
    files: ['src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Domain code: money is integer cents (style.md §2), behaviour lives in functions.
    files: ['src/core/**/*.ts', 'src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'parseFloat', message: 'Money is integer cents: use parseDollars (core/money).' },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'toFixed', message: 'No float rounding in domain code: use core/money.' },
        { object: 'Number', property: 'parseFloat', message: 'Money is integer cents.' },
      ],
      'no-restricted-syntax': [
        'error',
        ...restrictedSyntax,
        {
          selector: 'ClassDeclaration:not([superClass.name=/Error$/])',
          message: 'Domain data is plain readonly data; behaviour is in functions.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
