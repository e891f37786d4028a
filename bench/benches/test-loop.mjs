// 12. The test loop (issue 19): the default `npm test` (vitest run, the README's test command)
// on this machine, wall time against the 3-minute target on 2 cores, with the CPU time of the
// whole process tree (the workers are children vitest waits for), vitest's own phase times, and
// the slowest files. Baseline in the same run: vitest starting and running one small file (what
// any run pays before the suite), and `node -e 0`.
// --smoke runs that one small file only (a check of this harness), and reports the check skipped.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { round } from '../lib/stats.mjs'

const TARGET_S = 180
/** A small file of the default suite with no I/O: vitest's own start-up and teardown. */
const PROBE = 'src/safe-object.test.ts'
/** Output kept from vitest: its summary is at the end; the rest only matters on failure. */
const KEEP_CHARS = 64 * 1024
const CLOCK_TICKS = 100

/** User + system CPU seconds of this process's waited-for children (`/proc/self/stat` cutime, cstime). */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS
  } catch {
    return NaN
  }
}

/** Run vitest with the default and JSON reporters; resolve with wall/CPU time, its summary and the JSON report. */
function vitest(ctx, files, limitMs) {
  const out = join(ctx.tmp('iamflow-test-loop-'), 'report.json')
  const args = [ctx.path('node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...files]
  return new Promise((resolve) => {
    const cpu0 = childCpuSeconds()
    const t0 = performance.now()
    const child = spawn(process.execPath, args, { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } })
    let text = ''
    const keep = (d) => {
      text = (text + d.toString()).slice(-KEEP_CHARS)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      const wallS = (performance.now() - t0) / 1000
      const cpuS = childCpuSeconds() - cpu0
      let report
      try {
        report = JSON.parse(readFileSync(out, 'utf8'))
      } catch {
        report = undefined
      }
      resolve({ code, signal, wallS, cpuS, text, report })
    })
  })
}

/** vitest's `Duration  166.10s (transform 81.14s, setup 0ms, import 29.61s, tests 290.88s, environment 17ms)`. */
export function phases(text) {
  const line = text.replace(/\x1b\[[0-9;]*m/g, '').match(/Duration\s+([\d.]+)(ms|s)\s*\(([^)]*)\)/)
  if (!line) return undefined
  const seconds = (n, unit) => (unit === 'ms' ? Number(n) / 1000 : Number(n))
  const out = { durationS: round(seconds(line[1], line[2]), 2) }
  for (const part of line[3].split(',')) {
    const m = part.trim().match(/^(\w+)\s+([\d.]+)(ms|s)$/)
    if (m) out[`${m[1]}S`] = round(seconds(m[2], m[3]), 2)
  }
  return out
}

/** The slowest files of a vitest JSON report, by their own duration. */
function slowest(report, root, n) {
  const files = (report?.testResults ?? []).map((f) => ({ file: f.name.startsWith(root) ? f.name.slice(root.length + 1) : f.name, seconds: round((f.endTime - f.startTime) / 1000, 1) }))
  return files.sort((a, b) => b.seconds - a.seconds).slice(0, n)
}

function nodeStartMs() {
  return new Promise((resolve) => {
    const t0 = performance.now()
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).once('exit', () => resolve(performance.now() - t0))
  })
}

export async function run(ctx) {
  const cores = availableParallelism()
  const loadBefore = loadavg().map((x) => round(x, 2))
  const nodeMs = await nodeStartMs()
  const probe = await vitest(ctx, [PROBE], 120_000)
  if (probe.code !== 0) throw new Error(`vitest run ${PROBE} failed (${probe.signal ?? `exit ${probe.code}`}):\n${probe.text.slice(-4000)}`)
  const probeFigures = { wallS: round(probe.wallS, 2), cpuS: round(probe.cpuS, 2), phases: phases(probe.text) }
  if (ctx.smoke) {
    return {
      figures: { cores, nodeStartMs: round(nodeMs, 0), probe: probeFigures },
      checks: [ctx.check({ name: 'default npm test, wall time', unit: 's', op: '<=', target: TARGET_S, skip: `--smoke runs one file (${PROBE}), not the suite` })],
      notes: [`smoke: vitest ran ${PROBE} in ${round(probe.wallS, 2)} s; the whole suite runs in quick and full mode`],
    }
  }
  const suite = await vitest(ctx, [], 900_000)
  const loadAfter = loadavg().map((x) => round(x, 2))
  const counts = suite.report ? { files: suite.report.numTotalTestSuites, tests: suite.report.numTotalTests, failed: suite.report.numFailedTests } : undefined
  const passed = suite.code === 0
  const figures = {
    cores,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAfter,
    nodeStartMs: round(nodeMs, 0),
    probe: probeFigures,
    suite: { wallS: round(suite.wallS, 1), cpuS: round(suite.cpuS, 1), exit: suite.signal ?? suite.code, counts, phases: phases(suite.text), slowestFiles: slowest(suite.report, ctx.root, 10) },
  }
  const notes = [
    `${cores} cores; load ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after. The target is for 2 cores: on more cores the figure flatters, on a loaded machine it does not.`,
    `vitest alone (one small file): ${round(probe.wallS, 2)} s; node -e 0: ${round(nodeMs, 0)} ms`,
  ]
  if (!passed) notes.push(`npm test did not pass (${suite.signal ?? `exit ${suite.code}`}): the time is not a valid figure.\n${suite.text.slice(-3000)}`)
  return {
    figures,
    checks: [
      ctx.check({
        name: `default npm test on ${cores} cores, wall time`,
        value: passed ? round(suite.wallS, 1) : NaN,
        unit: 's',
        op: '<=',
        target: TARGET_S,
        baseline: `vitest on one file ${round(probe.wallS, 1)} s; suite CPU ${round(suite.cpuS, 0)} s (${round(suite.cpuS / suite.wallS, 2)} cores busy)`,
      }),
    ],
    notes,
  }
}
