// 8. 100 scenario files (copies of scenarios/assume-role.yaml with distinct names) run by the
// CLI's bin (dist/bundle/main.js, what `npx iamflow` starts; its worker threads load the bundle's
// worker-main.js) with `--parallel 8`, wall time from spawn to exit; baseline: the same files with
// `--parallel 1` (serial), interleaved, same run. Each file gets a fresh embedded emulator.
// iamflow leaves V8's flags alone; a figure (not a check) also measures the documented opt-in,
// `node --max-opt=1` (V8's optimizing compiler capped for the whole process, workers included).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runToEnd } from '../lib/children.mjs'
import { median, round } from '../lib/stats.mjs'

const FILES_FULL = 100
const TARGET_S = 3

export async function run(ctx) {
  const FILES = ctx.pick({ full: FILES_FULL, smoke: 4 })
  const dir = ctx.tmp()
  const scenarios = join(dir, 'scenarios')
  mkdirSync(scenarios)
  const source = readFileSync(ctx.path('scenarios/assume-role.yaml'), 'utf8')
  if (!/^name: assume-role$/m.test(source)) throw new Error('scenarios/assume-role.yaml has no top-level "name: assume-role" line to rename')
  for (let i = 0; i < FILES; i++) {
    const n = String(i).padStart(3, '0')
    writeFileSync(join(scenarios, `assume-role-${n}.yaml`), source.replace(/^name: assume-role$/m, `name: assume-role-${n}`).replace('../schema/', `${ctx.path('schema')}/`))
  }
  const runOnce = async (parallel, tag, nodeArgs = []) => {
    const report = join(dir, `report-${tag}.json`)
    const r = await runToEnd(process.execPath, [...nodeArgs, ctx.path('dist/bundle/main.js'), 'run', scenarios, '--parallel', String(parallel), '--runs-dir', join(dir, 'runs'), '--reporter', 'json', '--output', report], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      timeoutMs: 180_000,
    })
    if (r.code !== 0) throw new Error(`run --parallel ${parallel} exited ${r.code}: ${r.stderr.slice(-600)}`)
    const json = JSON.parse(readFileSync(report, 'utf8'))
    const summary = json.summary ?? json
    if (summary.passed !== undefined && summary.passed !== FILES) throw new Error(`--parallel ${parallel}: ${summary.passed} of ${FILES} passed`)
    return { wallMs: r.ms, suiteMs: summary.durationMs }
  }
  const rounds = ctx.pick({ full: 2, quick: 1 })
  const par = []
  const ser = []
  const capped = []
  for (let i = 0; i < rounds; i++) {
    par.push(await runOnce(8, `p${i}`))
    ser.push(await runOnce(1, `s${i}`))
    capped.push(await runOnce(8, `c${i}`, ['--max-opt=1']))
  }
  const p = median(par.map((x) => x.wallMs)) / 1000
  const s = median(ser.map((x) => x.wallMs)) / 1000
  const c = median(capped.map((x) => x.wallMs)) / 1000
  const suite = (xs) => (xs.every((x) => typeof x.suiteMs === 'number') ? round(median(xs.map((x) => x.suiteMs)) / 1000, 2) : null)
  return {
    figures: { files: FILES, parallel8: par, serial: ser, parallel8MaxOpt1: capped, parallelWallS: round(p, 2), serialWallS: round(s, 2), maxOpt1WallS: round(c, 2), parallelSuiteS: suite(par), serialSuiteS: suite(ser) },
    checks: [
      ctx.check({ name: `${FILES} files, --parallel 8, wall`, value: round(p, 2), unit: 's', op: '<=', target: TARGET_S, baseline: `serial ${round(s, 2)} s (speed-up ${round(s / p, 2)}x)` }),
    ],
    notes: [
      `speed-up over serial ${round(s / p, 2)}x; inside the suite (reporter's duration) ${suite(par)} s parallel vs ${suite(ser)} s serial; files run on a worker-thread pool (one per core) with a fresh emulator each`,
      `opt-in \`node --max-opt=1\` (not iamflow's default): ${round(c, 2)} s, ${round(p / c, 2)}x faster than the default`,
    ],
  }
}
