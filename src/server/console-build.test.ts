// `npm start` builds the console only when it has to: never built, no stamp, or sources changed since the stamp.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleNeedsBuild, consoleSourceHash, readBuildState, writeBuildStamp } from './console-build.ts';

describe('consoleNeedsBuild', () => {
  it.each([
    [{ built: false, stampedHash: null, sourceHash: 'a' }, true, 'has not been built yet'],
    [{ built: false, stampedHash: 'a', sourceHash: 'a' }, true, 'has not been built yet'],
    [{ built: true, stampedHash: null, sourceHash: 'a' }, true, 'left no stamp'],
    [{ built: true, stampedHash: 'a', sourceHash: 'b' }, true, 'sources changed'],
    [{ built: true, stampedHash: 'a', sourceHash: 'a' }, false, null],
  ])('%o → build %s', (state, build, reason) => {
    const decision = consoleNeedsBuild(state);
    expect(decision.build).toBe(build);
    if (decision.build) expect(decision.reason).toContain(reason);
  });
});

describe('the build state of a project folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'civicdesk-console-build-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('asks for a build until one is stamped, then only when a source changes', () => {
    write('src/web/main.tsx', 'console');
    write('src/shared/cases.ts', 'shared');
    write('package-lock.json', '{}');
    write('src/server/app.ts', 'server');
    expect(consoleNeedsBuild(readBuildState(root)).build).toBe(true);

    write('dist/web/index.html', '<html></html>');
    expect(consoleNeedsBuild(readBuildState(root))).toMatchObject({ build: true, reason: /no stamp/ });
    writeBuildStamp(root, consoleSourceHash(root));
    expect(consoleNeedsBuild(readBuildState(root))).toEqual({ build: false });

    // The server's own files are not the console's sources.
    write('src/server/app.ts', 'server, changed');
    expect(consoleNeedsBuild(readBuildState(root))).toEqual({ build: false });

    for (const [path, text] of [
      ['src/web/main.tsx', 'console, changed'],
      ['src/shared/new-file.ts', 'new'],
      ['package-lock.json', '{"changed":true}'],
    ] as const) {
      write(path, text);
      expect(consoleNeedsBuild(readBuildState(root)), path).toMatchObject({ build: true, reason: /changed/ });
      writeBuildStamp(root, consoleSourceHash(root));
      expect(consoleNeedsBuild(readBuildState(root))).toEqual({ build: false });
    }
  });
});
