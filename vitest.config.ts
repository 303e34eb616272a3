import { defineConfig } from 'vitest/config';

// Vitest's default is one worker fewer than the cores: on a 2-core machine that is one file at a time, with a core
// idle while a test waits on SMTP, IMAP or Chromium. On PGlite each file has its own in-process database, so two files
// run side by side. On PostgreSQL files stay one at a time: each makes and drops its own schema on the one server,
// and Kysely's migrator reads the catalogue of every schema, which fails when another file drops its schema meanwhile.
const workers = process.env.TEST_DATABASE_URL ? 1 : 2;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
  },
});
