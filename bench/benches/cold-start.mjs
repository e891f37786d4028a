// 2. `iamflow run scenarios/assume-role.yaml` as a user runs it: a fresh node process starting
// the `bin` (dist/bundle/main.js, the rolldown bundle `npm run build` makes), wall time from
// spawn to exit, median of 10; `iamflow --version` likewise. Baselines in the same run,
// interleaved: bare `node -e 0`, and the same commands from tsc's unbundled output
// (dist/cli/main.js, what the bin was before the bundle). Module import time comes from
// --cpu-prof runs (samples in Node's loader or in module top-level code). CPU time (user + sys
// of the child, from /proc of this process's children) is reported beside wall time: on a
// loaded machine it moves much less.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runToEnd } from '../lib/children.mjs'
import { importTime } from '../lib/import-time.mjs'
import { summarise } from '../lib/profile-summary.mjs'
import { median, round } from '../lib/stats.mjs'

const TARGET_S = 0.4
const VERSION_TARGET_S = 0.15

/** CPU seconds (user + sys) of this process's reaped children so far (Linux; 0 elsewhere). */
function childrenCpuS() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[13]) + Number(f[14])) / 100 // cutime, cstime in clock ticks (USER_HZ = 100)
  } catch {
    return 0
  }
}

export async function run(ctx) {
  const cwd = ctx.tmp()
  const runsDir = join(cwd, 'runs')
  const scenario = ctx.path('scenarios/assume-role.yaml')
  const main = ctx.path(JSON.parse(readFileSync(ctx.path('package.json'), 'utf8')).bin.iamflow)
  const unbundled = ctx.path('dist/cli/main.js')
  // The bin's V8 code cache (src/cli/code-cache.ts) in this run's own directory: `run` and
  // `--version` are measured with it filled by the warm-up run (a second invocation), and `run`
  // also with an empty one each time (a first invocation: compiled from source, the cache
  // written at exit) and with the cache off.
  const codeCache = join(cwd, 'code-cache')
  const env = { ...process.env, NO_COLOR: '1', IAMFLOW_COMPILE_CACHE: codeCache }
  const cli = (entry) => [entry, 'run', scenario, '--runs-dir', runsDir]
  const cpu = { run: [], runCacheCold: [], runCacheOff: [], version: [], node: [], unbundled: [], unbundledVersion: [] }
  let coldDirs = 0
  const exec = async (args, { expectZero = true, cpuInto, cache = 'warm' } = {}) => {
    const c0 = childrenCpuS()
    const cacheEnv = cache === 'off' ? { IAMFLOW_DISABLE_COMPILE_CACHE: '1' } : cache === 'cold' ? { IAMFLOW_COMPILE_CACHE: join(cwd, `code-cache-cold-${coldDirs++}`) } : {}
    const r = await runToEnd(process.execPath, args, { cwd, env: { ...env, ...cacheEnv }, timeoutMs: 30_000 })
    if (expectZero && r.code !== 0) throw new Error(`node ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(-400)}${r.stdout.slice(-400)}`)
    cpuInto?.push(childrenCpuS() - c0)
    return r.ms
  }
  const n = ctx.pick({ full: 10, quick: 5, smoke: 1 })
  const times = { run: [], runCacheCold: [], runCacheOff: [], version: [], node: [], unbundled: [], unbundledVersion: [] }
  await exec(cli(main)) // page cache warm: every file read once, as on a second invocation
  await exec(cli(unbundled))
  for (let i = 0; i < n; i++) {
    times.node.push(await exec(['-e', '0'], { cpuInto: cpu.node }))
    times.version.push(await exec([main, '--version'], { cpuInto: cpu.version }))
    times.run.push(await exec(cli(main), { cpuInto: cpu.run }))
    times.runCacheCold.push(await exec(cli(main), { cpuInto: cpu.runCacheCold, cache: 'cold' }))
    times.runCacheOff.push(await exec(cli(main), { cpuInto: cpu.runCacheOff, cache: 'off' }))
    times.unbundledVersion.push(await exec([unbundled, '--version'], { cpuInto: cpu.unbundledVersion }))
    times.unbundled.push(await exec(cli(unbundled), { cpuInto: cpu.unbundled }))
  }
  // How many modules the command loads (ESM loader only: CommonJS files that the SDK's CJS
  // builds require() internally are not counted).
  const loadLog = join(cwd, 'loads.txt')
  await runToEnd(process.execPath, ['--import', ctx.path('bench/lib/count-modules/register.mjs'), ...cli(main)], { cwd, env: { ...env, IAMFLOW_BENCH_LOAD_LOG: loadLog }, timeoutMs: 30_000 })
  const loaded = existsSync(loadLog) ? readFileSync(loadLog, 'utf8').trim().split('\n') : []
  const modules = {
    esmLoaded: loaded.length,
    ours: loaded.filter((l) => l.includes('/dist/') && !l.includes('/node_modules/')).length,
    // ESM modules the unbundled tsc output loads for the same command (measured below).
    unbundled: undefined,
    dependencies: loaded.filter((l) => l.includes('/node_modules/')).length,
    builtins: loaded.filter((l) => l.startsWith('builtin ')).length,
  }
  const unbundledLog = join(cwd, 'loads-unbundled.txt')
  await runToEnd(process.execPath, ['--import', ctx.path('bench/lib/count-modules/register.mjs'), ...cli(unbundled)], { cwd, env: { ...env, IAMFLOW_BENCH_LOAD_LOG: unbundledLog }, timeoutMs: 30_000 })
  try {
    modules.unbundled = readFileSync(unbundledLog, 'utf8').trim().split('\n').length
  } catch {
    delete modules.unbundled
  }
  // Import time: the same command under --cpu-prof (profiling slows it a little; see wall).
  const profDir = join(cwd, 'prof')
  const profiles = []
  for (let i = 0; i < ctx.pick({ full: 3, quick: 2, smoke: 1 }); i++) {
    await exec([`--cpu-prof`, `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval', '250', ...cli(main)])
  }
  for (const f of readdirSync(profDir)) profiles.push(JSON.parse(readFileSync(join(profDir, f), 'utf8')))
  // The bin's main.js hands its chunk, main.cjs, to the chunk loader: main.cjs's top level is the command's work.
  const entrySuffix = main.slice(ctx.path('').length).replace(/^\/+/, '').replace(/\/bundle\/main\.js$/, '/bundle/main.cjs')
  const splits = profiles.map((p) => ({ ...importTime(p, entrySuffix), profile: p })).sort((a, c) => a.importMs - c.importMs)
  const mid = splits[splits.length >> 1]
  const runMed = median(times.run) / 1000
  const figures = {
    runWallMs: times.run.map((x) => round(x, 1)),
    medianRunS: round(runMed, 3),
    cacheColdRunMedianS: round(median(times.runCacheCold) / 1000, 3),
    cacheOffRunMedianS: round(median(times.runCacheOff) / 1000, 3),
    bareNodeMedianMs: round(median(times.node), 1),
    versionMedianMs: round(median(times.version), 1),
    unbundledRunMedianS: round(median(times.unbundled) / 1000, 3),
    unbundledVersionMedianMs: round(median(times.unbundledVersion), 1),
    cpuMedianS: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v.length ? round(median(v), 3) : null])),
    importMs: round(mid.importMs, 1),
    importShareOfProfiledRun: round(mid.importMs / mid.wallMs, 2),
    profiledRunWallMs: round(mid.wallMs, 1),
    importByPackage: mid.byPackage,
    modules,
  }
  const versionS = median(times.version) / 1000
  const checks = [
    ctx.check({ name: `iamflow run assume-role.yaml (bin), median of ${n}`, value: round(runMed, 3), unit: 's', op: '<=', target: TARGET_S, baseline: `node -e 0: ${round(median(times.node), 0)} ms; unbundled dist/cli/main.js: ${round(median(times.unbundled), 0)} ms (${round(median(times.unbundled) / median(times.run), 2)}x the bin); the bin's first run (code cache empty): ${round(median(times.runCacheCold), 0)} ms, cache off: ${round(median(times.runCacheOff), 0)} ms` }),
    ctx.check({ name: `iamflow --version (bin), median of ${n}`, value: round(versionS, 3), unit: 's', op: '<=', target: VERSION_TARGET_S, baseline: `node -e 0: ${round(median(times.node), 0)} ms; unbundled: ${round(median(times.unbundledVersion), 0)} ms` }),
  ]
  const notes = [
    `module import time ${round(mid.importMs, 0)} ms of a ${round(mid.wallMs, 0)} ms profiled run (${round((100 * mid.importMs) / mid.wallMs, 0)}%); ${mid.byPackage[0]?.name}: ${mid.byPackage[0]?.ms} ms; ${modules.esmLoaded} modules through the ESM loader (${modules.unbundled ?? '?'} for the unbundled build)`,
    `CPU seconds (median, user + sys): run ${figures.cpuMedianS.run} (code cache empty ${figures.cpuMedianS.runCacheCold}, off ${figures.cpuMedianS.runCacheOff}; unbundled ${figures.cpuMedianS.unbundled}), --version ${figures.cpuMedianS.version} (unbundled ${figures.cpuMedianS.unbundledVersion}), node -e 0 ${figures.cpuMedianS.node}`,
  ]
  return { figures, checks, notes, profile: summarise(mid.profile, 8) }
}
