// `npm start` builds the staff console only when it has to: when dist/web has no console yet, or when the console's
// sources (src/web, src/shared — which the console imports — and package-lock.json, its dependencies) are not the
// ones the last build was made from. The last build leaves a stamp in dist/web: a hash of those sources' contents.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where the console is built to, and the stamp the build leaves there. */
export const CONSOLE_OUT_DIR = 'dist/web';
export const BUILD_STAMP = '.build-stamp.json';

/** What the console is built from, relative to the project's root. */
export const CONSOLE_SOURCES = ['src/web', 'src/shared', 'package-lock.json'];

export interface BuildState {
  /** Whether the built console (its index.html) is there. */
  built: boolean;
  /** The source hash the stamp records, or null without a (readable) stamp. */
  stampedHash: string | null;
  /** The hash of the sources as they are now. */
  sourceHash: string;
}

export type BuildDecision = { build: false } | { build: true; reason: string };

/** Whether the console must be built before the server starts, and why (in words for the start-up log). */
export function consoleNeedsBuild(state: BuildState): BuildDecision {
  if (!state.built) return { build: true, reason: 'the staff console has not been built yet' };
  if (state.stampedHash === null) return { build: true, reason: 'the last build of the staff console left no stamp' };
  if (state.stampedHash !== state.sourceHash) {
    return { build: true, reason: "the staff console's sources changed since its last build" };
  }
  return { build: false };
}

/** Every file under the given paths (files or folders), relative to root, sorted. */
function filesUnder(root: string, paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    if (statSync(full).isFile()) {
      files.push(path);
      continue;
    }
    for (const entry of readdirSync(full, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  return files.sort();
}

/** A hash of the names and contents of the console's sources. */
export function consoleSourceHash(root: string, sources = CONSOLE_SOURCES): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(root, sources)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** The console's build state under root: built or not, the stamp's hash and the sources' hash now. */
export function readBuildState(root: string): BuildState {
  const out = join(root, CONSOLE_OUT_DIR);
  let stampedHash: string | null = null;
  try {
    const stamp = JSON.parse(readFileSync(join(out, BUILD_STAMP), 'utf8')) as { sourceHash?: unknown };
    if (typeof stamp.sourceHash === 'string') stampedHash = stamp.sourceHash;
  } catch {
    stampedHash = null;
  }
  return { built: existsSync(join(out, 'index.html')), stampedHash, sourceHash: consoleSourceHash(root) };
}

/** Records that the console in dist/web was built from sources with this hash. */
export function writeBuildStamp(root: string, sourceHash: string): void {
  writeFileSync(
    join(root, CONSOLE_OUT_DIR, BUILD_STAMP),
    `${JSON.stringify({ sourceHash, builtAt: new Date().toISOString() })}\n`,
  );
}
