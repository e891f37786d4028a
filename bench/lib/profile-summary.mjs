// Summarise a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and the
// packages / source folders the time went to. Usage: node bench/lib/profile-summary.mjs FILE [N]
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Where a script URL belongs: an npm package name, `dist/<dir>` of ours, or `node:internal`. */
export function bucketOf(url) {
  if (!url) return '(V8 builtins/native)'
  if (url.startsWith('node:')) return 'node:internal'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const d = url.indexOf('/dist/')
  if (d >= 0) return `dist/${url.slice(d + 6).split('/').slice(0, -1).join('/') || '.'}`
  return url.replace(/^file:\/\//, '')
}

/** A script URL without the machine-specific prefix: from the package name, dist/, or node:. */
export function shortPath(url) {
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length).replace('/dist-cjs/submodules/', '/…/')
  const d = url.indexOf('/dist/')
  if (d >= 0) return url.slice(d + 1)
  return url.replace(/^file:\/\/.*\/bench\//, 'bench/')
}

/**
 * Self time per function and per bucket, in ms, from a parsed profile.
 * @param {{nodes: Array<{id:number, callFrame:{functionName:string,url:string,lineNumber:number}}>, samples:number[], timeDeltas:number[]}} profile
 */
export function summarise(profile, top = 15, { startAt } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const first = startAt ? firstSampleUnder(profile, byId, startAt) : 0
  const inspector = nodesUnder(profile, byId, 'node:inspector')
  const selfUs = new Map()
  for (let i = first; i < profile.samples.length; i++) {
    if (inspector.has(profile.samples[i])) continue // the in-process profiler stopping itself
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const fns = new Map()
  const buckets = new Map()
  let total = 0
  for (const [id, us] of selfUs) {
    const n = byId.get(id)
    const cf = n.callFrame
    if (cf.functionName === '(idle)' || cf.functionName === '(program)') continue
    total += us
    const name = `${cf.functionName || '(anonymous)'} ${cf.url ? `${shortPath(cf.url)}:${cf.lineNumber + 1}` : bucketOf(cf.url)}`
    fns.set(name, (fns.get(name) ?? 0) + us)
    const b = cf.functionName === '(garbage collector)' ? '(gc)' : bucketOf(cf.url)
    buckets.set(b, (buckets.get(b) ?? 0) + us)
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ name: k, ms: Number((us / 1000).toFixed(1)), pct: Number(((100 * us) / total).toFixed(1)) }))
  return { busyMs: Number((total / 1000).toFixed(1)), functions: sorted(fns), buckets: sorted(buckets) }
}

/**
 * Ids of the nodes with a frame from a script URL ending in `suffix` (or matching it, a RegExp)
 * on their stack.
 */
function nodesUnder(profile, byId, suffix) {
  const matches = suffix instanceof RegExp ? (url) => suffix.test(url) : (url) => url.endsWith(suffix)
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const found = new Set()
  for (const n of profile.nodes) {
    for (let cur = n.id; cur !== undefined; cur = parent.get(cur)) {
      if (matches(byId.get(cur).callFrame.url)) {
        found.add(n.id)
        break
      }
    }
  }
  return found
}

/** Index of the first sample whose stack has a frame from a script URL ending in (or matching) `suffix`. */
function firstSampleUnder(profile, byId, suffix) {
  const under = nodesUnder(profile, byId, suffix)
  const i = profile.samples.findIndex((id) => under.has(id))
  return i < 0 ? 0 : i
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node bench/lib/profile-summary.mjs FILE.cpuprofile [TOP]')
    process.exit(2)
  }
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')), Number(process.argv[3] ?? 15))
  console.log(`busy ${s.busyMs} ms`)
  console.log('by package/folder (self time):')
  for (const b of s.buckets) console.log(`  ${String(b.ms).padStart(8)} ms ${String(b.pct).padStart(5)}%  ${b.name}`)
  console.log('by function (self time):')
  for (const f of s.functions) console.log(`  ${String(f.ms).padStart(8)} ms ${String(f.pct).padStart(5)}%  ${f.name}`)
}
