// Module-import time from a V8 .cpuprofile of a cold CLI run: samples spent in Node's module
// loader (resolve, read, compile, link) or evaluating a module's top-level code, as opposed to
// the command's own work. The entry module's top level is the command's work (it calls main()).
import { bucketOf } from './profile-summary.mjs'

// The bin's own chunk loader (dist/bundle/loader.js: read, vm.Script compile or cache
// deserialisation, the CommonJS require between chunks) counts as Node's loader does.
const isLoader = (cf) => cf.url.startsWith('node:internal/modules/') || cf.url === 'node:vm' || cf.url.endsWith('/bundle/loader.js')
// A module's top level: an ES module's at 0:0; a bin chunk's (`*.cjs`) is the CommonJS wrapper
// the loader puts on its first line.
const isTopLevel = (cf) => cf.lineNumber === 0 && (cf.columnNumber === 0 || cf.url.endsWith('.cjs')) && cf.functionName === '' && cf.url.startsWith('file:')

/**
 * Split a profile into import time and the rest, in ms, with import time by package (the
 * module being evaluated; `node loader` for resolve/read/compile/link).
 * @param {object} profile parsed .cpuprofile
 * @param {string} entrySuffix the entry module's URL ends with this (e.g. 'dist/cli/main.js'; the
 *   bin's is its chunk, 'dist/bundle/main.cjs')
 */
export function importTime(profile, entrySuffix) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  // Classify each node once: the bucket its samples count as import time under, or null.
  const memo = new Map()
  const classify = (id) => {
    if (memo.has(id)) return memo.get(id)
    let result = null
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur).callFrame
      if (cf.url.endsWith(entrySuffix) && isTopLevel(cf)) break // main()'s own work
      if (isTopLevel(cf)) {
        result = bucketOf(cf.url)
        break
      }
      if (isLoader(cf)) {
        result = 'node loader (resolve, read, compile, link)'
        break
      }
    }
    memo.set(id, result)
    return result
  }
  let importUs = 0
  let otherUs = 0
  const buckets = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])
    const name = node.callFrame.functionName
    if (name === '(idle)' || name === '(program)') continue
    const dt = profile.timeDeltas[i] ?? 0
    const b = classify(node.id)
    if (b === null) otherUs += dt
    else {
      importUs += dt
      buckets.set(b, (buckets.get(b) ?? 0) + dt)
    }
  }
  const top = [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }))
  return { importMs: importUs / 1000, otherMs: otherUs / 1000, wallMs: (profile.endTime - profile.startTime) / 1000, byPackage: top }
}
