// The renderer's folder rules (README.md, "Direction inside"): each folder imports only the folders
// listed for it, and no two folders import each other, directly or round a loop. Fails on the import
// that breaks a rule, naming the file.
import { describe, expect, it } from 'vitest';

/** Which renderer folders each folder may import ('.' is main.tsx at the top). */
const allowed: Record<string, string[]> = {
  '.': ['app', 'connection', 'errors', 'navigation', 'stores', 'theme'],
  app: ['components', 'lib', 'navigation', 'stores', 'theme', 'views'],
  views: ['components', 'lib', 'log-rendering', 'navigation', 'stores', 'theme'],
  stores: ['connection', 'lib', 'log-rendering', 'navigation', 'theme'],
  errors: ['stores'],
  components: ['lib'],
  lib: ['navigation'],
  navigation: [],
  theme: [],
  connection: [],
  'log-rendering': [],
};

interface FolderImport {
  file: string;
  from: string;
  to: string;
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The renderer folder a path inside src/renderer/src belongs to ('.' for files at the top). */
function folderOf(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

function resolve(fromFile: string, spec: string): string | null {
  const parts = fromFile.split('/').slice(0, -1);
  for (const segment of spec.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') {
      if (parts.length === 0) return null; // leaves the renderer (src/shared): not a folder rule
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

/** Every import from one renderer folder into another, in the given sources (paths relative to src/renderer/src). */
export function folderImports(sources: Record<string, string>): FolderImport[] {
  const found: FolderImport[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      if (!spec?.startsWith('.')) continue;
      const target = resolve(file, spec);
      if (target === null) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) found.push({ file, from, to });
    }
  }
  return found;
}

/** Imports a rule forbids, as "file: from → to". */
export function brokenRules(imports: FolderImport[], rules: Record<string, string[]>): string[] {
  return imports
    .filter((edge) => !(rules[edge.from] ?? []).includes(edge.to))
    .map((edge) => `${edge.file}: ${edge.from} → ${edge.to}`);
}

/** A loop of folders that import each other, or null. */
export function folderCycle(imports: FolderImport[]): string[] | null {
  const next = new Map<string, Set<string>>();
  for (const edge of imports) {
    if (!next.has(edge.from)) next.set(edge.from, new Set());
    next.get(edge.from)!.add(edge.to);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === 'open') return [...path.slice(path.indexOf(folder)), folder];
    if (state.get(folder) === 'done') return null;
    state.set(folder, 'open');
    path.push(folder);
    for (const to of next.get(folder) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(folder, 'done');
    return null;
  };
  for (const folder of next.keys()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return null;
}

const sources = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  )
    .filter(([path]) => !/\.test\.tsx?$/.test(path))
    .map(([path, text]) => [path.replace(/^\.\//, ''), text]),
);

describe('renderer folders', () => {
  it('import only what their rules allow', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(brokenRules(folderImports(sources), allowed)).toEqual([]);
  });

  it('form no import cycle', () => {
    expect(folderCycle(folderImports(sources))).toBeNull();
  });

  it('every folder has a rule', () => {
    const folders = new Set(Object.keys(sources).map(folderOf));
    expect([...folders].filter((folder) => !(folder in allowed) && folder !== 'styles')).toEqual([]);
  });

  it('catch a deliberate violation and a deliberate cycle', () => {
    const withViolation = {
      ...sources,
      'components/Bad.tsx': "import { useCockpit } from '../stores/store-context.tsx';\n",
      'navigation/loop.ts': "import { x } from '../lib/loop.ts';\n",
    };
    expect(brokenRules(folderImports(withViolation), allowed)).toEqual([
      'components/Bad.tsx: components → stores',
      'navigation/loop.ts: navigation → lib',
    ]);
    const cycle = folderCycle(folderImports(withViolation));
    expect(cycle).toHaveLength(3);
    expect(new Set(cycle)).toEqual(new Set(['lib', 'navigation']));
  });
});
