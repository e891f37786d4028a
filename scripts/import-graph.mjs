#!/usr/bin/env node
// The import graph of src/ (TypeScript, ESM): which module imports which, and its cycles.
// Static `import`/`export ... from`, `import type` and dynamic `import('...')` all count: a
// type-only cycle is still two modules that cannot be understood apart. Test files are left out.
//   node scripts/import-graph.mjs            print the cycles and the edges between top folders
// test/architecture.test.ts checks the layer rules and that no new cycle appears.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Every .ts module under `dir` (relative to the repository, `/`-separated), tests excluded. */
export function modules(dir = join(root, 'src')) {
  const out = []
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(relative(root, p).split('\\').join('/'))
    }
  }
  walk(dir)
  return out
}

// `from '...'` of static imports and re-exports, and `import('...')` with a literal.
const SPECIFIERS = /(?:^|[;\s])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

/** The relative imports of one module, resolved to module paths (`.js` -> `.ts`). */
export function importsOf(file) {
  const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  const out = new Set()
  for (const m of text.matchAll(SPECIFIERS)) {
    const spec = m[1] ?? m[2] ?? m[3]
    if (!spec.startsWith('.')) continue
    const target = relative(root, resolve(root, dirname(file), spec)).split('\\').join('/').replace(/\.js$/, '.ts')
    out.add(target)
  }
  return [...out].sort()
}

/** module -> the modules it imports (only those under src/ that exist as .ts). */
export function importGraph() {
  const all = modules()
  const known = new Set(all)
  return new Map(all.map((f) => [f, importsOf(f).filter((t) => known.has(t))]))
}

/** The strongly connected components with more than one module (Tarjan), each sorted. */
export function cycles(graph) {
  let index = 0
  const stack = []
  const onStack = new Set()
  const idx = new Map()
  const low = new Map()
  const out = []
  const strong = (v) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)))
    }
    if (low.get(v) === idx.get(v)) {
      const scc = []
      let w
      do {
        w = stack.pop()
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) strong(v)
  return out.sort((a, b) => a[0].localeCompare(b[0]))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = importGraph()
  const found = cycles(graph)
  console.log(found.length === 0 ? 'no cycles' : `${found.length} cycle(s):`)
  for (const c of found) console.log(`  ${c.join(' <-> ')}`)
  const folder = (f) => f.split('/').slice(1, f.split('/').length > 3 ? 2 : 2).join('/')
  const edges = new Map()
  for (const [f, ts] of graph) for (const t of ts) if (folder(f) !== folder(t)) edges.set(`${folder(f)} -> ${folder(t)}`, (edges.get(`${folder(f)} -> ${folder(t)}`) ?? 0) + 1)
  console.log('edges between top folders:')
  for (const [e, n] of [...edges].sort()) console.log(`  ${e} (${n})`)
}
