// Fails when the project's modules import each other in a cycle, type-only imports included (a type
// cycle still ties the files' layers together). ESLint's cycle rules skip type imports, so this walks
// the import graph itself: static `import`/`export … from` in .ts and .svelte files under src/,
// worker/ and scripts/, resolving relative paths, `#lib/*` and `$lib/*`. Dynamic import() is left
// out on purpose: it is how a module loads another lazily without depending on it at load time.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIB = path.join(ROOT, 'src/lib');
const SKIP = new Set(['node_modules', 'generated', '.svelte-kit']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith('#lib/') || spec.startsWith('$lib/')) base = path.join(LIB, spec.slice(5));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.svelte`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every cycle, found by a depth-first search that reports each back edge once. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!s) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

const files = ['src', 'worker', 'scripts', 'tests'].flatMap((d) => listFiles(path.join(ROOT, d)));
const graph = new Map<string, string[]>();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const deps = new Set<string>();
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(file, m[1]);
    if (target) deps.add(target);
  }
  graph.set(file, [...deps]);
}

const cycles = findCycles(graph);
const rel = (p: string) => path.relative(ROOT, p);
for (const c of cycles) console.error(`import cycle (${c.length - 1} files): ${c.map(rel).join(' → ')}`);
console.log(`import cycles: ${cycles.length} in ${files.length} files`);
process.exit(cycles.length ? 1 : 0);
