import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agencyOptionProblems } from './agency.ts';

const run = promisify(execFile);

describe('civicdesk agency', () => {
  it('names every wrong option', () => {
    const problems = agencyOptionProblems({
      slug: 'Bad Slug',
      name: ' ',
      timezone: 'Mars/Base',
      prefix: 'x',
      adminEmail: 'nope',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      '--slug',
      '--name',
      '--timezone',
      '--prefix',
      '--admin-email',
    ]);
  });

  it('creates a second agency with its own administrator, and refuses the same slug twice', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'civicdesk-cli-'));
    const env = {
      ...process.env,
      CIVICDESK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      CIVICDESK_ADMIN_PASSWORD: 'first admin pw',
    };
    try {
      const args = [
        'bin/civicdesk.js',
        'agency',
        'create',
        '--slug',
        'child-support',
        '--name',
        'Child Support Ombudsperson',
        '--timezone',
        'America/Los_Angeles',
        '--prefix',
        'CSO',
        '--admin-email',
        'omb@example.gov',
      ];
      const created = await run(process.execPath, args, { env });
      expect(created.stdout).toMatch(
        /Agency "child-support" created\. Sign in as omb@example\.gov with the one-time password \S+/,
      );
      const listed = await run(process.execPath, ['bin/civicdesk.js', 'agency', 'list'], { env });
      expect(listed.stdout).toContain('child-support\tChild Support Ombudsperson\tAmerica/Los_Angeles');
      expect(listed.stdout).toContain('main\t');
      await expect(run(process.execPath, args, { env })).rejects.toThrow(/already exists/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
