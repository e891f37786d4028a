// `npm run bench`: every performance target of issue 8, each next to a baseline measured in the
// same run. Each benchmark runs in its own child process (own heap, bounded in time); results
// go to a table on stdout and to bench/results.json.
//
//   node bench/run.mjs [--quick | --smoke] [--json] [--only scenario,policy] [--no-build] [--out FILE] [--list]
//
// --quick shortens every loop (same checks); --smoke runs one tiny iteration of each benchmark
// (harness check for tests, figures meaningless); --out writes the JSON somewhere other than
// bench/results.json. `npm run bench -- --json` prints the JSON only (npm itself prints its
// "> iamflow@... bench" banner first unless run as `npm run -s bench -- --json`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawn } from 'node:child_process'
import { BENCHES } from './benches/index.mjs'
import { ensureBuilt } from './lib/build.mjs'
import { machineFacts } from './lib/machine.mjs'
import { renderTable } from './lib/table.mjs'

const root = resolve(import.meta.dirname, '..')
const argv = process.argv.slice(2)
const flag = (name) => argv.includes(name)
const value = (name) => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`))
  if (i < 0) return undefined
  return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1]
}
const json = flag('--json')
const smoke = flag('--smoke')
const quick = flag('--quick') || smoke
const mode = smoke ? 'smoke' : quick ? 'quick' : 'full'
const log = (msg) => process.stderr.write(`${msg}\n`)

if (flag('--help') || flag('-h')) {
  log('usage: node bench/run.mjs [--quick | --smoke] [--json] [--only id,id] [--no-build] [--out FILE] [--list]')
  log(`benchmarks: ${BENCHES.map((b) => b.id).join(', ')}`)
  process.exit(0)
}
if (flag('--list')) {
  for (const b of BENCHES) log(`${b.n}. ${b.id.padEnd(12)} ${b.title} [${b.target}]`)
  process.exit(0)
}
const only = value('--only')?.split(',').map((s) => s.trim())
const unknown = only?.filter((id) => !BENCHES.some((b) => b.id === id || String(b.n) === id)) ?? []
if (unknown.length) {
  log(`unknown benchmark(s): ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.id).join(', ')})`)
  process.exit(2)
}
const chosen = BENCHES.filter((b) => !only || only.includes(b.id) || only.includes(String(b.n)))

// Process groups of running benchmarks: killed (by id) if we exit early.
const groups = new Set()
const killGroups = () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // gone already
    }
  }
}
const work = mkdtempSync(join(tmpdir(), 'iamflow-bench-'))
process.on('exit', () => {
  killGroups()
  rmSync(work, { recursive: true, force: true })
})
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(sig === 'SIGINT' ? 130 : 143))

function runChild(bench, file) {
  return new Promise((resolveRun) => {
    const limit = (smoke ? 60 : quick ? Math.ceil(bench.timeoutSec * 0.75) : bench.timeoutSec) * 1000
    const child = spawn(process.execPath, [join(import.meta.dirname, 'child.mjs'), bench.id, file, `--${mode}`], {
      cwd: root,
      detached: true, // its own process group: servers it starts die with it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', IAMFLOW_BENCH_TMP: work },
    })
    groups.add(child.pid)
    child.stdout.on('data', (d) => process.stderr.write(d))
    child.stderr.on('data', (d) => process.stderr.write(d))
    const timer = setTimeout(() => {
      log(`  ${bench.id}: no result after ${limit / 1000} s, stopping it`)
      process.kill(-child.pid, 'SIGKILL')
    }, limit)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      try {
        process.kill(-child.pid, 'SIGKILL') // anything it left behind
      } catch {
        // nothing left
      }
      groups.delete(child.pid)
      try {
        resolveRun(JSON.parse(readFileSync(file, 'utf8')))
      } catch {
        resolveRun({ error: `benchmark process ended (${signal ?? `exit ${code}`}) without a result${signal === 'SIGKILL' ? ` (time limit ${limit / 1000} s)` : ''}` })
      }
    })
  })
}

function statusOf(r) {
  if (r.error) return 'error'
  const s = r.checks.map((c) => c.status)
  if (s.includes('fail')) return 'fail'
  if (s.every((x) => x === 'skipped')) return 'skipped'
  return 'pass'
}

const started = new Date()
const build = flag('--no-build') ? { built: false, skipped: true } : ensureBuilt(root, log)
const machine = machineFacts(root)
log(`iamflow bench${mode === 'full' ? '' : ` --${mode}`}: ${chosen.length} benchmark(s) on ${machine.cpus} CPUs, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`)
const results = []
for (const bench of chosen) {
  log(`${bench.n}. ${bench.title} ...`)
  const r = await runChild(bench, join(work, `${bench.id}.json`))
  const entry = { n: bench.n, id: bench.id, title: bench.title, target: bench.target, ...r }
  entry.status = statusOf(entry)
  results.push(entry)
  log(`   ${entry.status}${r.seconds !== undefined ? ` (${r.seconds} s)` : ''}`)
}
const report = {
  startedAt: started.toISOString(),
  seconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
  mode,
  benches: chosen.map((b) => b.id),
  build,
  machine: { ...machine, loadAverageAtEnd: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100) },
  summary: Object.fromEntries(['pass', 'fail', 'skipped', 'error'].map((s) => [s, results.filter((r) => r.status === s).length])),
  results,
}
const outFile = resolve(value('--out') ?? join(import.meta.dirname, 'results.json'))
writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n')
if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
else {
  process.stdout.write(`${renderTable(results)}\n\n`)
  process.stdout.write(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryMB} MB; node ${machine.node}; python ${machine.python ?? '-'}, boto3 ${machine.boto3 ?? '-'}, moto ${machine.moto ?? '-'}; load ${machine.loadAverageAtStart.join(' ')} -> ${report.machine.loadAverageAtEnd.join(' ')}\n`)
  process.stdout.write(`${report.summary.pass} passed, ${report.summary.fail} missed a target, ${report.summary.skipped} skipped, ${report.summary.error} errored in ${report.seconds} s; written to ${outFile}\n`)
}
process.exitCode = report.summary.error > 0 ? 1 : 0
