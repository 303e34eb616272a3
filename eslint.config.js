// Lint rules for the whole repository: TypeScript-aware recommended rules, no type-checked rules (tsc does that),
// plus the layer rules of docs/ARCHITECTURE.md: no import cycles in src/, and who may import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Modules with I/O that pure code (src/domain, src/shared) must not import. */
const IO_MODULES = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'net', 'http', 'https', 'crypto', 'pg', 'kysely'];
const ioPatterns = IO_MODULES.map((name) => ({
  group: [name],
  message: 'Pure code has no I/O; move this to src/server/.',
}));

/**
 * Files outside src/server/repositories/ and src/server/db/ that still hold SQL (query builder or sql``) today.
 * The rule below keeps any NEW file from doing so; each file listed here is debt to move into a repository (a report
 * may keep its SQL in its own *-queries.ts / *-sql.ts file, and so may a read model of src/server/queries/:
 * docs/decisions/0011-read-models-hold-their-sql.md). Remove a line when its file is cleaned up. Left outside
 * commands/: the demo seed, first-run bootstrap, email intake and the bulk imports (their batched statements are
 * counted by the intake and 311 benchmarks, so they move with care); the reports split their SQL into *-queries.ts.
 */
const SQL_OUTSIDE_REPOSITORIES = [
  'src/server/bootstrap.ts',
  'src/server/channels/email/email-ingest.ts',
  'src/server/channels/imports/call-centre.ts',
  'src/server/channels/imports/case-writer.ts',
  'src/server/channels/imports/import-runner.ts',
  'src/server/channels/imports/legacy-cases.ts',
  'src/server/channels/imports/nyc311.ts',
  'src/server/reports/crosstab.ts',
  'src/server/reports/dashboards.ts',
  'src/server/reports/indicator-items.ts',
  'src/server/reports/indicators.ts',
  'src/server/reports/new-issue-alerts.ts',
  'src/server/reports/new-issues.ts',
];

/** SQL in any form: Kysely's query builder entry points and the sql tag. */
const SQL_SYNTAX = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
    message: "SQL lives in src/server/repositories/ (or a report's own queries file); call a repository function.",
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql'], TaggedTemplateExpression[tag.object.name='sql']",
    message: "SQL lives in src/server/repositories/ (or a report's own queries file); call a repository function.",
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/web',
              from: './src',
              except: ['./web', './shared'],
              message: 'The console imports only src/web/ and src/shared/ (move pure code to src/shared/).',
            },
            {
              target: './src/shared',
              from: './src',
              except: ['./shared'],
              message: 'src/shared/ imports only src/shared/: server and console both load it.',
            },
            {
              target: './src/domain',
              from: './src',
              except: ['./domain', './shared'],
              message: 'src/domain/ is pure logic: it imports only src/domain/ and src/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The type-only imports the console still takes from report modules (erased at build: no server code ships).
    // Each is debt: give the report's answer a schema in src/shared/reports.ts and derive the type from it.
    files: [
      'src/web/screens/reports/crosstab-cases-panel.tsx',
      'src/web/screens/reports/indicators-screen.tsx',
      'src/web/screens/reports/indicator-drill-panel.tsx',
      'src/web/screens/reports/monthly-screen.tsx',
      'src/web/screens/reports/crosstab-search.ts',
      'src/web/screens/reports/new-issues-screen.tsx',
      'src/web/screens/reports/dashboard-screen.tsx',
    ],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['src/domain/**/*.ts', 'src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: ioPatterns }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/server/repositories/**',
      'src/server/db/**',
      'src/server/test/**',
      '**/*.test.ts',
      '**/*-queries.ts',
      '**/*-sql.ts',
      ...SQL_OUTSIDE_REPOSITORIES,
    ],
    rules: { 'no-restricted-syntax': ['error', ...SQL_SYNTAX] },
  },
);
