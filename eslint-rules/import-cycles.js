// A lint rule for import cycles that counts type-only imports too. import-x/no-cycle leaves out `import type`
// edges (they are erased at build), but a cycle of types still ties two layers together: the type belongs in the
// lower module or in src/shared/. The linted file's imports come from its syntax tree; the other files' imports are
// read with a light scan of their `import … from` / `export … from` lines (relative specifiers name their file with
// its extension in this repository), cached for the run.
import fs from 'node:fs';
import path from 'node:path';

const IMPORT_LINE = /(?:^|\n)[ \t]*(?:(?:import|export)\b[^;'"]*?\sfrom\s*|import\s*)['"](\.{1,2}\/[^'"\n]+)['"]/g;

/** file → { mtimeMs, targets } */
const scanned = new Map();

function resolveTarget(from, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  return /\.(ts|tsx)$/.test(target) && fs.existsSync(target) ? target : null;
}

function importsOf(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const known = scanned.get(file);
  if (known && known.mtimeMs === stat.mtimeMs) return known.targets;
  const source = fs.readFileSync(file, 'utf8');
  const targets = new Set();
  for (const match of source.matchAll(IMPORT_LINE)) {
    const target = resolveTarget(file, match[1]);
    if (target) targets.add(target);
  }
  const result = [...targets];
  scanned.set(file, { mtimeMs: stat.mtimeMs, targets: result });
  return result;
}

/** A path of files from `start` back to `goal` (start first), or null. */
function pathBack(start, goal) {
  const seen = new Set([start]);
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === goal) {
        const chain = [file];
        for (let at = file; previous.has(at); at = previous.get(at)) chain.unshift(previous.get(at));
        return chain;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, file);
      queue.push(next);
    }
  }
  return null;
}

export const importCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles in src/, type-only imports included.' },
    schema: [],
    messages: {
      cycle:
        'Import cycle (type-only imports count): {{chain}}. Move the shared type to the lower module or to src/shared/.',
    },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const target = resolveTarget(file, node.source.value);
      if (!target || target === file) return;
      const chain = pathBack(target, file);
      if (!chain) return;
      const names = [file, ...chain, file].map((f) => path.relative(root, f));
      context.report({ node, messageId: 'cycle', data: { chain: names.join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'import-cycles': importCycles } };
