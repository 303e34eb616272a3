import { defineConfig } from 'vitest/config';

// Vitest's default is one worker fewer than the cores: on a 2-core machine that is one file at a time, with a core
// idle while a test waits on PostgreSQL, SMTP, IMAP or Chromium. Each file has its own database (PGlite, or a schema
// on PostgreSQL), so files run side by side safely: two at a time on PGlite, three on PostgreSQL (the server does
// part of the work in its own processes).
const workers = process.env.TEST_DATABASE_URL ? 3 : 2;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
  },
});
