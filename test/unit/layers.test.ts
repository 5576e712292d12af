// No import cycle anywhere in src/. A cycle ties modules (and so layers) together whatever the
// lint rule allows, and makes their load order matter. Type-only imports count: they couple the
// modules all the same, and today's type import is tomorrow's value import.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/unit/fixtures/layers');

/** Module -> the modules it imports, as paths relative to the folder the graph was read from. */
type ImportGraph = Map<string, string[]>;

describe('layers: import cycles', () => {
  it('finds a cycle and names it, type-only imports included', () => {
    assert.deepEqual(importCycles(importGraph(path.join(FIXTURES, 'cycle'))), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('sees every form of import, and no cycle where there is none', () => {
    const graph = importGraph(path.join(FIXTURES, 'acyclic'));
    assert.deepEqual(Object.fromEntries(graph), { 'lazy.ts': ['leaf.ts'], 'leaf.ts': [], 'top.ts': ['leaf.ts', 'lazy.ts'] });
    assert.deepEqual(importCycles(graph), []);
  });

  it('src/ has none', () => {
    const cycles = importCycles(importGraph(path.join(ROOT, 'src')));
    assert.deepEqual(cycles, [], `import cycles in src/:\n${cycles.map((cycle) => `  ${cycle.join(' -> ')}`).join('\n')}`);
  });
});

function importGraph(dir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const name = (file: string) => path.relative(dir, file).split(path.sep).join('/');
  for (const file of typeScriptFiles(dir)) {
    const inside = relativeImports(file).filter((target) => !path.relative(dir, target).startsWith('..'));
    graph.set(name(file), [...new Set(inside.map(name))]);
  }
  return graph;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return typeScriptFiles(full);
      return entry.name.endsWith('.ts') ? [full] : [];
    });
}

/** The files a module imports by relative path: import, import type, export from, import(), require. */
function relativeImports(file: string): string[] {
  // TypeScript's own pre-scan: it skips comments and strings, and knows every import form.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolveModule(path.dirname(file), specifier))
    .filter((target): target is string => target !== undefined);
}

/** Where a relative specifier lands, as TypeScript resolves it for CommonJS; undefined for non-TS files. */
function resolveModule(from: string, specifier: string): string | undefined {
  const base = path.resolve(from, specifier);
  return [`${base}.ts`, `${base}.d.ts`, path.join(base, 'index.ts')].find(isFile);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * One cycle per knot of mutually dependent modules (a strongly connected component), starting and
 * ending at its first module by name. Fixing each one named here removes every cycle.
 */
function importCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((component) => component.length > 1 || (graph.get(component[0]) ?? []).includes(component[0]))
    .map((component) => cycleThrough(graph, [...component].sort()))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** Tarjan's algorithm: each module lands in exactly one component. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (module: string) => {
    index.set(module, index.size);
    lowLink.set(module, index.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(module, Math.min(lowLink.get(module)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(module, Math.min(lowLink.get(module)!, index.get(next)!));
      }
    }
    if (lowLink.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    components.push(component);
  };

  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return components;
}

/** The shortest path from the component's first module back to itself, within the component. */
function cycleThrough(graph: ImportGraph, component: string[]): string[] {
  const start = component[0];
  const members = new Set(component);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const module = queue.shift()!;
    for (const next of graph.get(module) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) return [...pathTo(cameFrom, module, start), start];
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, module);
      queue.push(next);
    }
  }
  throw new Error(`no cycle through ${start}, though it is in a component of ${component.length}`);
}

function pathTo(cameFrom: Map<string, string>, end: string, start: string): string[] {
  const route = [end];
  while (route[0] !== start) route.unshift(cameFrom.get(route[0])!);
  return route;
}
