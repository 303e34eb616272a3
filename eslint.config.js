// Lint rules for the whole repository: TypeScript-aware recommended rules, no type-checked rules (tsc does that),
// plus the layer rules of docs/ARCHITECTURE.md: no import cycles in src/ (type-only imports included), and who may
// import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import civicdesk from './eslint-rules/import-cycles.js';

/** Modules with I/O that pure code (src/domain, src/shared) must not import. */
const IO_MODULES = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'net', 'http', 'https', 'crypto', 'pg', 'kysely'];
const ioPatterns = IO_MODULES.map((name) => ({
  group: [name],
  message: 'Pure code has no I/O; move this to src/server/.',
}));

/**
 * SQL in any form: Kysely's query builder entry points and the sql tag. Outside src/server/repositories/ and
 * src/server/db/ it is an error, except in a report's or read model's own *-queries.ts / *-sql.ts file
 * (docs/decisions/0011-read-models-hold-their-sql.md).
 */
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
    plugins: { 'import-x': importX, civicdesk },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // import-x/no-cycle does not count `import type`; this rule does (eslint-rules/import-cycles.js).
      'civicdesk/import-cycles': 'error',
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
    ],
    rules: { 'no-restricted-syntax': ['error', ...SQL_SYNTAX] },
  },
);
