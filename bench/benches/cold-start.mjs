// 2. `iamflow run scenarios/assume-role.yaml` as a user runs it: a fresh node process, wall
// time from spawn to exit, median of 10. Baselines in the same run, interleaved: bare
// `node -e 0` and `iamflow --version` (yargs only). Module import time comes from --cpu-prof
// runs (samples in Node's loader or in module top-level code). Experiment: the same command
// from a one-file bundle of dist/ (rolldown, if installed) shows what bundling would save.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runToEnd } from '../lib/children.mjs'
import { importTime } from '../lib/import-time.mjs'
import { summarise } from '../lib/profile-summary.mjs'
import { median, round } from '../lib/stats.mjs'

const TARGET_S = 0.8

async function bundle(ctx, outDir) {
  const entry = ctx.path('node_modules/rolldown/dist/index.mjs')
  if (!existsSync(entry)) return { skip: 'rolldown is not installed (it comes with vitest)' }
  try {
    const { rolldown } = await import(pathToFileURL(entry).href)
    const b = await rolldown({ input: ctx.path('dist/cli/main.js'), platform: 'node', logLevel: 'silent' })
    await b.write({ dir: outDir, format: 'esm', entryFileNames: 'main.mjs' })
    await b.close?.()
    return { main: join(outDir, 'main.mjs') }
  } catch (err) {
    return { skip: `bundling failed: ${err.message.split('\n')[0]}` }
  }
}

export async function run(ctx) {
  const cwd = ctx.tmp()
  const runsDir = join(cwd, 'runs')
  const scenario = ctx.path('scenarios/assume-role.yaml')
  const main = ctx.path('dist/cli/main.js')
  const env = { ...process.env, NO_COLOR: '1' }
  const cli = (entry) => [entry, 'run', scenario, '--runs-dir', runsDir]
  const exec = async (args, { expectZero = true } = {}) => {
    const r = await runToEnd(process.execPath, args, { cwd, env, timeoutMs: 30_000 })
    if (expectZero && r.code !== 0) throw new Error(`node ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(-400)}${r.stdout.slice(-400)}`)
    return r.ms
  }
  const b = ctx.smoke ? { skip: 'not in smoke mode' } : await bundle(ctx, join(cwd, 'bundle'))
  const n = ctx.pick({ full: 10, quick: 5, smoke: 1 })
  const times = { run: [], version: [], node: [], bundled: [] }
  await exec(cli(main)) // page cache warm: every file read once, as on a second invocation
  if (b.main) await exec(cli(b.main))
  for (let i = 0; i < n; i++) {
    times.node.push(await exec(['-e', '0']))
    times.version.push(await exec([main, '--version']))
    times.run.push(await exec(cli(main)))
    if (b.main) times.bundled.push(await exec(cli(b.main)))
  }
  // How many modules the command loads (ESM loader only: CommonJS files that the SDK's CJS
  // builds require() internally are not counted).
  const loadLog = join(cwd, 'loads.txt')
  await runToEnd(process.execPath, ['--import', ctx.path('bench/lib/count-modules/register.mjs'), ...cli(main)], { cwd, env: { ...env, IAMFLOW_BENCH_LOAD_LOG: loadLog }, timeoutMs: 30_000 })
  const loaded = existsSync(loadLog) ? readFileSync(loadLog, 'utf8').trim().split('\n') : []
  const modules = {
    esmLoaded: loaded.length,
    ours: loaded.filter((l) => l.includes('/dist/') && !l.includes('/node_modules/')).length,
    dependencies: loaded.filter((l) => l.includes('/node_modules/')).length,
    builtins: loaded.filter((l) => l.startsWith('builtin ')).length,
  }
  // Import time: the same command under --cpu-prof (profiling slows it a little; see wall).
  const profDir = join(cwd, 'prof')
  const profiles = []
  for (let i = 0; i < ctx.pick({ full: 3, quick: 2, smoke: 1 }); i++) {
    await exec([`--cpu-prof`, `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval', '250', ...cli(main)])
  }
  for (const f of readdirSync(profDir)) profiles.push(JSON.parse(readFileSync(join(profDir, f), 'utf8')))
  const splits = profiles.map((p) => ({ ...importTime(p, 'dist/cli/main.js'), profile: p })).sort((a, c) => a.importMs - c.importMs)
  const mid = splits[splits.length >> 1]
  const runMed = median(times.run) / 1000
  const figures = {
    runWallMs: times.run.map((x) => round(x, 1)),
    medianRunS: round(runMed, 3),
    bareNodeMedianMs: round(median(times.node), 1),
    versionMedianMs: round(median(times.version), 1),
    importMs: round(mid.importMs, 1),
    importShareOfProfiledRun: round(mid.importMs / mid.wallMs, 2),
    profiledRunWallMs: round(mid.wallMs, 1),
    importByPackage: mid.byPackage,
    modules,
  }
  const checks = [
    ctx.check({ name: `iamflow run assume-role.yaml, median of ${n}`, value: round(runMed, 3), unit: 's', op: '<=', target: TARGET_S, baseline: `node -e 0: ${round(median(times.node), 0)} ms; --version: ${round(median(times.version), 0)} ms` }),
  ]
  const notes = [
    `module import time ${round(mid.importMs, 0)} ms of a ${round(mid.wallMs, 0)} ms profiled run (${round((100 * mid.importMs) / mid.wallMs, 0)}%); ${mid.byPackage[0]?.name}: ${mid.byPackage[0]?.ms} ms; ${modules.esmLoaded} modules through the ESM loader (${modules.ours} of iamflow's dist/, ${modules.dependencies} from node_modules)`,
  ]
  if (b.main) {
    figures.bundledMedianS = round(median(times.bundled) / 1000, 3)
    notes.push(`experiment: the same command from a one-file rolldown bundle of dist/ takes ${figures.bundledMedianS} s (median of ${n}, same run): bundling the CLI is what would close most of the import gap`)
  } else notes.push(`bundle experiment skipped: ${b.skip}`)
  return { figures, checks, notes, profile: summarise(mid.profile, 8) }
}
